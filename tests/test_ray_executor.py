"""``declean run --executor ray`` on a real Ray cluster (two nodes on loopback, from .ci/ray-up.sh; a test
adds a third and kills it): the same samples as the local executor, resume after the driver is killed, a
worker node killed mid-run, the cluster-wide bound on work in flight measured at the model server, an
identical re-run with no model call, no API key in any output or Ray log, and a node without bubblewrap
named in the error.

Through the CLI, the deterministic fake OpenAI server on loopback and the real sandbox on every node.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.corpus_run import DECLEAN_CLI, cli_env, read_jsonl, respond, write_problems
from tests.fake_openai_server import FakeServer, fake_openai_server
from tests.ray_nodes import RAY_LOGS, extra_node
from tests.test_resume import (
    CONCURRENCY,
    RunResult,
    assert_same_run,
    command,
    finished,
    interrupted_run,
)

pytestmark = pytest.mark.ray


@pytest.fixture(scope="module")
def server() -> Iterator[FakeServer]:
    with fake_openai_server(respond) as running:
        yield running


@pytest.fixture(scope="module")
def problems(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_problems(tmp_path_factory.mktemp("problems") / "problems.jsonl", count=20)


def on_ray(address: str, *extra: str) -> list[str]:
    return ["--executor", "ray", "--ray-address", address, *extra]


def run_to_end(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.fixture(scope="module")
def local_reference(
    server: FakeServer, problems: Path, tmp_path_factory: pytest.TempPathFactory
) -> RunResult:
    """The same problems on the local executor, never interrupted."""
    out = tmp_path_factory.mktemp("local") / "out"
    before = len(server.requests)
    run_to_end(command(problems, out), cli_env(server.base_url))
    return finished(out, len(server.requests) - before)


def trace_of(out: Path) -> list[dict[str, Any]]:
    (path,) = (out.parent / "traces").glob("*.jsonl")
    return read_jsonl(path)


def test_a_run_on_the_cluster_equals_a_local_run_names_its_nodes_and_reruns_for_free(
    ray_address: str, server: FakeServer, problems: Path, local_reference: RunResult, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    before = len(server.requests)
    run_to_end(command(problems, out, *on_ray(ray_address)), cli_env(server.base_url))
    result = finished(out, len(server.requests) - before)
    assert_same_run(result, local_reference)
    assert result.requests == local_reference.requests
    events = trace_of(out)
    start = events[0]
    assert start["event"] == "run_start" and start["settings"]["executor"] == "ray"
    nodes = start["settings"]["nodes"]
    assert len(nodes) >= 2 and start["settings"]["workers"] == len(nodes)
    assert [event["seq"] for event in events] == list(range(len(events)))
    worked = {event["host"] for event in events if event.get("host")}
    assert worked == set(nodes), "every node's worker took problems"
    assert all(event.get("host") for event in events if event["event"] == "model_call")
    stats = subprocess.run(
        [
            *DECLEAN_CLI,
            "trace",
            "stats",
            start["run_id"],
            "--trace-dir",
            str(out.parent / "traces"),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    per_host = json.loads(stats.stdout)["per_host"]
    assert set(per_host) == set(nodes)
    assert sum(counts["problems"] for counts in per_host.values()) == 20
    assert sum(counts["accepted_samples"] for counts in per_host.values()) == len(result.samples)
    key = cli_env(server.base_url)["DECLEAN_API_KEY"].encode()
    written = [*out.rglob("*"), *(out.parent / "traces").rglob("*"), *RAY_LOGS.rglob("*")]
    assert RAY_LOGS.is_dir() and written
    leaked = [path for path in written if path.is_file() and key in path.read_bytes()]
    assert not leaked, "the API key the workers were given was written to " + ", ".join(map(str, leaked))

    before = len(server.requests)
    run_to_end(command(problems, out, *on_ray(ray_address), "--restart"), cli_env(server.base_url))
    rerun = finished(out, len(server.requests) - before)
    assert rerun.requests == 0, "an identical re-run on the cluster is answered by the cache"
    assert_same_run(rerun, local_reference)
    assert rerun.summary["usage"]["total"]["cached_calls"] == result.summary["usage"]["total"]["calls"]


def test_kill_9_of_the_driver_and_resume_on_the_cluster_equals_a_local_run(
    ray_address: str, server: FakeServer, problems: Path, local_reference: RunResult, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    requests = interrupted_run(server, problems, out, cli_env(server.base_url), *on_ray(ray_address))
    assert_same_run(finished(out, requests), local_reference)


class InFlightCounter:
    """Counts the requests the model server is answering at once (each takes ``seconds``)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.now = 0
        self.peak = 0
        self._lock = threading.Lock()

    def respond(self, messages: list[dict[str, Any]]) -> str:
        with self._lock:
            self.now += 1
            self.peak = max(self.peak, self.now)
        try:
            time.sleep(self.seconds)
            return respond(messages)
        finally:
            with self._lock:
                self.now -= 1


def test_the_in_flight_bound_holds_for_the_whole_cluster(ray_address: str, tmp_path: Path) -> None:
    """Two workers could each have two calls out; the cluster's bound of two holds at the server."""
    counter = InFlightCounter(seconds=0.3)
    out = tmp_path / "out"
    problems = write_problems(tmp_path / "problems.jsonl", count=8)
    with fake_openai_server(counter.respond) as slow:
        args = command(problems, out, *on_ray(ray_address, "--workers", "2"), "--no-cache")
        args[args.index("--concurrency") + 1] = "2"
        run_to_end(args, cli_env(slow.base_url))
    summary = json.loads((out / "summary.json").read_text())
    assert summary["done_problems"] == 8
    assert counter.peak == 2, "the bound is reached and never passed"
    assert summary["peak_in_flight"] == 2


@pytest.mark.parametrize("cache", ["cache", "no-cache"])
def test_a_worker_node_killed_mid_run_loses_nothing(
    cache: str, ray_address: str, problems: Path, local_reference: RunResult, tmp_path: Path
) -> None:
    """With the cache a lost problem starts again on another worker, the cache answering the calls it
    had made; without, it continues there from its last step checkpoint (SQLite in ``--out``, written by
    every worker process). Either way only the calls in flight at the kill are asked twice."""
    counter = InFlightCounter(seconds=0.2)
    out = tmp_path / "out"
    with (
        fake_openai_server(counter.respond) as slow,
        extra_node(ray_address, tmp_path / "node.log") as doomed,
    ):
        process = subprocess.Popen(
            command(problems, out, *on_ray(ray_address), *(["--no-cache"] if cache == "no-cache" else [])),
            env=cli_env(slow.base_url),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        deadline = time.monotonic() + 300
        while len(read_jsonl(out / "problems.jsonl")) < 3 and process.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        doomed.kill_raylet()
        output, _ = process.communicate(timeout=600)
        assert process.returncode == 0, output
        requests = len(slow.requests)
    result = finished(out, requests)
    assert_same_run(result, local_reference)
    events = trace_of(out)
    assert doomed.name in events[0]["settings"]["nodes"], "the killed node had a worker"
    lost = [event["error"] for event in events if event["event"] == "error"]
    assert lost and all(f"worker on node {doomed.name} lost" in error for error in lost), lost
    assert local_reference.requests <= requests <= local_reference.requests + CONCURRENCY


def test_a_node_without_bubblewrap_is_named(ray_address: str, problems: Path, tmp_path: Path) -> None:
    venv_bin = str(Path(DECLEAN_CLI[0]).parent)
    without_bwrap = {**os.environ, "PATH": venv_bin}
    with (
        fake_openai_server(respond) as model,
        extra_node(ray_address, tmp_path / "node.log", env=without_bwrap) as bare,
    ):
        done = subprocess.run(
            command(problems, tmp_path / "out", *on_ray(ray_address)),
            env=cli_env(model.base_url),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    assert done.returncode == 2, done.stdout + done.stderr
    message = " ".join(done.stderr.split())
    assert (
        f"worker on node {bare.name}: SandboxUnavailableError: bubblewrap (bwrap) is not installed" in message
    )
    assert not model.requests


def test_a_slot_given_up_while_waiting_is_given_back_once_granted(ray_address: str) -> None:
    """Nodes withdraw queued calls (a fixer call no longer needed): the slot it was waiting for must not
    be lost to the cluster."""
    done = subprocess.run(
        [DECLEAN_CLI[0], "-m", "tests.ray_slots_check", ray_address],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.strip().endswith("ok"), done.stdout + done.stderr
