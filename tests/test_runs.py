"""Whole runs in-process: the concurrency bound, token accounting, the cache, and what a run refuses."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from declean import Context
from declean.errors import ConfigurationError
from declean.models.cache import CachedReply, SqliteModelCache
from declean.models.usage import Price
from declean.problems import Problem, load_problems
from declean.runs import RunSummary, run_problems, runner
from declean.runs.checkpoints import serializer
from declean.runs.output import OutputDir, ProblemRecord
from declean.runs.runner import run_problems_async
from declean.sandbox.base import Sandbox
from declean.sandbox.local import LocalSandbox
from declean.testing import InFlight, RecordingSandbox, RespondingChatModel
from tests.corpus_run import read_jsonl, respond, write_problems


@pytest.fixture
def problems(tmp_path: Path) -> list[Problem]:
    return load_problems(write_problems(tmp_path / "problems.jsonl", count=8))


def run(problems: list[Problem], tmp_path: Path, model: Any, sandbox: Sandbox, **settings: Any) -> RunSummary:
    run_options = settings.pop("run_options", {})
    settings.setdefault("principles", ["NAME", "DRY"])
    settings.setdefault("trace_dir", tmp_path / "traces")
    context = Context(llm=model, sandbox=sandbox, **settings)
    return run_problems(problems, context, tmp_path / "out", **run_options)


def test_concurrency_bounds_model_calls_and_sandbox_runs_together(
    problems: list[Problem], local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    flight = InFlight()
    model = RespondingChatModel(respond=respond, latency_seconds=0.05, flight=flight)
    summary = run(problems, tmp_path, model, RecordingSandbox(local_sandbox, flight=flight), concurrency=3)
    assert summary.done_problems == 8
    assert 2 <= flight.peak <= 3
    assert summary.peak_in_flight == flight.peak


def test_a_run_owns_a_uvloop_event_loop_where_uvloop_is_installed(
    problems: list[Problem], local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    """``run_problems`` makes the loop it runs on: uvloop's, whose C loop wakes the tasks waiting on the
    sandbox's threads for less of the one thread the pipeline's Python runs on."""
    uvloop = pytest.importorskip("uvloop", reason="uvloop has no wheel for this platform")
    loops: set[type[asyncio.AbstractEventLoop]] = set()

    def respond_noting_the_loop(messages: list[dict[str, Any]]) -> str:
        loops.add(type(asyncio.get_running_loop()))
        return respond(messages)

    summary = run(problems[:2], tmp_path, RespondingChatModel(respond=respond_noting_the_loop), local_sandbox)
    assert summary.done_problems == 2 and summary.accepted_samples > 0
    assert loops == {uvloop.Loop}
    assert runner.event_loop_factory() is uvloop.new_event_loop


def test_tokens_are_accounted_per_role_node_sample_and_priced(
    problems: list[Problem], local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    model = RespondingChatModel(respond=respond)
    context = Context(
        llm=model,
        sandbox=local_sandbox,
        principles=["NAME", "DRY"],
        strategies={"DRY": "llm"},  # the model is asked (and echoes), so the declean role is accounted too
        label_plan="chain",
        trace_dir=tmp_path / "traces",
    )
    prices = {"RespondingChatModel": Price(input_per_million=2.0, output_per_million=10.0)}
    summary = run_problems(problems[:3], context, tmp_path / "out", prices=prices)
    events = [
        json.loads(line) for line in next((tmp_path / "traces").glob("*.jsonl")).read_text().splitlines()
    ]
    calls = [e for e in events if e["event"] == "model_call"]
    usage = summary.usage
    assert usage.total.calls == len(calls) == model.calls
    assert usage.total.input_tokens == sum(e["input_tokens"] for e in calls)
    assert usage.total.output_tokens == sum(e["output_tokens"] for e in calls)
    assert set(usage.by_role) == {"generator", "declean"} and set(usage.by_node) == {"generate", "declean"}
    assert usage.by_role["generator"].calls == 3  # one clean generation per problem; NAME is procedural
    assert usage.cost == pytest.approx(usage.paid.input_tokens * 2e-6 + usage.paid.output_tokens * 10e-6)
    samples = read_jsonl(tmp_path / "out" / "samples.jsonl")
    generated = {e["problem_id"]: e["output_tokens"] for e in calls if e["role"] == "generator"}
    for sample in samples:
        if not sample["labels"]:
            assert sample["usage"]["calls"] == 1
            assert sample["usage"]["output_tokens"] == generated[sample["problem_id"]]
        elif sample["labels"] == ["NAME"]:
            assert sample["usage"]["calls"] == 0
    written = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert written["usage"]["total"]["calls"] == len(calls) and written["usage"]["cost"] == usage.cost
    assert events[-1]["event"] == "run_end" and events[-1]["usage"]["by_role"]["generator"]["calls"] == 3


def test_samples_of_one_prompt_stay_distinct_in_the_cache_and_a_rerun_pays_nothing(
    problems: list[Problem], local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    with SqliteModelCache(tmp_path / "cache.sqlite") as cache:
        first = RespondingChatModel(respond=respond)
        settings: dict[str, Any] = {"samples_per_problem": 3, "temperature": 0.9, "cache": cache}
        summary = run(problems[:2], tmp_path, first, local_sandbox, **settings)
        assert first.calls == len(cache) and summary.usage.by_role["generator"].calls == 6
        again = RespondingChatModel(respond=respond)
        rerun = run(problems[:2], tmp_path, again, local_sandbox, run_options={"restart": True}, **settings)
    assert again.calls == 0
    assert rerun.usage.paid.calls == 0 and rerun.usage.total.cached_calls == first.calls
    assert rerun.accepted_samples == summary.accepted_samples


class ThreadNotingCache(SqliteModelCache):
    """A SQLite cache that notes the thread of every read and write."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.threads: list[int] = []

    def get(self, key: str) -> CachedReply | None:
        self.threads.append(threading.get_ident())
        return super().get(key)

    def put(self, key: str, reply: CachedReply) -> None:
        self.threads.append(threading.get_ident())
        super().put(key, reply)


def test_the_cache_is_read_and_written_off_the_event_loops_thread(
    problems: list[Problem], local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    """``run_problems`` runs its event loop on the calling thread; a cache call there would hold up every
    problem for as long as a commit or a database round trip takes."""
    with ThreadNotingCache(tmp_path / "cache.sqlite") as cache:
        model = RespondingChatModel(respond=respond)
        run(problems[:2], tmp_path, model, local_sandbox, cache=cache)
    assert len(cache.threads) == 2 * model.calls > 0
    assert threading.get_ident() not in cache.threads


def test_a_directory_holding_a_run_is_refused_without_resume_or_restart(
    problems: list[Problem], local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    run(problems[:1], tmp_path, RespondingChatModel(respond=respond), local_sandbox, run_id="first")
    with pytest.raises(ConfigurationError, match=r"already holds run first: add --resume"):
        run(problems[:1], tmp_path, RespondingChatModel(respond=respond), local_sandbox, run_id="second")
    with pytest.raises(ConfigurationError, match=r"holds run first, not second"):
        run(
            problems[:1],
            tmp_path,
            RespondingChatModel(respond=respond),
            local_sandbox,
            run_id="second",
            run_options={"resume": True},
        )
    with pytest.raises(ConfigurationError, match=r"principles: \['NAME', 'DRY'\] then, \['NAME'\] now"):
        run(
            problems[:1],
            tmp_path,
            RespondingChatModel(respond=respond),
            local_sandbox,
            run_id="first",
            principles=["NAME"],
            run_options={"resume": True},
        )
    with pytest.raises(ConfigurationError, match=r"the problems changed \(1 then, 2 now\)"):
        run(
            problems[:2],
            tmp_path,
            RespondingChatModel(respond=respond),
            local_sandbox,
            run_id="first",
            run_options={"resume": True},
        )
    assert len(read_jsonl(tmp_path / "out" / "problems.jsonl")) == 1


def test_resuming_a_finished_run_does_nothing_more(
    problems: list[Problem], local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    first = run(problems[:2], tmp_path, RespondingChatModel(respond=respond), local_sandbox, run_id="r")
    model = RespondingChatModel(respond=respond)
    again = run(problems[:2], tmp_path, model, local_sandbox, run_id="r", run_options={"resume": True})
    assert model.calls == 0 and again.accepted_samples == first.accepted_samples
    assert len(read_jsonl(tmp_path / "out" / "samples.jsonl")) == first.accepted_samples


def test_a_provider_serving_one_request_at_a_time_gets_one_while_the_sandbox_runs_wider(
    problems: list[Problem], local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    flight = InFlight()
    model = RespondingChatModel(respond=respond, latency_seconds=0.05, flight=flight)
    sandbox = RecordingSandbox(local_sandbox, flight=flight)
    summary = run(problems, tmp_path, model, sandbox, concurrency=4, model_concurrency=1)
    assert summary.done_problems == 8
    assert model.peak_in_flight == 1 and flight.peak > 1


class KeepingSaver(InMemorySaver):
    """An in-memory checkpointer that remembers the namespace of every checkpoint put and never forgets a
    thread (the runner deletes a finished problem's)."""

    def __init__(self) -> None:
        super().__init__(serde=serializer())
        self.namespaces: list[str] = []
        self.opened = 0

    async def aput(self, config: Any, checkpoint: Any, metadata: Any, new_versions: Any) -> Any:
        self.namespaces.append(config["configurable"].get("checkpoint_ns", ""))
        return await super().aput(config, checkpoint, metadata, new_versions)

    async def adelete_thread(self, thread_id: str) -> None:
        return None


@pytest.fixture
def saver(monkeypatch: pytest.MonkeyPatch) -> KeepingSaver:
    """The checkpointer every run of the test gets; ``opened`` counts the runs that opened it."""
    kept = KeepingSaver()

    @contextlib.asynccontextmanager
    async def open_saver(_out_dir: Path, _url: str | None = None) -> AsyncIterator[KeepingSaver]:
        kept.opened += 1
        yield kept

    monkeypatch.setattr(runner, "open_checkpointer", open_saver)
    return kept


@pytest.mark.parametrize("cached", [True, False], ids=["cache", "no-cache"])
def test_a_new_run_checkpoints_every_step_without_the_cache_and_nothing_with_it(
    cached: bool, saver: KeepingSaver, problems: list[Problem], local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    """With the cache an interrupted problem is started again and its calls replayed, so a new run does
    not even open the checkpoints; without, every step of the problem and of its sample is saved."""
    with contextlib.ExitStack() as resources:
        cache = resources.enter_context(SqliteModelCache(tmp_path / "cache.sqlite")) if cached else None
        summary = run(
            problems[:2], tmp_path, RespondingChatModel(respond=respond), local_sandbox, cache=cache
        )
    assert summary.done_problems == 2 and summary.accepted_samples > 0
    sample_steps = [namespace for namespace in saver.namespaces if namespace.startswith("sample:")]
    if cached:
        assert saver.opened == 0 and saver.namespaces == []
    else:
        assert saver.opened == 1
        assert len(sample_steps) >= 2 * 8 and saver.namespaces.count("") >= 2 * 3
    events = read_jsonl(next((tmp_path / "traces").glob("*.jsonl")))
    assert events[0]["event"] == "run_start" and events[0]["settings"]["checkpoints"] is not cached


@pytest.mark.parametrize("cached", [True, False], ids=["cache", "no-cache"])
def test_a_run_that_keeps_no_checkpoints_runs_the_samples_without_invoking_the_problem_graph(
    cached: bool,
    problems: list[Problem],
    local_sandbox: LocalSandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The problem graph's own invocation only fans out and gathers, and costs the event loop a quarter of a
    problem's time: a run with the cache (no checkpoints to keep) runs the samples' subgraphs directly."""
    invoked: list[str] = []

    class Watched:
        def __init__(self, graph: Any) -> None:
            self.graph, self.checkpointer = graph, graph.checkpointer

        async def aget_state(self, config: Any) -> Any:
            return await self.graph.aget_state(config)

        async def ainvoke(self, graph_input: Any, config: Any, **options: Any) -> Any:
            invoked.append(config["configurable"]["thread_id"])
            return await self.graph.ainvoke(graph_input, config, **options)

    build = runner.build_graph
    monkeypatch.setattr(runner, "build_graph", lambda **options: Watched(build(**options)))
    with contextlib.ExitStack() as resources:
        cache = resources.enter_context(SqliteModelCache(tmp_path / "cache.sqlite")) if cached else None
        model = RespondingChatModel(respond=respond)
        summary = run(problems[:2], tmp_path, model, local_sandbox, cache=cache, run_id="r")
    assert summary.done_problems == 2 and summary.accepted_samples >= 4
    assert summary.failed_problems == []
    assert sorted(invoked) == ([] if cached else [f"r/{problem.id}" for problem in problems[:2]])


def test_a_result_that_cannot_be_written_stops_every_worker_and_the_run_raises_its_error(
    problems: list[Problem], local_sandbox: LocalSandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills up as the second problem's results are written: the run raises that ``OSError`` and
    its other worker takes no problem after it (it used to run on, in an app's own event loop even after
    the run had returned); what was written stays whole, and a resumed run finishes the rest."""
    written: list[str] = []
    failed: list[str] = []
    write = OutputDir.write_problem

    def filling_up(self: OutputDir, samples: Any, rejections: Any, record: ProblemRecord) -> None:
        if len(written) == 1 and not failed:  # once: a worker left running would write on
            failed.append(record.problem_id)
            raise OSError(errno.ENOSPC, "No space left on device")
        write(self, samples, rejections, record)
        written.append(record.problem_id)

    model = RespondingChatModel(respond=respond, latency_seconds=0.02)

    async def in_an_apps_loop() -> tuple[int, int]:
        context = Context(
            llm=model, sandbox=local_sandbox, principles=["NAME"], concurrency=2, run_id="r", trace_dir=None
        )
        with pytest.raises(OSError, match="No space left on device"):
            await run_problems_async(problems, context, tmp_path / "out")
        calls = model.calls
        await asyncio.sleep(1.0)  # time enough for a worker left running to take another problem
        return calls, model.calls

    with monkeypatch.context() as patched:
        patched.setattr(OutputDir, "write_problem", filling_up)
        calls, calls_later = asyncio.run(in_an_apps_loop())
    # The other worker may have been writing its problem as the error came (a write in its thread runs on).
    assert len(written) <= 2 and calls_later == calls < len(problems)
    records = read_jsonl(tmp_path / "out" / "problems.jsonl")
    assert [record["problem_id"] for record in records] == written

    context = Context(llm=model, sandbox=local_sandbox, principles=["NAME"], run_id="r", trace_dir=None)
    resumed = run_problems(problems, context, tmp_path / "out", resume=True)
    assert resumed.done_problems == len(problems) and resumed.failed_problems == []


def test_a_checkpoint_url_that_is_not_postgresql_is_refused_even_when_no_checkpoint_is_kept(
    problems: list[Problem], local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    with SqliteModelCache(tmp_path / "cache.sqlite") as cache:
        model = RespondingChatModel(respond=respond)
        with pytest.raises(ConfigurationError, match="must start with postgresql://, not mysql:"):
            run(
                problems[:1],
                tmp_path,
                model,
                local_sandbox,
                cache=cache,
                run_options={"checkpoint_url": "mysql://db/declean"},
            )
    assert model.calls == 0 and not (tmp_path / "out" / "run.json").exists()


def test_a_resumed_run_with_the_cache_opens_the_checkpoints_to_continue_what_a_run_left(
    saver: KeepingSaver, problems: list[Problem], local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    """A problem left unfinished is looked up in the checkpoints (a run without the cache may have saved
    its steps) and, found in none, started again with its calls answered from the cache."""
    with SqliteModelCache(tmp_path / "cache.sqlite") as cache:
        model = RespondingChatModel(respond=respond)
        first = run(problems[:2], tmp_path, model, local_sandbox, cache=cache, run_id="r")
        records = tmp_path / "out" / "problems.jsonl"
        records.write_text(records.read_text().splitlines(keepends=True)[0], encoding="utf-8")
        again = RespondingChatModel(respond=respond)
        resumed = run(
            problems[:2],
            tmp_path,
            again,
            local_sandbox,
            cache=cache,
            run_id="r",
            run_options={"resume": True},
        )
    assert saver.opened == 1 and saver.namespaces == [""]
    assert again.calls == 0 and resumed.done_problems == 2
    assert resumed.accepted_samples == first.accepted_samples
    assert len(read_jsonl(tmp_path / "out" / "samples.jsonl")) == first.accepted_samples
