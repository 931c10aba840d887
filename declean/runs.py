"""A whole run: a problems file in, ``samples.jsonl``, ``rejections.jsonl`` and a trace out.

Each problem goes through the graph; its samples and rejections are appended as complete lines (one write
and one flush per line), so an interrupted run leaves only whole records behind. A problem that crashes
the graph is recorded in the trace and the run goes on.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from declean.graphs.calls import model_name
from declean.graphs.context import Context
from declean.graphs.pipeline import build_graph
from declean.problems import Problem
from declean.samples import Rejection, Sample
from declean.tracing.events import ErrorEvent, RunEnd, RunStart

SAMPLES_FILE = "samples.jsonl"
REJECTIONS_FILE = "rejections.jsonl"


@dataclass
class RunSummary:
    """Counts for the closing table."""

    problems: int = 0
    failed_problems: list[str] = field(default_factory=list)
    accepted: Counter[str] = field(default_factory=Counter)
    """Accepted samples by label (``clean`` for label-free ones); a sample counts under each of its labels."""
    rejected: Counter[tuple[str, str]] = field(default_factory=Counter)
    """Rejections by (principle or ``clean``, reason)."""
    accepted_samples: int = 0
    """Accepted samples, clean and de-cleaned."""
    duration_seconds: float = 0.0

    def add(self, samples: Sequence[Sample], rejections: Iterable[Rejection]) -> None:
        """Count one problem's results."""
        self.accepted_samples += len(samples)
        for sample in samples:
            labels: list[str] = list(sample.labels) or ["clean"]
            for label in labels:
                self.accepted[label] += 1
        for rejection in rejections:
            self.rejected[(rejection.principle or "clean", rejection.reason)] += 1

    def rejected_by_reason(self) -> dict[str, int]:
        """Rejections by reason over every stage."""
        totals: Counter[str] = Counter()
        for (_, reason), count in self.rejected.items():
            totals[reason] += count
        return dict(totals)


def run_problems(
    problems: Sequence[Problem],
    context: Context,
    out_dir: Path,
    *,
    on_problem_done: Callable[[Problem, list[Sample], list[Rejection]], None] | None = None,
) -> RunSummary:
    """Run every problem through the graph, appending results to ``out_dir`` as they come."""
    out_dir.mkdir(parents=True, exist_ok=True)
    graph = build_graph()
    summary = RunSummary(problems=len(problems))
    started = time.monotonic()
    context.trace.emit(RunStart, settings=_describe(context, problems, out_dir))
    try:
        for problem in problems:
            samples, rejections = _run_one(graph, problem, context, summary)
            _append(out_dir / SAMPLES_FILE, samples)
            _append(out_dir / REJECTIONS_FILE, rejections)
            summary.add(samples, rejections)
            if on_problem_done is not None:
                on_problem_done(problem, samples, rejections)
    finally:
        summary.duration_seconds = time.monotonic() - started
        context.trace.emit(
            RunEnd,
            accepted=summary.accepted_samples,
            rejected=summary.rejected_by_reason(),
            duration_seconds=summary.duration_seconds,
        )
        context.trace.close()
    return summary


def _run_one(
    graph: Any, problem: Problem, context: Context, summary: RunSummary
) -> tuple[list[Sample], list[Rejection]]:
    try:
        result = graph.invoke({"problem": problem}, context=context)
    except Exception as error:
        summary.failed_problems.append(problem.id)
        context.trace.emit(
            ErrorEvent, node=None, error=f"{type(error).__name__}: {error}", problem_id=problem.id
        )
        return [], []
    return list(result.get("samples", [])), list(result.get("rejections", []))


def _append(path: Path, records: Sequence[BaseModel]) -> None:
    """Each record as one line, written with a single ``write`` and flushed to disk."""
    if not records:
        return
    with path.open("a", encoding="utf-8") as handle:
        for record in records:
            handle.write(record.model_dump_json() + "\n")
            handle.flush()
        os.fsync(handle.fileno())


def _describe(context: Context, problems: Sequence[Problem], out_dir: Path) -> dict[str, Any]:
    return {
        "problems": len(problems),
        "out_dir": str(out_dir),
        "model": model_name(context.llm),
        "role_models": {role: model_name(model) for role, model in context.llms.items()},
        "sandbox": context.sandbox.name,
        "principles": list(context.principles),
        "samples_per_problem": context.samples_per_problem,
        "temperature": context.temperature,
        "max_fix_attempts": context.max_fix_attempts,
        "judge_policy": context.judge_policy,
        "on_rejection": context.on_rejection,
        "strategies": {p: context.strategy_for(p) for p in context.principles},
        "level": context.level,
        "verify_labels": context.verify_labels,
        "on_collateral": context.on_collateral,
    }
