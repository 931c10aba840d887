"""A whole run: problems in, ``samples.jsonl``, ``rejections.jsonl``, ``summary.json`` and a trace out.

Problems run concurrently (``concurrency`` of them at once, their samples too), bounded by the context's
in-flight limit on model calls and sandbox runs. Each problem is one LangGraph thread, so a run killed at
any moment and started again with ``resume=True`` finishes what was left: recorded problems are skipped,
unfinished ones continue from their last checkpoint, or start again. Results are written from a problem's
final state only, so nothing is written twice.

Whether a problem is checkpointed, and how often, depends on the model-call cache
(:func:`checkpoints_steps`):

- **Cache on** (the default): not at all in a new run. A resumed run starts an unfinished problem again
  and the cache answers every call it had made, so it costs sandbox time only. Step checkpoints would
  save nothing the cache does not, and writing them took ~40 % of the pipeline's own CPU (a problem of
  ``bench/concurrency.py`` took ~31 ms of CPU with them, ~17 without). Nor is one kept when a problem
  ends, to be deleted once its results are written: that cost a run ~14 ms opening and closing the
  database, and each problem ~1.5 ms of the event loop's time on its way in and out, when the problems
  starting and ending together wait for the loop. A resumed run opens the checkpoints all the same, to
  continue a problem a run without the cache had saved (it ends each problem with a checkpoint).
  With no checkpoints to keep, a new run does not invoke the problem graph either: it runs the problem's
  sample subgraphs itself (:func:`~declean.graphs.pipeline.run_samples`), unless LangSmith is on, which
  shows each problem as one trace only through the graph.
- **Cache off**: after every step of the problem and of each sample, written while the next step runs
  (LangGraph's ``durability="async"``): a kill can lose the last step's checkpoint, which the resumed run
  makes again, paying for its model calls.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from pathlib import Path
from typing import Any, Protocol, Self

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import Durability
from langsmith.utils import tracing_is_enabled

from declean.errors import ConfigurationError
from declean.graphs.context import Context
from declean.graphs.pipeline import build_graph, run_samples
from declean.models.identity import model_name
from declean.models.usage import CallUsage, PriceTable
from declean.problems import Problem
from declean.runs.checkpoints import check_checkpoint_url, open_checkpointer, remove_sqlite_checkpoints
from declean.runs.manifest import MANIFEST_FILE, RunManifest
from declean.runs.output import OutputDir, ProblemRecord
from declean.runs.summary import RunSummary, summarize
from declean.samples import Rejection, Sample
from declean.tasks import all_or_none
from declean.tracing.events import ErrorEvent, RunEnd, RunStart
from declean.tracing.writer import TraceWriter

ProblemDone = Callable[[ProblemRecord], None]
"""Told of each problem as its results are written."""


def run_problems(
    problems: Sequence[Problem],
    context: Context,
    out_dir: Path,
    *,
    resume: bool = False,
    restart: bool = False,
    checkpoint_url: str | None = None,
    prices: PriceTable | None = None,
    on_problem_done: ProblemDone | None = None,
) -> RunSummary:
    """Run every problem through the graph into ``out_dir`` on an event loop of its own (uvloop's where it
    is installed, see :func:`event_loop_factory`; its worker threads, used for sandbox work, match
    ``context.concurrency``); see :func:`run_problems_async`."""

    async def run() -> RunSummary:
        workers = ThreadPoolExecutor(max_workers=context.concurrency + 4, thread_name_prefix="declean")
        asyncio.get_running_loop().set_default_executor(workers)
        return await run_problems_async(
            problems,
            context,
            out_dir,
            resume=resume,
            restart=restart,
            checkpoint_url=checkpoint_url,
            prices=prices,
            on_problem_done=on_problem_done,
        )

    with asyncio.Runner(loop_factory=event_loop_factory()) as runner:
        return runner.run(run())


def event_loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's event loop where it is installed (a dependency on Linux and macOS), else asyncio's.

    The pipeline's own Python runs on the loop's one thread, so at high concurrency that thread's CPU time
    bounds a run's wall time; uvloop's C loop wakes the tasks waiting on sandbox threads, the checkpointer
    and timers for less of it (``bench/concurrency.py``: the loop's CPU per problem at 16, measured with
    and without it, is in issue 19's note). The graph itself runs on any loop.
    """
    try:
        import uvloop  # optional: it has no wheel for Windows
    except ImportError:
        return None
    return uvloop.new_event_loop


async def run_problems_async(
    problems: Sequence[Problem],
    context: Context,
    out_dir: Path,
    *,
    resume: bool = False,
    restart: bool = False,
    checkpoint_url: str | None = None,
    prices: PriceTable | None = None,
    on_problem_done: ProblemDone | None = None,
) -> RunSummary:
    """Run (or with ``resume``, finish) the run ``context.run_id`` in ``out_dir``, in this process.

    A directory that holds another run is refused unless ``restart`` (which replaces its results and keeps
    the model-call cache); ``resume`` needs the same run id, problems and settings as the run it continues.
    """
    return await drive(
        problems,
        LocalExecutor(context),
        out_dir,
        run_id=context.run_id,
        trace=context.trace,
        resume=resume,
        restart=restart,
        checkpoint_url=checkpoint_url,
        prices=prices,
        on_problem_done=on_problem_done,
    )


Solved = tuple[list[Sample], list[Rejection], ProblemRecord]
"""A problem's samples, rejections and record, ready to be written."""
Solve = Callable[[Problem], Awaitable[Solved]]


class Executor(Protocol):
    """Where a run's problems are worked on: this process (:class:`LocalExecutor`) or a cluster's workers
    (``declean.cluster.RayExecutor``). Entered before the run is claimed, left when it ends."""

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    @property
    def problems_at_once(self) -> int:
        """How many problems are worked on together."""
        ...

    def settings(self) -> dict[str, Any]:
        """The settings that decide the run's results (:func:`describe`): a resumed run must repeat them."""
        ...

    def facts(self) -> dict[str, Any]:
        """How the run is carried out (recorded in ``run_start``, free to differ on resume)."""
        ...

    @property
    def keeps_checkpoints(self) -> bool:
        """Whether a new run opens the checkpointer (a resumed run always does, to continue what an earlier
        run saved)."""
        ...

    def solver(self, checkpointer: BaseCheckpointSaver[str] | None) -> Solve:
        """What works a problem out; ``checkpointer`` is the run's (the driver's connection to it), if it
        keeps checkpoints."""
        ...

    async def peak_in_flight(self) -> int:
        """The most model calls and sandbox runs that were in flight together."""
        ...


async def drive(
    problems: Sequence[Problem],
    executor: Executor,
    out_dir: Path,
    *,
    run_id: str,
    trace: TraceWriter,
    resume: bool = False,
    restart: bool = False,
    checkpoint_url: str | None = None,
    prices: PriceTable | None = None,
    on_problem_done: ProblemDone | None = None,
) -> RunSummary:
    """Run (or finish) ``run_id`` in ``out_dir`` on ``executor``; only this process writes the results."""
    output = OutputDir(out_dir)
    started = time.monotonic()
    try:
        check_checkpoint_url(checkpoint_url)
        async with executor:
            settings = executor.settings()
            keeps_checkpoints = resume or executor.keeps_checkpoints
            repaired = _claim(output, problems, run_id, settings, resume=resume, restart=restart)
            records = output.load()
            pending = [p for p in problems if records.get(p.id) is None or records[p.id].status != "done"]
            trace.emit(
                RunStart,
                settings={
                    **settings,
                    **executor.facts(),
                    "problems": len(problems),
                    "out_dir": str(out_dir),
                    "resumed": resume,
                    "already_done": len(problems) - len(pending),
                    "repaired": repaired,
                    "checkpoints": keeps_checkpoints,
                },
            )
            try:
                checkpoints = (
                    open_checkpointer(out_dir, checkpoint_url) if keeps_checkpoints else nullcontext(None)
                )
                async with checkpoints as checkpointer:
                    solve = executor.solver(checkpointer)
                    queue = iter(pending)
                    await all_or_none(
                        _work(
                            queue=queue,
                            solve=solve,
                            run_id=run_id,
                            checkpointer=checkpointer,
                            output=output,
                            on_problem_done=on_problem_done,
                        )
                        for _ in range(min(executor.problems_at_once, len(pending)))
                    )
            finally:
                summary = summarize(output, problems, prices, time.monotonic() - started)
                summary.peak_in_flight = await executor.peak_in_flight()
                summary.write(out_dir, run_id)
                trace.emit(
                    RunEnd,
                    accepted=summary.accepted_samples,
                    rejected=summary.rejected_by_reason(),
                    duration_seconds=summary.duration_seconds,
                    usage=summary.usage.model_dump(mode="json"),
                )
    finally:
        trace.close()
    return summary


class LocalExecutor:
    """Problems worked on by this process's event loop, ``context.concurrency`` at once."""

    def __init__(self, context: Context) -> None:
        self.context = context

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        return None

    @property
    def problems_at_once(self) -> int:
        """As many as there are slots."""
        return self.context.concurrency

    def settings(self) -> dict[str, Any]:
        """The context's :func:`describe`."""
        return describe(self.context)

    def facts(self) -> dict[str, Any]:
        """Concurrency and whether the cache is on."""
        return {"concurrency": self.context.concurrency, "cache": self.context.cache is not None}

    @property
    def keeps_checkpoints(self) -> bool:
        """Only without the cache (see the module's docstring)."""
        return checkpoints_steps(self.context)

    def solver(self, checkpointer: BaseCheckpointSaver[str] | None) -> Solve:
        """The graph, compiled with ``checkpointer`` (if any), run in this process."""
        context = self.context
        graph = build_graph(
            checkpointer=checkpointer,
            checkpoint_sample_steps=checkpoints_steps(context),
            stream_sample_events=False,
        )

        async def solve(problem: Problem) -> Solved:
            return await solve_problem(graph, problem, context, thread_id(context.run_id, problem))

        return solve

    async def peak_in_flight(self) -> int:
        """The context's own slots' peak."""
        return self.context.in_flight.peak


def thread_id(run_id: str, problem: Problem) -> str:
    """The LangGraph thread of ``problem`` in run ``run_id``."""
    return f"{run_id}/{problem.id}"


def checkpoints_steps(context: Context) -> bool:
    """Whether a problem is checkpointed after every step (of its own and of its samples): only when no
    model cache can replay an interrupted problem's calls (see the module's docstring)."""
    return context.cache is None


def durability(context: Context) -> Durability:
    """When a problem's checkpoints are saved: after every step, while the next one runs, or at its end."""
    return "async" if checkpoints_steps(context) else "exit"


def _claim(
    output: OutputDir,
    problems: Sequence[Problem],
    run_id: str,
    settings: dict[str, Any],
    *,
    resume: bool,
    restart: bool,
) -> list[str]:
    """Make ``output`` this run's: check a resumed run's identity, or record a new one."""
    manifest = RunManifest.load(output.path)
    if resume:
        if manifest is None:
            raise ConfigurationError(f"{output.path} holds no run to resume (no {MANIFEST_FILE})")
        if manifest.run_id != run_id:
            raise ConfigurationError(f"{output.path} holds run {manifest.run_id}, not {run_id}")
        differences = manifest.differences(problems, settings)
        if differences:
            raise ConfigurationError(
                f"run {run_id} cannot resume with other problems or settings: " + "; ".join(differences)
            )
        return output.repair()
    if manifest is not None or output.holds_a_run():
        if not restart:
            held = f"run {manifest.run_id}" if manifest else "results"
            raise ConfigurationError(
                f"{output.path} already holds {held}: add --resume to continue it, --restart to replace "
                "its results (the model-call cache is kept), or choose another --out"
            )
        output.clear()
        remove_sqlite_checkpoints(output.path)
    RunManifest.new(run_id, problems, settings).save(output.path)
    return []


async def _work(
    *,
    queue: Iterator[Problem],
    solve: Solve,
    run_id: str,
    checkpointer: BaseCheckpointSaver[str] | None,
    output: OutputDir,
    on_problem_done: ProblemDone | None,
) -> None:
    """Take problems off the shared queue until it is empty."""
    for problem in queue:
        samples, rejections, record = await solve(problem)
        await asyncio.to_thread(output.write_problem, samples, rejections, record)
        if record.status == "done" and checkpointer is not None:
            await checkpointer.adelete_thread(thread_id(run_id, problem))
        if on_problem_done is not None:
            on_problem_done(record)


async def solve_problem(
    graph: CompiledStateGraph[Any, Context, Any, Any], problem: Problem, context: Context, thread: str
) -> Solved:
    """The problem's results: from its finished checkpoint, by resuming it, or by starting it (at once, with
    a graph that keeps no checkpoints: then without the graph's own invocation, see
    :func:`~declean.graphs.pipeline.run_samples`, unless LangSmith is to see the problem as one trace)."""
    config: Any = {"configurable": {"thread_id": thread}}
    result: Mapping[str, Any]
    try:
        if graph.checkpointer is not None:
            result = await _from_checkpoint(graph, problem, context, config)
        elif tracing_is_enabled():
            result = await graph.ainvoke({"problem": problem}, config, context=context)
        else:
            result = await run_samples(problem, context, config)
    except Exception as error:
        message = f"{type(error).__name__}: {error}"
        context.trace.emit(ErrorEvent, node=None, error=message, problem_id=problem.id)
        return [], [], ProblemRecord(problem_id=problem.id, status="crashed", error=message)
    samples: list[Sample] = list(result.get("samples", []))
    rejections: list[Rejection] = list(result.get("rejections", []))
    calls: list[CallUsage] = list(result.get("calls", []))
    record = ProblemRecord(
        problem_id=problem.id,
        status="done",
        statement=problem.statement,
        accepted=len(samples),
        rejected=len(rejections),
        calls=calls,
    )
    return samples, rejections, record


async def _from_checkpoint(
    graph: CompiledStateGraph[Any, Context, Any, Any], problem: Problem, context: Context, config: Any
) -> dict[str, Any]:
    """The problem's final state: its finished checkpoint's, or its checkpoint's run on, or a new run's."""
    snapshot = await graph.aget_state(config)
    if snapshot.created_at is None:
        return await graph.ainvoke(
            {"problem": problem}, config, context=context, durability=durability(context)
        )
    if snapshot.next or snapshot.tasks:
        # Killed mid-way (even right after the input was saved: no ``next`` yet, one pending task).
        return await graph.ainvoke(None, config, context=context, durability=durability(context))
    return dict(snapshot.values)


def describe(context: Context) -> dict[str, Any]:
    """The settings that decide a run's results: a resumed run must repeat them."""
    return {
        "model": model_name(context.llm),
        "role_models": {role: model_name(model) for role, model in context.llms.items()},
        "sandbox": context.sandbox.name,
        "principles": [spec.name for spec in context.chain],
        "samples_per_problem": context.samples_per_problem,
        "temperature": context.temperature,
        "max_fix_attempts": context.max_fix_attempts,
        "fix_policy": context.fix_policy,
        "judge_policy": context.judge_policy,
        "on_rejection": context.on_rejection,
        "strategies": {spec.name: context.strategy_for(spec.name) for spec in context.chain},
        "level": context.level,
        "verify_labels": context.verify_labels,
        "on_collateral": context.on_collateral,
        "on_unclean": context.on_unclean,
        "label_plan": context.label_plan,
        "adequacy_check": context.adequacy_check,
        "sanitize": context.sanitize,
        "bug_warnings": context.bug_warnings,
    }
