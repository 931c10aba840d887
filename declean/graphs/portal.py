"""Async nodes that also run on LangGraph's synchronous path, so ``invoke`` and ``stream`` work too.

The nodes are coroutines (model calls through ``ainvoke``, sandbox work in worker threads). LangGraph's
synchronous path needs a plain function per node, so each node is given a twin that runs the coroutine on
one background event loop per process, started on first use (never at import). One loop keeps what
the async path guarantees: the in-flight slots of a :class:`~declean.graphs.context.Context` are
semaphores of that loop, so the concurrency bound holds over every sample branch that LangGraph runs in
its thread pool. The caller's context variables go along, so LangChain callbacks (LangSmith nesting)
and the node's bookkeeping see the same values as on the async path.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextvars
import functools
import threading
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, Literal, TypeVar, cast, get_args, get_origin, get_type_hints

# LangGraph has no public way to give one node both a sync and an async body; its own prebuilt nodes
# (ToolNode) use this class, which also injects ``runtime`` into either body.
from langchain_core.runnables import RunnableConfig
from langgraph._internal._runnable import RunnableCallable
from langgraph.pregel import Pregel
from langgraph.types import Command, StreamMode

Result = TypeVar("Result")

_loop: asyncio.AbstractEventLoop | None = None
_loop_lock = threading.Lock()


def _portal_loop() -> asyncio.AbstractEventLoop:
    global _loop  # noqa: PLW0603 (one loop per process, made on first use)
    with _loop_lock:
        if _loop is None or _loop.is_closed():
            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="declean-graph-loop", daemon=True).start()
            _loop = loop
        return _loop


def run_blocking(coroutine: Coroutine[Any, Any, Result]) -> Result:
    """Run ``coroutine`` on the background loop and wait for it, in the caller's contextvars."""
    loop = _portal_loop()
    context = contextvars.copy_context()
    done: concurrent.futures.Future[Result] = concurrent.futures.Future()

    def start() -> None:
        task = loop.create_task(coroutine, context=context)
        task.add_done_callback(functools.partial(_settle, done))

    loop.call_soon_threadsafe(start)
    return done.result()


def _settle(done: concurrent.futures.Future[Result], task: asyncio.Task[Result]) -> None:
    if task.cancelled():
        done.cancel()
    elif (error := task.exception()) is not None:
        done.set_exception(error)
    else:
        done.set_result(task.result())


def dual_node(name: str, node: Callable[..., Awaitable[Any]]) -> RunnableCallable:
    """``node`` as a LangGraph node with its own async body and a blocking twin for ``invoke``."""

    @functools.wraps(node)
    def blocking(*args: Any, **kwargs: Any) -> Any:
        return run_blocking(_awaited(node(*args, **kwargs)))

    return RunnableCallable(blocking, node, name=name, trace=False)


async def _awaited(awaitable: Awaitable[Result]) -> Result:
    return await awaitable


def destinations(node: Callable[..., Any]) -> tuple[str, ...]:
    """The nodes a ``Command[Literal[...]]``-returning node may go to, read from its annotation."""
    returned = get_type_hints(node).get("return")
    if get_origin(returned) is not Command:
        return ()
    [goto] = get_args(returned) or (Any,)
    if get_origin(goto) is not Literal:
        return ()
    return tuple(get_args(goto))


async def relay(
    graph: Pregel[Any, Any, Any, Any],
    graph_input: Any,
    config: RunnableConfig,
    context: Any,
    write: Callable[[Any], None],
) -> dict[str, Any]:
    """Run ``graph`` inside a node, passing each of its ``custom`` stream events to ``write`` (the node's
    own stream writer, so the outer graph's ``stream_mode="custom"`` sees them); its final state back."""
    final: dict[str, Any] = {}
    modes: list[StreamMode] = ["custom", "values"]
    async for mode, chunk in graph.astream(graph_input, config, context=context, stream_mode=modes):
        if mode == "custom":
            write(chunk)
        else:
            final = cast(dict[str, Any], chunk)
    return final
