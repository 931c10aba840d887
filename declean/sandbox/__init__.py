"""Compile and run untrusted C in a sandbox: bubblewrap locally, Docker in production.

Knows nothing of models or graphs, so another agent app can use it alone::

    from declean.sandbox import get_sandbox
    with get_sandbox("auto") as sandbox:
        result = sandbox.compile_and_run(source, ["1 2\\n", "3 4\\n"])
"""

from __future__ import annotations

from typing import Literal

import structlog

from declean.errors import ConfigurationError, SandboxUnavailableError
from declean.sandbox.base import (
    DEFAULT_COMPILE_FLAGS,
    DEFAULT_COMPILE_LIMITS,
    DEFAULT_RUN_LIMITS,
    Sandbox,
    SandboxBase,
    SandboxLimits,
)
from declean.sandbox.results import (
    CompileAndRunResult,
    CompiledProgram,
    CompileResult,
    Diagnostic,
    ProcessOutcome,
    RunResult,
)

log = structlog.get_logger(__name__)

BackendName = Literal["auto", "local", "docker"]

__all__ = [
    "DEFAULT_COMPILE_FLAGS",
    "DEFAULT_COMPILE_LIMITS",
    "DEFAULT_RUN_LIMITS",
    "BackendName",
    "CompileAndRunResult",
    "CompileResult",
    "CompiledProgram",
    "Diagnostic",
    "ProcessOutcome",
    "RunResult",
    "Sandbox",
    "SandboxBase",
    "SandboxLimits",
    "get_sandbox",
]


def get_sandbox(
    backend: str = "auto",
    *,
    run_limits: SandboxLimits = DEFAULT_RUN_LIMITS,
    compile_limits: SandboxLimits = DEFAULT_COMPILE_LIMITS,
) -> Sandbox:
    """Build a sandbox by name. ``auto`` takes Docker when a daemon answers and has the image, else local."""
    if backend not in ("auto", "local", "docker"):
        raise ConfigurationError(f"unknown sandbox backend {backend!r}: choose auto, local or docker")
    if backend == "local":
        return _local(run_limits, compile_limits)
    if backend == "docker":
        return _docker(run_limits, compile_limits)
    try:
        sandbox = _docker(run_limits, compile_limits)
    except SandboxUnavailableError as reason:
        log.info("sandbox_selected", backend="local", why=f"docker unavailable: {reason}")
        return _local(run_limits, compile_limits)
    log.info("sandbox_selected", backend="docker", why="a Docker daemon answered")
    return sandbox


def _local(run_limits: SandboxLimits, compile_limits: SandboxLimits) -> Sandbox:
    from declean.sandbox.local import LocalSandbox

    return LocalSandbox(run_limits=run_limits, compile_limits=compile_limits)


def _docker(run_limits: SandboxLimits, compile_limits: SandboxLimits) -> Sandbox:
    from declean.sandbox.docker import DockerSandbox

    return DockerSandbox(run_limits=run_limits, compile_limits=compile_limits)
