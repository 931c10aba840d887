"""The parts a durable run is built of: the output directory, the retry policy, the cache key."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

import pytest

from declean.accounting import CallUsage
from declean.agents.cache import CachedReply, SqliteModelCache, cache_key
from declean.agents.retry import RetriesExhaustedError, RetryPolicy, is_transient, with_retries
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
