"""The sandbox contract: every backend compiles and runs untrusted C behind this protocol."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from declean.closing import ClosesOnExit
from declean.sandbox.diagnostics import parse_gcc_diagnostics
from declean.sandbox.results import (
    CompileAndRunResult,
    CompiledProgram,
    CompileResult,
    ProcessOutcome,
    RunResult,
)

MIB = 1024 * 1024

SOURCE_FILE_NAME = "main.c"
"""What every backend calls the source file: gcc's diagnostics and sanitizer reports name it."""

DEFAULT_COMPILE_FLAGS: tuple[str, ...] = ("-std=gnu17", "-O0", "-Wall", "-Wextra", "-pipe")
"""gcc flags before the source file; ``-lm`` is appended after it so ``<math.h>`` programs link."""


class SandboxLimits(BaseModel):
    """Resource limits for one sandboxed process tree. Every backend enforces all of them."""

    model_config = ConfigDict(frozen=True)

    cpu_seconds: int = Field(default=5, ge=1)
    """CPU time per process (RLIMIT_CPU soft limit: SIGXCPU; the hard limit one second later kills)."""
    wall_seconds: float = Field(default=10.0, gt=0)
    """Wall-clock time for the whole sandbox; past it every process inside is killed."""
    memory_bytes: int = Field(default=512 * MIB, ge=16 * MIB)
    """Address space per process (RLIMIT_AS) for the local backend; container memory for Docker."""
    file_size_bytes: int = Field(default=16 * MIB, ge=MIB)
    """Largest file a process may write (RLIMIT_FSIZE)."""
    processes: int = Field(default=32, ge=4)
    """Processes and threads of the sandbox user (RLIMIT_NPROC / pids limit): stops fork bombs."""
    open_files: int = Field(default=64, ge=16)
    """Open file descriptors per process (RLIMIT_NOFILE)."""
    output_bytes: int = Field(default=256 * 1024, ge=1024)
    """Cap on each of stdout and stderr; past it the sandbox is killed and the result says so."""
    scratch_bytes: int = Field(default=32 * MIB, ge=MIB)
    """Size of the writable scratch tmpfs (and of the private ``/tmp``)."""


DEFAULT_RUN_LIMITS = SandboxLimits()
"""Limits for running a student-sized program: seconds of CPU, hundreds of MiB."""

DEFAULT_COMPILE_LIMITS = SandboxLimits(
    cpu_seconds=20,
    wall_seconds=30.0,
    memory_bytes=1024 * MIB,
    file_size_bytes=64 * MIB,
    output_bytes=64 * MIB,
)
"""Limits for gcc: more time and memory than a run; the output cap also bounds the binary's size."""


@runtime_checkable
class Sandbox(Protocol):
    """Compiles and runs untrusted C so that nothing it does reaches the host."""

    name: str
    """Short backend name for logs and traces (``local``, ``docker``)."""

    def compile(self, source: str, *, extra_flags: Sequence[str] = ()) -> CompileResult:
        """Compile one C translation unit inside the sandbox; ``extra_flags`` come after the default flags
        (so ``-O2`` overrides ``-O0``) and before the output and the source (see :func:`check_extra_flags`).
        """
        ...

    def run(self, program: CompiledProgram, stdin: str = "") -> RunResult:
        """Run a program this sandbox compiled, feeding ``stdin``."""
        ...

    def compile_and_run(
        self, source: str, stdin_cases: Sequence[str], *, extra_flags: Sequence[str] = ()
    ) -> CompileAndRunResult:
        """Compile once (with ``extra_flags``), then run once per stdin case; no runs if the compile fails."""
        ...

    def close(self) -> None:
        """Release what the backend holds (clients, pools). Idempotent."""
        ...


class SandboxBase(ClosesOnExit):
    """Shared behaviour of the backends: ``compile_and_run`` in terms of ``compile`` and ``run``."""

    name: str = "abstract"

    @abstractmethod
    def compile(self, source: str, *, extra_flags: Sequence[str] = ()) -> CompileResult:
        """Compile one C translation unit inside the sandbox, ``extra_flags`` after the default flags."""

    @abstractmethod
    def run(self, program: CompiledProgram, stdin: str = "") -> RunResult:
        """Run a program this sandbox compiled, feeding ``stdin``."""

    def compile_and_run(
        self, source: str, stdin_cases: Sequence[str], *, extra_flags: Sequence[str] = ()
    ) -> CompileAndRunResult:
        """Compile once (with ``extra_flags``), then run once per stdin case; no runs if the compile fails."""
        compiled = compile_source(self, source, extra_flags)
        if compiled.program is None or not compiled.ok:
            return CompileAndRunResult(compile=compiled)
        runs = [self.run(compiled.program, stdin) for stdin in stdin_cases]
        return CompileAndRunResult(compile=compiled, runs=runs)

    def close(self) -> None:
        """Nothing to release by default."""


def compile_source(sandbox: Sandbox | SandboxBase, source: str, extra_flags: Sequence[str]) -> CompileResult:
    """``sandbox.compile(source)``, with ``extra_flags`` only when there are some, so a sandbox written
    before the keyword existed (a test double overriding ``compile(source)``) keeps working."""
    if extra_flags:
        return sandbox.compile(source, extra_flags=extra_flags)
    return sandbox.compile(source)


_DERIVED_FIELDS = {"signal_name", "truncated"}
_FORBIDDEN_FLAGS = ("-o", "-E", "-S", "-c", "-M", "-fsyntax-only", "--help", "--version", "-v", "-###")


def check_extra_flags(extra_flags: Sequence[str]) -> tuple[str, ...]:
    """The flags as a tuple, or ``ValueError`` for one gcc would not turn into an executable with.

    Every flag must be a single option (``-O2``, ``-fsanitize=undefined``; no separate values, no input
    files, no ``@file``) and must not change what gcc writes: no ``-o``, ``-c``, ``-S``, ``-E``,
    ``-fsyntax-only``, ``-M...``. gcc runs inside the sandbox, so a flag cannot widen what it may reach.
    """
    flags = tuple(extra_flags)
    for flag in flags:
        if not flag.startswith("-") or flag == "-" or any(ch.isspace() for ch in flag):
            raise ValueError(f"extra compile flag {flag!r} is not a single gcc option")
        if flag in _FORBIDDEN_FLAGS or flag.startswith(("-o", "-M")):
            raise ValueError(f"extra compile flag {flag!r} would stop gcc producing the executable")
    return flags


def compile_result(outcome: ProcessOutcome, binary: bytes) -> CompileResult:
    """A backend's compile outcome with gcc's parsed diagnostics; the program only if gcc succeeded."""
    succeeded = outcome.ok and len(binary) > 0
    return CompileResult(
        **outcome.model_dump(exclude=_DERIVED_FIELDS),
        diagnostics=parse_gcc_diagnostics(outcome.stderr),
        program=CompiledProgram(binary=binary) if succeeded else None,
    )


def run_result(outcome: ProcessOutcome) -> RunResult:
    """A backend's run outcome as a :class:`RunResult`."""
    return RunResult(**outcome.model_dump(exclude=_DERIVED_FIELDS))
