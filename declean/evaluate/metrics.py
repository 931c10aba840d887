"""Scores of a multi-label detector: per label (Jaccard as the seed study scored it, precision, recall, F1,
support), micro and macro averages, exact match, Hamming loss, and where predicted locations overlap.

Conventions where a ratio is undefined (its denominator is 0), the same in :mod:`.bootstrap`:

- Jaccard = TP / (TP + FP + FN) is **1.0** when TP + FP + FN = 0: the label never occurs and the detector
  never gives it, so there was nothing to get wrong;
- precision, recall and F1 are **0.0** when undefined (nothing predicted, nothing to find, or both 0).

A sample's labels outside the scored ``labels`` are ignored everywhere (exact match included), so a score
without ``NO_COMPILE`` does not count the compiler's label against anyone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ConfigDict, Field

from declean.detect.base import Location


class Case(BaseModel):
    """One sample's true labels and one detector's prediction."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    sample_id: str
    """The sample scored."""
    problem_id: str
    """The problem it comes from. Bootstrap intervals resample problems: samples of one problem are not
    independent."""
    truth: list[str]
    """The labels the sample truly carries (empty: clean)."""
    predicted: list[str]
    """The labels the detector gave it (empty: clean)."""
    true_locations: dict[str, list[Location]] = Field(default_factory=dict)
    """Label -> where the violation is, when the sample records it."""
    predicted_locations: dict[str, list[Location]] = Field(default_factory=dict)
    """Label -> where the detector says it is."""


class Counts(BaseModel):
    """Decisions on one label (or pooled over labels, for micro averages)."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    tp: int = 0
    """True positives: the label is there and was given."""
    fp: int = 0
    """False positives: given, but not there."""
    fn: int = 0
    """False negatives: there, but not given."""
    tn: int = 0
    """True negatives: neither there nor given."""

    @property
    def jaccard(self) -> float:
        """TP / (TP + FP + FN); 1.0 when the label never occurs and is never predicted."""
        wrong_or_right = self.tp + self.fp + self.fn
        return self.tp / wrong_or_right if wrong_or_right else 1.0

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 0.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 0.0 when the label never occurs."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall; 0.0 when both are 0."""
        both = self.precision + self.recall
        return 2 * self.precision * self.recall / both if both else 0.0


class LabelScores(BaseModel):
    """One label's scores."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    label: str
    """The label scored."""
    counts: Counts
    """Its confusion counts."""
    jaccard: float
    """TP / (TP + FP + FN), 1.0 when the label is neither there nor given (see the module)."""
    precision: float
    """TP / (TP + FP), 0.0 when the label is never given."""
    recall: float
    """TP / (TP + FN), 0.0 when the label never occurs."""
    f1: float
    """Harmonic mean of precision and recall, 0.0 when both are 0."""
    support: int
    """Samples that truly carry the label."""
    predicted: int
    """Samples the detector gave the label."""
    location_overlap: float | None = None
    """Among true positives where both sides give locations, the share whose predicted lines overlap a
    true one; ``None`` when no such sample exists."""


class Scores(BaseModel):
    """Every score of one detector on one set of cases."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    samples: int
    """Samples scored."""
    problems: int
    """Distinct problems among them."""
    per_label: dict[str, LabelScores]
    """Label -> its scores, in the order the labels were given."""
    micro: dict[str, float]
    """Precision, recall, F1 and Jaccard of the decisions pooled over labels."""
    macro: dict[str, float]
    """The mean over labels of each label's precision, recall, F1 and Jaccard."""
    exact_match: float
    """Share of samples whose predicted label set equals the true one (on the scored labels; 0.0 with no
    samples)."""
    hamming_loss: float
    """Wrong label decisions (FP + FN over all labels) / (samples x labels); 0.0 with no samples."""

    def headline(self) -> dict[str, float]:
        """Per-label Jaccard, micro F1 and exact match: what a ledger entry keeps."""
        found = {f"jaccard_{label}": round(scores.jaccard, 4) for label, scores in self.per_label.items()}
        return {**found, "micro_f1": round(self.micro["f1"], 4), "exact_match": round(self.exact_match, 4)}


def counts(cases: Sequence[Case], label: str) -> Counts:
    """The confusion counts of ``label`` over ``cases``."""
    tp = fp = fn = tn = 0
    for case in cases:
        truth, predicted = label in case.truth, label in case.predicted
        tp += truth and predicted
        fp += predicted and not truth
        fn += truth and not predicted
        tn += not truth and not predicted
    return Counts(tp=tp, fp=fp, fn=fn, tn=tn)


def score(cases: Sequence[Case], labels: Sequence[str]) -> Scores:
    """All scores of ``cases`` on ``labels``: per label, micro (decisions pooled over labels, then the
    ratios) and macro (the ratios per label, then their mean), exact match and Hamming loss. Undefined
    ratios follow the module's conventions: Jaccard 1.0, precision/recall/F1 0.0."""
    per_label = {}
    for label in labels:
        found = counts(cases, label)
        per_label[label] = LabelScores(
            label=label,
            counts=found,
            jaccard=found.jaccard,
            precision=found.precision,
            recall=found.recall,
            f1=found.f1,
            support=found.tp + found.fn,
            predicted=found.tp + found.fp,
            location_overlap=location_overlap(cases, label),
        )
    pooled = Counts(
        tp=sum(s.counts.tp for s in per_label.values()),
        fp=sum(s.counts.fp for s in per_label.values()),
        fn=sum(s.counts.fn for s in per_label.values()),
        tn=sum(s.counts.tn for s in per_label.values()),
    )
    metrics = ("precision", "recall", "f1", "jaccard")
    wrong = pooled.fp + pooled.fn
    return Scores(
        samples=len(cases),
        problems=len({case.problem_id for case in cases}),
        per_label=per_label,
        micro={name: getattr(pooled, name) for name in metrics},
        macro={
            name: sum(getattr(s, name) for s in per_label.values()) / len(per_label) if per_label else 0.0
            for name in metrics
        },
        exact_match=_share(set(c.truth) & set(labels) == set(c.predicted) & set(labels) for c in cases),
        hamming_loss=wrong / (len(cases) * len(labels)) if cases and labels else 0.0,
    )


def location_overlap(cases: Sequence[Case], label: str) -> float | None:
    """See :attr:`LabelScores.location_overlap`."""
    judged = [
        any(_overlaps(p, t) for p in case.predicted_locations[label] for t in case.true_locations[label])
        for case in cases
        if label in case.truth
        and label in case.predicted
        and case.true_locations.get(label)
        and case.predicted_locations.get(label)
    ]
    return _share(judged) if judged else None


def _overlaps(first: Location, second: Location) -> bool:
    return first.start_line <= second.end_line and second.start_line <= first.end_line


def _share(values: Iterable[bool]) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 0.0
