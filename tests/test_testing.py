"""The public test doubles of ``declean.testing``: fake models, fault injection, sandbox wrappers."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import openai
import pytest
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import ValidationError

from declean.models.retry import is_transient
from declean.sandbox.base import Sandbox
from declean.sandbox.local import LocalSandbox
from declean.testing import (
    FIXER,
    GARBAGE_REPLY,
    GENERATOR,
    FailingSandbox,
    FaultInjectingChatModel,
    InFlight,
    RecordingSandbox,
    ReplaySandbox,
    RespondingChatModel,
    ResultTable,
    SandboxWrapper,
    ScriptedChatModel,
    ScriptedFailureError,
    UnexpectedModelCallError,
    fenced,
)
from declean.testing.faults import FAKE_URL
from tests import programs

GENERATE = [SystemMessage(f"{GENERATOR} of beginners."), HumanMessage("Write hello world.")]
FIX = [SystemMessage(f"{FIXER}."), HumanMessage("int main(void) { return 0 }")]
HELLO = '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }'


def echo(messages: list[dict[str, Any]]) -> str:
    return fenced(f"/* {messages[-1]['content']} */\n{HELLO}")


# --- ScriptedChatModel ----------------------------------------------------------------------------


def test_scripted_model_replies_in_order_with_invoke_and_ainvoke() -> None:
    model = ScriptedChatModel(script=[(GENERATOR, fenced(HELLO)), (FIXER, "fixed")])
    first = model.invoke(GENERATE, temperature=0.5)
    second = asyncio.run(model.ainvoke(FIX))
    assert first.text == fenced(HELLO) and second.text == "fixed"
    assert first.usage_metadata is not None and first.usage_metadata["output_tokens"] > 0
    assert model.calls == [GENERATE, FIX] and model.call_kwargs[0] == {"temperature": 0.5}
    assert model.prompts_with(FIXER) == [f"{FIXER}.\nint main(void) {{ return 0 }}"]
    assert model.check_finished() == []


def test_scripted_model_fails_on_a_call_past_its_script() -> None:
    model = ScriptedChatModel(script=[(GENERATOR, "one")])
    model.invoke(GENERATE)
    with pytest.raises(UnexpectedModelCallError, match="exhausted"):
        asyncio.run(model.ainvoke(GENERATE))
    [problem] = model.check_finished()
    assert problem.startswith("extra call:") and GENERATOR in problem


def test_scripted_model_fails_on_a_prompt_without_the_marker_and_lists_unused_entries() -> None:
    model = ScriptedChatModel(script=[(FIXER, "fixed"), (GENERATOR, "never asked")])
    with pytest.raises(UnexpectedModelCallError, match="You repair C programs"):
        model.invoke(GENERATE)
    assert model.check_finished() == [
        f"expected a prompt with {FIXER!r}, got: {GENERATOR} of beginners.\nWrite hello world.",
        f"unused script entry for {GENERATOR!r}",
    ]


def test_scripted_model_raises_a_scripted_exception() -> None:
    model = ScriptedChatModel(script=[(GENERATOR, ScriptedFailureError("HTTP 400"))])
    with pytest.raises(ScriptedFailureError, match="HTTP 400"):
        asyncio.run(model.ainvoke(GENERATE))
    assert model.check_finished() == []


# --- RespondingChatModel --------------------------------------------------------------------------


def test_responding_model_answers_sync_and_async_and_counts_the_peak_in_flight() -> None:
    flight = InFlight()
    model = RespondingChatModel(respond=echo, latency_seconds=0.2, flight=flight)
    assert model.invoke(GENERATE).text == echo([{"content": "Write hello world."}])

    async def three() -> list[str]:
        answers = await asyncio.gather(*(model.ainvoke([HumanMessage(f"call {n}")]) for n in range(3)))
        return [answer.text for answer in answers]

    assert [text.splitlines()[3] for text in asyncio.run(three())] == [f"/* call {n} */" for n in range(3)]
    assert model.calls == 4 and model.peak_in_flight == 3 and flight.peak == 3 and flight.now == 0


# --- FaultInjectingChatModel ----------------------------------------------------------------------

PLAN = ["rate_limit", "server_error", "timeout", "connection", "empty", "garbage", "unfenced", None]


def test_each_planned_fault_is_injected_in_turn_as_the_openai_client_raises_it() -> None:
    model = FaultInjectingChatModel(responder=echo, plan=PLAN, retry_after="7")
    errors: list[Exception] = []
    for _ in range(4):
        with pytest.raises(openai.APIError) as raised:
            model.invoke(GENERATE)
        errors.append(raised.value)
    rate_limit, server_error, timeout, connection = errors

    assert type(rate_limit) is openai.RateLimitError and rate_limit.status_code == 429
    assert rate_limit.response.headers["retry-after"] == "7"
    assert rate_limit.response.json()["error"]["code"] == "rate_limit_exceeded"
    assert rate_limit.code == "rate_limit_exceeded" and "429" in str(rate_limit)
    assert rate_limit.request.method == "POST" and str(rate_limit.request.url) == FAKE_URL
    assert type(server_error) is openai.InternalServerError and server_error.status_code == 500
    assert server_error.response.json()["error"]["type"] == "server_error"
    assert type(timeout) is openai.APITimeoutError and str(timeout.request.url) == FAKE_URL
    assert type(connection) is openai.APIConnectionError and str(connection.request.url) == FAKE_URL
    assert all(is_transient(error) for error in errors)

    assert model.invoke(GENERATE).text == ""
    assert model.invoke(GENERATE).text == GARBAGE_REPLY
    unfenced = model.invoke(GENERATE).text
    assert "```" not in unfenced and HELLO in unfenced
    assert model.invoke(GENERATE).text == echo([{"content": "Write hello world."}])
    assert model.invoke(GENERATE).text.count("```") == 2  # past the plan: normal answers
    assert model.injected == [*PLAN, None]
    assert model.counts() == {kind or "ok": 2 if kind is None else 1 for kind in PLAN}


def test_faults_wrap_another_chat_model_asynchronously_without_consuming_its_script() -> None:
    inner = ScriptedChatModel(script=[(GENERATOR, fenced(HELLO))])
    model = FaultInjectingChatModel(responder=inner, plan=["429", "500", "garbage", "ok"])

    async def calls() -> list[str]:
        outcomes = []
        for _ in range(4):
            try:
                outcomes.append((await model.ainvoke(GENERATE)).text)
            except openai.APIStatusError as error:
                outcomes.append(str(error.status_code))
        return outcomes

    assert asyncio.run(calls()) == ["429", "500", GARBAGE_REPLY, fenced(HELLO)]
    assert model.injected == ["rate_limit", "server_error", "garbage", None]
    assert inner.check_finished() == []


def test_a_seeded_rate_injects_the_same_faults_into_the_same_calls() -> None:
    prompts = [[HumanMessage(f"problem {n}")] for n in range(40)]

    def injected(seed: int, order: list[int]) -> dict[int, str | None]:
        model = FaultInjectingChatModel(responder=echo, rate=0.5, seed=seed, kinds=["empty", "garbage"])
        for index in order:
            model.invoke(prompts[index])
        return dict(zip(order, model.injected, strict=True))

    forward = injected(3, list(range(40)))
    assert forward == injected(3, list(reversed(range(40))))  # keyed on the messages, not on arrival
    assert forward != injected(4, list(range(40)))
    assert set(forward.values()) == {None, "empty", "garbage"}
    always = FaultInjectingChatModel(responder=echo, rate=1.0, kinds=["timeout"])
    with pytest.raises(openai.APITimeoutError):
        always.invoke(GENERATE)


def test_a_fault_plan_must_be_one_of_a_sequence_or_a_rate_of_known_faults() -> None:
    with pytest.raises(ValidationError, match="either a plan or a rate"):
        FaultInjectingChatModel(responder=echo, plan=["empty"], rate=0.5)
    with pytest.raises(ValidationError):
        FaultInjectingChatModel(responder=echo, plan=["503"])
    with pytest.raises(ValidationError):
        FaultInjectingChatModel(responder=echo, rate=1.5)


# --- sandbox wrappers over the real local sandbox -------------------------------------------------


def test_a_wrapper_is_a_sandbox_that_leaves_the_inner_one_to_its_owner(local_sandbox: LocalSandbox) -> None:
    wrapper = SandboxWrapper(local_sandbox)
    assert isinstance(wrapper, Sandbox) and wrapper.name == "local"
    with wrapper:
        result = wrapper.compile_and_run(programs.STATS, programs.STATS_STDIN)
    assert [run.stdout for run in result.runs] == programs.STATS_OUTPUTS
    assert local_sandbox.compile(HELLO).ok  # still open


def test_failing_sandbox_raises_only_on_the_poisoned_source(local_sandbox: LocalSandbox) -> None:
    failing = FailingSandbox(local_sandbox, f"\n{programs.CLEAN}\n", ConnectionResetError("lost"))
    with pytest.raises(ConnectionResetError, match="lost"):
        failing.compile(programs.CLEAN)
    with pytest.raises(ConnectionResetError):
        failing.compile_and_run(programs.CLEAN, [""])
    assert failing.compile_and_run(programs.STATS, ["0\n"]).runs[0].stdout == "no numbers\n"
    assert not failing.compile(programs.COMPILE_ERROR).ok  # a compile error is not a crash
    assert failing.failures == 2

    by_predicate = FailingSandbox(local_sandbox, lambda source: "puts" in source)
    with pytest.raises(RuntimeError, match="simulated"):
        by_predicate.compile(HELLO)
    assert by_predicate.compile(programs.STATS).ok


def test_recording_sandbox_counts_times_and_records_into_a_table(local_sandbox: LocalSandbox) -> None:
    table = ResultTable()
    recording = RecordingSandbox(local_sandbox, table)
    result = recording.compile_and_run(programs.STATS, programs.STATS_STDIN)
    assert [run.stdout for run in result.runs] == programs.STATS_OUTPUTS
    assert (recording.compiles, recording.runs, recording.peak_in_flight) == (1, 3, 1)
    assert recording.seconds > 0
    assert table.compiles == {programs.STATS: result.compile}
    assert result.compile.program is not None
    assert [table.run_result(result.compile.program, stdin) for stdin in programs.STATS_STDIN] == result.runs
    assert not recording.compile(programs.COMPILE_ERROR).ok and recording.compiles == 2


def test_replay_sandbox_answers_from_the_table_after_its_latency_and_counts_misses(
    local_sandbox: LocalSandbox,
) -> None:
    table = ResultTable()
    recorded = RecordingSandbox(local_sandbox, table).compile_and_run(programs.STATS, programs.STATS_STDIN)
    no_inner = FailingSandbox(local_sandbox, lambda source: True)  # a miss reaching it would raise
    replay = ReplaySandbox(no_inner, table, latency_seconds=0.1)
    started = time.perf_counter()
    assert replay.compile_and_run(programs.STATS, programs.STATS_STDIN) == recorded
    assert time.perf_counter() - started >= 0.4  # one compile and three runs, 0.1 s each
    assert (replay.hits, replay.misses) == (4, 0)

    with pytest.raises(RuntimeError, match="simulated"):
        replay.compile(HELLO)
    assert replay.misses == 1

    fallback = ReplaySandbox(local_sandbox, table)
    hello = fallback.compile_and_run(HELLO, [""])
    assert hello.runs[0].stdout == "hello\n" and (fallback.hits, fallback.misses) == (0, 2)
    assert replay.compile_and_run(HELLO, [""]) == hello and replay.misses == 1  # recorded by the miss


def test_recording_over_replay_sees_concurrent_calls(local_sandbox: LocalSandbox) -> None:
    table = ResultTable()
    RecordingSandbox(local_sandbox, table).compile(programs.STATS)
    recording = RecordingSandbox(ReplaySandbox(local_sandbox, table, latency_seconds=0.3))
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(recording.compile, [programs.STATS] * 3))
    assert all(result.ok for result in results)
    assert recording.compiles == 3 and recording.peak_in_flight == 3 and recording.in_flight.now == 0
