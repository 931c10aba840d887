"""``declean review stats``: how much is reviewed, how often reviewers agree with the pipeline and with
each other, and what they reject most: the signal for which gear of the pipeline to tune next.

Computed from the committed entries of ``review.jsonl`` (the latest decision per record) and the dataset's
current version. Agreement is Cohen's kappa on each label as a yes/no question: reviewer vs pipeline over
every (record, reviewer) who kept the record, and reviewer vs reviewer pooled over every pair of reviewers
of one record. Kappa is ``None`` where it is undefined (one side always said the same).
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from sklearn.metrics import cohen_kappa_score

from declean.data.store import DatasetDir
from declean.review.decide import latest_per_reviewer
from declean.review.journal import ReviewEntry, ReviewJournal

REJECT = "reject"
"""The row of the inter-annotator table for the keep-or-reject question."""


class Agreement(BaseModel):
    """Agreement on one yes/no question."""

    model_config = ConfigDict(frozen=True)

    question: str
    pairs: int
    agreement: float | None
    """Share of pairs answering alike."""
    kappa: float | None


class FacetRejections(BaseModel):
    """Rejections and relabels among reviewed records sharing one facet value (a principle, a strategy...)."""

    model_config = ConfigDict(frozen=True)

    facet: str
    value: str
    reviewed: int
    rejected: int
    relabelled: int = 0

    @property
    def rate(self) -> float:
        """Share of the reviewed records rejected."""
        return self.rejected / self.reviewed if self.reviewed else 0.0

    @property
    def relabel_rate(self) -> float:
        return self.relabelled / self.reviewed if self.reviewed else 0.0


class ReviewStats(BaseModel):
    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    version: str
    records: int
    """Records of the current version, rejected ones included."""
    reviewed: int
    """Records with a decision (accepted, relabelled or rejected)."""
    by_split: dict[str, tuple[int, int]]
    """Split -> (reviewed, records)."""
    actions: dict[str, int]
    """Latest decision per record -> records."""
    reviewers: list[str]
    pipeline: list[Agreement]
    """Reviewer vs pipeline, per label."""
    inter_annotator: list[Agreement]
    """Reviewer vs reviewer, per label and on rejecting."""
    multi_reviewed: int
    """Records that two or more people reviewed."""
    rejections: list[FacetRejections] = Field(default_factory=list)
    """Most rejected first, then most relabelled."""

    @property
    def share(self) -> float:
        return self.reviewed / self.records if self.records else 0.0


def review_stats(dataset: Path) -> ReviewStats:
    store = DatasetDir(dataset)
    index = store.existing_index()
    version = index.version()
    records = [*store.records(version), *store.rejected(version)]
    entries = ReviewJournal(dataset).entries(index)
    latest = latest_entries(entries)
    pipeline = pipeline_labels(entries)
    by_split: dict[str, tuple[int, int]] = {}
    for split in sorted({record.split or "none" for record in records}):
        members = [record for record in records if (record.split or "none") == split]
        by_split[split] = (sum(record.review is not None for record in members), len(members))
    decided = [entry for entry in latest.values() if entry.action != "disputed"]
    actions: dict[str, int] = defaultdict(int)
    for entry in latest.values():
        actions[entry.action] += 1
    labels = version.label_names
    multi = [entry for entry in latest.values() if len(latest_per_reviewer(entry.verdicts)) > 1]
    return ReviewStats(
        version=version.name,
        records=len(records),
        reviewed=sum(record.review is not None for record in records),
        by_split=by_split,
        actions=dict(sorted(actions.items())),
        reviewers=sorted({verdict.reviewer for entry in latest.values() for verdict in entry.verdicts}),
        pipeline=[_pipeline_agreement(list(latest.values()), pipeline, label) for label in labels],
        inter_annotator=[_inter_annotator(multi, label) for label in [*labels, REJECT]],
        multi_reviewed=len(multi),
        rejections=_rejections(decided),
    )


def latest_entries(entries: Sequence[ReviewEntry]) -> dict[str, ReviewEntry]:
    """The latest decision per record."""
    return {entry.record_id: entry for entry in entries}


def pipeline_labels(entries: Sequence[ReviewEntry]) -> dict[str, list[str]]:
    """The labels each record had before anyone reviewed it: those of its first entry."""
    first: dict[str, list[str]] = {}
    for entry in entries:
        first.setdefault(entry.record_id, entry.before)
    return first


def _pipeline_agreement(
    entries: Sequence[ReviewEntry], pipeline: dict[str, list[str]], label: str
) -> Agreement:
    said_by_pipeline: list[bool] = []
    said_by_reviewer: list[bool] = []
    for entry in entries:
        for verdict in latest_per_reviewer(entry.verdicts):
            if not verdict.rejects:
                said_by_pipeline.append(label in pipeline[entry.record_id])
                said_by_reviewer.append(label in verdict.labels)
    return _agreement(label, said_by_pipeline, said_by_reviewer)


def _inter_annotator(entries: Sequence[ReviewEntry], question: str) -> Agreement:
    first: list[bool] = []
    second: list[bool] = []
    for entry in entries:
        for a, b in itertools.combinations(latest_per_reviewer(entry.verdicts), 2):
            if question == REJECT:
                first.append(a.rejects)
                second.append(b.rejects)
            elif not (a.rejects or b.rejects):
                first.append(question in a.labels)
                second.append(question in b.labels)
    return _agreement(question, first, second)


def _agreement(question: str, a: Sequence[bool], b: Sequence[bool]) -> Agreement:
    if not a:
        return Agreement(question=question, pairs=0, agreement=None, kappa=None)
    same = sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
    kappa: float | None = None
    if len(set(a)) > 1 or len(set(b)) > 1:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = float(cohen_kappa_score(list(a), list(b), labels=[False, True]))
        kappa = None if math.isnan(value) else value
    return Agreement(question=question, pairs=len(a), agreement=same, kappa=kappa)


def _rejections(entries: Sequence[ReviewEntry]) -> list[FacetRejections]:
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for entry in entries:
        for facet, values in entry.facets.items():
            for value in values:
                counts[facet, value][0] += 1
                counts[facet, value][1] += entry.action == "reject"
                counts[facet, value][2] += entry.action == "relabel"
    rows = [
        FacetRejections(facet=facet, value=value, reviewed=reviewed, rejected=rejected, relabelled=relabelled)
        for (facet, value), (reviewed, rejected, relabelled) in counts.items()
    ]
    return sorted(rows, key=lambda row: (-row.rate, -row.relabel_rate, row.facet, row.value))
