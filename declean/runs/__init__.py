"""Whole runs: concurrency, checkpoints and resume, the output directory, the summary.

``run_problems`` (and the runner's LangGraph import) load on first use, so reading an output directory
stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from declean.runs.manifest import MANIFEST_FILE, RunManifest
from declean.runs.output import PROBLEMS_FILE, REJECTIONS_FILE, SAMPLES_FILE, SUMMARY_FILE, OutputDir
from declean.runs.summary import RunSummary

if TYPE_CHECKING:
    from declean.runs.runner import run_problems, run_problems_async

__all__ = [
    "MANIFEST_FILE",
    "PROBLEMS_FILE",
    "REJECTIONS_FILE",
    "SAMPLES_FILE",
    "SUMMARY_FILE",
    "OutputDir",
    "RunManifest",
    "RunSummary",
    "run_problems",
    "run_problems_async",
]


def __getattr__(name: str) -> Any:
    if name in ("run_problems", "run_problems_async"):
        from declean.runs import runner

        return getattr(runner, name)
    raise AttributeError(f"module 'declean.runs' has no attribute {name!r}")
