"""The local backend: gcc and the program run inside bubblewrap, as an unprivileged uid, under rlimits.

Layout inside the sandbox: a read-only root with read-only ``/usr`` (and the usual ``/bin`` ``/lib``
``/lib64`` links), a private ``/proc`` and a read-only ``/dev``, size-capped tmpfs ``/tmp``, ``/dev/shm``
and ``/scratch`` (the only writable places), no ``/etc``, no home, no host directory at all; every
namespace unshared (no network but a private loopback), no nested user namespaces, a new session (no
terminal injection), cleared environment, killed with its parent. Inputs are copied in from memfds; gcc
writes the binary straight into a memfd through ``/proc/self/fd``.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

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
from declean.sandbox.launcher import launcher_path
from declean.sandbox.process import ProcessReport, run_bounded
from declean.sandbox.results import CompiledProgram, CompileResult, ProcessOutcome, RunResult, signal_name
from declean.sandbox.uids import UidPool, count_tasks_of_uid, running_as_root

log = structlog.get_logger(__name__)

_SCRATCH = "/scratch"
_SOURCE_NAME = SOURCE_FILE_NAME
_PROGRAM_NAME = "prog"
_WRITABLE_TMPFS = ("/tmp", "/dev/shm", _SCRATCH)
_COMPILE_ENV = {"PATH": "/usr/bin:/bin", "TMPDIR": "/tmp", "LC_ALL": "C"}
_RUN_ENV = {"PATH": "/usr/bin:/bin", "LC_ALL": "C"}
_FILESYSTEM = (
    *("--ro-bind", "/usr", "/usr"),
    *("--symlink", "usr/lib", "/lib"),
    *("--symlink", "usr/lib64", "/lib64"),
    *("--symlink", "usr/bin", "/bin"),
    *("--symlink", "usr/sbin", "/sbin"),
    *("--proc", "/proc"),
    *("--dev", "/dev"),
)
_ISOLATION = (
    "--unshare-all",
    "--unshare-user",
    "--disable-userns",
    "--die-with-parent",
    "--new-session",
    "--clearenv",
)


_START_ATTEMPTS = 10
_START_BACKOFF_SECONDS = 0.005
"""Up to ~5 s of retries in all."""


class _BusyUidError(SandboxError):
    """bwrap could not fork or create a namespace: the uid is over RLIMIT_NPROC for a moment."""


@dataclass(frozen=True)
class _InputFile:
    """A file copied into the sandbox through an inherited descriptor."""

    content: bytes
    destination: str
    mode: int


class LocalSandbox(SandboxBase):
    """Bubblewrap sandbox started by ``declean-launch``, which sets the rlimits, drops root to a leased
    unprivileged uid and reaps whatever the sandbox orphans."""

    name = "local"

    def __init__(
        self,
        *,
        run_limits: SandboxLimits = DEFAULT_RUN_LIMITS,
        compile_limits: SandboxLimits = DEFAULT_COMPILE_LIMITS,
        compile_flags: Sequence[str] = DEFAULT_COMPILE_FLAGS,
        uid_pool: UidPool | None = None,
        bwrap: str = "bwrap",
    ) -> None:
        self.run_limits = run_limits
        self.compile_limits = compile_limits
        self.compile_flags = tuple(compile_flags)
        self._bwrap = _find_executable(bwrap, "bubblewrap (bwrap)", "apt-get install bubblewrap")
        _find_executable("gcc", "gcc", "apt-get install gcc")
        self._launcher = str(launcher_path())
        self._uid_pool = uid_pool or (_shared_uid_pool() if running_as_root() else None)
        with self._identity() as uid:
            _probe(self._launcher, self._bwrap, uid)

    def compile(self, source: str, *, extra_flags: Sequence[str] = ()) -> CompileResult:
        """gcc inside the sandbox, writing the binary into a memfd; diagnostics come back on stderr."""
        flags = [*self.compile_flags, *check_extra_flags(extra_flags)]
        with _memfd(b"") as binary_fd:
            report = self._execute(
                ["gcc", *flags, "-o", f"/proc/self/fd/{binary_fd}", _SOURCE_NAME, "-lm"],
                files=[_InputFile(source.encode(), f"{_SCRATCH}/{_SOURCE_NAME}", 0o644)],
                stdin=b"",
                env=_COMPILE_ENV,
                limits=self.compile_limits,
                output_fds=[binary_fd],
            )
            binary = _read_all(binary_fd, limit=self.compile_limits.file_size_bytes)
        return compile_result(_outcome(report), binary)

    def run(self, program: CompiledProgram, stdin: str = "") -> RunResult:
        """Run a program compiled by a local sandbox on one stdin case."""
        report = self._execute(
            [f"{_SCRATCH}/{_PROGRAM_NAME}"],
            files=[_InputFile(program.binary, f"{_SCRATCH}/{_PROGRAM_NAME}", 0o755)],
            stdin=stdin.encode(),
            env=_RUN_ENV,
            limits=self.run_limits,
        )
        return run_result(_outcome(report))

    def _execute(
        self,
        command: list[str],
        *,
        files: list[_InputFile],
        stdin: bytes,
        env: dict[str, str],
        limits: SandboxLimits,
        output_fds: Sequence[int] = (),
    ) -> ProcessReport:
        """Run once; retry with backoff while bwrap cannot even start because the uid is over RLIMIT_NPROC
        (processes of the uid's previous sandbox still being torn down, or another user of the same uid).
        """
        for attempt in range(_START_ATTEMPTS):
            try:
                return self._execute_once(
                    command, files=files, stdin=stdin, env=env, limits=limits, output_fds=output_fds
                )
            except _BusyUidError:
                time.sleep(_START_BACKOFF_SECONDS * 2**attempt)
        raise SandboxError(
            f"bubblewrap could not start after {_START_ATTEMPTS} attempts: the uid stayed busy"
        )

    def _execute_once(
        self,
        command: list[str],
        *,
        files: list[_InputFile],
        stdin: bytes,
        env: dict[str, str],
        limits: SandboxLimits,
        output_fds: Sequence[int],
    ) -> ProcessReport:
        with ExitStack() as stack:
            uid = stack.enter_context(self._identity())
            stdin_fd = stack.enter_context(_memfd(stdin, read_only=True))
            status_fd = stack.enter_context(_memfd(b""))
            descriptors = [stack.enter_context(_memfd(file.content)) for file in files]
            bwrap = _bwrap_argv(
                self._bwrap, limits=limits, files=files, descriptors=descriptors, status_fd=status_fd, env=env
            )
            report = run_bounded(
                [*_launch_prefix(self._launcher, limits, uid), *bwrap, *command],
                stdin=stdin_fd,
                wall_seconds=limits.wall_seconds,
                output_bytes=limits.output_bytes,
                pass_fds=[*descriptors, status_fd, *output_fds],
                stop_signal=signal.SIGTERM,
            )
            _check_started(report, _read_all(status_fd, limit=65536).decode(errors="replace"))
            return report

    @contextmanager
    def _identity(self) -> Iterator[int | None]:
        if self._uid_pool is None:
            yield None
            return
        with self._uid_pool.lease() as uid:
            yield uid


@functools.cache
def _shared_uid_pool() -> UidPool:
    return UidPool()


def _find_executable(name: str, what: str, fix: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise SandboxUnavailableError(f"{what} is not installed or not on PATH; install it: {fix}")
    return path


@contextmanager
def _memfd(content: bytes, *, read_only: bool = False) -> Iterator[int]:
    """An anonymous in-memory file holding ``content``, positioned at its start; closed afterwards.

    Read-only descriptors are reopened through ``/proc/self/fd`` so the sandboxed side cannot write.
    """
    fd = os.memfd_create("declean", os.MFD_CLOEXEC)
    try:
        os.write(fd, content)
        os.lseek(fd, 0, os.SEEK_SET)
        if not read_only:
            yield fd
            return
        reader = os.open(f"/proc/self/fd/{fd}", os.O_RDONLY | os.O_CLOEXEC)
        try:
            yield reader
        finally:
            os.close(reader)
    finally:
        os.close(fd)


def _read_all(fd: int, *, limit: int) -> bytes:
    """Everything written to a memfd, at most ``limit`` bytes."""
    size = min(os.fstat(fd).st_size, limit)
    return os.pread(fd, size, 0)


def _launch_prefix(launcher: str, limits: SandboxLimits, uid: int | None) -> list[str]:
    """``declean-launch UID CPU_SOFT CPU_HARD AS FSIZE NPROC NOFILE --`` (see ``launcher.c``)."""
    processes = limits.processes if uid is not None else limits.processes + count_tasks_of_uid(os.getuid())
    numbers = [
        -1 if uid is None else uid,
        limits.cpu_seconds,
        limits.cpu_seconds + 1,
        limits.memory_bytes,
        limits.file_size_bytes,
        processes,
        limits.open_files,
    ]
    return [launcher, *map(str, numbers), "--"]


def _bwrap_argv(
    bwrap: str,
    *,
    limits: SandboxLimits,
    files: list[_InputFile],
    descriptors: list[int],
    status_fd: int,
    env: dict[str, str],
) -> list[str]:
    argv = [bwrap, *_ISOLATION, *_FILESYSTEM]
    for directory in _WRITABLE_TMPFS:
        argv += ["--size", str(limits.scratch_bytes), "--tmpfs", directory]
    for file, descriptor in zip(files, descriptors, strict=True):
        argv += ["--perms", f"{file.mode:04o}", "--file", str(descriptor), file.destination]
    argv += ["--remount-ro", "/dev", "--remount-ro", "/"]
    for key, value in env.items():
        argv += ["--setenv", key, value]
    argv += ["--chdir", _SCRATCH, "--json-status-fd", str(status_fd), "--"]
    return argv


def _check_started(report: ProcessReport, status: str) -> None:
    """bwrap writes an ``exit-code`` document only when the program ran; without it bwrap itself failed."""
    if report.timed_out or report.output_limit_exceeded or report.returncode < 0:
        return
    if '"exit-code"' not in status:
        stderr = report.stderr.decode(errors="replace").strip()
        if stderr.startswith("bwrap:") and "Resource temporarily unavailable" in stderr:
            raise _BusyUidError(stderr)
        raise SandboxError(f"bubblewrap failed to start the program (status {report.returncode}): {stderr}")
    exit_code = json.loads(status.split("}")[-2] + "}").get("exit-code")
    if exit_code != report.returncode:
        raise SandboxError(f"bubblewrap reported exit {exit_code} but returned {report.returncode}")


def _outcome(report: ProcessReport) -> ProcessOutcome:
    """Decode bwrap's exit status: ``128 + n`` is the program killed by signal ``n``."""
    exit_code: int | None = report.returncode
    killed_by: int | None = None
    if report.timed_out or report.output_limit_exceeded:
        exit_code = None
    elif report.returncode < 0:
        exit_code, killed_by = None, -report.returncode
    elif report.returncode > 128 and signal_name(report.returncode - 128) is not None:
        exit_code, killed_by = None, report.returncode - 128
    return ProcessOutcome(
        exit_code=exit_code,
        signal=killed_by,
        timed_out=report.timed_out,
        output_limit_exceeded=report.output_limit_exceeded,
        cpu_seconds=round(report.cpu_seconds, 4),
        wall_seconds=round(report.wall_seconds, 4),
        stdout=report.stdout.decode(errors="replace"),
        stderr=report.stderr.decode(errors="replace"),
        stdout_truncated=report.stdout_truncated,
        stderr_truncated=report.stderr_truncated,
    )


@functools.cache
def _probe(launcher: str, bwrap: str, uid: int | None) -> None:
    """Run ``true`` in the sandbox once per process and identity; explain how to fix a failure."""
    argv = [*_launch_prefix(launcher, DEFAULT_RUN_LIMITS, uid), bwrap, *_ISOLATION, *_FILESYSTEM]
    report = run_bounded([*argv, "--", "/usr/bin/true"], stdin=0, wall_seconds=30.0, output_bytes=65536)
    if report.returncode == 0:
        log.debug("sandbox_probe_ok", backend="local", uid=uid)
        return
    stderr = report.stderr.decode(errors="replace").strip()
    hint = (
        "unprivileged user namespaces look blocked. On Ubuntu 24.04+ run "
        "`sysctl kernel.apparmor_restrict_unprivileged_userns=0` (or add an AppArmor profile for bwrap); "
        "elsewhere `sysctl kernel.unprivileged_userns_clone=1` and check `user.max_user_namespaces`. "
        "Inside a container, allow user namespaces (e.g. docker run --security-opt seccomp=unconfined) "
        "or use the Docker backend (--sandbox docker)"
        if "namespace" in stderr.lower() or "uid map" in stderr.lower() or "permission" in stderr.lower()
        else "check that bubblewrap works: bwrap --ro-bind /usr /usr --unshare-all /usr/bin/true"
    )
    raise SandboxUnavailableError(f"bubblewrap cannot start a sandbox here ({stderr or 'no output'}): {hint}")
