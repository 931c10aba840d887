"""A dataset directory: its versions, the index naming the current one, and atomic writes.

```
DATASET_DIR/
  dataset.json              the index: format, current version, every version's build record
  README.md                 the current version's card; its YAML ``configs`` name every version
  ledger.jsonl              every evaluation of a split (:mod:`declean.data.ledger`)
  versions/v1/              one directory per version, never changed once written
    data/train.parquet ...  the splits, for ``datasets.load_dataset(DATASET_DIR)``
    data/train.jsonl ...    the same records as declean reads them back
    build.json  dedup.jsonl  near_problems.jsonl  no_compile_rejected.jsonl  README.md
    rejected.jsonl          records reviewers rejected: out of the splits, never deleted
```

A version is written into a staging directory, renamed into ``versions/``, and only then named current by
replacing ``dataset.json`` (the commit point); a crash at any moment leaves the previous version current
and whole. Leftovers of a crashed build are removed by the next one.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from declean.data.records import SPLITS, DatasetRecord
from declean.data.split import SplitReport
from declean.errors import DatasetError

FORMAT = 1
"""The dataset layout this declean writes and reads; a newer one is refused with a clear error."""
INDEX_FILE = "dataset.json"
CARD_FILE = "README.md"
VERSIONS_DIR = "versions"
DATA_DIR = "data"
BUILD_FILE = "build.json"
DEDUP_FILE = "dedup.jsonl"
NEAR_PROBLEMS_FILE = "near_problems.jsonl"
NO_COMPILE_REJECTED_FILE = "no_compile_rejected.jsonl"
REJECTED_FILE = "rejected.jsonl"
_STAGING_PREFIX = ".building-"


class RunSource(BaseModel):
    """A run (or a feedback export, ``settings["kind"] == "feedback"``) a version was built from."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    run_id: str
    path: str
    settings: dict[str, object] = Field(default_factory=dict)
    """The run's recorded settings: models, principles, strategies, level, verification policies."""
    samples: int = 0
    """Accepted samples of complete problems (or feedback records) read from it."""
    natural_candidates: int = 0
    """Versions that never compiled (``fixes_exhausted``) read from it."""


class BuildSettings(BaseModel):
    """What decides a version's content besides its runs."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    near_duplicate_threshold: float = 0.85
    test_size: float = 0.5
    validation_size: float = 0.0
    seed: int = 0
    no_compile_share: float = 0.12
    """The share of the dataset's records labelled ``NO_COMPILE``."""
    fresh_test: bool = False
    """Earlier versions' test problems were moved to validation; the test split holds only new problems."""
    license: str = "apache-2.0"


class NoCompileStats(BaseModel):
    """How the ``NO_COMPILE`` records came about."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    target: int = 0
    natural: int = 0
    """Versions a model wrote that never compiled."""
    breakage: int = 0
    by_kind: dict[str, int] = Field(default_factory=dict)
    natural_not_compile_errors: int = 0
    """Natural candidates that compiled, or failed only at link time or by timing out."""
    breakages_turned_down: int = 0
    """Breakages gcc accepted or did not reject with an error (the next candidate was tried)."""
    feedback: int = 0
    """Students' programs the students labelled ``NO_COMPILE`` (gcc agreed)."""
    feedback_turned_down: int = 0
    """Feedback records left out because gcc disagreed with their ``NO_COMPILE`` label, or its absence."""
    compiles: int = 0
    """Sandbox compiles spent (an earlier version's verified breakages are reused without one)."""


class VersionInfo(BaseModel):
    """One version's build record (``build.json`` and an entry of ``dataset.json``)."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    name: str
    """``v1``, ``v2``...: also its ``load_dataset`` config name."""
    fingerprint: str
    """sha256 of the records' ids, codes, labels and splits."""
    created: str
    """ISO 8601 time of the build."""
    parent: str | None
    """The version it was built on."""
    label_names: list[str]
    """The ``ClassLabel`` names, from the principle registry."""
    runs: list[RunSource]
    settings: BuildSettings
    records: int
    counts: dict[str, dict[str, int]]
    """Split -> label (and ``clean``, ``records``) -> records."""
    problems: dict[str, list[str]]
    """Split -> its problems."""
    split: SplitReport
    dedup: dict[str, int]
    """Dropped records by kind, and cross-problem near-duplicate pairs."""
    no_compile: NoCompileStats
    warnings: list[str] = Field(default_factory=list)
    """What was left out of the runs and why."""
    made_by: Literal["build", "review"] = "build"
    """``declean dataset build`` (runs merged in) or a review pull (decisions applied, splits unchanged)."""
    reviewed: int = 0
    """Records in the splits that people accepted or relabelled."""
    rejected: int = 0
    """Records people rejected (in ``rejected.jsonl``, not in the splits)."""

    def splits(self) -> list[str]:
        """The splits holding records, in train/validation/test order."""
        return [split for split in SPLITS if self.counts.get(split, {}).get("records", 0)]


class DatasetIndex(BaseModel):
    """``dataset.json``."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    format: int = FORMAT
    current: str | None = None
    versions: list[VersionInfo] = Field(default_factory=list)

    def version(self, name: str | None = None) -> VersionInfo:
        """The version named ``name`` (the current one when ``None``)."""
        wanted = name or self.current
        for version in self.versions:
            if version.name == wanted:
                return version
        known = ", ".join(version.name for version in self.versions) or "none"
        raise DatasetError(f"no dataset version {wanted!r} (versions: {known})")


class DatasetDir:
    """One dataset directory on disk."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def index_path(self) -> Path:
        return self.path / INDEX_FILE

    def exists(self) -> bool:
        """Whether a dataset was ever committed here."""
        return self.index_path.exists()

    def load_index(self) -> DatasetIndex:
        """The index; an empty one for a new directory. Refuses another format or a corrupt file."""
        if not self.exists():
            if self.path.exists() and not self.path.is_dir():
                raise DatasetError(f"{self.path}: not a directory")
            return DatasetIndex()
        try:
            raw = json.loads(self.index_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise DatasetError(f"{self.index_path}: not a declean dataset index ({error})") from error
        found = raw.get("format") if isinstance(raw, dict) else None
        if not isinstance(found, int):
            raise DatasetError(f"{self.index_path}: not a declean dataset index (no format number)")
        if found > FORMAT:
            raise DatasetError(
                f"{self.index_path}: made by a newer declean (dataset format {found}); this one reads "
                f"format {FORMAT}: upgrade declean"
            )
        try:
            return DatasetIndex.model_validate(raw)
        except ValidationError as error:
            raise DatasetError(f"{self.index_path}: not a declean dataset index ({error})") from error

    def existing_index(self) -> DatasetIndex:
        """The index of a dataset that must exist already."""
        if not self.exists():
            raise DatasetError(
                f"{self.path}: not a declean dataset (no {INDEX_FILE}); make one with `declean dataset build`"
            )
        return self.load_index()

    def version_dir(self, name: str) -> Path:
        return self.path / VERSIONS_DIR / name

    def records(self, version: VersionInfo) -> list[DatasetRecord]:
        """Every record of ``version``, split by split."""
        records: list[DatasetRecord] = []
        for split in version.splits():
            path = self.version_dir(version.name) / DATA_DIR / f"{split}.jsonl"
            records += read_records(path)
        return records

    def rejected(self, version: VersionInfo) -> list[DatasetRecord]:
        """The records reviewers rejected up to ``version``: kept beside the splits, never deleted."""
        path = self.version_dir(version.name) / REJECTED_FILE
        return read_records(path) if path.exists() else []

    @contextmanager
    def staging(self) -> Iterator[Path]:
        """A fresh directory to write a version into; removed unless :meth:`commit` took it."""
        self.path.mkdir(parents=True, exist_ok=True)
        self.remove_leftovers()
        staged = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=self.path))
        try:
            yield staged
        finally:
            if staged.exists():
                shutil.rmtree(staged, ignore_errors=True)

    def commit(self, staged: Path, index: DatasetIndex, card: str) -> None:
        """Make the staged version current: rename it into place, then replace the index, then the card."""
        current = index.version()
        target = self.version_dir(current.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            shutil.rmtree(target)
        _sync_tree(staged)
        staged.rename(target)
        write_atomically(self.index_path, index.model_dump_json(indent=2) + "\n")
        write_atomically(self.path / CARD_FILE, card)

    def remove_leftovers(self) -> list[str]:
        """Remove what a crashed build left: staging directories and versions the index does not name."""
        removed = []
        for staged in self.path.glob(f"{_STAGING_PREFIX}*"):
            shutil.rmtree(staged, ignore_errors=True)
            removed.append(staged.name)
        if self.exists():
            named = {version.name for version in self.load_index().versions}
            versions = self.path / VERSIONS_DIR
            for directory in versions.iterdir() if versions.exists() else ():
                if directory.name not in named:
                    shutil.rmtree(directory, ignore_errors=True)
                    removed.append(f"{VERSIONS_DIR}/{directory.name}")
        return removed


def read_records(path: Path) -> list[DatasetRecord]:
    """The records of one JSONL file; a corrupt line is an error naming the file and line."""
    records = []
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    records.append(DatasetRecord.model_validate_json(line))
                except ValidationError as error:
                    first = error.errors()[0]
                    where = ".".join(str(part) for part in first["loc"]) or "the line"
                    raise DatasetError(
                        f"{path}:{number}: not a dataset record ({where}: {first['msg']})"
                    ) from error
    except FileNotFoundError as error:
        raise DatasetError(f"{path}: missing (the dataset directory is incomplete)") from error
    except UnicodeDecodeError as error:
        raise DatasetError(f"{path}: not UTF-8 text") from error
    return records


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` beside ``path``, sync, then rename over it: readers see the old file or the new one."""
    partial = path.with_name(f".{path.name}.partial")
    with partial.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(path)


def _sync_tree(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
