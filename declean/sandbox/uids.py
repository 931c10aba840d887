"""A pool of unprivileged uids for sandboxes started by root.

RLIMIT_NPROC counts every process of a uid system-wide, and root ignores it. So a root process must drop
each sandbox to its own otherwise unused uid: one uid per concurrent sandbox, leased here. Leases are
exclusive between threads (a queue) and between processes (``flock`` on one lock file per uid).
"""

from __future__ import annotations

import fcntl
import os
import queue
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from declean.errors import ConfigurationError

DEFAULT_UID_BASE = 2_000_000_000
"""First uid of the default pool: far above real users, system accounts and common subuid ranges."""
DEFAULT_UID_COUNT = 16
"""How many sandboxes one machine can run at once as root before a lease waits."""

_CROSS_PROCESS_RETRY_SECONDS = 0.01


class UidPool:
    """Hands out uids one at a time; ``lease()`` blocks while every uid is in use."""

    def __init__(
        self,
        base: int = DEFAULT_UID_BASE,
        count: int = DEFAULT_UID_COUNT,
        lock_dir: Path | None = None,
    ) -> None:
        if count < 1:
            raise ConfigurationError(f"the sandbox uid pool needs at least one uid, got {count}")
        if base < 1 or base + count > 2**32 - 2:
            raise ConfigurationError(f"sandbox uids {base}..{base + count - 1} are out of range")
        self.uids = tuple(range(base, base + count))
        self._free: queue.Queue[int] = queue.Queue()
        for uid in self.uids:
            self._free.put(uid)
        self._lock_dir = lock_dir or Path(tempfile.gettempdir()) / "declean-sandbox-uids"
        self._lock_dir.mkdir(mode=0o700, parents=True, exist_ok=True)

    @contextmanager
    def lease(self) -> Iterator[int]:
        """Yield a uid no other sandbox on this machine is using, and give it back afterwards."""
        while True:
            uid = self._free.get()
            lock = self._try_lock(uid)
            if lock is not None:
                break
            self._free.put(uid)
            time.sleep(_CROSS_PROCESS_RETRY_SECONDS)
        try:
            yield uid
        finally:
            lock.close()
            self._free.put(uid)

    def _try_lock(self, uid: int) -> IO[str] | None:
        handle = open(self._lock_dir / f"{uid}.lock", "a")  # noqa: SIM115 - held for the lease
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return None
        return handle


def running_as_root() -> bool:
    """True when this process can switch uids (and must, for RLIMIT_NPROC to mean anything)."""
    return os.geteuid() == 0


def count_tasks_of_uid(uid: int) -> int:
    """Processes and threads whose real uid is ``uid``: what RLIMIT_NPROC compares against."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            status = Path(entry.path, "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        real_uid = fields.get("Uid", "").split()
        if real_uid and int(real_uid[0]) == uid:
            total += int(fields.get("Threads", "1").strip() or 1)
    return total
