"""Detectors side by side: the :class:`Comparison` of their scores on one split, and the same numbers as
rows of text for a terminal table (or the report's tables): per-label Jaccard with its 95 % interval as
``0.68 [0.55, 0.80]``, micro F1, exact match."""

from __future__ import annotations

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from declean.evaluate.bootstrap import Interval
from declean.evaluate.metrics import Scores


class CurvePoint(BaseModel):
    """One point of a trained detector's learning curve: a share of the train problems and the Jaccard per
    principle of the model fitted on it."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    fraction: float
    """The share of the train problems fitted on (0.1 = 10 %)."""
    problems: int
    """How many problems that share is."""
    jaccard: dict[str, float]
    """Label -> Jaccard on the evaluated split."""


class Comparison(BaseModel):
    """Several detectors' scores on the same samples of one split of one dataset version."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    detectors: dict[str, Scores]
    """Detector name -> its scores, in the order to show them."""
    intervals: dict[str, dict[str, Interval]] = Field(default_factory=dict)
    """Detector name -> its 95 % intervals (keys as :func:`declean.evaluate.bootstrap.intervals`); a
    detector or a key missing here is shown without an interval."""
    labels: list[str]
    """The labels scored, in the order to show them."""
    split: str
    """The split evaluated (``train``, ``validation``, ``test``)."""
    dataset_version: str
    """The dataset version evaluated."""
    samples: int
    """Samples in the split."""
    problems: int
    """Distinct problems among them (what the intervals resample)."""
    fingerprint: str | None = None
    """The dataset version's content fingerprint, when known."""
    seconds_per_sample: dict[str, float] = Field(default_factory=dict)
    """Detector name -> mean seconds it took per sample, when measured."""
    curve: list[CurvePoint] = Field(default_factory=list)
    """A trained detector's learning curve, when measured."""

    @model_validator(mode="after")
    def _scores_cover_the_labels(self) -> Self:
        for name, scores in self.detectors.items():
            missing = [label for label in self.labels if label not in scores.per_label]
            if missing:
                raise ValueError(f"detector {name!r} has no scores for {', '.join(missing)}")
        unknown = sorted(set(self.intervals) - set(self.detectors))
        if unknown:
            raise ValueError(f"intervals for unknown detector(s): {', '.join(unknown)}")
        return self

    def interval(self, detector: str, key: str) -> Interval | None:
        """The 95 % interval of ``key`` (``"DRY.jaccard"``, ``"micro.f1"``...) for ``detector``, if any."""
        return self.intervals.get(detector, {}).get(key)


class TextTable(BaseModel):
    """A table as text cells: what a terminal or a page prints."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    title: str
    """One line saying what the table shows."""
    headers: list[str]
    """The column headers."""
    rows: list[list[str]]
    """One list of cells per row, as long as ``headers``."""


def estimate(value: float, interval: Interval | None, digits: int = 2) -> str:
    """``0.68 [0.55, 0.80]``, or ``0.68`` without an interval."""
    shown = f"{value:.{digits}f}"
    return f"{shown} [{interval[0]:.{digits}f}, {interval[1]:.{digits}f}]" if interval else shown


def comparison_table(comparison: Comparison) -> TextTable:
    """One row per detector: Jaccard per label, micro F1 and exact match, each with its 95 % interval,
    and seconds per sample when measured."""
    timed = bool(comparison.seconds_per_sample)
    headers = ["detector", *comparison.labels, "micro F1", "exact match", *(["s / sample"] if timed else [])]
    rows = []
    for name, scores in comparison.detectors.items():
        row = [name]
        row += [
            estimate(scores.per_label[label].jaccard, comparison.interval(name, f"{label}.jaccard"))
            for label in comparison.labels
        ]
        row.append(estimate(scores.micro["f1"], comparison.interval(name, "micro.f1")))
        row.append(estimate(scores.exact_match, comparison.interval(name, "exact_match")))
        if timed:
            seconds = comparison.seconds_per_sample.get(name)
            row.append("-" if seconds is None else f"{seconds:.3f}")
        rows.append(row)
    title = (
        f"{comparison.split} split of {comparison.dataset_version}: {comparison.samples} samples, "
        f"{comparison.problems} problems; Jaccard per label [95 % interval over problems]"
    )
    return TextTable(title=title, headers=headers, rows=rows)


def detector_table(comparison: Comparison, detector: str) -> TextTable:
    """Every per-label score of one detector (with intervals), then its micro and macro averages."""
    scores = comparison.detectors[detector]
    rows = []
    for label in comparison.labels:
        found = scores.per_label[label]
        overlap = found.location_overlap
        rows.append(
            [
                label,
                str(found.support),
                str(found.predicted),
                f"{found.counts.tp} / {found.counts.fp} / {found.counts.fn}",
                *(
                    estimate(getattr(found, name), comparison.interval(detector, f"{label}.{name}"))
                    for name in ("precision", "recall", "f1", "jaccard")
                ),
                "-" if overlap is None else f"{overlap:.2f}",
            ]
        )
    for average in ("micro", "macro"):
        values = scores.micro if average == "micro" else scores.macro
        rows.append(
            [
                average,
                "",
                "",
                "",
                *(
                    estimate(values[name], comparison.interval(detector, f"{average}.{name}"))
                    for name in ("precision", "recall", "f1", "jaccard")
                ),
                "",
            ]
        )
    exact = estimate(scores.exact_match, comparison.interval(detector, "exact_match"))
    return TextTable(
        title=f"{detector}: exact match {exact}, Hamming loss {scores.hamming_loss:.3f}",
        headers=[
            "label",
            "support",
            "predicted",
            "TP / FP / FN",
            "precision",
            "recall",
            "F1",
            "Jaccard",
            "location overlap",
        ],
        rows=rows,
    )
