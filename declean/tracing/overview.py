"""One line per run for ``declean trace list``: read with a single pass that parses only the few events
it counts (run boundaries, outcomes, model calls), so a directory of large traces lists quickly."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from declean.tracing.events import ModelCall, RunEnd, RunStart, SampleAccepted, SampleRejected
from declean.tracing.reader import TraceProblems, event_name, iter_lines, parse_line, trace_files

_COUNTED = frozenset({"run_start", "run_end", "sample_accepted", "sample_rejected", "model_call"})


class RunInfo(BaseModel):
    """A run as ``declean trace list`` shows it."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    run_id: str
    path: str
    started: float | None = None
    """Unix time of the first ``run_start``."""
    models: list[str] = Field(default_factory=list)
    problems: int | None = None
    accepted: int = 0
    """Accepted samples (distinct ids)."""
    rejected: dict[str, int] = Field(default_factory=dict)
    """Rejections by reason (a step repeated after a resume counts once)."""
    input_tokens: int = 0
    output_tokens: int = 0
    model_calls: int = 0
    cached_calls: int = 0
    duration_seconds: float = 0.0
    """Wall time of every session, summed (a resumed run has several)."""
    sessions: int = 0
    ended: bool = False
    """Whether the last session wrote ``run_end``; ``False``: crashed, killed or still running."""
    warnings: list[str] = Field(default_factory=list)


def run_info(path: Path) -> RunInfo:
    """Summarize one trace file."""
    problems = TraceProblems()
    info = RunInfo(run_id=path.stem, path=str(path))
    accepted: set[str] = set()
    rejected: dict[str, str] = {}
    models: set[str] = set()
    session_start: float | None = None
    last_line: str | None = None
    for number, line in iter_lines(path, problems):
        last_line = line
        if event_name(line) not in _COUNTED:
            continue
        event = parse_line(number, line, problems)
        if event is None:
            continue
        if isinstance(event, RunStart):
            info.run_id, info.sessions, info.ended = event.run_id, info.sessions + 1, False
            info.started = info.started if info.started is not None else event.ts
            info.problems = event.settings.get("problems", info.problems)
            session_start = event.ts
            models.add(str(event.settings.get("model")))
            models.update(str(name) for name in event.settings.get("role_models", {}).values())
        elif isinstance(event, RunEnd):
            info.ended, info.duration_seconds = True, info.duration_seconds + event.duration_seconds
            session_start = None
        elif isinstance(event, SampleAccepted):
            accepted.add(str(event.sample.get("id")))
        elif isinstance(event, SampleRejected):
            rejected[str(event.rejection.get("sample_id"))] = str(event.rejection.get("reason"))
        elif isinstance(event, ModelCall):
            info.model_calls += 1
            info.cached_calls += event.cached
            info.input_tokens += event.input_tokens or 0
            info.output_tokens += event.output_tokens or 0
            models.add(event.model)
    if session_start is not None and last_line is not None:
        info.duration_seconds += float(json.loads(last_line)["ts"]) - session_start
    info.accepted = len(accepted)
    still_rejected = [reason for sample_id, reason in rejected.items() if sample_id not in accepted]
    info.rejected = dict(sorted(Counter(still_rejected).items()))
    info.models = sorted(models - {"None"})
    info.warnings = problems.warnings
    return info


def list_runs(trace_dir: Path) -> list[RunInfo]:
    """Every run in ``trace_dir``, newest first."""
    return [run_info(path) for path in trace_files(trace_dir)]
