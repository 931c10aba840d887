"""Kill ``declean run`` with SIGKILL at random points of a 20-problem run, resume it, and compare with a run
that was never interrupted: the same samples and rejections, no duplicates, nothing paid twice.

The model is a deterministic fake OpenAI server on loopback (the CLI's real client path), the sandbox is the
real one. Checkpoints go to SQLite in the output directory, or to a real PostgreSQL server.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.corpus_run import DECLEAN_CLI, cli_env, read_jsonl, respond, write_problems
from tests.fake_openai_server import FakeServer, fake_openai_server

CONCURRENCY = 4
KILLS = 3
SEED = 20261128


@dataclass
class RunResult:
    samples: list[dict[str, Any]]
    rejections: list[dict[str, Any]]
    summary: dict[str, Any]
    requests: int


@pytest.fixture(scope="module")
def server() -> Iterator[FakeServer]:
    with fake_openai_server(respond) as running:
        yield running


@pytest.fixture(scope="module")
def problems(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_problems(tmp_path_factory.mktemp("problems") / "problems.jsonl", count=20)


def command(problems: Path, out: Path, *extra: str) -> list[str]:
    return [
        *DECLEAN_CLI,
        "run",
        str(problems),
        "--out",
        str(out),
        "--trace-dir",
        str(out.parent / "traces"),
        "--sandbox",
        "local",
        "--samples",
        "2",
        "--concurrency",
        str(CONCURRENCY),
        "--progress",
        "plain",
        *extra,
    ]


def finished(out: Path, requests: int) -> RunResult:
    return RunResult(
        samples=read_jsonl(out / "samples.jsonl"),
        rejections=read_jsonl(out / "rejections.jsonl"),
        summary=json.loads((out / "summary.json").read_text()),
        requests=requests,
    )


@pytest.fixture(scope="module")
def reference(server: FakeServer, problems: Path, tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    """The uninterrupted run."""
    out = tmp_path_factory.mktemp("reference") / "out"
    before = len(server.requests)
    done = subprocess.run(
        command(problems, out),
        env=cli_env(server.base_url),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return finished(out, len(server.requests) - before)


def interrupted_run(server: FakeServer, problems: Path, out: Path, env: dict[str, str], *extra: str) -> int:
    """Start, SIGKILL at a random point, ``--resume``; KILLS times, then resume to the end. Requests sent."""
    rng = random.Random(SEED)
    before = len(server.requests)
    for attempt in range(KILLS + 1):
        args = command(problems, out, *extra, *(["--resume"] if attempt else []))
        process = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if attempt < KILLS:
            _kill_at_random_point(process, out, rng)
        output, _ = process.communicate(timeout=600)
        if attempt == KILLS:
            assert process.returncode == 0, output
    return len(server.requests) - before


def _kill_at_random_point(process: subprocess.Popen[str], out: Path, rng: random.Random) -> None:
    """After a random number of finished problems (0 to 15), and a random part of a second more."""
    target = rng.randint(0, 15)
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        if len(read_jsonl(out / "problems.jsonl")) >= target:
            break
        time.sleep(0.05)
    time.sleep(rng.uniform(0, 1.0))
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)


def by_id(records: list[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    ids = [record[key] for record in records]
    assert len(ids) == len(set(ids)), f"duplicate ids: {sorted(i for i in ids if ids.count(i) > 1)}"
    return {record[key]: record for record in records}


def assert_same_run(resumed: RunResult, reference: RunResult) -> None:
    crashed = {name: error for name, error in resumed.summary.get("errors", {}).items()}
    assert resumed.summary["failed_problems"] == [], crashed
    samples, expected = by_id(resumed.samples, "id"), by_id(reference.samples, "id")
    assert samples.keys() == expected.keys()
    for sample_id, sample in samples.items():
        want = expected[sample_id]
        assert (sample["labels"], sample["code"], sample["outputs"]) == (
            want["labels"],
            want["code"],
            want["outputs"],
        ), sample_id
        assert sample["usage"] == want["usage"] | {"cached_calls": sample["usage"]["cached_calls"]}
    rejections, expected_rejections = (
        by_id(resumed.rejections, "sample_id"),
        by_id(reference.rejections, "sample_id"),
    )
    assert {k: r["reason"] for k, r in rejections.items()} == {
        k: r["reason"] for k, r in expected_rejections.items()
    }
    assert resumed.summary["done_problems"] == 20 and resumed.summary["failed_problems"] == []
    assert resumed.summary["accepted_by_label"] == reference.summary["accepted_by_label"]
    assert resumed.summary["rejected_by_reason"] == reference.summary["rejected_by_reason"]
    # Every call of the finished run is accounted once, whether it was paid in this session or an earlier one.
    total, expected_total = resumed.summary["usage"]["total"], reference.summary["usage"]["total"]
    assert (total["calls"], total["input_tokens"]) == (
        expected_total["calls"],
        expected_total["input_tokens"],
    )


@pytest.mark.parametrize(
    "checkpoints",
    ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
    ids=["sqlite", "postgres"],
)
def test_kill_9_and_resume_equals_an_uninterrupted_run(
    checkpoints: str,
    *,
    server: FakeServer,
    problems: Path,
    reference: RunResult,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    extra_env = {}
    if checkpoints == "postgres":
        extra_env["DECLEAN_CHECKPOINT_URL"] = request.getfixturevalue("postgres_url")
    out = tmp_path / "out"
    requests = interrupted_run(server, problems, out, cli_env(server.base_url, **extra_env))
    resumed = finished(out, requests)
    assert_same_run(resumed, reference)
    # With the cache, only a call in flight at a kill can be paid twice.
    assert reference.requests <= requests <= reference.requests + KILLS * CONCURRENCY
    if checkpoints == "sqlite":
        assert (out / "checkpoints.sqlite").exists()


def test_resume_without_the_cache_relies_on_checkpoints_alone(
    server: FakeServer, problems: Path, reference: RunResult, tmp_path: Path
) -> None:
    """Without the cache, finished steps are still never redone: only work in flight at a kill is."""
    out = tmp_path / "out"
    requests = interrupted_run(server, problems, out, cli_env(server.base_url), "--no-cache")
    resumed = finished(out, requests)
    assert_same_run(resumed, reference)
    assert resumed.summary["usage"]["total"]["cached_calls"] == 0
    assert reference.requests <= requests <= reference.requests + KILLS * CONCURRENCY


def test_rerun_with_the_cache_makes_no_model_calls(
    server: FakeServer, problems: Path, reference: RunResult, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    env = cli_env(server.base_url)
    first = subprocess.run(
        command(problems, out), env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert first.returncode == 0, first.stdout + first.stderr
    before = len(server.requests)
    again = subprocess.run(
        command(problems, out, "--restart"), env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert again.returncode == 0, again.stdout + again.stderr
    rerun = finished(out, len(server.requests) - before)
    assert rerun.requests == 0
    assert_same_run(rerun, reference)
    assert rerun.summary["usage"]["paid"]["calls"] == 0
    assert rerun.summary["usage"]["total"]["cached_calls"] == reference.summary["usage"]["total"]["calls"]
