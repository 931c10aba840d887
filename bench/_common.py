"""Shared pieces of the whole-run benchmarks: a fake chat model with a fixed latency, a problems writer,
and sandbox wrappers that time the real sandbox or replay its recorded results after a fixed delay.

The fake model answers with ``tests.corpus_run.respond`` (the corpus program named in the statement for
the generator, the code echoed back for a de-clean request), so runs are deterministic. Import this module
from a script in ``bench/`` run from the repository root; it puts the root on ``sys.path``.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import tests.corpus_run
from declean.graphs.context import Context
from declean.problems import Problem, load_problems
from declean.runs import RunSummary, run_problems
from declean.samples import Principle
from declean.sandbox.base import Sandbox
from declean.sandbox.results import CompileAndRunResult, CompiledProgram, CompileResult, RunResult
from tests.corpus_index import CorpusProgram, clean_programs
from tests.fakes import RespondingChatModel

ROOT = Path(__file__).resolve().parents[1]
ALL_PRINCIPLES: list[Principle] = ["DRY", "SRP", "MC", "NAME"]
Result = TypeVar("Result")

_CORPUS: list[CorpusProgram] = clean_programs()


def latency_model(latency: float) -> RespondingChatModel:
    """The deterministic corpus model (``tests.corpus_run.respond``) answering after ``latency`` seconds."""
    return RespondingChatModel(respond=tests.corpus_run.respond, latency_seconds=latency)


def write_problems(path: Path, count: int) -> list[Problem]:
    """``count`` problems naming the corpus programs in turn (``tests.corpus_run.write_problems``'s format);
    past the 20 programs the ids get a ``-2``, ``-3``... suffix so they stay unique. Returns them loaded."""
    lines = []
    for index in range(count):
        program = _CORPUS[index % len(_CORPUS)]
        round_number = index // len(_CORPUS)
        ident = program.name if round_number == 0 else f"{program.name}-{round_number + 1}"
        statement = f"Write the corpus program `{program.name}`: it reads stdin and prints its report."
        lines.append(json.dumps({"id": ident, "statement": statement, "stdin": program.stdin}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_problems(path)


class ResultTable:
    """Sandbox results recorded from a real sandbox: compiles by source, runs by (binary sha256, stdin)."""

    def __init__(self) -> None:
        self.compiles: dict[str, CompileResult] = {}
        self.runs: dict[tuple[str, str], RunResult] = {}
        self._lock = threading.Lock()

    def add_compile(self, source: str, result: CompileResult) -> None:
        with self._lock:
            self.compiles[source] = result

    def add_run(self, program: CompiledProgram, stdin: str, result: RunResult) -> None:
        with self._lock:
            self.runs[(program.sha256, stdin)] = result


class TimingSandbox:
    """The wrapped sandbox, with the wall time spent inside ``compile`` and ``run`` added up (thread-safe);
    every result is also recorded into ``table`` when one is given."""

    def __init__(self, inner: Sandbox, table: ResultTable | None = None) -> None:
        self.inner, self.table, self.name = inner, table, inner.name
        self.seconds = 0.0
        self.compiles = 0
        self.runs = 0
        self._lock = threading.Lock()

    def compile(self, source: str) -> CompileResult:
        result = self._timed(lambda: self.inner.compile(source), kind="compile")
        if self.table is not None:
            self.table.add_compile(source, result)
        return result

    def run(self, program: CompiledProgram, stdin: str = "") -> RunResult:
        result = self._timed(lambda: self.inner.run(program, stdin), kind="run")
        if self.table is not None:
            self.table.add_run(program, stdin, result)
        return result

    def compile_and_run(self, source: str, stdin_cases: Sequence[str]) -> CompileAndRunResult:
        return compile_and_run(self, source, stdin_cases)

    def close(self) -> None:
        self.inner.close()

    def _timed(self, work: Callable[[], Result], *, kind: str) -> Result:
        started = time.perf_counter()
        try:
            return work()
        finally:
            elapsed = time.perf_counter() - started
            with self._lock:
                self.seconds += elapsed
                if kind == "compile":
                    self.compiles += 1
                else:
                    self.runs += 1


class FixedLatencySandbox:
    """Answers from a :class:`ResultTable` after sleeping ``latency`` seconds, so the sandbox costs the
    same fixed wall time whatever the machine's cores; a lookup that misses goes to ``fallback`` (the real
    sandbox), is recorded, and is counted in ``misses``."""

    def __init__(self, table: ResultTable, latency: float, fallback: Sandbox) -> None:
        self.table, self.latency, self.fallback = table, latency, fallback
        self.name = fallback.name
        self.misses = 0
        self._lock = threading.Lock()

    def compile(self, source: str) -> CompileResult:
        known = self.table.compiles.get(source)
        if known is None:
            self._missed()
            known = self.fallback.compile(source)
            self.table.add_compile(source, known)
        elif self.latency > 0:
            time.sleep(self.latency)
        return known

    def run(self, program: CompiledProgram, stdin: str = "") -> RunResult:
        known = self.table.runs.get((program.sha256, stdin))
        if known is None:
            self._missed()
            known = self.fallback.run(program, stdin)
            self.table.add_run(program, stdin, known)
        elif self.latency > 0:
            time.sleep(self.latency)
        return known

    def compile_and_run(self, source: str, stdin_cases: Sequence[str]) -> CompileAndRunResult:
        return compile_and_run(self, source, stdin_cases)

    def close(self) -> None:
        """The fallback belongs to the caller."""

    def _missed(self) -> None:
        with self._lock:
            self.misses += 1


def compile_and_run(sandbox: Sandbox, source: str, stdin_cases: Sequence[str]) -> CompileAndRunResult:
    """``SandboxBase.compile_and_run`` for a wrapper: compile once, run each case when it compiled."""
    compiled = sandbox.compile(source)
    if compiled.program is None or not compiled.ok:
        return CompileAndRunResult(compile=compiled)
    return CompileAndRunResult(compile=compiled, runs=[sandbox.run(compiled.program, s) for s in stdin_cases])


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
