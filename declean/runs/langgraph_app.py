"""The declean graph for ``langgraph dev``, LangGraph Studio and LangGraph servers (see ``langgraph.json``).

A server hands a graph JSON input and no Python objects, so :func:`make_graph` wraps the declean graph:
the model and the sandbox come from declean's settings (``DECLEAN_*``, as for ``declean run``), built
once per process on the first run, and the problem, samples and rejections cross the wire as JSON.
Its ``custom`` stream carries the same ``sample`` and ``rejection`` events as the inner graph's; runs are
inspected in LangGraph Studio or LangSmith (no JSONL trace is written: a server's event loop must not
block on files).
"""

from __future__ import annotations

import asyncio
import atexit
import threading
from contextlib import ExitStack, closing
from typing import Any, TypedDict

from langchain_core.runnables import RunnableConfig
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime

from declean.graphs.context import Context
from declean.graphs.pipeline import build_graph
from declean.graphs.portal import dual_node, relay
from declean.problems import Problem
from declean.settings import Settings

_contexts: dict[str, Context] = {}
_resources = ExitStack()
_lock = threading.Lock()
atexit.register(_resources.close)


class ServerInput(TypedDict):
    """``{"problem": {"id": ..., "statement": ..., "stdin": [...], "solution": ...}}``."""

    problem: dict[str, Any]
    """A problem as in a problems file."""


class ServerOutput(TypedDict):
    """Accepted samples and rejections as JSON objects (the fields of ``samples.jsonl``)."""

    samples: list[dict[str, Any]]
    """Every accepted sample."""
    rejections: list[dict[str, Any]]
    """Every version that was not accepted, with its reason."""


class ServerState(ServerInput, ServerOutput):
    """The wrapper's whole state."""


def settings_context(settings: Settings, *, sandbox_backend: str = "local") -> Context:
    """A run context from ``settings``: its models (the embedded one starts here) and a sandbox, kept
    until the process exits; the same settings give the same context."""
    from declean.models.providers import resolve_models
    from declean.sandbox import get_sandbox

    key = settings.model_dump_json() + sandbox_backend
    with _lock:
        if key not in _contexts:
            sandbox = _resources.enter_context(closing(get_sandbox(sandbox_backend)))
            models = _resources.enter_context(resolve_models(settings.models()))
            _contexts[key] = Context(
                llm=models.llm,
                llms=models.llms,
                sandbox=sandbox,
                model_concurrency=models.parallel_requests,
                # A server's runs are inspected in Studio / LangSmith; declean's JSONL trace writes to a
                # file from inside the event loop, which a server must not block.
                trace_dir=None,
            )
        return _contexts[key]


def make_graph(
    config: RunnableConfig | None = None,
) -> CompiledStateGraph[ServerState, None, ServerInput, ServerOutput]:
    """The graph factory ``langgraph.json`` names: one problem in, its samples and rejections out."""
    inner = build_graph()

    async def run_problem(state: ServerInput, runtime: Runtime[None], config: RunnableConfig) -> ServerOutput:
        problem = Problem.model_validate(state["problem"])
        context = await asyncio.to_thread(settings_context, Settings())
        final = await relay(
            inner, {"problem": problem}, config, context, lambda event: runtime.stream_writer(_as_json(event))
        )
        return ServerOutput(
            samples=[sample.model_dump(mode="json") for sample in final.get("samples", [])],
            rejections=[rejection.model_dump(mode="json") for rejection in final.get("rejections", [])],
        )

    builder = StateGraph(ServerState, input_schema=ServerInput, output_schema=ServerOutput)
    builder.add_node("run_problem", dual_node("run_problem", run_problem))
    builder.add_edge(START, "run_problem")
    builder.add_edge("run_problem", END)
    return builder.compile(name="declean")


def _as_json(event: Any) -> Any:
    if isinstance(event, dict):
        return {
            key: value.model_dump(mode="json") if hasattr(value, "model_dump") else value
            for key, value in event.items()
        }
    return event
