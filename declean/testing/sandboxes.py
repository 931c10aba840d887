"""Sandbox wrappers for tests and benchmarks: record, fail on purpose, or replay recorded results.

Each wraps a real :class:`~declean.sandbox.base.Sandbox` (the ``inner`` one) and is one itself, so it can
go wherever a sandbox goes (``Context(sandbox=...)``). ``compile_and_run`` goes through the wrapper's own
``compile`` and ``run``, so what a subclass does to those applies to it too.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from declean.sandbox.base import Sandbox, SandboxBase, compile_source
from declean.sandbox.results import CompiledProgram, CompileResult, RunResult
from declean.testing.flight import InFlight

Result = TypeVar("Result")
CompileKey = str | tuple[str, tuple[str, ...]]
"""A recorded compile: the source alone, or (source, extra flags) when it was compiled with some."""


def compile_key(source: str, extra_flags: Sequence[str] = ()) -> CompileKey:
    """The :class:`ResultTable` key of compiling ``source`` with ``extra_flags``."""
    return (source, tuple(extra_flags)) if extra_flags else source


class SandboxWrapper(SandboxBase):
    """A sandbox passing every call to ``inner``: the base of the wrappers here.

    ``close`` closes ``inner`` only when ``close_inner`` is set: by default the inner sandbox is its
    owner's to close (a session-wide test fixture, a benchmark's real sandbox).
    """

    def __init__(self, inner: Sandbox, *, close_inner: bool = False) -> None:
        self.inner = inner
        self.name = inner.name
        self.close_inner = close_inner

    def compile(self, source: str, *, extra_flags: Sequence[str] = ()) -> CompileResult:
        """Compile in the inner sandbox."""
        return compile_source(self.inner, source, extra_flags)

    def run(self, program: CompiledProgram, stdin: str = "") -> RunResult:
        """Run in the inner sandbox."""
        return self.inner.run(program, stdin)

    def close(self) -> None:
        """Close the inner sandbox if this wrapper owns it."""
        if self.close_inner:
            self.inner.close()


class ResultTable:
    """Sandbox results recorded from a real sandbox: compiles by :func:`compile_key` (the source, with the
    extra flags if any), runs by (binary sha256, stdin)."""

    def __init__(self) -> None:
        self.compiles: dict[CompileKey, CompileResult] = {}
        self.runs: dict[tuple[str, str], RunResult] = {}
        self._lock = threading.Lock()

    def add_compile(self, source: str, result: CompileResult, extra_flags: Sequence[str] = ()) -> None:
        """Record the result of compiling ``source`` with ``extra_flags``."""
        with self._lock:
            self.compiles[compile_key(source, extra_flags)] = result

    def add_run(self, program: CompiledProgram, stdin: str, result: RunResult) -> None:
        """Record the result of running ``program`` on ``stdin``."""
        with self._lock:
            self.runs[(program.sha256, stdin)] = result

    def compile_result(self, source: str, extra_flags: Sequence[str] = ()) -> CompileResult | None:
        """The recorded result of compiling ``source`` with ``extra_flags``, if any."""
        with self._lock:
            return self.compiles.get(compile_key(source, extra_flags))

    def run_result(self, program: CompiledProgram, stdin: str) -> RunResult | None:
        """The recorded result of running ``program`` on ``stdin``, if any."""
        with self._lock:
            return self.runs.get((program.sha256, stdin))


class RecordingSandbox(SandboxWrapper):
    """The inner sandbox, counted (thread-safe): ``compiles``, ``runs``, ``seconds`` spent inside them
    (summed over threads) and ``peak_in_flight`` (the most compiles and runs at once).

    Every result is also recorded into ``table`` when one is given (to replay later with
    :class:`ReplaySandbox`); a shared :class:`InFlight` given as ``flight`` counts the calls too, with
    whatever else shares it (a :class:`~declean.testing.RespondingChatModel`'s calls).
    """

    def __init__(
        self,
        inner: Sandbox,
        table: ResultTable | None = None,
        *,
        flight: InFlight | None = None,
        close_inner: bool = False,
    ) -> None:
        super().__init__(inner, close_inner=close_inner)
        self.table, self.flight = table, flight
        self.compiles = 0
        self.runs = 0
        self.seconds = 0.0
        self.in_flight = InFlight()
        self._lock = threading.Lock()

    @property
    def peak_in_flight(self) -> int:
        """The most compiles and runs that were inside this sandbox at once."""
        return self.in_flight.peak

    def compile(self, source: str, *, extra_flags: Sequence[str] = ()) -> CompileResult:
        """Compile in the inner sandbox, counted and timed."""
        result = self._recorded(lambda: compile_source(self.inner, source, extra_flags), compiling=True)
        if self.table is not None:
            self.table.add_compile(source, result, extra_flags)
        return result

    def run(self, program: CompiledProgram, stdin: str = "") -> RunResult:
        """Run in the inner sandbox, counted and timed."""
        result = self._recorded(lambda: self.inner.run(program, stdin), compiling=False)
        if self.table is not None:
            self.table.add_run(program, stdin, result)
        return result

    def _recorded(self, work: Callable[[], Result], *, compiling: bool) -> Result:
        if self.flight is not None:
            self.flight.enter()
        self.in_flight.enter()
        started = time.perf_counter()
        try:
            return work()
        finally:
            elapsed = time.perf_counter() - started
            self.in_flight.exit()
            if self.flight is not None:
                self.flight.exit()
            with self._lock:
                self.seconds += elapsed
                if compiling:
                    self.compiles += 1
                else:
                    self.runs += 1


def _simulated_crash() -> Exception:
    return RuntimeError("sandbox lost its connection (simulated)")


class FailingSandbox(SandboxWrapper):
    """The inner sandbox, except that compiling a poisoned source raises: a node crash, not a compile error.

    ``poisoned`` is the source (compared without surrounding whitespace) or a predicate on the source;
    ``error`` is the exception to raise, or a function making a fresh one per failure (by default a
    ``RuntimeError`` saying the sandbox lost its connection). ``failures`` counts the raises.
    """

    def __init__(
        self,
        inner: Sandbox,
        poisoned: str | Callable[[str], bool],
        error: BaseException | Callable[[], BaseException] = _simulated_crash,
        *,
        close_inner: bool = False,
    ) -> None:
        super().__init__(inner, close_inner=close_inner)
        if isinstance(poisoned, str):
            poisoned_source = poisoned.strip()
            self.is_poisoned: Callable[[str], bool] = lambda source: source.strip() == poisoned_source
        else:
            self.is_poisoned = poisoned
        self.error = error
        self.failures = 0
        self._lock = threading.Lock()

    def compile(self, source: str, *, extra_flags: Sequence[str] = ()) -> CompileResult:
        """Raise for a poisoned source (whatever the flags); compile any other in the inner sandbox."""
        if self.is_poisoned(source):
            with self._lock:
                self.failures += 1
            raise self.error if isinstance(self.error, BaseException) else self.error()
        return compile_source(self.inner, source, extra_flags)


class ReplaySandbox(SandboxWrapper):
    """Answers from a :class:`ResultTable` after sleeping ``latency_seconds``, so every sandbox call costs
    the same fixed wall time whatever the machine's cores.

    A lookup that misses goes to the inner sandbox (no sleep added), its result is recorded into the
    table, and it is counted in ``misses`` (``hits`` counts the others); both may be reset by assigning 0.
    """

    def __init__(
        self,
        inner: Sandbox,
        table: ResultTable | None = None,
        latency_seconds: float = 0.0,
        *,
        close_inner: bool = False,
    ) -> None:
        super().__init__(inner, close_inner=close_inner)
        self.table = table if table is not None else ResultTable()
        self.latency_seconds = latency_seconds
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()

    def compile(self, source: str, *, extra_flags: Sequence[str] = ()) -> CompileResult:
        """The recorded compile of ``source`` with ``extra_flags``, else the inner sandbox's (recorded)."""
        known = self.table.compile_result(source, extra_flags)
        if known is None:
            self._count(hit=False)
            known = compile_source(self.inner, source, extra_flags)
            self.table.add_compile(source, known, extra_flags)
        else:
            self._count(hit=True)
        return known

    def run(self, program: CompiledProgram, stdin: str = "") -> RunResult:
        """The recorded run of ``program`` on ``stdin``, else the inner sandbox's (recorded)."""
        known = self.table.run_result(program, stdin)
        if known is None:
            self._count(hit=False)
            known = self.inner.run(program, stdin)
            self.table.add_run(program, stdin, known)
        else:
            self._count(hit=True)
        return known

    def _count(self, *, hit: bool) -> None:
        with self._lock:
            if hit:
                self.hits += 1
            else:
                self.misses += 1
        if hit and self.latency_seconds > 0:
            time.sleep(self.latency_seconds)
