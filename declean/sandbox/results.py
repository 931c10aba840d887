"""What a sandbox returns: typed, serialisable results of compiling and running untrusted C."""

from __future__ import annotations

import hashlib
import signal as signal_module
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    computed_field,
    model_serializer,
)


def signal_name(number: int | None) -> str | None:
    """``11`` -> ``"SIGSEGV"``; ``None`` for no signal or a number this platform does not know."""
    if number is None:
        return None
    try:
        return signal_module.Signals(number).name
    except ValueError:
        return None


class ProcessOutcome(BaseModel):
    """How one sandboxed process ended and what it printed."""

    model_config = ConfigDict(frozen=True)

    exit_code: int | None
    """The program's own exit status; ``None`` when it was killed by a signal or by a limit."""
    signal: int | None = None
    """The signal that killed the program (bubblewrap's and Docker's ``128 + n`` decoded)."""
    timed_out: bool = False
    """The wall-clock limit ran out and the whole sandbox was killed."""
    output_limit_exceeded: bool = False
    """stdout or stderr passed the output cap and the sandbox was killed."""
    cpu_seconds: float = 0.0
    """User plus system CPU time of everything inside the sandbox that was reaped."""
    wall_seconds: float = 0.0
    """Wall-clock time from start to the last byte of output and exit."""
    stdout: str = ""
    """What the program wrote to stdout, cut at the output cap, decoded as UTF-8 with replacement."""
    stderr: str = ""
    """What the program wrote to stderr, cut at the output cap, decoded as UTF-8 with replacement."""
    stdout_truncated: bool = False
    """stdout was cut at the output cap."""
    stderr_truncated: bool = False
    """stderr was cut at the output cap."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def signal_name(self) -> str | None:
        """The killing signal's name, e.g. ``SIGSEGV``."""
        return signal_name(self.signal)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def truncated(self) -> bool:
        """Either stream was cut at the output cap."""
        return self.stdout_truncated or self.stderr_truncated

    @property
    def ok(self) -> bool:
        """Exited by itself with status 0, within every limit."""
        return (
            self.exit_code == 0
            and self.signal is None
            and not self.timed_out
            and not self.output_limit_exceeded
        )

    def failure_reason(self) -> str | None:
        """One line saying why the process failed, or ``None`` when it did not."""
        if self.timed_out:
            return f"timed out after {self.wall_seconds:.1f}s wall-clock"
        if self.output_limit_exceeded:
            return "killed: output limit exceeded"
        if self.signal is not None:
            return f"killed by signal {self.signal_name or self.signal}"
        if self.exit_code not in (0, None):
            return f"exited with status {self.exit_code}"
        return None


class RunResult(ProcessOutcome):
    """One run of a compiled program on one stdin case."""


class Diagnostic(BaseModel):
    """One gcc or linker message, parsed."""

    model_config = ConfigDict(frozen=True)

    line: int | None
    """1-based source line, ``None`` for messages without one (linker errors)."""
    column: int | None
    """1-based column, ``None`` when gcc gave none."""
    severity: str
    """``error``, ``fatal error``, ``warning`` or ``note``."""
    message: str
    """The message text without the location prefix (gcc's ``[-W...]`` suffix, if any, kept)."""
    file: str | None = None
    """The file the line is in: the source (``main.c``), or a header such as ``/usr/include/ctype.h``
    when gcc places a warning in an inlined library function; ``None`` without a location."""
    option: str | None = None
    """The warning option gcc named at the end of the message, e.g. ``-Wreturn-type`` or ``-Wformat=``
    (``-Werror=`` turned back into ``-W``); ``None`` when it named none."""


class CompiledProgram(BaseModel):
    """An executable produced by a sandbox, to be run by the same kind of sandbox."""

    model_config = ConfigDict(frozen=True)

    binary: bytes = Field(repr=False)
    """The ELF executable; left out of JSON (traces keep its hash), kept in Python dumps (checkpoints)."""

    @model_serializer(mode="wrap")
    def _no_binary_in_json(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> Any:
        if info.mode_is_json():
            return {"sha256": self.sha256, "size": self.size}
        return handler(self)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def sha256(self) -> str:
        """Hash of the binary, to tell builds apart in traces."""
        return hashlib.sha256(self.binary).hexdigest()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def size(self) -> int:
        """Size of the binary in bytes."""
        return len(self.binary)


class CompileResult(ProcessOutcome):
    """One gcc invocation on one source file."""

    diagnostics: list[Diagnostic] = Field(default_factory=list)
    """gcc's messages, parsed; the raw text is in ``stderr``."""
    program: CompiledProgram | None = None
    """The executable, present exactly when the compile succeeded."""

    @property
    def ok(self) -> bool:
        """gcc succeeded and produced an executable."""
        return super().ok and self.program is not None

    @property
    def errors(self) -> list[Diagnostic]:
        """Only the diagnostics that stop compilation."""
        return [d for d in self.diagnostics if d.severity in ("error", "fatal error")]

    def code_errors(self) -> list[Diagnostic]:
        """gcc's located errors when the compile failed because of the code: empty when it succeeded, or
        failed only at link time, by a timeout, a limit or a signal (the code may be fine)."""
        if self.ok or self.timed_out or self.output_limit_exceeded or self.signal is not None:
            return []
        return [error for error in self.errors if error.line is not None]

    def failure_reason(self) -> str | None:
        """Why the compile failed: the first error message, or the process failure."""
        if self.ok:
            return None
        first_error = next(iter(self.errors), None)
        if first_error is not None:
            where = f"line {first_error.line}: " if first_error.line is not None else ""
            return f"compile error: {where}{first_error.message}"
        return super().failure_reason() or "compile failed without a diagnostic"


class CompileAndRunResult(BaseModel):
    """A compile followed by one run per stdin case (no runs when the compile failed)."""

    model_config = ConfigDict(frozen=True)

    compile: CompileResult
    """The compile step."""
    runs: list[RunResult] = Field(default_factory=list)
    """One run per stdin case, in order; empty when the compile failed."""

    @property
    def ok(self) -> bool:
        """Compiled, and every run succeeded."""
        return self.compile.ok and all(run.ok for run in self.runs)

    def failure_reason(self) -> str | None:
        """The compile failure, else the first failing run with its case index."""
        if not self.compile.ok:
            return self.compile.failure_reason()
        for index, run in enumerate(self.runs):
            reason = run.failure_reason()
            if reason is not None:
                return f"stdin case {index}: {reason}"
        return None
