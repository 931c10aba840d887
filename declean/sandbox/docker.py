"""The Docker backend: gcc and the program each run in a fresh, locked-down, throw-away container.

Every container has no network, a read-only root, no capabilities, ``no-new-privileges``, uid 65534,
a memory limit without swap, a pids limit, rlimits (CPU, file size, open files, no core dumps) and
size-capped tmpfs ``/scratch`` and ``/tmp``; it logs nothing on the host and is always removed. Input
(source, or binary followed by the program's stdin) goes in on stdin because the read-only root refuses
``put_archive``; the binary comes back on stdout. PID 1 is a small perl runner (``sh``, ``head`` and
``perl`` are all the image needs besides gcc; Debian's essential set has them), so the program is an
ordinary process that SIGXCPU or SIGABRT kill as they would outside a container, and its exact wait
status comes back: ``exit(139)`` is told apart from SIGSEGV.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import docker
import docker.errors
import docker.types
import requests
import structlog

from declean.errors import SandboxError, SandboxUnavailableError
from declean.sandbox.base import (
    DEFAULT_COMPILE_FLAGS,
    DEFAULT_COMPILE_LIMITS,
    DEFAULT_RUN_LIMITS,
    SOURCE_FILE_NAME,
    SandboxBase,
    SandboxLimits,
    check_extra_flags,
    compile_result,
    run_result,
)
from declean.sandbox.docker_stream import RUNNER, Exchange, RunnerStatus, exchange, take_status
from declean.sandbox.image import DEFAULT_IMAGE, image_exists
from declean.sandbox.results import CompiledProgram, CompileResult, ProcessOutcome, RunResult, signal_name

__all__ = ["DEFAULT_IMAGE", "DockerSandbox"]

log = structlog.get_logger(__name__)

_USER = "65534:65534"
_SCRATCH = "/scratch"
_LABEL = "declean.sandbox"
_RUNNER_PROCESSES = 1
"""The runner (PID 1) counts against the pids limit; the program keeps ``limits.processes``."""
_STATUS_ROOM = 256
"""Room on stderr, past the program's cap, for the runner's status line."""
_KILL_GRACE_SECONDS = 10.0
_SIGKILL = 9
_RUNNER_CALL = 'exec perl -e "$0" -- "$@"'
_COMPILE_SCRIPT = f"cat > {SOURCE_FILE_NAME} || exit 125; {_RUNNER_CALL}"
_RUN_SCRIPT = (
    'head -c "$DECLEAN_BINARY_SIZE" > prog && chmod 700 prog || exit 126; '
    f"unset DECLEAN_BINARY_SIZE; {_RUNNER_CALL}"
)


@dataclass(frozen=True)
class _ContainerReport:
    """The raw facts about one finished container."""

    streams: Exchange
    container_status: int | None
    runner_status: RunnerStatus | None
    oom_killed: bool
    wall_seconds: float


class DockerSandbox(SandboxBase):
    """Compiles and runs untrusted C in one fresh Docker container per step."""

    name = "docker"

    def __init__(
        self,
        image: str = DEFAULT_IMAGE,
        *,
        run_limits: SandboxLimits = DEFAULT_RUN_LIMITS,
        compile_limits: SandboxLimits = DEFAULT_COMPILE_LIMITS,
        compile_flags: Sequence[str] = DEFAULT_COMPILE_FLAGS,
        client: docker.DockerClient | None = None,
    ) -> None:
        self.image = image
        self.run_limits = run_limits
        self.compile_limits = compile_limits
        self.compile_flags = tuple(compile_flags)
        self._owns_client = client is None
        self._client: Any = client if client is not None else _connect()
        try:
            self._check_ready()
        except BaseException:
            self.close()
            raise

    def compile(self, source: str, *, extra_flags: Sequence[str] = ()) -> CompileResult:
        """gcc in a container; the binary comes back on stdout, diagnostics on stderr."""
        flags = [*self.compile_flags, *check_extra_flags(extra_flags)]
        gcc = ["gcc", *flags, "-o", "prog", SOURCE_FILE_NAME, "-lm"]
        report = self._execute(
            _COMPILE_SCRIPT, "prog", gcc, payload=source.encode(), env={}, limits=self.compile_limits
        )
        binary = bytes(report.streams.stdout.data)
        del report.streams.stdout.data[:]
        return compile_result(_outcome(report), binary)

    def run(self, program: CompiledProgram, stdin: str = "") -> RunResult:
        """Run a compiled program in a container on one stdin case."""
        report = self._execute(
            _RUN_SCRIPT,
            "",
            [f"{_SCRATCH}/prog"],
            payload=program.binary + stdin.encode(),
            env={"DECLEAN_BINARY_SIZE": str(len(program.binary))},
            limits=self.run_limits,
        )
        return run_result(_outcome(report))

    def close(self) -> None:
        """Close the Docker client if this sandbox opened it. Idempotent."""
        client, self._client = self._client, None
        if client is not None and self._owns_client:
            client.close()

    def _check_ready(self) -> None:
        try:
            self._client.ping()
            found = image_exists(self.image, self._client)
        except (docker.errors.DockerException, requests.exceptions.RequestException) as error:
            raise SandboxUnavailableError(_no_daemon_message(error)) from error
        if not found:
            raise SandboxUnavailableError(
                f"Docker image {self.image!r} not found: build it with `declean sandbox image` "
                "(or `python -m declean.sandbox.image`), or pull an official gcc image "
                "(e.g. `docker pull gcc:12`) and pass its name as the image"
            )

    def _execute(
        self,
        script: str,
        emit: str,
        command: Sequence[str],
        *,
        payload: bytes,
        env: dict[str, str],
        limits: SandboxLimits,
    ) -> _ContainerReport:
        if self._client is None:
            raise SandboxError("the Docker sandbox is closed")
        api = self._client.api
        marker = f"declean-status-{secrets.token_hex(8)}"
        try:
            container = api.create_container(
                self.image,
                command=["/bin/sh", "-c", script, RUNNER, marker, emit, *command],
                user=_USER,
                working_dir=_SCRATCH,
                environment={"TMPDIR": _SCRATCH, "LC_ALL": "C", **env},
                stdin_open=True,
                network_disabled=True,
                labels={_LABEL: self.name},
                host_config=api.create_host_config(**_host_config(limits)),
            )["Id"]
        except docker.errors.DockerException as error:
            raise SandboxError(f"could not create a container from {self.image!r}: {error}") from error
        try:
            return _attach_and_run(api, container, payload, limits, marker)
        except docker.errors.DockerException as error:
            raise SandboxError(f"the Docker container failed: {error}") from error
        finally:
            _remove(api, container)


def _connect() -> Any:
    try:
        return docker.from_env()
    except (docker.errors.DockerException, requests.exceptions.RequestException) as error:
        raise SandboxUnavailableError(_no_daemon_message(error)) from error


def _no_daemon_message(error: Exception) -> str:
    return (
        f"no Docker daemon answers ({error}). Start one (as root: .ci/docker-up.sh, or "
        "`dockerd &`), point DOCKER_HOST at it, or use the local backend: --sandbox local"
    )


def _host_config(limits: SandboxLimits) -> dict[str, Any]:
    """The lock-down applied to every container, from the limits."""
    tmpfs_options = f"size={limits.scratch_bytes},uid=65534,gid=65534,mode=0700"
    return {
        "network_mode": "none",
        "mem_limit": limits.memory_bytes,
        "memswap_limit": limits.memory_bytes,
        "pids_limit": limits.processes + _RUNNER_PROCESSES,
        "read_only": True,
        "cap_drop": ["ALL"],
        "security_opt": ["no-new-privileges"],
        "tmpfs": {_SCRATCH: f"{tmpfs_options},exec", "/tmp": tmpfs_options},
        "shm_size": limits.scratch_bytes,
        "ulimits": [
            docker.types.Ulimit(name="cpu", soft=limits.cpu_seconds, hard=limits.cpu_seconds + 1),
            docker.types.Ulimit(name="fsize", soft=limits.file_size_bytes, hard=limits.file_size_bytes),
            docker.types.Ulimit(name="nofile", soft=limits.open_files, hard=limits.open_files),
            docker.types.Ulimit(name="core", soft=0, hard=0),
        ],
        "log_config": docker.types.LogConfig(type="none"),
    }


def _attach_and_run(
    api: Any, container: str, payload: bytes, limits: SandboxLimits, marker: str
) -> _ContainerReport:
    """Attach before starting (no output is missed), stream, kill past a limit, collect the status."""
    params = {"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1}
    raw = api.attach_socket(container, params=params)
    sock = getattr(raw, "_sock", raw)
    try:
        api.start(container)
        started = time.monotonic()
        caps = (limits.output_bytes, limits.output_bytes + _STATUS_ROOM)
        streams = exchange(sock, payload, deadline=started + limits.wall_seconds, caps=caps)
    finally:
        sock.close()
        raw.close()
    if streams.timed_out or streams.output_limit_exceeded:
        _kill(api, container)
    status = _wait(api, container)
    wall_seconds = time.monotonic() - started
    state = api.inspect_container(container)["State"]
    runner_status = take_status(streams, marker, limits.output_bytes)
    return _ContainerReport(streams, status, runner_status, bool(state.get("OOMKilled")), wall_seconds)


def _wait(api: Any, container: str) -> int | None:
    """The exit status; ``None`` (after a kill) when the container does not stop in the grace time.

    The attach socket must be closed before a kill or a wait: Docker does not finish a container whose
    output it cannot deliver.
    """
    try:
        return int(api.wait(container, timeout=_KILL_GRACE_SECONDS)["StatusCode"])
    except requests.exceptions.RequestException as error:
        log.warning("container_wait_failed", container=container[:12], error=str(error))
        _kill(api, container)
        return None


def _kill(api: Any, container: str) -> None:
    try:
        api.kill(container)
    except (docker.errors.APIError, requests.exceptions.RequestException) as error:
        log.debug("container_kill_failed", container=container[:12], error=str(error))


def _remove(api: Any, container: str) -> None:
    try:
        api.remove_container(container, force=True)
    except docker.errors.NotFound:
        pass
    except docker.errors.DockerException as error:
        log.warning("container_remove_failed", container=container[:12], error=str(error))


def _outcome(report: _ContainerReport) -> ProcessOutcome:
    """The runner's exact status when it reported one; else the container's (``128 + n``, OOM = SIGKILL)."""
    streams, runner = report.streams, report.runner_status
    exit_code, killed_by = report.container_status, None
    if streams.timed_out or streams.output_limit_exceeded:
        exit_code = None
    elif runner is not None:
        exit_code, killed_by = (None, runner.signal) if runner.signal else (runner.exit_code, None)
    elif report.oom_killed:
        exit_code, killed_by = None, _SIGKILL
    elif exit_code is not None and exit_code > 128 and signal_name(exit_code - 128) is not None:
        killed_by = exit_code - 128
        exit_code = None
    return ProcessOutcome(
        exit_code=exit_code,
        signal=killed_by,
        timed_out=streams.timed_out,
        output_limit_exceeded=streams.output_limit_exceeded,
        cpu_seconds=runner.cpu_seconds if runner is not None else 0.0,
        wall_seconds=round(report.wall_seconds, 4),
        stdout=streams.stdout.data.decode(errors="replace"),
        stderr=streams.stderr.data.decode(errors="replace"),
        stdout_truncated=streams.stdout.truncated,
        stderr_truncated=streams.stderr.truncated,
    )
