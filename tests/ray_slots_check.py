"""Run by ``test_ray_executor`` in a process of its own (``python -m tests.ray_slots_check ADDRESS``): a
worker's view of the cluster's slots (:class:`ClusterSlots`) on a real keeper actor, where a task that
stops waiting for a slot must still give it back once it is granted. Prints ``ok`` or raises."""

from __future__ import annotations

import asyncio
import logging
import sys

import ray

from declean.cluster.limiter import ClusterSlots, SlotKeeper


async def check(keeper: ray.actor.ActorHandle) -> None:
    slots = ClusterSlots(keeper, holder="worker-0", limit=1)
    held = asyncio.Event()
    release = asyncio.Event()

    async def hold() -> None:
        async with slots.slot():
            held.set()
            await release.wait()

    holding = asyncio.create_task(hold())
    await held.wait()
    impatient = asyncio.create_task(_enter(slots))
    await asyncio.sleep(0.5)
    impatient.cancel()
    release.set()
    await holding
    # The cancelled task's grant comes after the first slot is given back, and is given back in turn.
    for _ in range(100):
        if await keeper.in_flight.remote() == 0:
            break
        await asyncio.sleep(0.05)
    assert await keeper.in_flight.remote() == 0, "a cancelled wait kept its slot"
    await asyncio.wait_for(_enter(slots), timeout=10)
    assert await keeper.peak.remote() == 1


async def _enter(slots: ClusterSlots) -> None:
    async with slots.slot():
        pass


def main(address: str) -> None:
    ray.init(address=address, logging_level=logging.ERROR, log_to_driver=False)
    try:
        keeper = ray.remote(SlotKeeper).options(num_cpus=0, max_concurrency=100).remote(1)
        asyncio.run(check(keeper))
    finally:
        ray.shutdown()
    print("ok")


if __name__ == "__main__":
    main(sys.argv[1])
