"""95 % bootstrap intervals that resample *problems*: the samples of one problem (a clean program and its
rewrites) are not independent, so resampling samples would claim a certainty 24 or 300 samples do not have.

One resample draws as many problems as there are, with replacement, takes all their samples and scores them
again; the interval is the 2.5th and 97.5th percentile of the scores over the resamples (percentile
bootstrap). Vectorised: each problem's TP/FP/FN per label (and its exact matches and samples) are counted
once into a row of a matrix; a block of resamples is a matrix of how often each problem was drawn, and its
totals are one matrix product, so a thousand resamples over ten thousand samples take a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from declean.evaluate.metrics import Case

Interval = tuple[float, float]
"""(low, high) of a 95 % interval."""
Floats = npt.NDArray[np.float64]

DEFAULT_RESAMPLES = 1000
_BLOCK_CELLS = 4_000_000
"""Resamples are drawn in blocks of at most this many (resample, problem) weights, to bound memory."""


def intervals(
    cases: Sequence[Case], labels: Sequence[str], *, resamples: int = DEFAULT_RESAMPLES, seed: int = 0
) -> dict[str, Interval]:
    """95 % percentile intervals over ``resamples`` resamples of the problems, from a numpy Generator
    seeded with ``seed`` (the same arguments give the same intervals). Keys: ``"<label>.jaccard"``,
    ``"<label>.precision"``, ``"<label>.recall"``, ``"<label>.f1"`` for every label, and ``"micro.f1"``,
    ``"micro.jaccard"``, ``"macro.f1"``, ``"macro.jaccard"``, ``"exact_match"``. The scores follow
    :mod:`declean.evaluate.metrics` (same conventions for undefined ratios). Empty when there are no cases
    or no labels."""
    if resamples < 1:
        raise ValueError(f"resamples must be at least 1, not {resamples}")
    if not cases or not labels:
        return {}
    features = problem_counts(cases, labels)
    totals = resampled_totals(features, resamples, np.random.default_rng(seed))
    width = len(labels)
    tp, fp, fn = totals[:, :width], totals[:, width : 2 * width], totals[:, 2 * width : 3 * width]
    per_label = _metrics(tp, fp, fn)
    micro = _metrics(tp.sum(axis=1), fp.sum(axis=1), fn.sum(axis=1))
    named: dict[str, Floats] = {}
    for column, label in enumerate(labels):
        for name, values in per_label.items():
            named[f"{label}.{name}"] = values[:, column]
    named["micro.f1"] = micro["f1"]
    named["micro.jaccard"] = micro["jaccard"]
    named["macro.f1"] = per_label["f1"].mean(axis=1)
    named["macro.jaccard"] = per_label["jaccard"].mean(axis=1)
    named["exact_match"] = totals[:, 3 * width] / totals[:, 3 * width + 1]
    low, high = np.percentile(np.stack(list(named.values()), axis=1), [2.5, 97.5], axis=0)
    return {name: (float(low[i]), float(high[i])) for i, name in enumerate(named)}


def problem_counts(cases: Sequence[Case], labels: Sequence[str]) -> Floats:
    """One row per problem (in sorted problem order): TP per label, FP per label, FN per label, exact
    matches, samples."""
    problems = {problem: row for row, problem in enumerate(sorted({case.problem_id for case in cases}))}
    column = {label: index for index, label in enumerate(labels)}
    truth = _marks([case.truth for case in cases], column)
    predicted = _marks([case.predicted for case in cases], column)
    exact = (truth == predicted).all(axis=1)
    per_case = np.hstack(
        [
            truth & predicted,
            predicted & ~truth,
            truth & ~predicted,
            exact[:, None],
            np.ones_like(exact)[:, None],
        ]
    ).astype(np.float64)
    rows = np.fromiter((problems[case.problem_id] for case in cases), dtype=np.intp, count=len(cases))
    features = np.zeros((len(problems), per_case.shape[1]))
    np.add.at(features, rows, per_case)
    return features


def _marks(label_sets: Sequence[list[str]], column: dict[str, int]) -> npt.NDArray[np.bool_]:
    """A (cases, labels) matrix, True where a case's labels hold the column's (built in one assignment:
    a numpy call per case would cost more than all the resamples)."""
    rows: list[int] = []
    columns: list[int] = []
    for row, found in enumerate(label_sets):
        for label in found:
            if label in column:
                rows.append(row)
                columns.append(column[label])
    marks = np.zeros((len(label_sets), len(column)), dtype=bool)
    marks[rows, columns] = True
    return marks


def resampled_totals(features: Floats, resamples: int, rng: np.random.Generator) -> Floats:
    """The column totals of ``features`` for each of ``resamples`` draws of its rows with replacement
    (as many rows per draw as there are): a ``(resamples, columns)`` matrix."""
    problems = features.shape[0]
    block = max(1, _BLOCK_CELLS // problems)
    totals = np.empty((resamples, features.shape[1]))
    for start in range(0, resamples, block):
        size = min(block, resamples - start)
        # int32 indices: a block holds at most _BLOCK_CELLS of them, and 32-bit draws are the cheaper ones
        draws = rng.integers(0, problems, size=(size, problems), dtype=np.int32)
        offsets = np.arange(size, dtype=np.int32)[:, None] * problems
        weights = np.bincount((draws + offsets).ravel(), minlength=size * problems).reshape(size, problems)
        totals[start : start + size] = weights.astype(np.float64) @ features
    return totals


def _metrics(tp: Floats, fp: Floats, fn: Floats) -> dict[str, Floats]:
    """The same conventions as :class:`declean.evaluate.metrics.Counts`, element-wise."""
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = np.where(tp + fp + fn > 0, tp / (tp + fp + fn), 1.0)
        precision = np.where(tp + fp > 0, tp / (tp + fp), 0.0)
        recall = np.where(tp + fn > 0, tp / (tp + fn), 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    return {"jaccard": jaccard, "precision": precision, "recall": recall, "f1": f1}
