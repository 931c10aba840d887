"""What changed between two versions of a dataset: records added, removed, relabelled or moved."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from declean.data.records import DatasetRecord


class VersionDiff(BaseModel):
    """The difference from version ``before`` to version ``after``."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    before: str
    after: str
    added: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    relabelled: dict[str, tuple[list[str], list[str]]] = Field(default_factory=dict)
    """Record id -> (labels before, labels after)."""
    moved: dict[str, tuple[str | None, str | None]] = Field(default_factory=dict)
    """Record id -> (split before, split after)."""
    new_problems: list[str] = Field(default_factory=list)
    label_counts: dict[str, tuple[int, int]] = Field(default_factory=dict)
    """Label (and ``records``) -> (count before, count after)."""


def diff_versions(
    before_name: str, before: Sequence[DatasetRecord], after_name: str, after: Sequence[DatasetRecord]
) -> VersionDiff:
    """Compare two versions' records by id."""
    old = {record.id: record for record in before}
    new = {record.id: record for record in after}
    labels = sorted({label for record in [*before, *after] for label in record.labels})
    counts = {label: (_count(before, label), _count(after, label)) for label in labels}
    counts["records"] = (len(before), len(after))
    return VersionDiff(
        before=before_name,
        after=after_name,
        added=sorted(new.keys() - old.keys()),
        removed=sorted(old.keys() - new.keys()),
        relabelled={
            key: (old[key].labels, new[key].labels)
            for key in sorted(old.keys() & new.keys())
            if set(old[key].labels) != set(new[key].labels)
        },
        moved={
            key: (old[key].split, new[key].split)
            for key in sorted(old.keys() & new.keys())
            if old[key].split != new[key].split
        },
        new_problems=sorted({r.problem_id for r in after} - {r.problem_id for r in before}),
        label_counts=counts,
    )


def _count(records: Sequence[DatasetRecord], label: str) -> int:
    return sum(label in record.labels for record in records)
