"""The cluster's slot keeper on its own (no Ray: its methods are plain coroutines on one event loop, as in
the actor): the bound, first come first served, a lost holder's slots freed, a release that waits for its
grant, and the request pace."""

from __future__ import annotations

import asyncio
import time

import pytest

from declean.cluster.limiter import ForgottenHolderError, SlotKeeper


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


def test_at_most_limit_slots_are_held_and_waiters_go_first_come_first_served() -> None:
    async def scenario() -> None:
        keeper = SlotKeeper(limit=2)
        order: list[str] = []

        async def take(holder: str) -> None:
            await keeper.acquire(holder)
            order.append(holder)

        await take("a")
        await take("b")
        waiting = [asyncio.create_task(take(name)) for name in ("c", "d", "e")]
        await settle()
        assert order == ["a", "b"] and keeper.in_flight() == 2
        keeper.release("a")
        await settle()
        assert order == ["a", "b", "c"] and keeper.in_flight() == 2
        keeper.release("b")
        keeper.release("c")
        await asyncio.gather(*waiting)
        assert order == ["a", "b", "c", "d", "e"]
        assert keeper.peak() == 2

    asyncio.run(scenario())


def test_a_forgotten_holder_frees_its_slots_and_is_refused_after() -> None:
    async def scenario() -> None:
        keeper = SlotKeeper(limit=2)
        await keeper.acquire("lost")
        await keeper.acquire("lost")
        queued_for_lost = asyncio.create_task(keeper.acquire("lost"))
        queued_for_alive = asyncio.create_task(keeper.acquire("alive"))
        await settle()
        assert keeper.forget("lost") == 2
        await asyncio.wait_for(queued_for_alive, timeout=5)
        await settle()
        assert not queued_for_lost.done(), "a lost holder's waiter is never granted"
        assert keeper.in_flight() == 1
        with pytest.raises(ForgottenHolderError):
            await keeper.acquire("lost")
        keeper.release("lost")  # a late release of a forgotten slot frees nothing twice
        assert keeper.in_flight() == 1
        queued_for_lost.cancel()

    asyncio.run(scenario())


def test_a_release_for_a_holder_without_slots_changes_nothing() -> None:
    async def scenario() -> None:
        keeper = SlotKeeper(limit=1)
        await keeper.acquire("a")
        keeper.release("b")
        assert keeper.in_flight() == 1
        waiter = asyncio.create_task(keeper.acquire("b"))
        await settle()
        assert not waiter.done()
        keeper.release("a")
        await asyncio.wait_for(waiter, timeout=5)

    asyncio.run(scenario())


def test_requests_are_paced_for_the_whole_cluster() -> None:
    async def scenario() -> float:
        keeper = SlotKeeper(limit=8, requests_per_minute=600)  # one request per 0.1 s
        started = time.monotonic()
        await asyncio.gather(*(keeper.pace() for _ in range(6)))
        return time.monotonic() - started

    assert asyncio.run(scenario()) >= 0.4
