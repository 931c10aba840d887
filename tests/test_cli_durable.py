"""The durability flags of ``declean run`` and the ``declean cache`` commands, through the real CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from declean.cli import app
from tests.corpus_run import cli_env, respond, write_problems
from tests.fake_openai_server import FakeServer, fake_openai_server


@pytest.fixture
def server() -> Iterator[FakeServer]:
    with fake_openai_server(respond) as running:
        yield running


def declean_run(server: FakeServer, tmp_path: Path, *extra: str) -> tuple[int, str]:
    problems = write_problems(tmp_path / "problems.jsonl", count=3)
    args = ["run", str(problems), "--out", str(tmp_path / "out"), "--trace-dir", str(tmp_path / "traces")]
    result = CliRunner().invoke(app, [*args, "--principles", "NAME", *extra], env=cli_env(server.base_url))
    return result.exit_code, " ".join(result.output.split())


def test_a_run_reports_progress_tokens_and_writes_a_summary(server: FakeServer, tmp_path: Path) -> None:
    code, output = declean_run(server, tmp_path, "--progress", "plain")
    assert code == 0, output
    assert "progress: 3/3 problems, 6 accepted, 0 rejected, 3 model calls (0 cached)" in output
    assert "model calls" in output and "generator" in output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["done_problems"] == 3 and summary["accepted_by_label"] == {"NAME": 3, "clean": 3}
    assert summary["usage"]["by_role"]["generator"]["calls"] == 3


def test_the_same_command_again_is_refused_and_resume_or_restart_say_what_they_do(
    server: FakeServer, tmp_path: Path
) -> None:
    assert declean_run(server, tmp_path)[0] == 0
    code, output = declean_run(server, tmp_path)
    assert code == 2 and "already holds run" in output and "--resume" in output and "--restart" in output
    code, output = declean_run(server, tmp_path, "--resume")
    assert code == 0 and "(resumed)" in output and "3 of 3 problems done" in output
    requests = len(server.requests)
    code, output = declean_run(server, tmp_path, "--restart")
    assert code == 0 and len(server.requests) == requests  # the cache answered everything
    code, output = declean_run(server, tmp_path, "--resume", "--restart")
    assert code == 2 and "exclude each other" in output
    code, output = declean_run(server, tmp_path, "--resume", "--principles", "MC")
    assert code == 2 and "cannot resume with other problems or settings" in output


def test_resume_needs_a_recorded_run(server: FakeServer, tmp_path: Path) -> None:
    code, output = declean_run(server, tmp_path, "--resume")
    assert code == 2 and "holds no run" in output
    assert not (tmp_path / "out" / "samples.jsonl").exists()


def test_cache_info_and_clear(server: FakeServer, tmp_path: Path) -> None:
    assert declean_run(server, tmp_path)[0] == 0
    out = str(tmp_path / "out")
    info = CliRunner().invoke(app, ["cache", "info", out])
    assert info.exit_code == 0 and "3 cached replies" in " ".join(info.output.split())
    cleared = CliRunner().invoke(app, ["cache", "clear", out])
    assert cleared.exit_code == 0 and "removed 3 cached replies" in " ".join(cleared.output.split())
    requests = len(server.requests)
    code, _ = declean_run(server, tmp_path, "--restart")
    assert code == 0 and len(server.requests) == requests + 3


def test_no_cache_writes_no_cache(server: FakeServer, tmp_path: Path) -> None:
    code, output = declean_run(server, tmp_path, "--no-cache")
    assert code == 0 and "cache off" in output
    assert not (tmp_path / "out" / "cache.sqlite").exists()


def test_a_price_table_gives_a_cost(server: FakeServer, tmp_path: Path) -> None:
    prices = tmp_path / "prices.yaml"
    prices.write_text("fake-coder: {input_per_million: 1.0, output_per_million: 4.0}\n")
    code, output = declean_run(server, tmp_path, "--prices", str(prices))
    assert code == 0, output
    usage = json.loads((tmp_path / "out" / "summary.json").read_text())["usage"]
    expected = usage["paid"]["input_tokens"] * 1e-6 + usage["paid"]["output_tokens"] * 4e-6
    assert usage["cost"] == pytest.approx(expected) and usage["cost"] > 0
    assert f"cost of the paid calls: {expected:.4f}" in output
    prices.write_text("fake-coder: 12\n")
    code, output = declean_run(server, tmp_path, "--restart", "--prices", str(prices))
    assert code == 2 and "not a price table" in output
