"""Scores by hand: Jaccard per label as the seed scored it, precision/recall/F1, micro and macro, exact
match, Hamming loss, location overlap; bootstrap intervals that resample problems, not samples."""

from __future__ import annotations

import pytest

from declean.detect.base import Location
from declean.evaluate.bootstrap import intervals
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
