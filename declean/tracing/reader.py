"""Read trace files back into the event models the writer used, tolerating what a crash leaves behind.

A run killed mid-write leaves a last line without its newline (or cut inside its JSON): it is skipped and
reported, never an error. A line that is not an event of this schema is reported by number and skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from declean.errors import TraceNotFoundError
from declean.tracing.events import TraceEvent, _Event

_ADAPTER: TypeAdapter[TraceEvent] = TypeAdapter(TraceEvent)
_EVENT_NAME = re.compile(r'"event"\s*:\s*"([a-z_]+)"')


@dataclass
class TraceProblems:
    """What reading a trace skipped, in words a user can act on."""

    warnings: list[str] = field(default_factory=list)

    def truncated(self, number: int) -> None:
        self.warnings.append(
            f"line {number} is cut short (the run was killed while writing it, or is still running); ignored"
        )

    def invalid(self, number: int, error: str) -> None:
        self.warnings.append(f"line {number} is not a trace event ({error}); ignored")


def iter_lines(path: Path, problems: TraceProblems) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` of every complete line; a cut-short last line is reported instead."""
    with path.open("r", encoding="utf-8", errors="replace", newline="\n") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.endswith("\n"):
                if line.strip():
                    problems.truncated(number)
                return
            if line.strip():
                yield number, line


def event_name(line: str) -> str | None:
    """The ``event`` field of a raw line, without parsing the whole line."""
    match = _EVENT_NAME.search(line)
    return match.group(1) if match else None


def parse_line(number: int, line: str, problems: TraceProblems) -> _Event | None:
    """One line as its event model, or ``None`` (reported) when it is not one."""
    try:
        event: _Event = _ADAPTER.validate_json(line)
    except ValidationError as error:
        reason = error.errors()[0]
        problems.invalid(number, f"{'.'.join(map(str, reason['loc']))}: {reason['msg']}")
        return None
    except json.JSONDecodeError as error:
        problems.invalid(number, str(error))
        return None
    return event


def read_events(path: Path, problems: TraceProblems, only: frozenset[str] | None = None) -> Iterator[_Event]:
    """Every event of the file in order; with ``only``, just events of those types (the rest unparsed)."""
    for number, line in iter_lines(path, problems):
        if only is not None and event_name(line) not in only:
            continue
        event = parse_line(number, line, problems)
        if event is not None:
            yield event


def trace_files(trace_dir: Path) -> list[Path]:
    """The trace files of a directory, newest first (run ids sort by start time)."""
    if not trace_dir.is_dir():
        raise TraceNotFoundError(f"no trace directory {trace_dir}")
    return sorted(trace_dir.glob("*.jsonl"), key=lambda path: path.name, reverse=True)


def find_trace(run: str, trace_dir: Path) -> Path:
    """The trace of ``run``: a file path, a run id, or a unique prefix or suffix of one in ``trace_dir``."""
    direct = Path(run)
    if direct.suffix == ".jsonl" and direct.is_file():
        return direct
    candidates = [path for path in trace_files(trace_dir) if path.stem == run]
    if not candidates:
        candidates = [p for p in trace_files(trace_dir) if p.stem.startswith(run) or p.stem.endswith(run)]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise TraceNotFoundError(f"no run {run!r} in {trace_dir} (see `declean trace list {trace_dir}`)")
    names = ", ".join(path.stem for path in candidates[:5])
    raise TraceNotFoundError(f"{run!r} matches several runs in {trace_dir}: {names}")
