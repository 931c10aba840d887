"""Writing a new dataset version: its splits, side files and card, staged and committed at once.

``declean dataset build`` and a review pull both end here, so a version looks the same whoever made it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from declean.data.card import render_card
from declean.data.export import write_split
from declean.data.records import SPLITS, DatasetRecord
from declean.data.split import CLEAN
from declean.data.store import BUILD_FILE, CARD_FILE, DATA_DIR, REJECTED_FILE, DatasetDir, DatasetIndex


def publish(
    store: DatasetDir,
    index: DatasetIndex,
    records: Sequence[DatasetRecord],
    *,
    rejected: Sequence[DatasetRecord] = (),
    side_files: Mapping[str, Sequence[str]] | None = None,
    name: str | None = None,
) -> None:
    """Write ``index``'s current version (``records`` in its splits, ``rejected`` beside them, one JSON
    line per item of each side file) and make it current."""
    version = index.version()
    card = render_card(index, list(records), name=name or store.path.resolve().name)
    with store.staging() as staged:
        for split in version.splits():
            members = [record for record in records if record.split == split]
            write_split(members, version.label_names, staged / DATA_DIR, split)
        for file_name, lines in (side_files or {}).items():
            write_lines(staged / file_name, lines)
        if rejected:
            write_lines(staged / REJECTED_FILE, [record.model_dump_json() for record in rejected])
        (staged / BUILD_FILE).write_text(version.model_dump_json(indent=2) + "\n", encoding="utf-8")
        (staged / CARD_FILE).write_text(card, encoding="utf-8")
        store.commit(staged, index, card)


def content_fingerprint(records: Sequence[DatasetRecord], rejected: Sequence[DatasetRecord] = ()) -> str:
    """sha256 of the records' ids, codes, labels, splits and review decisions, in id order (a record
    nobody reviewed adds what it added before reviews existed, so unreviewed datasets keep their prints)."""
    digest = hashlib.sha256()
    for record in sorted([*records, *rejected], key=lambda record: record.id):
        row: list[object] = [record.id, record.code, record.labels, record.split]
        if record.review is not None:
            row.append(record.review.status)
        digest.update(json.dumps(row).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def split_counts(records: Sequence[DatasetRecord], label_names: Sequence[str]) -> dict[str, dict[str, int]]:
    """Split -> label (and ``clean``, ``records``) -> records."""
    counts: dict[str, dict[str, int]] = {}
    for split in SPLITS:
        members = [record for record in records if record.split == split]
        if not members:
            continue
        row = {label: sum(label in record.labels for record in members) for label in label_names}
        row[CLEAN] = sum(not record.labels for record in members)
        row["records"] = len(members)
        counts[split] = row
    return counts


def reviewed_count(records: Sequence[DatasetRecord]) -> int:
    """Records people accepted or relabelled."""
    return sum(record.review is not None for record in records)


def write_lines(path: Path, lines: Sequence[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
