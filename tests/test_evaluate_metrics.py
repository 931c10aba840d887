"""Scores by hand: Jaccard per label as the seed scored it, precision/recall/F1, micro and macro, exact
match, Hamming loss, location overlap; bootstrap intervals that resample problems, not samples."""

from __future__ import annotations

import numpy as np
import pytest

from declean.detect.base import Location
from declean.evaluate.bootstrap import intervals, resampled_totals
from declean.evaluate.metrics import Case, score

LABELS = ["DRY", "MC", "NAME"]


def case(sample: str, truth: list[str], predicted: list[str], problem: str | None = None) -> Case:
    return Case(sample_id=sample, problem_id=problem or sample, truth=truth, predicted=predicted)


CASES = [
    case("a", ["DRY"], ["DRY"]),  # DRY tp
    case("b", ["DRY", "MC"], ["DRY"]),  # DRY tp, MC fn
    case("c", [], ["MC"]),  # MC fp
    case("d", ["MC"], ["MC", "DRY"]),  # MC tp, DRY fp
    case("e", [], []),
]


def test_per_label_scores_by_hand() -> None:
    scores = score(CASES, LABELS)
    dry, mc, name = (scores.per_label[label] for label in LABELS)
    assert (dry.counts.tp, dry.counts.fp, dry.counts.fn, dry.counts.tn) == (2, 1, 0, 2)
    assert dry.jaccard == pytest.approx(2 / 3) and dry.precision == pytest.approx(2 / 3) and dry.recall == 1.0
    assert dry.f1 == pytest.approx(0.8) and dry.support == 2 and dry.predicted == 3
    assert (mc.counts.tp, mc.counts.fp, mc.counts.fn) == (1, 1, 1) and mc.jaccard == pytest.approx(1 / 3)
    assert mc.f1 == pytest.approx(0.5)
    # NAME never occurs and is never predicted: Jaccard 1 by the stated convention, P/R/F1 0
    assert name.jaccard == 1.0 and name.precision == name.recall == name.f1 == 0.0 and name.support == 0


def test_averages_exact_match_and_hamming_loss_by_hand() -> None:
    scores = score(CASES, LABELS)
    # pooled: tp 3, fp 2, fn 1
    assert scores.micro["precision"] == pytest.approx(3 / 5) and scores.micro["recall"] == pytest.approx(
        3 / 4
    )
    assert scores.micro["jaccard"] == pytest.approx(3 / 6)
    assert scores.macro["jaccard"] == pytest.approx((2 / 3 + 1 / 3 + 1.0) / 3)
    assert scores.exact_match == pytest.approx(2 / 5)  # a and e
    assert scores.hamming_loss == pytest.approx(3 / 15)
    assert scores.samples == 5 and scores.problems == 5
    assert scores.headline()["jaccard_DRY"] == pytest.approx(0.6667, abs=1e-4)


def test_location_overlap_counts_true_positives_with_locations_on_both_sides() -> None:
    here = Location(function="main", start_line=10, end_line=14)
    cases = [
        Case(
            sample_id="hit",
            problem_id="p",
            truth=["DRY"],
            predicted=["DRY"],
            true_locations={"DRY": [here]},
            predicted_locations={"DRY": [Location(start_line=14, end_line=20)]},
        ),
        Case(
            sample_id="miss",
            problem_id="p",
            truth=["DRY"],
            predicted=["DRY"],
            true_locations={"DRY": [here]},
            predicted_locations={"DRY": [Location(start_line=1, end_line=9)]},
        ),
        Case(sample_id="unlocated", problem_id="p", truth=["DRY"], predicted=["DRY"]),
    ]
    scores = score(cases, ["DRY", "MC"])
    assert scores.per_label["DRY"].location_overlap == 0.5
    assert scores.per_label["MC"].location_overlap is None


def test_intervals_resample_problems_so_one_big_problem_is_one_draw() -> None:
    right = [case(f"r{i}", ["DRY"], ["DRY"]) for i in range(10)]
    # 50 wrong samples of ONE problem vs 50 wrong samples of 50 problems: the same point estimate...
    clustered = right + [case(f"w{i}", ["DRY"], [], problem="big") for i in range(50)]
    spread = right + [case(f"w{i}", ["DRY"], []) for i in range(50)]
    assert (
        score(clustered, ["DRY"]).per_label["DRY"].jaccard == score(spread, ["DRY"]).per_label["DRY"].jaccard
    )
    low_c, high_c = intervals(clustered, ["DRY"], seed=1)["DRY.jaccard"]
    low_s, high_s = intervals(spread, ["DRY"], seed=1)["DRY.jaccard"]
    # ...but the problem-level uncertainty is far wider when the errors are one problem's
    assert high_c - low_c > 3 * (high_s - low_s)
    assert low_c <= 10 / 60 <= high_c and low_s <= 10 / 60 <= high_s


def test_intervals_are_seeded_contain_the_estimate_and_degenerate_when_all_is_right() -> None:
    assert intervals(CASES, LABELS, seed=3) == intervals(CASES, LABELS, seed=3)
    found = intervals(CASES, LABELS, seed=3)
    low, high = found["DRY.jaccard"]
    assert low <= score(CASES, LABELS).per_label["DRY"].jaccard <= high
    perfect = [case(str(i), ["MC"], ["MC"]) for i in range(20)]
    assert intervals(perfect, ["MC"])["MC.jaccard"] == (1.0, 1.0)
    assert intervals(perfect, ["MC"])["exact_match"] == (1.0, 1.0)


def test_intervals_over_many_problems_are_narrow() -> None:
    cases = [
        case(str(i), ["DRY"] if i % 3 else [], ["DRY"] if i % 4 else [], problem=f"p{i % 700}")
        for i in range(10_000)
    ]
    low, high = intervals(cases, LABELS, resamples=1000)["DRY.jaccard"]
    assert low < score(cases, LABELS).per_label["DRY"].jaccard < high and high - low < 0.05


def test_micro_and_macro_differ_when_labels_differ_in_support() -> None:
    # DRY: 9 samples, all found (tp 9). SRP: 1 sample, missed (fn 1), and 1 false alarm (fp 1).
    cases = [case(f"d{i}", ["DRY"], ["DRY"]) for i in range(9)]
    cases += [case("s", ["SRP"], []), case("x", [], ["SRP"])]
    scores = score(cases, ["DRY", "SRP"])
    assert scores.per_label["DRY"].f1 == 1.0 and scores.per_label["SRP"].f1 == 0.0
    assert scores.per_label["SRP"].precision == 0.0 and scores.per_label["SRP"].recall == 0.0
    # micro pools the decisions: tp 9, fp 1, fn 1 -> P = R = F1 = 9/10, Jaccard 9/11
    assert scores.micro["precision"] == pytest.approx(0.9) and scores.micro["recall"] == pytest.approx(0.9)
    assert scores.micro["f1"] == pytest.approx(0.9) and scores.micro["jaccard"] == pytest.approx(9 / 11)
    # macro averages the labels: the rare label weighs as much as the common one
    assert scores.macro["f1"] == pytest.approx(0.5) and scores.macro["jaccard"] == pytest.approx(0.5)
    assert scores.exact_match == pytest.approx(9 / 11)
    assert scores.hamming_loss == pytest.approx(2 / (11 * 2))


def test_a_label_only_ever_predicted_scores_zero_and_labels_outside_the_scored_ones_are_ignored() -> None:
    cases = [case("a", [], ["SRP"]), case("b", ["NO_COMPILE"], ["NO_COMPILE", "DRY"]), case("c", [], [])]
    scores = score(cases, ["SRP", "DRY"])
    srp = scores.per_label["SRP"]
    assert (srp.support, srp.predicted, srp.jaccard, srp.precision, srp.recall, srp.f1) == (0, 1, 0, 0, 0, 0)
    # NO_COMPILE is not scored: "b" is wrong only for its DRY; "c" is right
    assert scores.exact_match == pytest.approx(1 / 3) and scores.hamming_loss == pytest.approx(2 / 6)
    assert score([], ["DRY"]).exact_match == 0.0 and score([], ["DRY"]).hamming_loss == 0.0


def test_location_overlap_needs_a_shared_line_and_ignores_false_positives() -> None:
    true = {"MC": [Location(start_line=3, end_line=3), Location(start_line=20, end_line=25)]}

    def located(sample: str, truth: list[str], start: int, end: int) -> Case:
        return Case(
            sample_id=sample,
            problem_id=sample,
            truth=truth,
            predicted=["MC"],
            true_locations=true if truth else {},
            predicted_locations={"MC": [Location(start_line=start, end_line=end)]},
        )

    cases = [
        located("second-range", ["MC"], 25, 30),  # touches line 25 of the second true range
        located("between", ["MC"], 4, 19),  # between the two ranges: no shared line
        located("single-line", ["MC"], 1, 3),  # covers line 3
        located("false-positive", [], 3, 3),  # not a true positive: not judged
    ]
    assert score(cases, ["MC"]).per_label["MC"].location_overlap == pytest.approx(2 / 3)


def test_intervals_cover_every_key_and_depend_on_the_seed() -> None:
    found = intervals(CASES, LABELS, resamples=200, seed=5)
    expected = {f"{label}.{name}" for label in LABELS for name in ("jaccard", "precision", "recall", "f1")}
    expected |= {"micro.f1", "micro.jaccard", "macro.f1", "macro.jaccard", "exact_match"}
    assert set(found) == expected
    assert all(0.0 <= low <= high <= 1.0 for low, high in found.values())
    assert found != intervals(CASES, LABELS, resamples=200, seed=6)
    scores = score(CASES, LABELS)
    for key, value in [("micro.f1", scores.micro["f1"]), ("macro.f1", scores.macro["f1"])]:
        assert found[key][0] <= value <= found[key][1]
    assert found["exact_match"][0] <= scores.exact_match <= found["exact_match"][1]
    assert intervals([], LABELS) == {} and intervals(CASES, []) == {}
    with pytest.raises(ValueError, match="at least 1"):
        intervals(CASES, LABELS, resamples=0)


def test_a_resample_draws_as_many_problems_as_there_are_with_replacement() -> None:
    # one column: the samples of each problem (1 and 10). Two draws per resample give 2, 11 or 20
    # samples: 20 only when the big problem is drawn twice, which a draw without replacement never does
    totals = resampled_totals(np.array([[1.0], [10.0]]), 1000, np.random.default_rng(0))
    assert totals.shape == (1000, 1) and set(totals[:, 0]) == {2.0, 11.0, 20.0}
    assert 150 < (totals[:, 0] == 20.0).sum() < 350  # about a quarter of the resamples
    # so with one right and one wrong problem, exact match is 1, 1/2 or 0 and the interval spans [0, 1]
    cases = [case("g", ["DRY"], ["DRY"], problem="good"), case("b", ["DRY"], [], problem="bad")]
    assert intervals(cases, ["DRY"], seed=0)["exact_match"] == (0.0, 1.0)
