"""The split by problem over many seeds: no problem in two splits, label shares within a few points,
sizes near their targets, an earlier version's placement kept."""

from __future__ import annotations

import random

import pytest

from declean.data.records import DatasetRecord
from declean.data.split import CLEAN, problem_groups, split_by_problem
from declean.errors import DatasetError

LABELS = ["DRY", "SRP", "MC", "NAME", "NO_COMPILE"]


def synthetic(problems: int, seed: int) -> list[DatasetRecord]:
    """Problems of 3 to 14 records each, label sets drawn per problem with uneven label rates, so a
    careless split would put most of one label on one side."""
    rng = random.Random(seed)
    records = []
    for problem in range(problems):
        rates = {label: rng.uniform(0.05, 0.8) for label in LABELS}
        for index in range(rng.randint(3, 14)):
            labels = [label for label in LABELS if rng.random() < rates[label]]
            records.append(
                DatasetRecord(
                    id=f"p{problem}/{index}",
                    problem_id=f"p{problem}",
                    statement="",
                    code="",
                    labels=labels,
                    source="accepted",
                    run_id="r",
                    sample_id=str(index),
                )
            )
    return records


def shares(records: list[DatasetRecord], split_of: dict[str, str], split: str) -> dict[str, float]:
    members = [r for r in records if split_of[r.problem_id] == split]
    return {label: sum(label in r.labels for r in members) / len(members) for label in LABELS} | {
        CLEAN: sum(not r.labels for r in members) / len(members)
    }


@pytest.mark.parametrize("seed", range(30))
def test_sixty_problems_split_in_half_within_a_few_points(seed: int) -> None:
    records = synthetic(60, seed)
    split_of, report = split_by_problem(records, LABELS, test_size=0.5, seed=seed)
    assert set(split_of) == {r.problem_id for r in records}  # every problem has exactly one split
    train, test = shares(records, split_of, "train"), shares(records, split_of, "test")
    largest = max(abs(train[label] - test[label]) for label in train)
    assert largest == pytest.approx(report.largest_difference, abs=1e-4)
    assert largest <= 0.03
    assert abs(report.records["test"] / len(records) - 0.5) <= 0.03


@pytest.mark.parametrize("seed", range(10))
def test_three_splits_keep_their_sizes_and_balance(seed: int) -> None:
    records = synthetic(80, 100 + seed)
    split_of, report = split_by_problem(records, LABELS, test_size=0.3, validation_size=0.2, seed=seed)
    assert set(split_of.values()) == {"train", "validation", "test"}
    for split, target in (("train", 0.5), ("validation", 0.2), ("test", 0.3)):
        assert abs(report.records[split] / len(records) - target) <= 0.04
    assert report.largest_difference <= 0.06


def test_the_same_seed_gives_the_same_split_and_another_seed_another() -> None:
    records = synthetic(50, 7)
    first, _ = split_by_problem(records, LABELS, test_size=0.5, seed=11)
    again, _ = split_by_problem(records, LABELS, test_size=0.5, seed=11)
    other, _ = split_by_problem(records, LABELS, test_size=0.5, seed=12)
    assert first == again and first != other


def test_problems_an_earlier_version_placed_keep_their_split() -> None:
    records = synthetic(60, 3)
    earlier = [r for r in records if int(r.problem_id[1:]) < 40]
    placed, _ = split_by_problem(earlier, LABELS, test_size=0.5, seed=1)
    split_of, report = split_by_problem(records, LABELS, test_size=0.5, seed=1, fixed=placed)
    assert all(split_of[problem] == split for problem, split in placed.items())
    assert report.fixed_problems == 40
    new = {problem for problem in split_of if problem not in placed}
    assert {split_of[problem] for problem in new} == {"train", "test"}


def test_linked_problems_travel_together() -> None:
    records = synthetic(30, 5)
    linked = [("p1", "p2"), ("p2", "p9"), ("p20", "p21")]
    assert ["p1", "p2", "p9"] in problem_groups(records, linked)
    for seed in range(10):
        split_of, _ = split_by_problem(records, LABELS, test_size=0.5, seed=seed, linked=linked)
        assert split_of["p1"] == split_of["p2"] == split_of["p9"] and split_of["p20"] == split_of["p21"]


@pytest.mark.parametrize(
    ("test_size", "validation_size", "message"),
    [(1.2, 0.0, "test size"), (0.6, 0.5, "nothing to train on"), (0.5, -0.1, "validation size")],
)
def test_impossible_sizes_are_refused(test_size: float, validation_size: float, message: str) -> None:
    with pytest.raises(DatasetError, match=message):
        split_by_problem(synthetic(5, 1), LABELS, test_size=test_size, validation_size=validation_size)
