"""The graph factory named by ``langgraph.json``: in process, and served by a real ``langgraph dev``.

The model is the deterministic fake OpenAI-compatible server on loopback, chosen through declean's own
settings (``DECLEAN_*``), as a user of LangGraph Studio would; the sandbox is the real local one.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from declean.runs.langgraph_app import make_graph
from tests.corpus_run import respond
from tests.fake_openai_server import FakeServer, fake_openai_server

ROOT = Path(__file__).resolve().parents[1]
PROBLEM = {
    "id": "gcd_lcm",
    "statement": "Write the corpus program `gcd_lcm`: it reads stdin and prints its report.",
    "stdin": ["12 18\n35 64\n"],
}


@pytest.fixture
def model_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeServer]:
    with fake_openai_server(respond) as server:
        for name, value in settings_env(server).items():
            monkeypatch.setenv(name, value)
        monkeypatch.chdir(tmp_path)
        yield server


def settings_env(server: FakeServer) -> dict[str, str]:
    return {
        "DECLEAN_PROVIDER": "openai-compatible",
        "DECLEAN_BASE_URL": server.base_url,
        "DECLEAN_MODEL": "fake-coder",
    }


def test_the_factory_graph_takes_json_and_returns_json_samples(model_server: FakeServer) -> None:
    graph = make_graph()
    output = graph.invoke({"problem": PROBLEM})
    ids = [sample["id"] for sample in output["samples"]]
    assert ids[0] == "gcd_lcm/s0/clean"
    assert len(ids) >= 2, output["rejections"]
    assert all(isinstance(sample["code"], str) for sample in output["samples"])
    json.dumps(output)  # what a server sends back
    assert model_server.counts()  # the generator was asked through the settings' model


def test_the_factory_graph_streams_sample_and_rejection_events(model_server: FakeServer) -> None:
    graph = make_graph()

    async def collect() -> list[Any]:
        return [event async for event in graph.astream({"problem": PROBLEM}, stream_mode="custom")]

    events = asyncio.run(collect())
    kinds = {event["event"] for event in events}
    assert "sample" in kinds
    accepted = [event["sample"]["id"] for event in events if event["event"] == "sample"]
    assert accepted[0] == "gcd_lcm/s0/clean"
    json.dumps(events)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_langgraph_dev_serves_the_graph_to_the_sdk(tmp_path: Path) -> None:
    langgraph = shutil.which("langgraph", path=str(Path(sys.executable).parent))
    if langgraph is None:
        pytest.skip("langgraph-cli[inmem] is not installed (pip install -e '.[dev]')")
    from langgraph_sdk import get_sync_client

    config = tmp_path / "langgraph.json"
    graph_path = ROOT / "declean" / "runs" / "langgraph_app.py"
    config.write_text(
        json.dumps({"dependencies": [str(ROOT)], "graphs": {"declean": f"{graph_path}:make_graph"}})
    )
    port = free_port()
    with fake_openai_server(respond) as server:
        env = {
            **os.environ,
            **settings_env(server),
            "LANGGRAPH_CLI_NO_ANALYTICS": "1",
            "LANGSMITH_TRACING": "false",
            "LANGCHAIN_TRACING_V2": "false",
        }
        command = [
            langgraph,
            "dev",
            "--no-browser",
            "--no-reload",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ]
        command += ["--config", str(config)]
        log = (tmp_path / "server.log").open("w")
        process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_ok(url, process, tmp_path / "server.log")
            client = get_sync_client(url=url)
            [assistant] = client.assistants.search(graph_id="declean")
            output: Any = client.runs.wait(None, assistant["assistant_id"], input={"problem": PROBLEM})
            assert output["samples"][0]["id"] == "gcd_lcm/s0/clean", output
            assert len(output["samples"]) >= 2
            streamed = list(
                client.runs.stream(
                    None, assistant["assistant_id"], input={"problem": PROBLEM}, stream_mode="custom"
                )
            )
            events = [part.data for part in streamed if part.event == "custom"]
            assert {"sample"} <= {event["event"] for event in events}
        finally:
            process.terminate()
            process.wait(timeout=30)
            log.close()


def wait_until_ok(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    import urllib.request

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"langgraph dev exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/ok", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"langgraph dev did not answer in 90 s:\n{log.read_text()[-3000:]}")
