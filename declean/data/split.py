"""A train/validation/test split by problem, balanced by label.

No library does this: scikit-learn's group splitters do not balance labels, ``StratifiedGroupKFold`` takes
one label per sample, and iterative stratification (``iterative-stratification``) splits samples, not
groups. So a seeded local search assigns whole problem *groups* (problems whose programs are
near-duplicates travel together) to splits, minimising the largest difference between two splits' share of
any label (``clean`` counts as a label) plus the largest miss of a split's size target. Problems a previous
version placed keep their split, so a test problem never becomes a training problem in a later version.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict

from declean.data.records import SPLITS, DatasetRecord, Split
from declean.errors import DatasetError

CLEAN = "clean"
"""The pseudo-label of records with no label, balanced like the others."""
_RESTARTS = 24
_MOVES_PER_RESTART = 400


class SplitReport(BaseModel):
    """How the split came out: sizes, label shares, and the largest difference between two splits."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    seed: int
    targets: dict[str, float]
    """Split -> the share of records asked for."""
    records: dict[str, int]
    problems: dict[str, int]
    shares: dict[str, dict[str, float]]
    """Split -> label -> share of the split's records carrying it."""
    largest_difference: float
    """The largest difference between two non-empty splits' shares of one label."""
    largest_difference_label: str | None
    fixed_problems: int
    """Problems whose split an earlier version decided."""


@dataclass(frozen=True)
class _Groups:
    members: list[list[str]]
    counts: npt.NDArray[np.float64]
    """Group x label: records carrying the label (last column: all records)."""


def problem_groups(records: Sequence[DatasetRecord], linked: Sequence[tuple[str, str]]) -> list[list[str]]:
    """Problems joined by near-duplicate programs (``linked`` pairs) into groups, each sorted."""
    parent = {record.problem_id: record.problem_id for record in records}

    def root(problem: str) -> str:
        while parent[problem] != problem:
            parent[problem] = parent[parent[problem]]
            problem = parent[problem]
        return problem

    for first, second in linked:
        if first in parent and second in parent:
            parent[root(first)] = root(second)
    grouped: dict[str, list[str]] = {}
    for problem in sorted(parent):
        grouped.setdefault(root(problem), []).append(problem)
    return sorted(grouped.values())


def split_by_problem(
    records: Sequence[DatasetRecord],
    labels: Sequence[str],
    *,
    test_size: float,
    validation_size: float = 0.0,
    seed: int = 0,
    linked: Sequence[tuple[str, str]] = (),
    fixed: Mapping[str, Split] | None = None,
    closed: frozenset[Split] = frozenset(),
) -> tuple[dict[str, Split], SplitReport]:
    """Problem -> split, and the report. ``fixed`` problems keep their split (a group holding one takes
    it); no new problem goes to a split in ``closed``."""
    targets = _targets(test_size, validation_size)
    fixed = dict(fixed or {})
    columns = [*labels, CLEAN]
    groups = _count(records, problem_groups(records, linked), columns)
    placed = [_fixed_split(members, fixed) for members in groups.members]
    open_splits = [split for split in SPLITS if targets[split] > 0 and split not in closed]
    if not open_splits and any(split is None for split in placed):
        raise DatasetError("no split can take new problems: every split with a share is closed")
    best = _search(groups, placed, targets, open_splits, seed)
    assignment = {
        problem: SPLITS[best[group]] for group, members in enumerate(groups.members) for problem in members
    }
    return assignment, _report(
        groups, assignment=best, targets=targets, columns=columns, seed=seed, fixed=fixed
    )


def _targets(test_size: float, validation_size: float) -> dict[Split, float]:
    for name, value in (("test size", test_size), ("validation size", validation_size)):
        if not 0.0 <= value < 1.0:
            raise DatasetError(f"the {name} must be in [0, 1), not {value}")
    if test_size + validation_size >= 1.0:
        raise DatasetError(
            f"test and validation sizes leave nothing to train on ({test_size} + {validation_size})"
        )
    return {"train": 1.0 - test_size - validation_size, "validation": validation_size, "test": test_size}


def _count(records: Sequence[DatasetRecord], members: list[list[str]], columns: Sequence[str]) -> _Groups:
    group_of = {problem: index for index, group in enumerate(members) for problem in group}
    counts = np.zeros((len(members), len(columns) + 1))
    column_of = {label: index for index, label in enumerate(columns)}
    for record in records:
        row = group_of[record.problem_id]
        for label in record.labels or [CLEAN]:
            if label in column_of:
                counts[row, column_of[label]] += 1
        counts[row, -1] += 1
    return _Groups(members=members, counts=counts)


def _fixed_split(members: list[str], fixed: Mapping[str, Split]) -> int | None:
    decided = {fixed[problem] for problem in members if problem in fixed}
    if not decided:
        return None
    # A group joined by a new near-duplicate can span two old splits; the earliest split in SPLITS order
    # (train before test) wins so a test problem is never pulled into training silently by a later one.
    return min(SPLITS.index(split) for split in decided)


def _search(
    groups: _Groups,
    placed: list[int | None],
    targets: Mapping[Split, float],
    open_splits: list[Split],
    seed: int,
) -> list[int]:
    """Greedy placement in a shuffled order, then random single-group moves kept when they do not hurt;
    the best of several restarts. Sizes are aimed at among the *new* problems' records, so an earlier
    version's placement never pushes new problems into one split."""
    rng = random.Random(seed)
    free = [index for index, split in enumerate(placed) if split is None]
    fixed_assignment = [split if split is not None else 0 for split in placed]
    if not free:
        return fixed_assignment
    choices = [SPLITS.index(split) for split in open_splits]
    target = np.array([targets[split] for split in SPLITS])
    best, best_cost = fixed_assignment, float("inf")
    for _ in range(_RESTARTS):
        assignment = fixed_assignment[:]
        totals = np.zeros((len(SPLITS), groups.counts.shape[1]))
        for index, split in enumerate(placed):
            if split is not None:
                totals[split] += groups.counts[index]
        new_sizes = np.zeros(len(SPLITS))
        order = free[:]
        rng.shuffle(order)
        for index in order:
            costs = []
            for choice in choices:
                _move(totals, new_sizes, groups.counts[index], None, choice)
                costs.append((_cost(totals, new_sizes, target), rng.random(), choice))
                _move(totals, new_sizes, groups.counts[index], choice, None)
            assignment[index] = min(costs)[2]
            _move(totals, new_sizes, groups.counts[index], None, assignment[index])
        cost = _cost(totals, new_sizes, target)
        for _ in range(_MOVES_PER_RESTART if len(choices) > 1 else 0):
            index = rng.choice(free)
            before, after = assignment[index], rng.choice(choices)
            if before == after:
                continue
            _move(totals, new_sizes, groups.counts[index], before, after)
            moved = _cost(totals, new_sizes, target)
            if moved <= cost:
                assignment[index], cost = after, moved
            else:
                _move(totals, new_sizes, groups.counts[index], after, before)
        if cost < best_cost:
            best, best_cost = assignment, cost
    return best


def _move(
    totals: npt.NDArray[np.float64],
    new_sizes: npt.NDArray[np.float64],
    counts: npt.NDArray[np.float64],
    source: int | None,
    destination: int | None,
) -> None:
    if source is not None:
        totals[source] -= counts
        new_sizes[source] -= counts[-1]
    if destination is not None:
        totals[destination] += counts
        new_sizes[destination] += counts[-1]


def _cost(
    totals: npt.NDArray[np.float64], new_sizes: npt.NDArray[np.float64], target: npt.NDArray[np.float64]
) -> float:
    """The largest difference between two splits' share of a label, plus the largest size miss, plus one
    for every split asked for that is empty (label shares cannot differ between splits that do not exist)."""
    placed = new_sizes.sum()
    size_miss = float(np.abs(new_sizes / placed - target).max()) if placed else 0.0
    sizes = totals[:, -1]
    used = sizes > 0
    size_miss += float(((target > 0) & ~used).sum())
    if used.sum() < 2:
        return size_miss
    shares = totals[used, :-1] / sizes[used, None]
    return float((shares.max(axis=0) - shares.min(axis=0)).max()) + size_miss


def _report(
    groups: _Groups,
    *,
    assignment: list[int],
    targets: Mapping[Split, float],
    columns: Sequence[str],
    seed: int,
    fixed: Mapping[str, Split],
) -> SplitReport:
    totals = np.zeros((len(SPLITS), groups.counts.shape[1]))
    problems = dict.fromkeys(SPLITS, 0)
    for index, row in enumerate(assignment):
        totals[row] += groups.counts[index]
        problems[SPLITS[row]] += len(groups.members[index])
    shares: dict[str, dict[str, float]] = {}
    for row, split_name in enumerate(SPLITS):
        size = totals[row, -1]
        if size:
            shares[split_name] = {
                label: round(float(totals[row, column] / size), 4) for column, label in enumerate(columns)
            }
    largest, largest_label = 0.0, None
    for label in columns:
        values = [split_shares[label] for split_shares in shares.values()]
        if len(values) > 1 and max(values) - min(values) > largest:
            largest, largest_label = max(values) - min(values), label
    return SplitReport(
        seed=seed,
        targets={split: round(share, 4) for split, share in targets.items()},
        records={split: int(totals[row, -1]) for row, split in enumerate(SPLITS)},
        problems=problems,
        shares=shares,
        largest_difference=round(largest, 4),
        largest_difference_label=largest_label,
        fixed_problems=sum(1 for problem in fixed if any(problem in members for members in groups.members)),
    )
