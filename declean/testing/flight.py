"""A thread-safe count of calls in flight, with its peak: shareable by fake models and fake sandboxes."""

from __future__ import annotations

import threading
from types import TracebackType


class InFlight:
    """How many calls are inside right now (``now``) and the most there ever were at once (``peak``).

    Use it as ``with flight: ...`` around the work, from any thread. Give one instance to a
    :class:`~declean.testing.RespondingChatModel` and a :class:`~declean.testing.RecordingSandbox` to
    measure model calls and sandbox work together.
    """

    def __init__(self) -> None:
        self.now = 0
        self.peak = 0
        self._lock = threading.Lock()

    def enter(self) -> None:
        """One more call in flight."""
        with self._lock:
            self.now += 1
            self.peak = max(self.peak, self.now)

    def exit(self) -> None:
        """One call fewer in flight."""
        with self._lock:
            self.now -= 1

    def __enter__(self) -> InFlight:
        self.enter()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.exit()
