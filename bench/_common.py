"""Shared pieces of the whole-run benchmarks: a fake chat model with a fixed latency, a problems writer,
a timed run. The sandbox wrappers that time the real sandbox (``RecordingSandbox``) or replay its recorded
results after a fixed delay (``ReplaySandbox``, from a ``ResultTable``) are ``declean.testing``'s.

The fake model answers with ``tests.corpus_run.respond`` (the corpus program named in the statement for
the generator, the code echoed back for a de-clean request), so runs are deterministic. Import this module
from a script in ``bench/`` run from the repository root; it puts the root on ``sys.path``.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import tests.corpus_run
from declean.graphs.context import Context
from declean.problems import Problem, load_problems
from declean.runs import RunSummary, run_problems
from declean.samples import Principle
from declean.testing import RespondingChatModel
from tests.corpus_index import CorpusProgram, clean_programs

ROOT = Path(__file__).resolve().parents[1]
ALL_PRINCIPLES: list[Principle] = ["DRY", "SRP", "MC", "NAME"]

_CORPUS: list[CorpusProgram] = clean_programs()


def latency_model(latency: float) -> RespondingChatModel:
    """The deterministic corpus model (``tests.corpus_run.respond``) answering after ``latency`` seconds."""
    return RespondingChatModel(respond=tests.corpus_run.respond, latency_seconds=latency)


def write_problems(path: Path, count: int) -> list[Problem]:
    """``count`` problems naming the corpus programs in turn (``tests.corpus_run.write_problems``'s format);
    past the 20 programs the ids get a ``-2``, ``-3``... suffix and the statements a ``(copy 2)``... so
    both stay unique (a repeated statement would be answered from a model cache). Returns them loaded."""
    lines = []
    for index in range(count):
        program = _CORPUS[index % len(_CORPUS)]
        round_number = index // len(_CORPUS)
        ident = program.name if round_number == 0 else f"{program.name}-{round_number + 1}"
        statement = f"Write the corpus program `{program.name}`: it reads stdin and prints its report."
        if round_number:
            statement += f" (copy {round_number + 1})"
        lines.append(json.dumps({"id": ident, "statement": statement, "stdin": program.stdin}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_problems(path)


def timed_run(problems: Sequence[Problem], context: Context, out_dir: Path) -> tuple[RunSummary, float]:
    """One whole run (``run_problems``) into ``out_dir``, and its wall-clock seconds."""
    started = time.perf_counter()
    summary = run_problems(problems, context, out_dir)
    return summary, time.perf_counter() - started


def describe(summary: RunSummary) -> str:
    """The run's outcome in one line: problems done, samples accepted, rejections by reason."""
    rejected = ",".join(f"{reason}:{count}" for reason, count in summary.rejected_by_reason().items())
    failed = f" failed={len(summary.failed_problems)}" if summary.failed_problems else ""
    return (
        f"done={summary.done_problems}/{summary.problems} accepted={summary.accepted_samples}"
        f" rejected={{{rejected}}} peak_in_flight={summary.peak_in_flight}{failed}"
    )
