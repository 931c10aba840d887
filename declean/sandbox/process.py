"""Run one process tree with a wall-clock deadline and capped output, and reap it with its CPU time.

Backend-neutral: the local sandbox runs ``declean-launch ... bwrap ...`` through it, benchmarks run bare
programs through it. Input comes from files (never a pipe we must feed), output through pipes read with
a selector together with a pidfd, so one thread serves both streams and the exit without polling.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO

_READ_CHUNK = 65536
_DRAIN_AFTER_KILL_SECONDS = 5.0
_STOP_GRACE_SECONDS = 2.0


@dataclass(frozen=True)
class ProcessReport:
    """The raw facts about one finished process; backends turn them into result models."""

    returncode: int
    """As :func:`os.waitstatus_to_exitcode`: the exit status, or ``-signal`` when killed by one."""
    stdout: bytes
    stderr: bytes
    stdout_truncated: bool
    stderr_truncated: bool
    timed_out: bool
    output_limit_exceeded: bool
    cpu_seconds: float
    wall_seconds: float


@dataclass
class CappedStream:
    """Bytes of one stream up to ``cap``; ``truncated`` once more arrived."""

    cap: int
    data: bytearray = field(default_factory=bytearray)
    truncated: bool = False

    def take(self, chunk: bytes | memoryview) -> bool:
        """Keep what fits under the cap; True when the chunk overflowed it."""
        room = self.cap - len(self.data)
        if len(chunk) <= room:
            self.data += chunk
            return False
        self.data += chunk[: max(room, 0)]
        self.truncated = True
        return True


def run_bounded(
    argv: Sequence[str],
    *,
    stdin: IO[bytes] | int,
    wall_seconds: float,
    output_bytes: int,
    pass_fds: Sequence[int] = (),
    env: dict[str, str] | None = None,
    stop_signal: int = signal.SIGKILL,
) -> ProcessReport:
    """Start ``argv`` in a new session, collect stdout/stderr up to ``output_bytes`` each, reap it.

    Past ``wall_seconds``, or as soon as either stream passes its cap, it is stopped: with SIGKILL to
    its whole process group, or first with ``stop_signal`` to the process alone (a supervisor that kills
    and reaps its own tree), falling back to SIGKILL on the group when it does not end within a grace.
    """
    started = time.monotonic()
    process = subprocess.Popen(
        list(argv),
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        pass_fds=tuple(pass_fds),
        start_new_session=True,
        env=env if env is not None else {},
    )
    assert process.stdout is not None and process.stderr is not None
    streams = {
        process.stdout.fileno(): CappedStream(output_bytes),
        process.stderr.fileno(): CappedStream(output_bytes),
    }
    try:
        timed_out, overflowed = _collect(process.pid, streams, started + wall_seconds, stop_signal)
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        process.stdout.close()
        process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    out, err = streams.values()
    return ProcessReport(
        returncode=process.returncode,
        stdout=bytes(out.data),
        stderr=bytes(err.data),
        stdout_truncated=out.truncated,
        stderr_truncated=err.truncated,
        timed_out=timed_out,
        output_limit_exceeded=overflowed,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        wall_seconds=time.monotonic() - started,
    )


def _collect(
    pid: int, streams: dict[int, CappedStream], deadline: float, stop_signal: int
) -> tuple[bool, bool]:
    """Read both pipes until EOF and the process has exited, or until the deadline or the cap kills it."""
    timed_out = overflowed = False
    pidfd = os.pidfd_open(pid)
    with selectors.DefaultSelector() as selector:
        for fd in streams:
            selector.register(fd, selectors.EVENT_READ)
        selector.register(pidfd, selectors.EVENT_READ)
        while len(selector.get_map()) > 0:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                timed_out = True
                break
            for key, _ in selector.select(remaining):
                if key.fd == pidfd:
                    selector.unregister(pidfd)
                    continue
                chunk = os.read(key.fd, _READ_CHUNK)
                if not chunk:
                    selector.unregister(key.fd)
                elif streams[key.fd].take(chunk):
                    overflowed = True
            if overflowed:
                break
        if timed_out or overflowed:
            _stop(pid, pidfd, selector, set(streams), stop_signal)
    os.close(pidfd)
    return timed_out, overflowed


def _stop(
    pid: int, pidfd: int, selector: selectors.BaseSelector, stream_fds: set[int], stop_signal: int
) -> None:
    """Ask the process to stop (or kill its group), then discard its remaining output until it is gone."""
    if stop_signal != signal.SIGKILL:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, stop_signal)
        grace = time.monotonic() + _STOP_GRACE_SECONDS
        if _drain(selector, stream_fds, grace) and _exited(pidfd, grace):
            return
    _kill_group(pid)
    _drain(selector, stream_fds, time.monotonic() + _DRAIN_AFTER_KILL_SECONDS)


def _exited(pidfd: int, deadline: float) -> bool:
    with selectors.DefaultSelector() as waiter:
        waiter.register(pidfd, selectors.EVENT_READ)
        return bool(waiter.select(max(deadline - time.monotonic(), 0)))


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def _drain(selector: selectors.BaseSelector, stream_fds: set[int], deadline: float) -> bool:
    """Discard what is left in the pipes after a stop, so the tree can close them; True once closed."""
    while any(fd in stream_fds for fd in selector.get_map()):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        for key, _ in selector.select(remaining):
            if key.fd not in stream_fds or not os.read(key.fd, _READ_CHUNK):
                selector.unregister(key.fd)
    return True
