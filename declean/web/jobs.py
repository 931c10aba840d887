"""Checks run in background threads, so a slow detector (the embedded model takes tens of seconds) never
blocks the server or other students: a request submits a check and gets a key; the page polls the key.

Results are cached by the hash of the code, the stdin and the detector: the same program checked again
answers at once. The cache holds the latest ``capacity`` results in memory.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from declean.detect.base import Detector
from declean.sandbox.base import Sandbox
from declean.web.checking import CheckResult, check_program


@dataclass(frozen=True)
class Job:
    """A submitted check."""

    key: str
    code: str
    stdin: str
    submitted: float
    future: Future[CheckResult]

    @property
    def done(self) -> bool:
        return self.future.done()

    def result(self) -> CheckResult:
        """The result of a finished job (a crash of the check itself is reported as an error result)."""
        failure = self.future.exception()
        if failure is not None:
            return CheckResult(
                detector="?",
                detector_version="?",
                compiles=False,
                error=f"the check failed: {type(failure).__name__}: {failure}".splitlines()[0],
            )
        return self.future.result()

    def elapsed(self) -> float:
        return time.monotonic() - self.submitted


class Checker:
    """Runs checks on ``workers`` threads and keeps the latest ``capacity`` jobs by key."""

    def __init__(
        self, detector: Detector, sandbox: Sandbox, *, workers: int = 2, capacity: int = 512
    ) -> None:
        self.detector = detector
        self.sandbox = sandbox
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="declean-check")
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._capacity = capacity
        self._lock = threading.Lock()

    def key(self, code: str, stdin: str) -> str:
        digest = hashlib.sha256()
        for part in (self.detector.name, code, stdin):
            digest.update(part.encode())
            digest.update(b"\0")
        return digest.hexdigest()[:32]

    def submit(self, code: str, stdin: str) -> Job:
        """The job checking ``code`` on ``stdin``: a cached one when it exists and did not fail."""
        key = self.key(code, stdin)
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and not (job.done and job.future.exception() is not None):
                self._jobs.move_to_end(key)
                return job
            future = self._pool.submit(check_program, code, stdin or None, self.detector, self.sandbox)
            job = Job(key=key, code=code, stdin=stdin, submitted=time.monotonic(), future=future)
            self._jobs[key] = job
            while len(self._jobs) > self._capacity:
                self._jobs.popitem(last=False)
            return job

    def get(self, key: str) -> Job | None:
        with self._lock:
            return self._jobs.get(key)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
