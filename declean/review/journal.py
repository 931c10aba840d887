"""``DATASET_DIR/review.jsonl``: every review decision, append-only, whoever made it (a Label Studio pull,
a hand-downloaded export, the web app's review page).

An entry names the dataset version its decision went into, with that version's fingerprint. Entries are
appended before the version is committed; an entry whose version never became part of the dataset (a
crash in between) is ignored by readers, and the next pull decides its task again (should that pull make
the very same version, the two copies count once).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from declean.data.records import ReviewStatus, invalid_line, numbered_lines
from declean.data.store import DatasetIndex
from declean.review.decide import Action
from declean.review.verdicts import Verdict
from declean.runs.output import append_lines, cut_partial_line

JOURNAL_FILE = "review.jsonl"
ReviewSource = Literal["label-studio", "export", "web"]


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class ReviewEntry(BaseModel):
    """One decision on one record."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    recorded: str = Field(default_factory=now)
    """When declean applied it."""
    decided: str
    """When the reviewers last changed their verdicts."""
    record_id: str
    action: Action
    reviewers: list[str]
    before: list[str]
    """The record's labels before the decision."""
    after: list[str]
    """Its labels after (equal to ``before`` for a rejection or a dispute)."""
    status_before: ReviewStatus | None
    """The record's review status before (``rejected`` records can be brought back)."""
    reason: str = ""
    source: ReviewSource
    project: str | None = None
    """The Label Studio project (``<url>#<id>``) or export file it came from."""
    task_id: int | None = None
    annotation_ids: list[int] = Field(default_factory=list)
    signature: str = ""
    """The task's annotations when decided (:meth:`TaskReview.signature`)."""
    verdicts: list[Verdict] = Field(default_factory=list)
    """Each reviewer's own answer (what agreement statistics are computed from)."""
    facets: dict[str, list[str]] = Field(default_factory=dict)
    """The record's principles, strategies, levels, models and source: what rejections are counted by."""
    relabelled_children: list[str] = Field(default_factory=list)
    """``NO_COMPILE`` breakages of this record whose other labels followed the relabel."""
    version: str
    """The dataset version holding the decision."""
    fingerprint: str
    """That version's fingerprint (tells a committed entry from one a crash left behind)."""


class ReviewJournal:
    """The journal of one dataset directory."""

    def __init__(self, dataset_dir: Path) -> None:
        self.path = dataset_dir / JOURNAL_FILE

    def entries(self, index: DatasetIndex | None = None) -> list[ReviewEntry]:
        """Every entry, oldest first; with ``index``, only those whose version is in it. A corrupt line
        is an error naming the file and line."""
        entries = []
        for number, line in numbered_lines(self.path, warnings=[]):
            try:
                entries.append(ReviewEntry.model_validate_json(line))
            except ValidationError as error:
                raise invalid_line(self.path, number, "review entry", error) from error
        if index is None:
            return entries
        committed = {(version.name, version.fingerprint) for version in index.versions}
        # A crash's entries and the ones the next pull wrote for the same content are one decision.
        unique = {
            (entry.record_id, entry.signature, entry.version): (position, entry)
            for position, entry in enumerate(entries)
            if (entry.version, entry.fingerprint) in committed
        }
        return [entry for _, entry in sorted(unique.values(), key=lambda item: item[0])]

    def signatures(self, index: DatasetIndex) -> set[str]:
        """The task states already decided in committed versions."""
        return {entry.signature for entry in self.entries(index) if entry.signature}

    def append(self, entries: list[ReviewEntry]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        cut_partial_line(self.path)
        append_lines(self.path, [entry.model_dump_json() for entry in entries])
