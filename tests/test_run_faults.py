"""A run against a model server that fails 30% of its calls (429, 500, timeouts, empty, garbage, unfenced
code): it completes, retries what is transient, and records every failure with its reason. Real client, real
sandbox; the faults are drawn deterministically, so every run of this test sees the same ones."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from declean import Context
from declean.models.providers import ResolvedModels, resolve_models
from declean.models.retry import RetryPolicy
from declean.problems import load_problems
from declean.runs import run_problems
from declean.sandbox.local import LocalSandbox
from declean.settings import Settings
from tests.corpus_run import read_jsonl, respond, write_problems
from tests.fake_openai_server import FakeServer, FaultPlan, fake_openai_server

PRINCIPLES = ["DRY", "SRP", "MC", "NAME"]
FAST_RETRIES = RetryPolicy(max_attempts=3, initial_seconds=0.01, max_seconds=0.05)


def models_for(server: FakeServer) -> ResolvedModels:
    settings = Settings(
        provider="openai-compatible", base_url=server.base_url, model="fake-coder", request_timeout=0.5
    )
    return resolve_models(settings.models())


@pytest.fixture
def faulty_server() -> Iterator[FakeServer]:
    with fake_openai_server(respond, faults=FaultPlan(rate=0.3, seed=7, timeout_seconds=2.0)) as server:
        yield server


def run(server: FakeServer, sandbox: LocalSandbox, tmp_path: Path, **settings: Any) -> dict[str, Any]:
    problems = load_problems(write_problems(tmp_path / "problems.jsonl", count=12))
    with models_for(server) as models:
        context = Context(
            llm=models.llm,
            sandbox=sandbox,
            principles=PRINCIPLES,  # type: ignore[arg-type]
            strategies=dict.fromkeys(PRINCIPLES, "llm"),  # type: ignore[arg-type]
            label_plan="chain",  # every principle is a step: one outcome each
            retry=FAST_RETRIES,
            concurrency=4,
            trace_dir=tmp_path / "traces",
            **settings,
        )
        summary = run_problems(problems, context, tmp_path / "out")
    [trace] = (tmp_path / "traces").glob("*.jsonl")
    return {
        "summary": summary,
        "samples": read_jsonl(tmp_path / "out" / "samples.jsonl"),
        "rejections": read_jsonl(tmp_path / "out" / "rejections.jsonl"),
        "events": [json.loads(line) for line in trace.read_text().splitlines()],
    }


def test_a_run_with_30_percent_faults_completes_and_records_every_failure(
    faulty_server: FakeServer, local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    result = run(faulty_server, local_sandbox, tmp_path)
    summary = result["summary"]
    assert summary.done_problems == 12 and summary.failed_problems == []
    faults = faulty_server.counts()
    assert {"429", "500", "timeout", "empty", "garbage", "unfenced"} <= faults.keys(), faults

    # Nothing is lost: each sample's chain ends in exactly one outcome per step it reached.
    outcomes: Counter[tuple[str, int]] = Counter()
    for record in [*result["samples"], *result["rejections"]]:
        outcomes[(record["problem_id"], record["sample_index"])] += 1
    clean_rejected = {
        (r["problem_id"], r["sample_index"]) for r in result["rejections"] if r["stage"] == "clean"
    }
    for sample, count in outcomes.items():
        assert count == (1 if sample in clean_rejected else 1 + len(PRINCIPLES)), sample
    assert len(outcomes) == 12

    # Malformed replies took the parse-failure path; transient errors were retried, visibly.
    reasons = Counter(r["reason"] for r in result["rejections"])
    assert reasons["unparseable_reply"] > 0
    assert set(reasons) <= {
        "unparseable_reply",
        "model_error",
        "unchanged",
        "output_mismatch",
        "not_violated",
    }
    calls = [e for e in result["events"] if e["event"] == "model_call"]
    retried = [e for e in calls if e["retries"]]
    assert retried and all(e["reply"] is not None or e["error"] for e in calls)
    retry_errors = " ".join(error for e in retried for error in e["retries"])
    assert "Error code: 429" in retry_errors and "Error code: 500" in retry_errors
    assert "timed out" in retry_errors
    for rejection in result["rejections"]:
        if rejection["reason"] == "model_error":
            assert "failed after 3 attempt(s)" in rejection["detail"]
        if rejection["reason"] == "unparseable_reply":
            assert rejection["raw_reply"] is not None
    # The accounting saw every request the server answered (one call, possibly several attempts).
    usage = summary.usage
    assert usage.total.calls == len(calls)
    assert usage.total.failed_calls == sum(1 for e in calls if e["error"])


def test_a_call_that_keeps_failing_is_recorded_with_its_reason_and_the_run_goes_on(
    local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    plan = FaultPlan(rate=1.0, seed=1, kinds=("429", "500"))
    with fake_openai_server(respond, faults=plan) as server:
        result = run(server, local_sandbox, tmp_path)
        requests = len(server.requests)
    summary = result["summary"]
    assert summary.done_problems == 12 and summary.accepted_samples == 0
    assert [r["reason"] for r in result["rejections"]] == ["model_error"] * 12
    assert all(r["stage"] == "clean" for r in result["rejections"])
    assert requests == 12 * FAST_RETRIES.max_attempts
    calls = [e for e in result["events"] if e["event"] == "model_call"]
    assert len(calls) == 12
    for call in calls:
        assert call["reply"] is None and len(call["retries"]) == 2
        assert call["error"].startswith("failed after 3 attempt(s)")
    assert summary.usage.total.failed_calls == 12
