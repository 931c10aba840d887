"""The fake OpenAI server's fault injection, seen through the real ``openai`` client."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import openai
import pytest

from declean.agents.extract import extract_c_code
from declean.errors import ReplyParseError
from tests.fake_openai_server import FAULT_KINDS, GARBAGE_REPLY, FakeServer, FaultPlan, fake_openai_server

CODE = '#include <stdio.h>\n\nint main(void) {\n    puts("hi");\n    return 0;\n}\n'
FENCED = f"Here is the program:\n```c\n{CODE}```\n"
FAST_KINDS = tuple(kind for kind in FAULT_KINDS if kind != "timeout")
"""Every fault but the timeout, which costs the client's timeout each time."""


def respond(messages: list[dict[str, Any]]) -> str:
    return FENCED


def client_for(server: FakeServer) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url, api_key="x", max_retries=0, timeout=0.5)


def ask(client: openai.OpenAI, prompt: str) -> str:
    """The reply's content, or the name of the exception the client raised."""
    try:
        completion = client.chat.completions.create(
            model="fake-coder", messages=[{"role": "user", "content": prompt}]
        )
    except openai.APIError as error:
        return type(error).__name__
    return completion.choices[0].message.content or ""


@contextmanager
def serving(
    plan: FaultPlan | None, latency_seconds: float = 0.0
) -> Iterator[tuple[FakeServer, openai.OpenAI]]:
    with (
        fake_openai_server(respond, plan, latency_seconds=latency_seconds) as server,
        client_for(server) as client,
    ):
        yield server, client


def test_without_faults_every_answer_is_the_responders_with_usage_from_the_text() -> None:
    prompt = "Write a C program that prints hi."
    with serving(None, latency_seconds=0.01) as (server, client):
        completion = client.chat.completions.create(
            model="fake-coder",
            messages=[{"role": "system", "content": "You teach C."}, {"role": "user", "content": prompt}],
        )
        assert completion.choices[0].message.content == FENCED
        assert completion.usage is not None
        assert completion.usage.prompt_tokens == (len("You teach C.") + len(prompt)) // 4
        assert completion.usage.completion_tokens == len(FENCED) // 4
        assert completion.usage.total_tokens == completion.usage.prompt_tokens + len(FENCED) // 4
        assert [request.fault for request in server.requests] == [None]
        assert server.counts() == {"ok": 1}


@pytest.mark.parametrize(
    ("kind", "error"),
    [
        ("429", openai.RateLimitError),
        ("500", openai.InternalServerError),
        ("timeout", openai.APITimeoutError),
    ],
)
def test_failing_faults_raise_the_clients_error(kind: str, error: type[openai.APIError]) -> None:
    plan = FaultPlan(rate=1.0, seed=0, kinds=(kind,), timeout_seconds=2.0)
    with serving(plan) as (server, client), pytest.raises(error) as raised:
        client.chat.completions.create(model="fake-coder", messages=[{"role": "user", "content": "hi"}])
    assert [request.fault for request in server.requests] == [kind]
    assert server.counts() == {kind: 1}
    if kind == "429":
        assert isinstance(raised.value, openai.RateLimitError)
        assert raised.value.response.headers["retry-after"] == "0"
        assert raised.value.code == "rate_limit_exceeded" and raised.value.type == "requests"
    if kind == "500":
        assert isinstance(raised.value, openai.InternalServerError)
        assert raised.value.type == "server_error" and "injected fault" in raised.value.message


def test_empty_fault_answers_200_with_empty_content() -> None:
    with serving(FaultPlan(rate=1.0, seed=0, kinds=("empty",))) as (server, client):
        content = ask(client, "hi")
    assert content == ""
    assert server.counts() == {"empty": 1}
    with pytest.raises(ReplyParseError):
        extract_c_code(content)


def test_garbage_fault_answers_200_with_prose_and_no_code() -> None:
    with serving(FaultPlan(rate=1.0, seed=0, kinds=("garbage",))) as (server, client):
        content = ask(client, "hi")
    assert content == GARBAGE_REPLY and "```" not in content and "cannot help" in content
    assert server.counts() == {"garbage": 1}
    with pytest.raises(ReplyParseError):
        extract_c_code(content)


def test_unfenced_fault_answers_200_with_the_reply_without_its_fences() -> None:
    with serving(FaultPlan(rate=1.0, seed=0, kinds=("unfenced",))) as (server, client):
        content = ask(client, "hi")
    assert content == f"Here is the program:\n{CODE}"
    assert "```" not in content
    assert server.counts() == {"unfenced": 1}
    assert extract_c_code(content) == CODE


PROMPTS = [f"problem {n % 25}" for n in range(75)]
"""25 distinct prompts, each asked three times (retries must draw again)."""


def fault_sequence(plan: FaultPlan, prompts: list[str]) -> tuple[list[str | None], list[str]]:
    """(the injected faults, the client's outcomes) for ``prompts`` asked in order."""
    with serving(plan) as (server, client):
        outcomes = [ask(client, prompt) for prompt in prompts]
        return [request.fault for request in server.requests], outcomes


def test_the_same_seed_and_requests_give_the_same_faults_on_another_server() -> None:
    plan = FaultPlan(rate=0.5, seed=7, kinds=FAST_KINDS)
    faults, outcomes = fault_sequence(plan, PROMPTS)
    assert fault_sequence(plan, PROMPTS) == (faults, outcomes)
    assert {fault for fault in faults if fault} == set(FAST_KINDS)
    assert "RateLimitError" in outcomes and "InternalServerError" in outcomes and FENCED in outcomes
    # A repeated request draws again: some prompt is faulted once and answered normally another time.
    by_prompt: dict[str, set[str | None]] = {}
    for prompt, fault in zip(PROMPTS, faults, strict=True):
        by_prompt.setdefault(prompt, set()).add(fault)
    assert any(len(drawn) > 1 for drawn in by_prompt.values())
    # Another seed, another sequence.
    assert fault_sequence(FaultPlan(rate=0.5, seed=8, kinds=FAST_KINDS), PROMPTS)[0] != faults


def concurrent_faults(plan: FaultPlan, prompts: list[str]) -> dict[str, str | None]:
    with serving(plan) as (server, client), ThreadPoolExecutor(max_workers=32) as pool:
        list(pool.map(lambda prompt: ask(client, prompt), prompts))
        assert len(server.requests) == len(prompts)
        return {request.body["messages"][0]["content"]: request.fault for request in server.requests}


def test_faults_do_not_depend_on_thread_timing() -> None:
    plan = FaultPlan(rate=0.5, seed=3, kinds=FAST_KINDS)
    prompts = [f"distinct problem {n}" for n in range(64)]
    first = concurrent_faults(plan, prompts)
    assert concurrent_faults(plan, list(reversed(prompts))) == first
    assert set(first.values()) == {None, *FAST_KINDS}


@pytest.mark.parametrize(("rate", "low", "high"), [(0.0, 0.0, 0.0), (0.3, 0.2, 0.4), (1.0, 1.0, 1.0)])
def test_about_rate_of_the_requests_are_faulted(rate: float, low: float, high: float) -> None:
    prompts = [f"rate problem {n}" for n in range(200)]
    with serving(FaultPlan(rate=rate, seed=11, kinds=FAST_KINDS)) as (server, client):
        for prompt in prompts:
            ask(client, prompt)
        counts = server.counts()
    assert sum(counts.values()) == 200
    assert low <= (200 - counts.get("ok", 0)) / 200 <= high
    if rate == 0.3:
        assert set(counts) == {"ok", *FAST_KINDS}


@pytest.mark.parametrize(
    "make",
    [
        lambda: FaultPlan(rate=1.5),
        lambda: FaultPlan(rate=0.1, kinds=()),
        lambda: FaultPlan(rate=0.1, kinds=("503",)),
        lambda: FaultPlan(rate=0.1, timeout_seconds=0),
    ],
)
def test_bad_plans_are_refused(make: Callable[[], FaultPlan]) -> None:
    with pytest.raises(ValueError):
        make()
