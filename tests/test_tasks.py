"""``all_or_none``: every result in order, or the first failure as itself with the others stopped."""

from __future__ import annotations

import asyncio
import errno

import pytest

from declean.tasks import all_or_none


def test_the_results_come_in_the_order_of_the_coroutines_whichever_ends_first() -> None:
    async def after(seconds: float, value: str) -> str:
        await asyncio.sleep(seconds)
        return value

    results = asyncio.run(all_or_none([after(0.03, "slow"), after(0.0, "fast"), after(0.01, "middle")]))
    assert results == ["slow", "fast", "middle"]


def test_a_failure_stops_the_others_and_is_raised_as_itself() -> None:
    went_on: list[str] = []

    async def filling_up() -> None:
        await asyncio.sleep(0.01)
        raise OSError(errno.ENOSPC, "No space left on device")

    async def working() -> None:
        await asyncio.sleep(0.2)
        went_on.append("worked on after the failure")

    async def in_an_apps_loop() -> None:
        with pytest.raises(OSError, match="No space left on device") as raised:
            await all_or_none([working(), filling_up(), working()])
        assert raised.value.errno == errno.ENOSPC
        await asyncio.sleep(0.4)  # the loop goes on: a coroutine left running would finish now

    asyncio.run(in_an_apps_loop())
    assert went_on == []


def test_nothing_to_run_is_no_result() -> None:
    assert asyncio.run(all_or_none([])) == []
