"""LangSmith tracing, switched on with LangSmith's own variables, leaves declean's traces as they were.

The same graph run (one clean corpus problem, the deterministic corpus model, the real sandbox) is made
twice, each in its own interpreter because ``langsmith`` caches what it read from the environment: once
with no ``LANGSMITH_*``/``LANGCHAIN_*`` variable at all, once with ``LANGSMITH_TRACING``,
``LANGSMITH_ENDPOINT`` (a fake LangSmith on 127.0.0.1), ``LANGSMITH_API_KEY`` and ``LANGSMITH_PROJECT``.
The two declean traces must be the same event for event, up to timings; the key must not be in the
trace; and the fake LangSmith must have received the graph, its nodes and the model calls, with the key.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from declean.testing import DECLEAN, GENERATOR
from tests.fake_langsmith_server import FakeLangSmith, fake_langsmith_server
from tests.trace_runs import VOLATILE, without_keys

REPO = Path(__file__).resolve().parent.parent
API_KEY = "lsv2_pt_0123456789abcdef0123456789abcdef_0123456789"
PROJECT = "declean-test"

RUNNER = """
import asyncio
import sys
from pathlib import Path

from langchain_core.tracers.langchain import wait_for_all_tracers

from declean import Context, build_graph
from declean.problems import load_problems
from declean.sandbox.local import LocalSandbox
from tests.corpus_run import respond, write_problems
from declean.testing import RespondingChatModel

out = Path(sys.argv[1])
[problem] = load_problems(write_problems(out / "problems.jsonl", count=1))
with LocalSandbox() as sandbox:
    context = Context(
        llm=RespondingChatModel(respond=respond),
        sandbox=sandbox,
        trace_dir=out / "traces",
        run_id="fixed",
        strategies={"DRY": "llm", "NAME": "procedural"},
        principles=["DRY", "NAME"],
    )
    result = asyncio.run(build_graph().ainvoke({"problem": problem}, context=context))
    context.trace.close()
wait_for_all_tracers()  # every LangSmith upload is sent before the interpreter exits
print([list(sample.labels) for sample in result["samples"]], [r.reason for r in result["rejections"]])
"""
"""One graph run: a clean sample, a DRY rewrite asked of the model (echoed, so rejected as ``unchanged``)
and a procedural NAME rewrite (accepted). Argument: the output directory."""

RUN_RUNNER = """
import sys
from pathlib import Path

from langchain_core.tracers.langchain import wait_for_all_tracers

from declean import Context
from declean.models.cache import SqliteModelCache
from declean.problems import load_problems
from declean.runs import run_problems
from declean.sandbox.local import LocalSandbox
from tests.corpus_run import respond, write_problems
from declean.testing import RespondingChatModel

out = Path(sys.argv[1])
problems = load_problems(write_problems(out / "problems.jsonl", count=2))
with LocalSandbox() as sandbox, SqliteModelCache(out / "cache.sqlite") as cache:
    context = Context(
        llm=RespondingChatModel(respond=respond),
        sandbox=sandbox,
        cache=cache,
        concurrency=1,
        trace_dir=out / "traces",
        run_id="fixed",
        strategies={"DRY": "llm", "NAME": "procedural"},
        principles=["DRY", "NAME"],
    )
    summary = run_problems(problems, context, out / "run")
wait_for_all_tracers()
print(summary.done_problems, summary.accepted_samples)
"""
"""``run_problems`` with the model cache (so it keeps no checkpoints) on two corpus problems, one at a
time, each made as :data:`RUNNER`'s. Argument: the output directory."""


def _langsmith_free_env() -> dict[str, str]:
    """This environment without any variable LangSmith or LangChain tracing (or declean settings) reads."""
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LANGSMITH_", "LANGCHAIN_", "DECLEAN_"))
    }


def _run_graph(out: Path, runner: str = RUNNER, **extra_env: str) -> list[dict[str, Any]]:
    """Run ``runner`` in a fresh interpreter with ``extra_env``; its trace's events in ``seq`` order."""
    out.mkdir()
    env = {**_langsmith_free_env(), "PYTHONPATH": str(REPO), **extra_env}
    done = subprocess.run(
        [sys.executable, "-c", runner, str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    expected = "[[], ['NAME']] ['unchanged']" if runner is RUNNER else "2 4"
    assert done.stdout.strip().endswith(expected), done.stdout
    # The LangSmith client logs its failures (a refused upload, a bad answer) as warnings on stderr.
    assert "langsmith" not in done.stderr.lower(), done.stderr
    text = (out / "traces" / "fixed.jsonl").read_text(encoding="utf-8")
    assert API_KEY not in text
    events = [json.loads(line) for line in text.splitlines()]
    assert [event["seq"] for event in events] == list(range(len(events)))
    return sorted(events, key=lambda event: event["seq"])


def _run_names(fake: FakeLangSmith) -> dict[str, set[str]]:
    """Run type -> the names of the runs of that type LangSmith received."""
    names: dict[str, set[str]] = {}
    for run in fake.runs().values():
        names.setdefault(run.get("run_type", "?"), set()).add(run.get("name", "?"))
    return names


def test_langsmith_tracing_leaves_declean_traces_unchanged_and_receives_the_runs(tmp_path: Path) -> None:
    plain = _run_graph(tmp_path / "plain")
    with fake_langsmith_server() as fake:
        traced = _run_graph(
            tmp_path / "langsmith",
            LANGSMITH_TRACING="true",
            LANGSMITH_ENDPOINT=fake.api_url,
            LANGSMITH_API_KEY=API_KEY,
            LANGSMITH_PROJECT=PROJECT,
        )

    # declean's trace: the same events, nodes, routes, model messages and replies, tool calls and samples.
    assert [event["event"] for event in traced] == [event["event"] for event in plain]
    for before, after in zip(plain, traced, strict=True):
        differs = f"event {before['seq']} ({before['event']}) differs"
        assert without_keys(after, VOLATILE) == without_keys(before, VOLATILE), differs
    kinds = {event["event"] for event in plain}
    assert {"node_start", "node_end", "route", "model_call", "tool_call", "sample_accepted"} <= kinds
    assert "sample_rejected" in kinds

    # LangSmith: only the tracing endpoints, every request with the key from LANGSMITH_API_KEY.
    assert fake.errors == []
    paths = fake.paths()
    print("LangSmith requests:", sorted(set(paths)))
    assert ("GET", "/info") in paths and ("POST", "/runs/multipart") in paths
    assert set(paths) <= {("GET", "/info"), ("POST", "/runs/multipart")}, paths
    assert {request.headers.get("x-api-key") for request in fake.requests} == {API_KEY}
    assert not any(API_KEY.encode() in request.body for request in fake.requests)  # the header only
    uploads = [request for request in fake.requests if request.path == "/runs/multipart"]
    encodings = sorted({request.headers.get("content-encoding", "none") for request in uploads})
    print("Content-Encoding of the uploads:", encodings)

    runs = fake.runs()
    names = _run_names(fake)
    print("LangSmith runs by type:", {kind: sorted(found) for kind, found in sorted(names.items())})
    assert {run.get("session_name") for run in runs.values()} == {PROJECT}
    assert all(run.get("end_time") for run in runs.values()), "a run was started but its end never arrived"
    [root] = [run for run in runs.values() if run.get("parent_run_id") is None]
    assert root["name"] == "declean"
    assert {"declean", "fan_out", "generate", "compile_and_run", "check", "judge"} <= names["chain"]
    # Model calls are named by role and carry the role, node and problem, so LangSmith filters by them.
    assert names["llm"] == {"declean.generator", "declean.declean"}

    # The model calls: as many as declean traced, with their prompts and token counts.
    model_calls = [event for event in plain if event["event"] == "model_call"]
    llm_runs = [run for run in runs.values() if run.get("run_type") == "llm"]
    assert len(llm_runs) == len(model_calls)
    prompts = json.dumps([run["inputs"] for run in llm_runs])
    assert GENERATOR in prompts and DECLEAN["DRY"] in prompts
    for run in llm_runs:
        role = run["name"].removeprefix("declean.")
        assert f"role:{role}" in run.get("tags", []), run.get("tags")
        assert run["extra"]["metadata"]["declean_role"] == role
        assert run["extra"]["metadata"]["problem_id"] == "array_stats"
        [[generation]] = run["outputs"]["generations"]
        usage = generation["message"]["kwargs"]["usage_metadata"]
        assert usage["input_tokens"] > 0 and usage["output_tokens"] > 0


def test_a_run_shows_langsmith_each_problem_as_one_trace_and_writes_the_same_declean_trace(
    tmp_path: Path,
) -> None:
    """Without LangSmith a run that keeps no checkpoints runs each problem's samples without the problem
    graph's own invocation (``declean.graphs.pipeline.run_samples``); with it, through the graph, so each
    problem is one ``declean`` trace there. Either way declean's trace is the same, event for event."""
    plain = _run_graph(tmp_path / "plain", RUN_RUNNER)
    with fake_langsmith_server() as fake:
        traced = _run_graph(
            tmp_path / "langsmith",
            RUN_RUNNER,
            LANGSMITH_TRACING="true",
            LANGSMITH_ENDPOINT=fake.api_url,
            LANGSMITH_API_KEY=API_KEY,
            LANGSMITH_PROJECT=PROJECT,
        )

    assert [event["event"] for event in traced] == [event["event"] for event in plain]
    volatile = VOLATILE | {"out_dir"}  # run_start's, which names each run's own directory
    for before, after in zip(plain, traced, strict=True):
        differs = f"event {before['seq']} ({before['event']}) differs"
        assert without_keys(after, volatile) == without_keys(before, volatile), differs
    assert [event["event"] for event in plain].count("sample_accepted") == 4

    assert fake.errors == []
    roots = [run for run in fake.runs().values() if run.get("parent_run_id") is None]
    assert [root["name"] for root in roots] == ["declean", "declean"]
    assert sorted(root["inputs"]["problem"]["id"] for root in roots) == ["array_stats", "bank_account"]
    assert {"fan_out", "declean-sample", "generate", "judge"} <= _run_names(fake)["chain"]
