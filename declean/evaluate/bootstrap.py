"""95 % bootstrap intervals that resample *problems*: the samples of one problem (a clean program and its
rewrites) are not independent, so resampling samples would claim a certainty 24 or 300 samples do not have.

Vectorised: each problem's confusion counts per label are summed once, then every resample is a weighted
sum of them (numpy), so a thousand resamples over ten thousand samples take a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from declean.evaluate.metrics import Case

Interval = tuple[float, float]
DEFAULT_RESAMPLES = 1000


def intervals(
    cases: Sequence[Case], labels: Sequence[str], *, resamples: int = DEFAULT_RESAMPLES, seed: int = 0
) -> dict[str, Interval]:
    """Percentile intervals keyed ``"<label>.jaccard"`` (also precision, recall, f1) and ``"micro.f1"``,
    ``"micro.jaccard"``, ``"macro.f1"``, ``"exact_match"``."""
    if not cases or not labels:
        return {}
    problems = sorted({case.problem_id for case in cases})
    index = {problem: row for row, problem in enumerate(problems)}
    # per problem: [tp, fp, fn] per label, and exact matches and samples
    confusion = np.zeros((len(problems), len(labels), 3))
    exact = np.zeros((len(problems), 2))
    for case in cases:
        row = index[case.problem_id]
        for column, label in enumerate(labels):
            truth, predicted = label in case.truth, label in case.predicted
            confusion[row, column] += (truth and predicted, predicted and not truth, truth and not predicted)
        exact[row] += (set(case.truth) & set(labels) == set(case.predicted) & set(labels), 1)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(problems), size=(resamples, len(problems)))
    weights = np.zeros((resamples, len(problems)))
    np.add.at(weights, (np.arange(resamples)[:, None], draws), 1.0)
    totals = np.einsum("rp,plk->rlk", weights, confusion)
    tp, fp, fn = totals[..., 0], totals[..., 1], totals[..., 2]
    per_label = _metrics(tp, fp, fn)
    found: dict[str, Interval] = {}
    for column, label in enumerate(labels):
        for name, values in per_label.items():
            found[f"{label}.{name}"] = _percentiles(values[:, column])
    micro = _metrics(tp.sum(axis=1), fp.sum(axis=1), fn.sum(axis=1))
    found["micro.f1"] = _percentiles(micro["f1"])
    found["micro.jaccard"] = _percentiles(micro["jaccard"])
    found["macro.f1"] = _percentiles(per_label["f1"].mean(axis=1))
    matched = weights @ exact
    found["exact_match"] = _percentiles(matched[:, 0] / matched[:, 1])
    return found


def _metrics(
    tp: npt.NDArray[np.float64], fp: npt.NDArray[np.float64], fn: npt.NDArray[np.float64]
) -> dict[str, npt.NDArray[np.float64]]:
    """The same conventions as :class:`declean.evaluate.metrics.Counts`, element-wise."""
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = np.where(tp + fp + fn > 0, tp / (tp + fp + fn), 1.0)
        precision = np.where(tp + fp > 0, tp / (tp + fp), 0.0)
        recall = np.where(tp + fn > 0, tp / (tp + fn), 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    return {"jaccard": jaccard, "precision": precision, "recall": recall, "f1": f1}


def _percentiles(values: npt.NDArray[np.float64]) -> Interval:
    low, high = np.percentile(values, [2.5, 97.5])
    return round(float(low), 4), round(float(high), 4)
