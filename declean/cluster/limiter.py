"""One bound on work in flight and one pace of model requests for a whole cluster: :class:`SlotKeeper`
runs as a single Ray actor that every worker asks, so ``--concurrency`` and ``--requests-per-minute`` mean
the same on ten machines as on one.

A slot is held by a *holder* (a worker); when a worker dies its slots would be lost, so the driver tells
the keeper to :meth:`SlotKeeper.forget` it, which frees them and refuses that holder from then on.
"""

from __future__ import annotations

import asyncio
from collections import Counter, deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from langchain_core.rate_limiters import BaseRateLimiter, InMemoryRateLimiter

from declean.errors import DecleanError

KEEPER_MAX_CONCURRENCY = 100_000
"""Calls the keeper actor accepts at once: every waiting ``acquire`` is one."""


class ForgottenHolderError(DecleanError):
    """A slot asked for by a worker the driver has given up as lost."""


class SlotKeeper:
    """The cluster's ``limit`` slots and request pace (a Ray async actor: its methods share one event loop,
    so its counts need no lock)."""

    def __init__(self, limit: int, requests_per_minute: float | None = None) -> None:
        self.limit = limit
        self._held: Counter[str] = Counter()
        self._waiting: deque[tuple[str, asyncio.Future[None]]] = deque()
        self._forgotten: set[str] = set()
        self._peak = 0
        self._pace = (
            InMemoryRateLimiter(requests_per_second=requests_per_minute / 60, check_every_n_seconds=0.05)
            if requests_per_minute
            else None
        )

    async def acquire(self, holder: str) -> None:
        """Wait for a slot for ``holder``, first come first served."""
        if holder in self._forgotten:
            raise ForgottenHolderError(f"{holder} was given up as lost")
        if not self._waiting and self._in_flight() < self.limit:
            self._grant(holder)
            return
        granted: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((holder, granted))
        await granted

    def release(self, holder: str, _after: Any = None) -> None:
        """Give back one of ``holder``'s slots. ``_after`` is an acquire's result: passing it makes Ray run
        this release only once that acquire has been granted (a caller that stopped waiting for a slot
        gives it back this way)."""
        if self._held[holder] > 0:
            self._held[holder] -= 1
            self._wake()

    def forget(self, holder: str) -> int:
        """Free every slot of a lost ``holder`` and refuse it from now on; the slots it held."""
        self._forgotten.add(holder)
        freed = self._held.pop(holder, 0)
        self._waiting = deque((h, f) for h, f in self._waiting if h != holder)
        self._wake()
        return freed

    async def pace(self) -> None:
        """Wait for the next request's turn under ``requests_per_minute`` (at once without one)."""
        if self._pace is not None:
            await self._pace.aacquire(blocking=True)

    def peak(self) -> int:
        """The most slots that were held together."""
        return self._peak

    def in_flight(self) -> int:
        """Slots held now."""
        return self._in_flight()

    def _in_flight(self) -> int:
        return sum(self._held.values())

    def _grant(self, holder: str) -> None:
        self._held[holder] += 1
        self._peak = max(self._peak, self._in_flight())

    def _wake(self) -> None:
        while self._waiting and self._in_flight() < self.limit:
            holder, granted = self._waiting.popleft()
            if granted.done():
                continue
            self._grant(holder)
            granted.set_result(None)


class ClusterSlots:
    """A worker's view of the keeper's slots (``declean.graphs.throttle.Slots``)."""

    def __init__(self, keeper: Any, holder: str, limit: int) -> None:
        self.limit = limit
        self.peak = 0
        self._keeper = keeper
        self._holder = holder
        self._in_flight = 0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one of the cluster's slots for the ``async with`` block."""
        granted = self._keeper.acquire.remote(self._holder)
        try:
            await granted
        except asyncio.CancelledError:
            self._keeper.release.remote(self._holder, granted)
            raise
        self._in_flight += 1
        self.peak = max(self.peak, self._in_flight)
        try:
            yield
        finally:
            self._in_flight -= 1
            self._keeper.release.remote(self._holder)


class ClusterPace(BaseRateLimiter):
    """LangChain's rate-limiter interface over the keeper's one pace for the cluster."""

    def __init__(self, keeper: Any) -> None:
        self._keeper = keeper

    def acquire(self, *, blocking: bool = True) -> bool:
        """Wait for the request's turn (always blocking: a turn is never refused)."""
        import ray

        ray.get(self._keeper.pace.remote())
        return True

    async def aacquire(self, *, blocking: bool = True) -> bool:
        """Wait for the request's turn."""
        await self._keeper.pace.remote()
        return True
