"""Awaiting several coroutines as one: all their results, or the first failure with the others stopped."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterable
from typing import Any, TypeVar

Result = TypeVar("Result")


async def all_or_none(coroutines: Iterable[Coroutine[Any, Any, Result]]) -> list[Result]:
    """Run ``coroutines`` together: their results in order, or, when one fails, the others cancelled and
    its exception raised.

    ``asyncio.gather`` leaves the others running when one fails (in an app's event loop, on past the
    caller's return). A task group cancels them but raises an ``ExceptionGroup``, which a caller expecting
    the failure's own type (the ``OSError`` of a full disk) would not catch, so the first failure is raised
    as itself; the others' are the cancelling it caused, or the same cause met at the same moment.
    """
    try:
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(coroutine) for coroutine in coroutines]
    except ExceptionGroup as failed:
        raise failed.exceptions[0] from None
    return [task.result() for task in tasks]
