"""Feedback directories: students' labels from the web app, as candidate records for a dataset build.

```
FEEDBACK_DIR/
  feedback.json    the manifest: kind, format, export id and time, the source database, counts, warnings
  records.jsonl    one DatasetRecord per student program (source "feedback")
```

``declean feedback export`` reads the web app's SQLite feedback (:mod:`declean.data.feedback_store`, opened
read-only) and writes one record per distinct program:

- **id and problem**: ``feedback/<first 12 hex of sha256(code)>``, for both. The id depends on the code
  only, so exporting the same database again (or a later copy of it) gives the same ids, and a build that
  already holds a program adds nothing for it.
- **labels**: the student's ``corrected`` labels, in the principle registry's order. A row naming a label no
  registered principle has is skipped, with a warning naming the row.
- **several rows on one program**: the latest row (highest row id) wins, whoever wrote it; the rest are
  counted as superseded. One record per program, so the dataset never holds the same code twice with
  contradicting labels. Once a version holds a program, its labels change only through ``declean review``
  (a build warns when a later export disagrees).
- **provenance**: ``run_id`` is the export's id (``feedback-<UTC time>``), ``sample_id`` the row id,
  ``models["detector"]`` the detector, version and model whose labels the student saw, and
  ``prompt_hashes["detector"]`` its prompt hash. Who the student is and their comment stay in the database:
  a dataset may be published.

The directory is written aside and renamed into place, so a crash leaves the previous export (or nothing),
never half of one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from declean.data.feedback_store import Feedback, FeedbackStore
from declean.data.records import DatasetRecord, invalid_line, numbered_lines
from declean.data.runs import RunContents
from declean.errors import DatasetError
from declean.principles import REGISTRY

FEEDBACK_MANIFEST = "feedback.json"
RECORDS_FILE = "records.jsonl"
FEEDBACK_KIND: Literal["declean-feedback"] = "declean-feedback"
FEEDBACK_FORMAT = 1
"""The feedback directory layout this declean writes and reads; a newer one is refused."""
STATEMENT = "A student's own program, checked in the declean web app (no problem statement)."


class FeedbackCounts(BaseModel):
    """What became of the database's rows."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    rows: int = 0
    """Rows in the database."""
    records: int = 0
    """Records written: one per distinct program."""
    unknown_labels: int = 0
    """Rows skipped for a label no registered principle has."""
    no_code: int = 0
    """Rows skipped for holding no code."""
    superseded: int = 0
    """Rows replaced by a later row on the same program."""


class FeedbackManifest(BaseModel):
    """``feedback.json``."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    kind: Literal["declean-feedback"] = FEEDBACK_KIND
    format: int = FEEDBACK_FORMAT
    export_id: str
    """``feedback-<UTC time>``: the records' ``run_id``."""
    created: str
    """ISO 8601 time of the export."""
    source_db: str
    """The feedback database it was exported from."""
    label_names: list[str]
    """The registry's labels at export time."""
    counts: FeedbackCounts
    warnings: list[str] = Field(default_factory=list)
    """Rows skipped, and why."""


@dataclass
class FeedbackExport:
    """What an export wrote."""

    path: Path
    manifest: FeedbackManifest
    records: list[DatasetRecord] = field(default_factory=list)


def export_feedback(db: Path, out: Path, *, now: dt.datetime | None = None) -> FeedbackExport:
    """Write the feedback directory ``out`` from feedback database ``db`` (replacing an earlier export)."""
    if out.exists() and not is_feedback_dir(out) and (not out.is_dir() or any(out.iterdir())):
        raise DatasetError(
            f"{out}: exists and is not a feedback directory (no {FEEDBACK_MANIFEST}); not replaced"
        )
    entries = read_feedback_db(db)
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    export_id = f"feedback-{moment.strftime('%Y%m%dT%H%M%SZ')}"
    label_names = list(REGISTRY.names())
    records, counts, warnings = feedback_records(entries, label_names, export_id)
    manifest = FeedbackManifest(
        export_id=export_id,
        created=moment.isoformat(timespec="seconds"),
        source_db=str(db.resolve()),
        label_names=label_names,
        counts=counts,
        warnings=warnings,
    )
    _write_dir(out, manifest, records)
    return FeedbackExport(path=out, manifest=manifest, records=records)


def read_feedback_db(db: Path) -> list[Feedback]:
    """Every row of the web app's feedback database, oldest first, opened read-only (never created)."""
    return FeedbackStore(db, read_only=True).entries()


def feedback_records(
    entries: Sequence[Feedback], label_names: Sequence[str], export_id: str
) -> tuple[list[DatasetRecord], FeedbackCounts, list[str]]:
    """One record per distinct program (its latest valid row), in the order of those rows."""
    warnings: list[str] = []
    latest: dict[str, Feedback] = {}
    unknown = no_code = 0
    for entry in entries:
        strange = sorted(set(entry.corrected) - set(label_names))
        if strange:
            unknown += 1
            warnings.append(
                f"feedback row {entry.id}: skipped, label(s) {', '.join(strange)} that no registered "
                f"principle has (known: {', '.join(label_names)})"
            )
        elif not entry.code.strip():
            no_code += 1
            warnings.append(f"feedback row {entry.id}: skipped, no code")
        else:
            latest[entry.code_hash] = entry
    kept = sorted(latest.values(), key=lambda entry: entry.id or 0)
    records = [_record(entry, label_names, export_id) for entry in kept]
    counts = FeedbackCounts(
        rows=len(entries),
        records=len(records),
        unknown_labels=unknown,
        no_code=no_code,
        superseded=len(entries) - unknown - no_code - len(records),
    )
    return records, counts, warnings


def is_feedback_dir(path: Path) -> bool:
    """Whether ``path`` is a feedback directory (holds ``feedback.json``)."""
    return (path / FEEDBACK_MANIFEST).is_file()


def read_feedback(path: Path) -> RunContents:
    """The records of feedback directory ``path`` as a build reads them: new samples, no natural errors."""
    manifest = load_manifest(path)
    contents = RunContents(
        path=path,
        run_id=manifest.export_id,
        settings={
            "kind": "feedback",
            "source_db": manifest.source_db,
            "created": manifest.created,
            **manifest.counts.model_dump(),
        },
    )
    records_path = path / RECORDS_FILE
    if not records_path.exists():
        raise DatasetError(f"{records_path}: missing (the feedback directory is incomplete)")
    seen: dict[str, int] = {}
    for number, line in numbered_lines(records_path, contents.warnings):
        try:
            record = DatasetRecord.model_validate_json(line)
        except ValidationError as error:
            raise invalid_line(records_path, number, "dataset record", error) from error
        if record.source != "feedback":
            raise DatasetError(f"{records_path}:{number}: not a feedback record (source {record.source!r})")
        if record.id in seen:
            raise DatasetError(f"{records_path}:{number}: record {record.id} repeats line {seen[record.id]}")
        seen[record.id] = number
        contents.samples.append(record)
    return contents


def stale_feedback(records: Sequence[DatasetRecord], earlier: Sequence[DatasetRecord]) -> list[str]:
    """Warnings for exported feedback records an earlier version holds, unreviewed, with other labels: a
    build keeps the labels a record came in with, a review changes them."""
    held = {record.id: record for record in earlier if record.source == "feedback" and record.review is None}
    return [
        f"{record.id}: feedback row {record.sample_id} labels it {_labels(record.labels)}, the dataset keeps "
        f"row {held[record.id].sample_id}'s {_labels(held[record.id].labels)} (`declean review` relabels)"
        for record in records
        if record.source == "feedback" and record.id in held and record.labels != held[record.id].labels
    ]


def load_manifest(path: Path) -> FeedbackManifest:
    """``feedback.json`` of ``path``; refuses another kind, a newer format or a corrupt file."""
    manifest_path = path / FEEDBACK_MANIFEST
    try:
        raw = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DatasetError(f"{manifest_path}: not a feedback manifest ({error})") from error
    if not isinstance(raw, dict) or raw.get("kind") != FEEDBACK_KIND:
        raise DatasetError(f"{manifest_path}: not a feedback manifest (kind is not {FEEDBACK_KIND!r})")
    found = raw.get("format")
    if isinstance(found, int) and found > FEEDBACK_FORMAT:
        raise DatasetError(
            f"{manifest_path}: made by a newer declean (feedback format {found}); this one reads format "
            f"{FEEDBACK_FORMAT}: upgrade declean"
        )
    try:
        return FeedbackManifest.model_validate(raw)
    except ValidationError as error:
        raise DatasetError(f"{manifest_path}: not a feedback manifest ({_first(error)})") from error


def _record(entry: Feedback, label_names: Sequence[str], export_id: str) -> DatasetRecord:
    key = f"feedback/{entry.code_hash[:12]}"
    detector = f"{entry.detector} {entry.detector_version}" + (f" ({entry.model})" if entry.model else "")
    return DatasetRecord(
        id=key,
        problem_id=key,
        statement=STATEMENT,
        code=entry.code,
        labels=[label for label in label_names if label in set(entry.corrected)],
        source="feedback",
        run_id=export_id,
        sample_id=str(entry.id),
        models={"detector": detector},
        prompt_hashes={"detector": entry.prompt_hash} if entry.prompt_hash else {},
    )


def _write_dir(out: Path, manifest: FeedbackManifest, records: Sequence[DatasetRecord]) -> None:
    """Stage the directory beside ``out``, then rename it into place (the old export goes only after)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    for stage in ("exporting", "replaced"):  # what a crashed export left
        for leftover in out.parent.glob(f".{out.name}.{stage}-*"):
            shutil.rmtree(leftover, ignore_errors=True)
    staged = Path(tempfile.mkdtemp(prefix=f".{out.name}.exporting-", dir=out.parent))
    try:
        _write_synced(staged / RECORDS_FILE, "".join(record.model_dump_json() + "\n" for record in records))
        _write_synced(staged / FEEDBACK_MANIFEST, manifest.model_dump_json(indent=2) + "\n")
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.replaced-", dir=out.parent))
            out.rename(old / out.name)
            staged.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            staged.rename(out)
    finally:
        if staged.exists():
            shutil.rmtree(staged, ignore_errors=True)


def _write_synced(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _labels(labels: Sequence[str]) -> str:
    return ", ".join(labels) or "clean"


def _first(error: Exception) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        return f"{'.'.join(str(part) for part in first['loc']) or 'the value'}: {first['msg']}"
    return str(error)
