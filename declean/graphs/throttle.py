"""One bound on the work in flight: model calls and sandbox runs share ``concurrency`` slots per run."""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Protocol

from declean.errors import ConfigurationError


class Slots(Protocol):
    """What the nodes need of the bound on work in flight: one process's (:class:`InFlightLimit`) or a
    cluster's (``declean.cluster.limiter``)."""

    limit: int
    """Operations allowed in flight at once."""
    peak: int
    """The most this process ever saw in flight together."""

    def slot(self) -> AbstractAsyncContextManager[None]:
        """Hold one slot for the ``async with`` block."""
        ...


class InFlightLimit:
    """At most ``limit`` operations at once over every problem and sample that share this object.

    A semaphore belongs to one event loop, so one is made per loop: a graph embedded in an app that calls
    ``asyncio.run`` more than once keeps working. ``peak`` is the most that were ever in flight together.
    """

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ConfigurationError(f"concurrency must be at least 1, not {limit}")
        self.limit = limit
        self.peak = 0
        self._in_flight = 0
        self._count_lock = threading.Lock()
        self._semaphores: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
            weakref.WeakKeyDictionary()
        )

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one slot for the ``async with`` block."""
        async with self._semaphore():
            with self._count_lock:
                self._in_flight += 1
                self.peak = max(self.peak, self._in_flight)
            try:
                yield
            finally:
                with self._count_lock:
                    self._in_flight -= 1

    def _semaphore(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        semaphore = self._semaphores.get(loop)
        if semaphore is None:
            semaphore = self._semaphores[loop] = asyncio.Semaphore(self.limit)
        return semaphore
