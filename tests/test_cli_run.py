"""`declean run` end to end: real OpenAI-compatible HTTP server on loopback, real sandbox."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from declean.cli import app
from declean.testing import DECLEAN, GENERATOR, fenced
from tests import programs
from tests.fake_openai_server import fake_openai_server

SECRET = "sk-cli-test-0123456789abcdef"


def respond(messages: list[dict[str, Any]]) -> str:
    prompt = "\n".join(str(message["content"]) for message in messages)
    if GENERATOR in prompt:
        return fenced(programs.CLEAN)
    if DECLEAN["DRY"] in prompt:
        return fenced(programs.DRY)
    if DECLEAN["SRP"] in prompt:
        return "I could not do that."
    raise AssertionError(f"unexpected prompt: {prompt[:200]}")


@pytest.fixture
def problems_file(tmp_path: Path) -> Path:
    path = tmp_path / "problems.yaml"
    path.write_text(f"- id: vectors\n  statement: {json.dumps(programs.VECTORS_STATEMENT)}\n")
    return path


def test_run_writes_samples_rejections_and_trace(problems_file: Path, tmp_path: Path) -> None:
    out, traces = tmp_path / "out", tmp_path / "traces"
    with fake_openai_server(respond) as server:
        result = CliRunner().invoke(
            app,
            [
                "run",
                str(problems_file),
                "--out",
                str(out),
                "--trace-dir",
                str(traces),
                "--principles",
                "DRY,SRP",
                "--strategy",
                "llm",
                "--label-plan",
                "chain",
            ],
            env={
                "DECLEAN_PROVIDER": "openai-compatible",
                "DECLEAN_BASE_URL": server.base_url,
                "DECLEAN_MODEL": "fake-coder",
                "DECLEAN_API_KEY": SECRET,
            },
        )
    assert result.exit_code == 0, result.output
    samples = [json.loads(line) for line in (out / "samples.jsonl").read_text().splitlines()]
    assert [s["labels"] for s in samples] == [[], ["DRY"]]
    rejections = [json.loads(line) for line in (out / "rejections.jsonl").read_text().splitlines()]
    assert [(r["principle"], r["reason"]) for r in rejections] == [("SRP", "unparseable_reply")]
    assert rejections[0]["raw_reply"] == "I could not do that."
    assert "samples per label" in result.output and "2 samples accepted" in result.output
    # The real client reached the server with the key and a max_tokens the llama.cpp server honours.
    assert len(server.requests) == 3
    assert server.requests[0].headers["authorization"] == f"Bearer {SECRET}"
    assert server.requests[0].body["max_tokens"] == 2048
    assert server.requests[0].body["model"] == "fake-coder"
    [trace] = traces.glob("*.jsonl")
    text = trace.read_text()
    assert SECRET not in text
    events = [json.loads(line) for line in text.splitlines()]
    assert events[0]["event"] == "run_start" and events[-1]["event"] == "run_end"
    assert events[-1]["accepted"] == 2 and events[-1]["rejected"] == {"unparseable_reply": 1}
    assert events[0]["settings"]["model"] == "ChatOpenAI:fake-coder"


def test_run_without_a_model_server_says_what_to_set(problems_file: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["run", str(problems_file), "--out", str(tmp_path / "out"), "--provider", "openai-compatible"],
        env={"DECLEAN_BASE_URL": None, "DECLEAN_MODEL": None},
    )
    assert result.exit_code == 2
    assert "DECLEAN_BASE_URL" in result.output and "DECLEAN_MODEL" in result.output
    assert not (tmp_path / "out").exists()


def test_run_against_an_unreachable_server_fails_before_any_work(problems_file: Path, tmp_path: Path) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    result = CliRunner().invoke(
        app,
        ["run", str(problems_file), "--out", str(tmp_path / "out"), "--trace-dir", str(tmp_path / "traces")],
        env={
            "DECLEAN_PROVIDER": "openai-compatible",
            "DECLEAN_BASE_URL": f"http://127.0.0.1:{port}/v1",
            "DECLEAN_MODEL": "m",
        },
    )
    assert result.exit_code == 2
    assert f"no OpenAI-compatible server answers at http://127.0.0.1:{port}/v1" in " ".join(
        result.output.split()
    )
    assert not (tmp_path / "out").exists() and not (tmp_path / "traces").exists()


def test_run_with_a_bad_problems_file_names_it(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: one\n  statement: fine\n- id: two\n  stdin: 5\n")
    result = CliRunner().invoke(
        app, ["run", str(bad)], env={"DECLEAN_BASE_URL": "http://127.0.0.1:9/v1", "DECLEAN_MODEL": "m"}
    )
    assert result.exit_code == 2
    assert "bad.yaml" in result.output and "statement" in result.output


def test_a_base_url_flag_alone_selects_the_compatible_provider(problems_file: Path, tmp_path: Path) -> None:
    """--base-url without --provider must not silently fall back to the embedded model."""
    result = CliRunner().invoke(
        app,
        ["run", str(problems_file), "--out", str(tmp_path / "out"), "--base-url", "http://127.0.0.1:9/v1"],
        env={"DECLEAN_PROVIDER": None, "DECLEAN_MODEL": "m"},
    )
    assert result.exit_code == 2
    assert "no OpenAI-compatible server answers at http://127.0.0.1:9/v1" in " ".join(result.output.split())


def test_an_unknown_provider_is_refused(problems_file: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["run", str(problems_file), "--provider", "anthropic"])
    assert result.exit_code == 2
    assert "invalid settings: provider" in result.output
