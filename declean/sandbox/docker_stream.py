"""Talk to one attached container: feed its stdin, demultiplex capped stdout/stderr, honour a deadline;
and the runner that is PID 1 inside it, with the status line it leaves at the end of stderr.

Docker's attach stream (without a TTY) frames output as an 8-byte header ``[stream, 0, 0, 0, size]``
followed by ``size`` bytes; stream 1 is stdout, 2 is stderr. One thread serves input and output with a
selector, so a program that floods output before reading its input cannot deadlock us.
"""

from __future__ import annotations

import contextlib
import re
import selectors
import socket
import struct
import time
from dataclasses import dataclass

from declean.sandbox.process import CappedStream

_HEADER = struct.Struct(">BxxxL")
_READ_CHUNK = 65536
_WRITE_CHUNK = 65536
_STDOUT, _STDERR = 1, 2
_STATUS_TAIL = 256

RUNNER = r"""
my ($mark, $emit, @command) = @ARGV;
my $pid = fork;
defined $pid or die "fork failed: $!\n";
if ($pid == 0) {
    open(STDOUT, ">&", \*STDERR) if $emit ne "";
    exec { $command[0] } @command;
    print STDERR "cannot execute $command[0]: $!\n";
    exit 126;
}
waitpid($pid, 0);
my $status = $?;
if ($emit ne "" && $status == 0) {
    open(my $file, "<:raw", $emit) or die "cannot read $emit: $!\n";
    binmode(STDOUT);
    local $/;
    print STDOUT <$file>;
    close(STDOUT);
}
my (undef, undef, $user, $system) = times;
printf STDERR "\n%s %d %d %.3f\n", $mark, $status >> 8, $status & 127, $user + $system;
exit(($status & 127) ? 128 + ($status & 127) : $status >> 8);
"""
"""PID 1 of every container: runs the command as a child (so signals work as outside a container), then
writes ``MARK EXIT SIGNAL CPU`` as the last line of stderr, telling ``exit(139)`` from SIGSEGV. With a
file to ``emit`` the command's stdout goes to stderr and the file, on success, to stdout."""


@dataclass(frozen=True)
class RunnerStatus:
    """What the runner reported about the command: the exact wait status and the CPU it used."""

    exit_code: int
    signal: int
    cpu_seconds: float


@dataclass
class Exchange:
    """What came back from one container before its streams closed, the deadline, or the cap."""

    stdout: CappedStream
    stderr: CappedStream
    timed_out: bool = False
    output_limit_exceeded: bool = False


class _Demultiplexer:
    """Splits the framed attach stream into the two capped streams."""

    def __init__(self, stdout: CappedStream, stderr: CappedStream) -> None:
        self._buffer = bytearray()
        self._streams = {_STDOUT: stdout, _STDERR: stderr}

    def feed(self, chunk: bytes) -> bool:
        """Consume a chunk of the raw stream; True when a stream passed its cap."""
        self._buffer += chunk
        overflowed = False
        offset = 0
        while len(self._buffer) - offset >= _HEADER.size:
            kind, size = _HEADER.unpack_from(self._buffer, offset)
            end = offset + _HEADER.size + size
            if len(self._buffer) < end:
                break
            stream = self._streams.get(kind)
            if stream is not None:
                overflowed |= stream.take(memoryview(self._buffer)[offset + _HEADER.size : end])
            offset = end
        del self._buffer[:offset]
        return overflowed


def exchange(sock: socket.socket, payload: bytes, *, deadline: float, caps: tuple[int, int]) -> Exchange:
    """Send ``payload`` then half-close; collect output until EOF, ``deadline`` (monotonic) or a cap.

    Returns as soon as the deadline passes or a stream overflows: the caller must kill the container.
    """
    result = Exchange(stdout=CappedStream(caps[0]), stderr=CappedStream(caps[1]))
    demultiplexer = _Demultiplexer(result.stdout, result.stderr)
    pending = memoryview(payload)
    sock.setblocking(False)
    with selectors.DefaultSelector() as selector:
        selector.register(sock, selectors.EVENT_READ | selectors.EVENT_WRITE)
        writing = True
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                result.timed_out = True
                return result
            for _, events in selector.select(remaining):
                if writing and events & selectors.EVENT_WRITE:
                    pending, writing = _send(sock, pending)
                    if not writing:
                        selector.modify(sock, selectors.EVENT_READ)
                if events & selectors.EVENT_READ:
                    chunk = _receive(sock)
                    if chunk is None:
                        continue
                    if not chunk:
                        return result
                    if demultiplexer.feed(chunk):
                        result.output_limit_exceeded = True
                        return result


def _send(sock: socket.socket, pending: memoryview) -> tuple[memoryview, bool]:
    """Write what the socket takes; once all is sent (or the container stopped reading), half-close."""
    try:
        sent = sock.send(pending[:_WRITE_CHUNK]) if pending else 0
    except BlockingIOError:
        return pending, True
    except (BrokenPipeError, ConnectionResetError):
        return pending[:0], False
    pending = pending[sent:]
    if pending:
        return pending, True
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_WR)
    return pending, False


def _receive(sock: socket.socket) -> bytes | None:
    """A chunk, ``b""`` at end of stream, ``None`` when nothing was ready after all."""
    try:
        return sock.recv(_READ_CHUNK)
    except BlockingIOError:
        return None
    except ConnectionResetError:
        return b""


def take_status(streams: Exchange, marker: str, cap: int) -> RunnerStatus | None:
    """Cut the runner's status line off stderr and parse it; then apply the real stderr cap.

    Not trusted after a kill: the program could have printed a look-alike line before it.
    """
    stderr = streams.stderr
    tail_start = max(len(stderr.data) - _STATUS_TAIL, 0)
    tail = bytes(stderr.data[tail_start:])
    found = re.search(rb"\n" + marker.encode() + rb" (\d+) (\d+) ([\d.]+)\n\Z", tail)
    status = None
    if found is not None:
        del stderr.data[tail_start + found.start() :]
        if not (streams.timed_out or streams.output_limit_exceeded):
            status = RunnerStatus(int(found[1]), int(found[2]), float(found[3]))
    if len(stderr.data) > cap:
        del stderr.data[cap:]
        stderr.truncated = True
        streams.output_limit_exceeded = True
    return status
