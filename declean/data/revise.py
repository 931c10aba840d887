"""A new dataset version from the current one with some records changed: relabelled, marked reviewed,
rejected (moved beside the splits, never deleted) or brought back. Problems keep their splits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from declean.data.publish import content_fingerprint, publish, reviewed_count, split_counts
from declean.data.records import DatasetRecord
from declean.data.store import DatasetDir, DatasetIndex, VersionInfo
from declean.errors import DatasetError


def revise(
    path: Path, records: Sequence[DatasetRecord], rejected: Sequence[DatasetRecord]
) -> tuple[VersionInfo, bool]:
    """Make ``records`` (in their splits) and ``rejected`` the dataset's next version. Returns the current
    version and whether it is new (content equal to the current version's makes none)."""
    store = DatasetDir(path)
    index = store.existing_index()
    previous = index.version()
    _check(store, previous, records, rejected)
    fingerprint = content_fingerprint(records, rejected)
    if fingerprint == previous.fingerprint:
        return previous, False
    counts = split_counts(records, previous.label_names)
    version = previous.model_copy(
        update={
            "name": f"v{len(index.versions) + 1}",
            "fingerprint": fingerprint,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "parent": previous.name,
            "records": len(records),
            "counts": counts,
            "problems": {
                split: sorted({r.problem_id for r in records if r.split == split}) for split in counts
            },
            "made_by": "review",
            "reviewed": reviewed_count(records),
            "rejected": len(rejected),
            "warnings": [],
        }
    )
    new_index = DatasetIndex(current=version.name, versions=[*index.versions, version])
    ordered = sorted(records, key=lambda record: (record.split or "", record.problem_id, record.id))
    publish(store, new_index, ordered, rejected=sorted(rejected, key=lambda record: record.id))
    return version, True


def _check(
    store: DatasetDir,
    previous: VersionInfo,
    records: Sequence[DatasetRecord],
    rejected: Sequence[DatasetRecord],
) -> None:
    """The revision holds exactly the current version's records, each once, in its problem's split."""
    before = {record.id: record for record in [*store.records(previous), *store.rejected(previous)]}
    after = [record.id for record in [*records, *rejected]]
    if len(after) != len(set(after)):
        raise DatasetError(f"{store.path}: a revision names a record twice")
    if set(after) != set(before):
        missing = sorted(set(before) - set(after))[:3]
        unknown = sorted(set(after) - set(before))[:3]
        raise DatasetError(
            f"{store.path}: a revision must hold the records of {previous.name} "
            f"(missing {missing}, unknown {unknown})"
        )
    for record in records:
        if record.split != before[record.id].split and before[record.id].split is not None:
            raise DatasetError(f"{store.path}: a revision moved record {record.id} to another split")
        if record.split is None:
            raise DatasetError(f"{store.path}: record {record.id} has no split")
