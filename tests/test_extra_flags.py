"""Compiling with extra gcc flags: the backends, the flag check, and the test wrappers passing them on."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from declean.sandbox.base import SandboxBase, check_extra_flags
from declean.sandbox.local import LocalSandbox
from declean.sandbox.results import CompiledProgram, CompileResult, RunResult
from declean.testing import FailingSandbox, RecordingSandbox, ReplaySandbox, ResultTable, SandboxWrapper

OPTIMISED = r"""#include <stdio.h>
int main(void)
{
#ifdef __OPTIMIZE__
    puts("optimised");
#else
    puts("not optimised");
#endif
    return 0;
}
"""
"""Prints whether gcc optimised it: shows which ``-O`` won."""


def stdout_of(sandbox: SandboxBase, *, extra_flags: Sequence[str] = ()) -> str:
    return sandbox.compile_and_run(OPTIMISED, [""], extra_flags=extra_flags).runs[0].stdout


def test_extra_flags_come_after_the_defaults_and_do_not_stick(local_sandbox: LocalSandbox) -> None:
    assert stdout_of(local_sandbox) == "not optimised\n"
    assert stdout_of(local_sandbox, extra_flags=["-O2"]) == "optimised\n"
    assert stdout_of(local_sandbox) == "not optimised\n"
    compiled = local_sandbox.compile(OPTIMISED, extra_flags=("-O1", "-DUNUSED=1"))
    assert compiled.ok and compiled.program is not None
    assert local_sandbox.run(compiled.program).stdout == "optimised\n"


@pytest.mark.parametrize(
    "flag", ["main.c", "-o", "-oprog", "-c", "-S", "-E", "-fsyntax-only", "-MD", "-O2 -g", "", "-", "-v"]
)
def test_flags_that_are_not_single_options_or_change_the_output_are_refused(
    local_sandbox: LocalSandbox, flag: str
) -> None:
    with pytest.raises(ValueError, match="extra compile flag"):
        local_sandbox.compile(OPTIMISED, extra_flags=["-O2", flag])


def test_check_extra_flags_accepts_ordinary_options() -> None:
    flags = ["-O2", "-fsanitize=undefined,bounds", "-D_FORTIFY_SOURCE=2", "-Wl,-z,now", "-march=x86-64"]
    assert check_extra_flags(flags) == tuple(flags)


def test_wrappers_pass_the_flags_on(local_sandbox: LocalSandbox) -> None:
    assert stdout_of(SandboxWrapper(local_sandbox), extra_flags=["-O2"]) == "optimised\n"
    assert stdout_of(FailingSandbox(local_sandbox, "never"), extra_flags=["-O2"]) == "optimised\n"
    with pytest.raises(RuntimeError, match="simulated"):
        FailingSandbox(local_sandbox, OPTIMISED).compile(OPTIMISED, extra_flags=["-O2"])


def test_recorded_compiles_are_told_apart_by_their_flags(local_sandbox: LocalSandbox) -> None:
    table = ResultTable()
    recording = RecordingSandbox(local_sandbox, table)
    plain, optimised = recording.compile(OPTIMISED), recording.compile(OPTIMISED, extra_flags=["-O2"])
    assert recording.compiles == 2
    assert table.compiles == {OPTIMISED: plain, (OPTIMISED, ("-O2",)): optimised}
    assert table.compile_result(OPTIMISED, ["-O2"]) == optimised and table.compile_result(OPTIMISED) == plain

    replay = ReplaySandbox(FailingSandbox(local_sandbox, lambda source: True), table)
    assert replay.compile(OPTIMISED, extra_flags=("-O2",)) == optimised and replay.compile(OPTIMISED) == plain
    assert (replay.hits, replay.misses) == (2, 0)
    with pytest.raises(RuntimeError, match="simulated"):
        replay.compile(OPTIMISED, extra_flags=["-O1"])


class _FlaglessSandbox(SandboxBase):
    """A sandbox written before ``extra_flags`` existed: ``compile(source)`` only."""

    name = "flagless"

    def __init__(self, inner: LocalSandbox) -> None:
        self.inner = inner

    def compile(self, source: str) -> CompileResult:  # type: ignore[override]
        return self.inner.compile(source)

    def run(self, program: CompiledProgram, stdin: str = "") -> RunResult:
        return self.inner.run(program, stdin)


def test_sandboxes_without_the_keyword_still_work_without_flags(local_sandbox: LocalSandbox) -> None:
    flagless = _FlaglessSandbox(local_sandbox)
    assert stdout_of(flagless) == "not optimised\n"
    assert RecordingSandbox(flagless).compile(OPTIMISED).ok  # type: ignore[arg-type]
