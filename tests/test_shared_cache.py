"""A model-call cache shared by runs (``declean run --cache FILE|postgresql://...``): the same problems run
into a new output directory, as a flywheel does all the time, pay for no call twice. Through the CLI, the
deterministic fake OpenAI server on loopback and the real sandbox; PostgreSQL is a real server."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import psycopg
import pytest

from declean.models.postgres_cache import public_location
from tests.corpus_run import DECLEAN_CLI, cli_env, read_jsonl, write_problems
from tests.fake_openai_server import FakeServer


@pytest.fixture
def server(corpus_server: FakeServer) -> FakeServer:
    return corpus_server


@pytest.fixture
def problems(tmp_path: Path) -> Path:
    return write_problems(tmp_path / "problems.jsonl", count=3)


def declean(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*DECLEAN_CLI, *args], env=env, capture_output=True, text=True, timeout=600, check=False
    )


def run_into(out: Path, problems: Path, server: FakeServer, *extra: str, **env: str) -> tuple[int, str]:
    """``declean run`` into ``out``; the requests it sent and what it printed."""
    before = len(server.requests)
    args = ["run", str(problems), "--out", str(out), "--trace-dir", str(out / "traces"), "--sandbox", "local"]
    done = declean(*args, "--progress", "plain", *extra, env=cli_env(server.base_url, **env))
    assert done.returncode == 0, done.stdout + done.stderr
    return len(server.requests) - before, done.stdout + done.stderr


def sample_ids(out: Path) -> list[str]:
    return sorted(sample["id"] for sample in read_jsonl(out / "samples.jsonl"))


def test_runs_into_new_directories_share_a_cache_file(
    server: FakeServer, problems: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "shared" / "replies.sqlite"
    paid, _ = run_into(tmp_path / "first", problems, server, "--cache", str(shared))
    assert paid > 0 and not (tmp_path / "first" / "cache.sqlite").exists()
    again, printed = run_into(tmp_path / "second", problems, server, "--cache", str(shared))
    assert again == 0, printed
    assert sample_ids(tmp_path / "second") == sample_ids(tmp_path / "first")
    summary = json.loads((tmp_path / "second" / "summary.json").read_text())
    assert summary["usage"]["total"]["cached_calls"] == paid
    info = declean("cache", "info", str(shared), env=cli_env(server.base_url))
    assert f"{paid} cached replies" in info.stdout, info.stdout + info.stderr


def test_without_a_shared_cache_a_new_directory_pays_again(
    server: FakeServer, problems: Path, tmp_path: Path
) -> None:
    """What ``--cache`` is for: the default cache lives in ``--out``."""
    paid, _ = run_into(tmp_path / "first", problems, server)
    again, _ = run_into(tmp_path / "second", problems, server)
    assert again == paid > 0


def test_a_cache_that_is_neither_a_file_nor_postgresql_is_refused(
    server: FakeServer, problems: Path, tmp_path: Path
) -> None:
    args = ["run", str(problems), "--out", str(tmp_path / "out"), "--cache", "mysql://host/db"]
    done = declean(*args, env=cli_env(server.base_url))
    assert done.returncode == 2
    assert "a cache is a file path or a postgresql:// URL, not mysql:" in done.stderr


@pytest.mark.postgres
def test_runs_share_a_postgresql_cache_and_never_show_its_password(
    server: FakeServer, problems: Path, tmp_path: Path, postgres_url: str
) -> None:
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute("DROP TABLE IF EXISTS declean_model_cache")
    password = psycopg.conninfo.conninfo_to_dict(postgres_url).get("password")
    paid, first_printed = run_into(tmp_path / "first", problems, server, DECLEAN_CACHE=postgres_url)
    again, printed = run_into(tmp_path / "second", problems, server, DECLEAN_CACHE=postgres_url)
    assert paid > 0 and again == 0, printed
    assert sample_ids(tmp_path / "second") == sample_ids(tmp_path / "first")
    info = declean("cache", "info", postgres_url, env=cli_env(server.base_url))
    assert f"{paid} cached replies" in info.stdout, info.stdout + info.stderr
    traces = "".join(path.read_text() for path in tmp_path.glob("*/traces/*.jsonl"))
    for text in (first_printed, printed, info.stdout, traces):
        assert postgres_url not in text and f":{password}@" not in text
    assert public_location(postgres_url) in printed
