"""The test-set ledger: every evaluation of a dataset split, so a test split is measured once.

``DATASET_DIR/ledger.jsonl`` is append-only. Evaluating a version's test split a second time is refused
(:class:`~declean.errors.TestSetReusedError`, saying when it was used) unless ``again`` is passed, and then
the entry says so. A new version with new problems gets a fresh test split; ``declean dataset build
--fresh-test`` moves the problems of earlier test splits to validation.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from declean.data.records import Split, invalid_line, numbered_lines
from declean.errors import TestSetReusedError
from declean.runs.output import append_lines, cut_partial_line

LEDGER_FILE = "ledger.jsonl"


class LedgerEntry(BaseModel):
    """One evaluation of one split."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    when: str = Field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    """ISO 8601 time of the evaluation."""
    version: str
    """The dataset version evaluated."""
    fingerprint: str
    """That version's content fingerprint."""
    split: Split
    detector: str
    """The detector's name."""
    model: str | None = None
    """The model the detector asked, if any."""
    prompt_hash: str | None = None
    """The hash of the detector's prompt, if any."""
    scores: dict[str, float] = Field(default_factory=dict)
    """Metric name -> value (Jaccard per label...)."""
    again: bool = False
    """The split had been evaluated before and the user said to evaluate it again."""


class Ledger:
    """The ledger of one dataset directory."""

    def __init__(self, dataset_dir: Path) -> None:
        self.path = dataset_dir / LEDGER_FILE

    def entries(self) -> list[LedgerEntry]:
        """Every entry, oldest first; a corrupt line is an error naming the file and line."""
        entries = []
        for number, line in numbered_lines(self.path, warnings=[]):
            try:
                entries.append(LedgerEntry.model_validate_json(line))
            except ValidationError as error:
                raise invalid_line(self.path, number, "ledger entry", error) from error
        return entries

    def uses(self, version: str, split: Split = "test") -> list[LedgerEntry]:
        """The evaluations of ``version``'s ``split`` so far."""
        return [entry for entry in self.entries() if entry.version == version and entry.split == split]

    def check(self, version: str, split: Split = "test", *, again: bool = False) -> None:
        """Refuse a second evaluation of a test split unless ``again``."""
        if split != "test" or again:
            return
        earlier = self.uses(version, split)
        if earlier:
            first = earlier[0]
            raise TestSetReusedError(
                f"the test split of dataset version {version} was already evaluated {len(earlier)} time(s), "
                f"first on {first.when} (detector {first.detector}); a test split is measured once: pass "
                "--again to evaluate it anyway, or build a new version with --fresh-test"
            )

    def record(self, *entries: LedgerEntry, again: bool = False) -> list[LedgerEntry]:
        """Check once, then append ``entries`` (one evaluation of several detectors is one use; each
        entry is marked ``again`` when its split had been evaluated before)."""
        recorded = []
        for entry in entries:
            self.check(entry.version, entry.split, again=again)
        for entry in entries:
            used_before = bool(self.uses(entry.version, entry.split)) and entry.split == "test"
            recorded.append(entry.model_copy(update={"again": used_before and again}))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        cut_partial_line(self.path)
        append_lines(self.path, [entry.model_dump_json() for entry in recorded])
        return recorded
