"""The parts a durable run is built of: the output directory, the retry policy, the cache key."""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import openai
import pytest
from langchain_core.exceptions import ContextOverflowError, ModelConnectionError, OutputParserException
from langchain_openai.chat_models.base import OpenAIRateLimitError, OpenAITimeoutError

from declean.models.cache import CachedReply, SqliteModelCache, cache_key
from declean.models.retry import (
    RetriesExhaustedError,
    RetryPolicy,
    is_transient,
    retry_after_seconds,
    with_retries,
)
from declean.models.usage import CallUsage
from declean.runs.output import OutputDir, ProblemRecord, complete_lines
from declean.samples import Rejection, Sample


def sample(sample_id: str) -> Sample:
    problem = sample_id.split("/", maxsplit=1)[0]
    return Sample(
        id=sample_id,
        problem_id=problem,
        sample_index=0,
        statement="s",
        labels=[],
        code="int main(void) { return 0; }",
        parent_id=None,
        stdin=[""],
        outputs=[""],
        lineage=[],
    )


def rejection(sample_id: str) -> Rejection:
    return Rejection(
        problem_id=sample_id.split("/", maxsplit=1)[0],
        sample_index=0,
        sample_id=sample_id,
        stage="declean",
        principle="DRY",
        reason="unchanged",
        detail="d",
        code=None,
    )


def test_a_partial_last_line_is_never_read_and_repair_cuts_it_off(tmp_path: Path) -> None:
    output = OutputDir(tmp_path)
    output.write_problem([sample("a/s0/clean")], [], ProblemRecord(problem_id="a", status="done", accepted=1))
    with output.samples.open("a") as handle:
        handle.write('{"id": "b/s0/clean", "code": "int ma')  # killed mid-write
    assert [line for line in complete_lines(output.samples)] == [
        sample("a/s0/clean").model_dump_json() + "\n"
    ]
    assert output.repair() == ["samples.jsonl: dropped a partial last line (36 bytes)"]
    assert output.samples.read_text().endswith("}\n")
    assert output.repair() == []


def test_records_already_written_are_not_appended_again(tmp_path: Path) -> None:
    output = OutputDir(tmp_path)
    written = [sample("a/s0/clean"), sample("a/s0/DRY")]
    output.write_problem(
        written[:1], [rejection("a/s0/SRP")], ProblemRecord(problem_id="a", status="crashed")
    )
    # A new process (a resumed run) reads what is there, then the problem's full results arrive.
    resumed = OutputDir(tmp_path)
    records = resumed.load()
    assert records["a"].status == "crashed"
    resumed.write_problem(written, [rejection("a/s0/SRP")], ProblemRecord(problem_id="a", status="done"))
    assert [line.count('"id":"a/s0/') for line in complete_lines(resumed.samples)] == [1, 1]
    assert len(list(complete_lines(resumed.rejections))) == 1
    assert resumed.load()["a"].status == "done"


def test_a_problem_record_keeps_its_calls(tmp_path: Path) -> None:
    output = OutputDir(tmp_path)
    call = CallUsage(role="generator", node="generate", model="m", input_tokens=3, output_tokens=4)
    output.write_problem([], [], ProblemRecord(problem_id="a", status="done", calls=[call]))
    assert OutputDir(tmp_path).load()["a"].calls == [call]


class StatusError(Exception):
    def __init__(self, status_code: int) -> None:
        super().__init__(f"HTTP {status_code}")
        self.status_code = status_code


class APIConnectionError(Exception):
    """Named like the openai client's."""


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (StatusError(429), True),
        (StatusError(500), True),
        (StatusError(503), True),
        (StatusError(400), False),
        (StatusError(401), False),
        (TimeoutError("slow"), True),
        (ConnectionResetError("reset"), True),
        (APIConnectionError("down"), True),
        (ValueError("bad request"), False),
    ],
)
def test_transient_errors_are_told_apart(error: Exception, transient: bool) -> None:
    assert is_transient(error) is transient


def test_backoff_grows_is_capped_and_jittered_below_its_bound() -> None:
    policy = RetryPolicy(initial_seconds=1.0, backoff=2.0, max_seconds=5.0)
    exact = policy.model_copy(update={"jitter": False})
    assert [exact.wait_seconds(n) for n in (1, 2, 3, 4, 5)] == [1.0, 2.0, 4.0, 5.0, 5.0]
    rng = random.Random(3)
    waits = [policy.wait_seconds(3, rng) for _ in range(200)]
    assert all(0 <= wait <= 4.0 for wait in waits) and len(set(waits)) > 100


def test_retries_until_success_then_gives_up_with_every_error() -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    failures = [StatusError(429), StatusError(502)]

    async def flaky() -> str:
        if failures:
            raise failures.pop(0)
        return "ok"

    policy = RetryPolicy(max_attempts=3, jitter=False)
    assert asyncio.run(with_retries(flaky, policy, sleep=sleep)) == (
        "ok",
        ["StatusError: HTTP 429", "StatusError: HTTP 502"],
    )
    assert slept == [1.0, 2.0]

    async def always_429() -> str:
        raise StatusError(429)

    with pytest.raises(
        RetriesExhaustedError, match=r"failed after 3 attempt\(s\): StatusError: HTTP 429"
    ) as caught:
        asyncio.run(with_retries(always_429, policy, sleep=sleep))
    assert len(caught.value.errors) == 3

    async def refused() -> str:
        raise StatusError(401)

    with pytest.raises(RetriesExhaustedError, match=r"failed after 1 attempt"):
        asyncio.run(with_retries(refused, policy, sleep=sleep))


REQUEST = httpx.Request("POST", "https://api.example.com/v1/chat/completions")


def response(status: int, headers: dict[str, str] | None = None, http: ModuleType = httpx) -> Any:
    """An OpenAI-shaped error response, as ``openai`` receives it."""
    request = http.Request("POST", "https://api.example.com/v1/chat/completions")
    body = {"error": {"message": f"status {status}", "type": "error", "code": None}}
    return http.Response(status, headers=headers, json=body, request=request)


def status_error(status: int, headers: dict[str, str] | None = None, http: ModuleType = httpx) -> Exception:
    """The ``openai`` error the client raises for ``status``, built the way the client builds it."""
    classes: dict[int, type[openai.APIStatusError]] = {
        400: openai.BadRequestError,
        401: openai.AuthenticationError,
        403: openai.PermissionDeniedError,
        404: openai.NotFoundError,
        409: openai.ConflictError,
        422: openai.UnprocessableEntityError,
        429: openai.RateLimitError,
    }
    error_class = classes.get(status, openai.InternalServerError if status >= 500 else openai.APIStatusError)
    return error_class(f"Error code: {status}", response=response(status, headers, http), body=None)


def http_date(seconds_from_now: float) -> str:
    return email.utils.formatdate(time.time() + seconds_from_now, usegmt=True)


class Recorder:
    """A fake ``sleep`` that records the waits instead of sleeping."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


class Flaky:
    """An attempt that raises ``errors``, one per call, then answers ``"ok"``; ``calls`` counts the calls."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "ok"


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        *[(status_error(status), True) for status in (408, 409, 429, 500, 502, 503, 504)],
        *[(status_error(status), False) for status in (400, 401, 403, 404, 422)],
        (openai.APITimeoutError(request=REQUEST), True),
        (openai.APIConnectionError(request=REQUEST), True),
        (httpx.ReadTimeout("slow", request=REQUEST), True),
        (httpx.ConnectError("refused", request=REQUEST), True),
        (httpx.HTTPStatusError("bad", request=REQUEST, response=response(503)), True),
        (httpx.HTTPStatusError("gone", request=REQUEST, response=response(404)), False),
        (OpenAIRateLimitError("Error code: 429", response=response(429), body=None), True),
        (OpenAITimeoutError(REQUEST), True),
        (ModelConnectionError("unreachable"), True),
        (ContextOverflowError("prompt is too long"), False),
        (OutputParserException("not JSON"), False),
        (ValueError("Expecting value: line 1 column 1"), False),
    ],
    ids=lambda value: value if isinstance(value, bool) else type(value).__name__,
)
def test_openai_errors_are_retried_by_status_and_kind(error: Exception, transient: bool) -> None:
    assert is_transient(error) is transient


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"retry-after": "2"}, 2.0),
        ({"Retry-After": "0.5"}, 0.5),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "1500", "retry-after": "2"}, 1.5),
        ({"retry-after-ms": "soon", "retry-after": "2"}, 2.0),
        ({"retry-after": "Thu, 01 Jan 2026 00:00:10 GMT"}, 10.0),
        ({"retry-after": "Wed, 31 Dec 2025 23:59:50 GMT"}, None),
        ({"retry-after": "0"}, None),
        ({"retry-after": "-3"}, None),
        ({"retry-after": "nan"}, None),
        ({"retry-after": "later"}, None),
        ({}, None),
    ],
)
def test_retry_after_headers_are_read_as_the_openai_client_reads_them(
    headers: dict[str, str], seconds: float | None
) -> None:
    new_year_2026 = 1767225600.0
    assert retry_after_seconds(headers, now=new_year_2026) == seconds


@pytest.mark.parametrize("http_module", ["httpx", "httpx2"])
def test_the_waits_are_those_the_server_asked_for(http_module: str) -> None:
    http = pytest.importorskip(http_module)
    sleep = Recorder()
    attempt = Flaky(
        status_error(429, {"retry-after": "2"}, http),
        status_error(503, {"retry-after-ms": "1500"}, http),
        status_error(429, {"retry-after": http_date(7)}, http),
    )
    policy = RetryPolicy(max_attempts=4)
    reply, errors = asyncio.run(with_retries(attempt, policy, sleep=sleep))
    assert reply == "ok" and attempt.calls == 4
    assert errors == [
        "RateLimitError: Error code: 429",
        "InternalServerError: Error code: 503",
        "RateLimitError: Error code: 429",
    ]
    assert sleep.waits[:2] == [2.0, 1.5]
    assert 5.0 < sleep.waits[2] <= 7.0  # an HTTP date has whole seconds


def test_a_server_wait_is_cut_to_the_policy_cap() -> None:
    sleep = Recorder()
    attempt = Flaky(
        status_error(429, {"retry-after": "3600"}),
        status_error(503, {"retry-after-ms": "90000"}),
        status_error(429, {"retry-after": http_date(86400)}),
        status_error(429, {"retry-after": "inf"}),
    )
    policy = RetryPolicy(max_attempts=5, max_retry_after_seconds=20.0, max_seconds=3.0)
    asyncio.run(with_retries(attempt, policy, sleep=sleep))
    assert sleep.waits == [20.0, 20.0, 20.0, 20.0]


def test_without_a_server_wait_backoff_grows_to_its_cap() -> None:
    sleep = Recorder()
    attempt = Flaky(
        openai.APITimeoutError(request=REQUEST),
        openai.APIConnectionError(request=REQUEST),
        status_error(500),
        status_error(429, {"retry-after": "0"}),
        status_error(502, {"retry-after": "whenever"}),
    )
    policy = RetryPolicy(max_attempts=6, initial_seconds=1.0, backoff=2.0, max_seconds=5.0, jitter=False)
    asyncio.run(with_retries(attempt, policy, sleep=sleep))
    assert sleep.waits == [1.0, 2.0, 4.0, 5.0, 5.0]


def test_jittered_backoff_stays_within_its_bounds_and_server_waits_are_not_jittered() -> None:
    policy = RetryPolicy(max_attempts=6, initial_seconds=1.0, backoff=2.0, max_seconds=5.0)
    bounds = [1.0, 2.0, 4.0, 5.0, 5.0]
    per_attempt: list[list[float]] = [[] for _ in bounds]
    for seed in range(100):
        sleep = Recorder()
        errors = [status_error(503) for _ in bounds]
        asyncio.run(with_retries(Flaky(*errors), policy, sleep=sleep, rng=random.Random(seed)))
        for waits, wait in zip(per_attempt, sleep.waits, strict=True):
            waits.append(wait)
    for bound, waits in zip(bounds, per_attempt, strict=True):
        assert all(0.0 <= wait <= bound for wait in waits)
        assert max(waits) > bound * 0.8 and min(waits) < bound * 0.2 and len(set(waits)) > 90

    sleep = Recorder()
    asyncio.run(with_retries(Flaky(status_error(429, {"retry-after": "2"})), policy, sleep=sleep))
    assert sleep.waits == [2.0]


@pytest.mark.parametrize(
    "error",
    [
        *[status_error(status) for status in (400, 401, 403, 404, 422)],
        OutputParserException("Invalid json output: {"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_a_non_transient_error_is_not_retried(error: Exception) -> None:
    sleep = Recorder()
    attempt = Flaky(error)
    with pytest.raises(RetriesExhaustedError, match=r"failed after 1 attempt\(s\)") as caught:
        asyncio.run(with_retries(attempt, RetryPolicy(), sleep=sleep))
    assert attempt.calls == 1 and sleep.waits == []
    assert caught.value.errors == [f"{type(error).__name__}: {error}"]
    assert caught.value.__cause__ is error


def test_a_non_transient_error_after_retries_stops_them() -> None:
    sleep = Recorder()
    attempt = Flaky(status_error(429, {"retry-after": "1"}), status_error(400), status_error(429))
    with pytest.raises(RetriesExhaustedError) as caught:
        asyncio.run(with_retries(attempt, RetryPolicy(), sleep=sleep))
    assert caught.value.errors == ["RateLimitError: Error code: 429", "BadRequestError: Error code: 400"]
    assert sleep.waits == [1.0]


def test_exhaustion_reports_every_attempt_in_order() -> None:
    sleep = Recorder()
    last = status_error(502)
    attempt = Flaky(
        status_error(429, {"retry-after": "1"}),
        status_error(500),
        openai.APITimeoutError(request=REQUEST),
        openai.APIConnectionError(request=REQUEST),
        last,
        status_error(503),
    )
    policy = RetryPolicy(max_attempts=5, jitter=False)
    with pytest.raises(RetriesExhaustedError) as caught:
        asyncio.run(with_retries(attempt, policy, sleep=sleep))
    assert caught.value.errors == [
        "RateLimitError: Error code: 429",
        "InternalServerError: Error code: 500",
        "APITimeoutError: Request timed out.",
        "APIConnectionError: Connection error.",
        "InternalServerError: Error code: 502",
    ]
    assert str(caught.value) == "failed after 5 attempt(s): InternalServerError: Error code: 502"
    assert caught.value.__cause__ is last
    assert attempt.calls == 5 and sleep.waits == [1.0, 2.0, 4.0, 8.0]


def test_the_cache_key_separates_samples_slots_models_and_parameters() -> None:
    base = {
        "model": "ChatOpenAI:m",
        "model_params": {"temperature": 0.8},
        "call_params": {"temperature": 0.8},
        "messages": [("system", "s"), ("human", "h")],
        "sample_index": 0,
        "slot": "generate:None:0",
    }
    key = cache_key(**base)  # type: ignore[arg-type]
    assert key == cache_key(**dict(base))  # type: ignore[arg-type]
    for change in (
        {"sample_index": 1},
        {"slot": "fix:None:1"},
        {"model": "ChatOpenAI:other"},
        {"call_params": {"temperature": 0.2}},
        {"messages": [("system", "s"), ("human", "h2")]},
    ):
        assert cache_key(**{**base, **change}) != key, change  # type: ignore[arg-type]


def test_the_sqlite_cache_survives_reopening_and_clears(tmp_path: Path) -> None:
    with SqliteModelCache(tmp_path / "cache.sqlite") as cache:
        cache.put("k", CachedReply(text="reply", input_tokens=1, output_tokens=2))
    with SqliteModelCache(tmp_path / "cache.sqlite") as cache:
        assert cache.get("k") == CachedReply(text="reply", input_tokens=1, output_tokens=2)
        assert cache.get("other") is None
        assert cache.clear() == 1 and len(cache) == 0
