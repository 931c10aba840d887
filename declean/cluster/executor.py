"""The driver side of ``--executor ray``: start one worker per node (or ``--workers``), hand each problem
to the least busy one, write what comes back, and when a worker is lost (its node died, its process was
killed) start another and give the problem to it.

What is shared across the cluster: the run's checkpoints (``--out`` on one machine or a shared directory,
else ``--checkpoint-url``), the model-call cache (``--cache postgresql://...`` across machines) and the
:class:`~declean.cluster.limiter.SlotKeeper`. With the cache on, a problem is checkpointed only when it ends
(``declean.runs.runner``), so a problem whose worker was lost starts again on another worker and the cache
answers every model call it had already made.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import socket
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

from langgraph.checkpoint.base import BaseCheckpointSaver

from declean.cluster.limiter import KEEPER_MAX_CONCURRENCY, SlotKeeper
from declean.cluster.worker import ProblemWorker, SolvedProblem, WorkerReady
from declean.errors import ConfigurationError
from declean.problems import Problem
from declean.runs.options import RunSpec
from declean.runs.output import ProblemRecord
from declean.runs.runner import Solve, Solved
from declean.tracing.events import ErrorEvent
from declean.tracing.writer import TraceWriter

ATTEMPTS_PER_PROBLEM = 3
"""Workers a problem may lose before it is recorded as crashed (``--resume`` tries it again)."""
WORKER_MAX_CONCURRENCY = 1_000
"""Calls a worker actor accepts at once; the problems it runs together are bounded by the driver."""


@dataclass(eq=False)
class _Worker:
    actor: Any
    """The ``ProblemWorker`` actor's handle."""
    holder: str
    """Its name at the keeper."""
    node_id: str
    """The Ray node it was placed on."""
    node: str = "?"
    """Its node, once it said (``hostname/node-id``)."""
    busy: int = 0
    """Problems handed to it and not yet back."""


class RayExecutor:
    """Problems worked on by the workers of a Ray cluster (``declean.runs.runner.Executor``)."""

    def __init__(
        self, spec: RunSpec, *, address: str | None, workers: int | None, trace: TraceWriter
    ) -> None:
        self.spec = _absolute(spec)
        self.address = address
        self.requested_workers = workers
        self.trace = trace
        self._keeper: Any = None
        self._workers: list[_Worker] = []
        self._have_workers = asyncio.Event()
        self._names = itertools.count()
        self._settings: dict[str, Any] = {}

    async def __aenter__(self) -> Self:
        try:
            import ray
        except ImportError as error:
            raise ConfigurationError(
                "--executor ray needs Ray on this machine and every node: pip install 'declean[cluster]'"
            ) from error
        if self.address not in (None, "auto"):
            _check_reachable(self.address)
        self.spec.out_dir.mkdir(parents=True, exist_ok=True)
        ray.init(address=self.address, log_to_driver=False, logging_level=logging.ERROR)
        try:
            await self._start()
        except BaseException:
            await self.__aexit__()
            raise
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        import ray

        for worker in self._workers:
            # A worker already lost, or stuck, goes with ray.kill below.
            with contextlib.suppress(Exception):
                await asyncio.wait_for(asyncio.wrap_future(worker.actor.close.remote().future()), timeout=30)
            ray.kill(worker.actor)
        self._workers = []
        ray.shutdown()

    @property
    def problems_at_once(self) -> int:
        """``--concurrency`` problems per worker; the keeper bounds what they do in flight together."""
        return len(self._workers) * self.spec.options.concurrency

    def settings(self) -> dict[str, Any]:
        """The workers' settings (all the same, or the run is refused)."""
        return self._settings

    def facts(self) -> dict[str, Any]:
        """The executor, its workers' nodes, the cluster-wide concurrency and the cache."""
        return {
            "executor": "ray",
            "workers": len(self._workers),
            "nodes": sorted({worker.node for worker in self._workers}),
            "concurrency": self.spec.options.concurrency,
            "cache": self.spec.use_cache,
        }

    @property
    def keeps_checkpoints(self) -> bool:
        """Always: a problem ends with a checkpoint on its worker, which the driver deletes once the
        problem's results are written."""
        return True

    def solver(self, checkpointer: BaseCheckpointSaver[str] | None) -> Solve:
        """Each problem to the least busy worker; a lost worker is replaced and the problem tried again."""
        return self._solve

    async def peak_in_flight(self) -> int:
        """The keeper's peak: model calls and sandbox runs in flight together over the whole cluster."""
        if self._keeper is None:
            return 0
        try:
            return int(await self._keeper.peak.remote())
        except Exception:
            return 0

    async def _start(self) -> None:
        import ray
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        options = self.spec.options
        # On the driver's own node: the run lives only as long as that node does anyway.
        here = NodeAffinitySchedulingStrategy(node_id=ray.get_runtime_context().get_node_id(), soft=False)
        self._keeper = (
            ray.remote(SlotKeeper)
            .options(num_cpus=0, max_concurrency=KEEPER_MAX_CONCURRENCY, scheduling_strategy=here)
            .remote(options.concurrency, self.spec.settings.requests_per_minute)
        )
        nodes = sorted(_alive_nodes())
        count = self.requested_workers or len(nodes)
        workers = [self._new_worker(nodes[index % len(nodes)]) for index in range(count)]
        readies: list[WorkerReady] = await asyncio.gather(*(each.actor.ready.remote() for each in workers))
        failures = [f"worker on node {ready.node}: {ready.failure}" for ready in readies if ready.failure]
        if failures:
            raise ConfigurationError("the cluster cannot run declean: " + "; ".join(failures))
        differing = {ready.node for ready in readies if ready.settings != readies[0].settings}
        if differing:
            raise ConfigurationError(
                f"workers on {', '.join(sorted(differing))} resolved other settings than on "
                f"{readies[0].node} (a model or sandbox configured differently on some nodes)"
            )
        for worker, ready in zip(workers, readies, strict=True):
            worker.node, worker.node_id = ready.node, ready.node_id
            self._add(worker)
        self._settings = readies[0].settings or {}

    def _new_worker(self, node_id: str) -> _Worker:
        import ray
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        # Hard affinity: a soft one let Ray put every worker on the driver's node.
        strategy = NodeAffinitySchedulingStrategy(node_id=node_id, soft=False)
        holder = f"worker-{next(self._names)}"
        actor = (
            ray.remote(ProblemWorker)
            .options(num_cpus=0, max_concurrency=WORKER_MAX_CONCURRENCY, scheduling_strategy=strategy)
            .remote(self.spec, self._keeper, holder)
        )
        return _Worker(actor=actor, holder=holder, node_id=node_id)

    def _add(self, worker: _Worker) -> None:
        self._workers.append(worker)
        self._have_workers.set()

    async def _least_busy(self) -> _Worker:
        while not self._workers:
            self._have_workers.clear()
            await self._have_workers.wait()
        return min(self._workers, key=lambda candidate: candidate.busy)

    async def _solve(self, problem: Problem) -> Solved:
        from ray.exceptions import RayActorError, RayTaskError

        lost: list[str] = []
        for _ in range(ATTEMPTS_PER_PROBLEM):
            worker = await self._least_busy()
            worker.busy += 1
            try:
                solved: SolvedProblem = await worker.actor.solve.remote(problem)
            except RayActorError as error:
                lost.append(worker.node)
                await self._replace(worker, problem, error)
                continue
            except RayTaskError as error:  # raised on the worker outside the graph (its checkpointer, ...)
                cause = error.cause if error.cause is not None else error
                message = f"on node {worker.node}: {type(cause).__name__}: {cause}"
                self.trace.emit(ErrorEvent, node=None, error=message, problem_id=problem.id)
                return [], [], ProblemRecord(problem_id=problem.id, status="crashed", error=message)
            finally:
                worker.busy -= 1
            self.trace.relay(solved.events)
            return solved.samples, solved.rejections, solved.record
        message = f"lost {len(lost)} workers while working on it (on {', '.join(lost)}); --resume tries again"
        self.trace.emit(ErrorEvent, node=None, error=message, problem_id=problem.id)
        return [], [], ProblemRecord(problem_id=problem.id, status="crashed", error=message)

    async def _replace(self, worker: _Worker, problem: Problem, error: Exception) -> None:
        """Start a worker in the lost one's place (once, whichever of its problems noticed first)."""
        import ray

        text = str(error).strip()
        why = text.splitlines()[0] if text else type(error).__name__
        self.trace.emit(
            ErrorEvent,
            node=None,
            error=f"worker on node {worker.node} lost ({why}); the problem goes to another worker",
            problem_id=problem.id,
        )
        if worker not in self._workers:
            return
        self._workers.remove(worker)
        # Unavailable may mean unreachable for now: a worker that comes back must not go on working.
        ray.kill(worker.actor, no_restart=True)
        await self._keeper.forget.remote(worker.holder)
        self._add(await self._started_worker(avoid={worker.node_id}))

    async def _started_worker(self, avoid: set[str]) -> _Worker:
        """A new worker, set up, on the alive node with the fewest workers, not one of ``avoid`` (a node
        that just lost one may not be known dead yet)."""
        from ray.exceptions import RayActorError

        for _ in range(ATTEMPTS_PER_PROBLEM):
            candidates = _alive_nodes() - avoid
            if not candidates:
                raise ConfigurationError("no node of the cluster is left to run a worker on")
            load = Counter(worker.node_id for worker in self._workers)
            node_id = min(sorted(candidates), key=load.__getitem__)
            worker = self._new_worker(node_id)
            try:
                ready: WorkerReady = await worker.actor.ready.remote()
            except RayActorError:
                avoid.add(node_id)
                continue
            if ready.failure:
                raise ConfigurationError(f"replacement worker on node {ready.node}: {ready.failure}")
            worker.node = ready.node
            return worker
        raise ConfigurationError(f"no worker could be started in {ATTEMPTS_PER_PROBLEM} attempts")


REACH_SECONDS = 5.0
"""How long the head's address is tried before the run is refused (``ray.init`` itself waits minutes)."""


def _check_reachable(address: str) -> None:
    """Refuse at once an address no Ray head answers at (``ray.init`` would retry for minutes)."""
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        raise ConfigurationError(f"--ray-address {address!r}: expected auto or HOST:PORT")
    try:
        with socket.create_connection((host, int(port)), timeout=REACH_SECONDS):
            pass
    except OSError as error:
        raise ConfigurationError(
            f"no Ray cluster answers at {address} ({error.strerror or error}): start one with "
            "`ray start --head`, or check --ray-address"
        ) from error


def _alive_nodes() -> set[str]:
    import ray

    return {node["NodeID"] for node in ray.nodes() if node.get("Alive")}  # type: ignore[no-untyped-call]


def _absolute(spec: RunSpec) -> RunSpec:
    """Workers run in directories of their own: every path they are given must be absolute."""
    settings = spec.settings
    cache = settings.cache
    if cache is not None and "://" not in cache:
        settings = settings.model_copy(update={"cache": str(Path(cache).resolve())})
    return spec.model_copy(update={"out_dir": spec.out_dir.resolve(), "settings": settings})
