"""The output directory of a run: append-only JSON Lines files that a crash can never corrupt.

A problem's results are appended with one ``write`` per file and synced, then its record goes to
``problems.jsonl``; only a recorded problem counts as done. A line cut short by a crash is the last line of
its file; reading skips it and :meth:`OutputDir.repair` cuts it off before a resumed run appends again.
Records already present (by id) are never appended twice, so re-running an unrecorded problem after a crash
between those writes duplicates nothing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from declean.models.usage import CallUsage
from declean.samples import Rejection, Sample

SAMPLES_FILE = "samples.jsonl"
REJECTIONS_FILE = "rejections.jsonl"
PROBLEMS_FILE = "problems.jsonl"
SUMMARY_FILE = "summary.json"


class ProblemRecord(BaseModel):
    """One problem's outcome in ``problems.jsonl``, written after its samples and rejections."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    problem_id: str
    status: Literal["done", "crashed"]
    """``done``: every sample ran to its end; ``crashed``: the graph raised (a resumed run retries it)."""
    statement: str = ""
    """The problem statement, so a dataset can describe a problem none of whose versions was accepted."""
    accepted: int = 0
    rejected: int = 0
    error: str | None = None
    """What the graph raised, for a crashed problem."""
    calls: list[CallUsage] = Field(default_factory=list)
    """Every model call the problem made, for the run's token accounting."""


class OutputDir:
    """``samples.jsonl``, ``rejections.jsonl`` and ``problems.jsonl`` of one run."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.samples = path / SAMPLES_FILE
        self.rejections = path / REJECTIONS_FILE
        self.problems = path / PROBLEMS_FILE
        self._sample_ids: set[str] = set()
        self._rejection_ids: set[str] = set()

    def holds_a_run(self) -> bool:
        """Whether any results are already here."""
        return any(path.exists() and path.stat().st_size for path in self._files())

    def repair(self) -> list[str]:
        """Cut off a partial last line in each file; says what was cut, by file."""
        cut: list[str] = []
        for path in self._files():
            dropped = cut_partial_line(path)
            if dropped:
                cut.append(f"{path.name}: dropped a partial last line ({dropped} bytes)")
        return cut

    def load(self) -> dict[str, ProblemRecord]:
        """Remember the ids already written; the latest record of every problem."""
        self._sample_ids = {str(json.loads(line)["id"]) for line in complete_lines(self.samples)}
        self._rejection_ids = {str(json.loads(line)["sample_id"]) for line in complete_lines(self.rejections)}
        return self.records()

    def records(self) -> dict[str, ProblemRecord]:
        """The latest record of every problem (only ``problems.jsonl`` is read)."""
        records: dict[str, ProblemRecord] = {}
        for line in complete_lines(self.problems):
            record = ProblemRecord.model_validate_json(line)
            records[record.problem_id] = record
        return records

    def write_problem(
        self, samples: Sequence[Sample], rejections: Sequence[Rejection], record: ProblemRecord
    ) -> None:
        """Append what is new of a problem's results, then its record; each file synced in turn."""
        new_samples = [s for s in samples if s.id not in self._sample_ids]
        new_rejections = [r for r in rejections if r.sample_id not in self._rejection_ids]
        self.path.mkdir(parents=True, exist_ok=True)
        append_lines(self.samples, [s.model_dump_json() for s in new_samples])
        self._sample_ids.update(s.id for s in new_samples)
        append_lines(self.rejections, [r.model_dump_json() for r in new_rejections])
        self._rejection_ids.update(r.sample_id for r in new_rejections)
        append_lines(self.problems, [record.model_dump_json()])

    def clear(self) -> None:
        """Remove the results (for ``--restart``)."""
        for path in self._files():
            path.unlink(missing_ok=True)

    def _files(self) -> tuple[Path, ...]:
        return (self.samples, self.rejections, self.problems)


def complete_lines(path: Path) -> Iterator[str]:
    """The file's complete lines, streamed; a last line without its newline (a crash's) is skipped."""
    if not path.exists():
        return
    with path.open("r", encoding="utf-8", newline="\n") as handle:
        for line in handle:
            if line.endswith("\n") and line.strip():
                yield line


def append_lines(path: Path, lines: Sequence[str]) -> None:
    """Append ``lines`` with one ``write`` and sync: a crash leaves at most a partial last line."""
    if not lines:
        return
    data = "".join(line + "\n" for line in lines).encode()
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def cut_partial_line(path: Path) -> int:
    """Truncate the bytes a crash left after the last newline (so the next append starts a line of its
    own); the number of bytes dropped."""
    kept = _complete_length(path)
    if kept is None:
        return 0
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.truncate(kept)
        os.fsync(handle.fileno())
    return size - kept


def _complete_length(path: Path) -> int | None:
    """The length up to the last newline, when the file has bytes after it; else ``None``."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    with path.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        size = position = handle.tell()
        while position > 0:
            step = min(65536, position)
            position -= step
            handle.seek(position)
            chunk = handle.read(step)
            newline = chunk.rfind(b"\n")
            if newline != -1:
                end = position + newline + 1
                return end if end < size else None
    return 0
