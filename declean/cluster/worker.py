"""A cluster worker: one process on a Ray node holding a sandbox, the models and the model cache, running
the same compiled graph a local run does, one problem per call, and handing back the problem's results
with its trace events for the driver to write."""

from __future__ import annotations

import asyncio
import socket
from concurrent.futures import ThreadPoolExecutor
from contextlib import AsyncExitStack, ExitStack
from typing import Any

from pydantic import BaseModel, ConfigDict

from declean.errors import DecleanError
from declean.problems import Problem
from declean.runs.checkpoints import open_checkpointer
from declean.runs.options import OpenedRun, RunSpec, open_run
from declean.runs.output import ProblemRecord
from declean.runs.runner import checkpoints_steps, describe, solve_problem, thread_id
from declean.samples import Rejection, Sample
from declean.tracing.events import _Event
from declean.tracing.writer import CollectingTraceWriter


class WorkerReady(BaseModel):
    """What a worker found when it set itself up."""

    node: str
    """``hostname/node-id`` of its Ray node, as traces name it."""
    node_id: str
    """The node's full Ray id."""
    settings: dict[str, Any] | None = None
    """Its run settings (``declean.runs.runner.describe``); ``None`` when it could not set up."""
    failure: str | None = None
    """Why it could not set up (a missing sandbox, an unreachable model or cache, ...)."""


class SolvedProblem(BaseModel):
    """A problem's results as a worker hands them back."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    samples: list[Sample]
    rejections: list[Rejection]
    record: ProblemRecord
    events: list[_Event]
    """The problem's trace events, in the order they were made."""


def node_id() -> str:
    """This process's Ray node's id."""
    import ray

    return str(ray.get_runtime_context().get_node_id())


def node_name() -> str:
    """This process's Ray node as traces name it: its host name and the start of its node id."""
    return f"{socket.gethostname()}/{node_id()[:8]}"


class ProblemWorker:
    """Run as a Ray actor (async: the problems it is given run together on its event loop)."""

    def __init__(self, spec: RunSpec, keeper: Any, holder: str) -> None:
        from declean.cluster.limiter import ClusterPace, ClusterSlots

        self.spec = spec
        self.node = node_name()
        self._resources = ExitStack()
        self._opened: OpenedRun | None = None
        self._failure: str | None = None
        self._checkpoints = AsyncExitStack()
        self._graph: Any = None
        self._graph_lock = asyncio.Lock()
        try:
            _check_out_dir(spec)
            self._opened = open_run(
                self._resources,
                spec,
                tracer=CollectingTraceWriter(spec.run_id, self.node),
                slots=ClusterSlots(keeper, holder, spec.options.concurrency),
                rate_limiter=ClusterPace(keeper) if spec.settings.requests_per_minute else None,
            )
        except DecleanError as error:
            self._resources.close()
            self._failure = f"{type(error).__name__}: {error}"

    async def ready(self) -> WorkerReady:
        """This worker's node and settings, or why it could not set up."""
        if self._opened is None:
            return WorkerReady(node=self.node, node_id=node_id(), failure=self._failure)
        return WorkerReady(node=self.node, node_id=node_id(), settings=describe(self._opened.context))

    async def solve(self, problem: Problem) -> SolvedProblem:
        """Work ``problem`` out (or finish it from its checkpoint) as a local run would."""
        assert self._opened is not None, "solve() on a worker that failed to set up"
        context = self._opened.context
        graph = await self._compiled_graph()
        events: list[_Event] = []
        collecting = CollectingTraceWriter.collecting.set(events)
        try:
            samples, rejections, record = await solve_problem(
                graph, problem, context, thread_id(context.run_id, problem)
            )
        finally:
            CollectingTraceWriter.collecting.reset(collecting)
        return SolvedProblem(samples=samples, rejections=rejections, record=record, events=events)

    async def close(self) -> None:
        """Close the checkpointer, the sandbox, the models and the cache."""
        await self._checkpoints.aclose()
        self._resources.close()

    async def _compiled_graph(self) -> Any:
        from declean.graphs.pipeline import build_graph

        async with self._graph_lock:
            if self._graph is None:
                assert self._opened is not None
                context = self._opened.context
                asyncio.get_running_loop().set_default_executor(
                    ThreadPoolExecutor(max_workers=context.concurrency + 4, thread_name_prefix="declean")
                )
                checkpointer = await self._checkpoints.enter_async_context(
                    open_checkpointer(self.spec.out_dir, self.spec.settings.checkpoint_url)
                )
                self._graph = build_graph(
                    checkpointer=checkpointer,
                    checkpoint_sample_steps=checkpoints_steps(context),
                    stream_sample_events=False,
                )
            return self._graph


def _check_out_dir(spec: RunSpec) -> None:
    """A worker keeps its checkpoints (without ``--checkpoint-url``) and the default cache in ``--out``: on
    another machine that directory must be shared, or the run must name PostgreSQL for both."""
    from declean.errors import ConfigurationError

    needs = [
        what
        for what, lives_in_out in (
            ("checkpoints", spec.settings.checkpoint_url is None),
            ("model-call cache", spec.use_cache and spec.settings.cache is None),
        )
        if lives_in_out
    ]
    if needs and not spec.out_dir.is_dir():
        raise ConfigurationError(
            f"{spec.out_dir} does not exist on this node, and the run keeps its {' and '.join(needs)} there: "
            "share the directory with every node at the same path, or give --checkpoint-url and "
            "--cache postgresql://..."
        )
