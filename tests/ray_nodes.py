"""Nodes a test adds to the Ray cluster of .ci/ray-up.sh, and kills: real ``ray start`` processes on
loopback, stopped by pid."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

RAY = str(Path(sys.executable).with_name("ray"))
RAY_LOGS = Path("/tmp/ray/session_latest/logs")
"""The logs of the cluster's nodes on this machine (Ray's default temporary directory)."""
JOIN_SECONDS = 90
NODE_FLAGS = ("--block", "--node-ip-address", "127.0.0.1", "--num-cpus", "2", "--disable-usage-stats")
"""As .ci/ray-up.sh starts its nodes."""


def alive_nodes(address: str) -> set[str]:
    """The ids of the cluster's alive nodes (asked from a process of its own, as a user would)."""
    script = (
        "import json, logging, ray\n"
        f"ray.init(address={address!r}, logging_level=logging.ERROR)\n"
        "print(json.dumps([n['NodeID'] for n in ray.nodes() if n['Alive']]))\n"
        "ray.shutdown()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def node_name(node_id: str) -> str:
    """How declean's traces name a node (``declean.cluster.worker.node_name``)."""
    return f"{socket.gethostname()}/{node_id[:8]}"


@dataclass
class ExtraNode:
    process: subprocess.Popen[bytes]
    """``ray start --block``: the node lives as long as it does."""
    node_id: str
    log: Path

    @property
    def name(self) -> str:
        return node_name(self.node_id)

    def kill_raylet(self) -> None:
        """SIGKILL the node's raylet (the node dies with it, its workers too)."""
        raylets = [pid for pid in descendants(self.process.pid) if _command_name(pid) == "raylet"]
        assert raylets, f"no raylet under pid {self.process.pid}; see {self.log}"
        for raylet in raylets:
            os.kill(raylet, signal.SIGKILL)


@contextmanager
def extra_node(address: str, log: Path, env: dict[str, str] | None = None) -> Iterator[ExtraNode]:
    """A node joined to ``address`` for the ``with`` block, then stopped by pid."""
    before = alive_nodes(address)
    with log.open("wb") as output:
        process = subprocess.Popen(
            [RAY, "start", "--address", address, *NODE_FLAGS],
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env if env is not None else dict(os.environ),
        )
    try:
        deadline = time.monotonic() + JOIN_SECONDS
        while not (joined := alive_nodes(address) - before):
            assert process.poll() is None, f"ray start exited with {process.returncode}: {log.read_text()}"
            assert time.monotonic() < deadline, f"the node did not join in {JOIN_SECONDS}s: {log.read_text()}"
            time.sleep(1)
        yield ExtraNode(process=process, node_id=joined.pop(), log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            for child in descendants(process.pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(child, signal.SIGKILL)
            process.kill()
            process.wait(timeout=30)


def descendants(pid: int) -> list[int]:
    """The pids of every process under ``pid`` (read from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, frontier = [], [pid]
    while frontier:
        for child in children.get(frontier.pop(), []):
            found.append(child)
            frontier.append(child)
    return found


def _command_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""
