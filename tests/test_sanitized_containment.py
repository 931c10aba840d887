"""The containment suite's run-time attacks again, built with the sanitizer flags of the adequacy check.

A sanitized build is compiled and run by the same sandbox under the same limits; these tests show that the
sanitizer runtime changes nothing about containment: memory, processes, CPU, files, network, output. The
tests and their positive controls are the ones of ``test_containment``; only ``make_sandbox`` differs.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from declean.sandbox.base import Sandbox, SandboxLimits
from declean.sandbox.results import CompileResult
from declean.testing import SandboxWrapper
from declean.tools.adequacy import SANITIZE_FLAGS, sanitizer_reports
from tests.adequacy_programs import SIGNED_OVERFLOW
from tests.conftest import SandboxFactory
from tests.test_containment import (  # noqa: F401 - fixtures and tests pytest collects again here
    canaries,
    cpu_loop_control,
    file_write_control,
    fork_bomb_control,
    host_dir,
    host_file_control,
    malloc_control,
    network_control,
    output_flood_control,
    setsid_control,
    test_cpu_loop_is_killed_by_cpu_limit,
    test_fork_bomb_is_contained,
    test_hello_world,
    test_host_files_are_invisible,
    test_large_file_write_is_contained,
    test_malloc_bomb_is_contained,
    test_network_is_unreachable,
    test_output_flood_is_truncated,
    test_setsid_orphan_does_not_survive,
    token,
)


class SanitizingSandbox(SandboxWrapper):
    """The inner sandbox, compiling everything with :data:`SANITIZE_FLAGS` (before any flags given)."""

    def compile(self, source: str, *, extra_flags: Sequence[str] = ()) -> CompileResult:
        """Compile in the inner sandbox with the sanitizer flags."""
        return self.inner.compile(source, extra_flags=(*SANITIZE_FLAGS, *extra_flags))


@pytest.fixture
def make_sandbox(make_sandbox: SandboxFactory) -> SandboxFactory:
    """conftest's parametrised factory, each sandbox wrapped to build sanitized programs."""

    def make(**limits: SandboxLimits) -> Sandbox:
        return SanitizingSandbox(make_sandbox(**limits))

    return make


def test_the_builds_here_are_sanitized(sandbox: Sandbox) -> None:
    """The wrapper really sanitizes: the attacks of this module run as sanitized builds."""
    assert isinstance(sandbox, SanitizingSandbox)
    result = sandbox.compile_and_run(SIGNED_OVERFLOW, ["13\n"])
    assert "runtime error: signed integer overflow" in sanitizer_reports(result, ["13\n"])[0]


def test_sanitized_program_runs_in_little_memory(make_sandbox: SandboxFactory) -> None:
    """The UBSan runtime needs no large mapping: it runs under a 64 MiB address-space limit."""
    sandbox = make_sandbox(run_limits=SandboxLimits(memory_bytes=64 * 1024 * 1024))
    result = sandbox.compile_and_run(SIGNED_OVERFLOW, ["12\n", "13\n"])
    assert result.runs[0].ok and result.runs[0].stdout == "479001600\n"
    assert "runtime error: signed integer overflow" in result.runs[1].stderr
