"""Retries of transient model failures: 408, 409, 429, 5xx, timeouts, lost connections.

Built on ``tenacity``: a bounded number of attempts; between them the wait the server asked for in
``retry-after-ms`` or ``Retry-After`` (seconds or an HTTP date, as the OpenAI client reads them), capped, or
else exponential backoff with full jitter and a cap. Anything else (a bad request, a refused key, a reply
that does not parse) fails at once. After the last attempt the caller records the sample as failed.
"""

from __future__ import annotations

import asyncio
import email.utils
import math
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

Result = TypeVar("Result")

_TRANSIENT_STATUSES = frozenset({408, 409, 429})
"""Statuses below 500 that are worth retrying: request timeout, conflict (a lock), rate limit."""

_TRANSIENT_NAMES = frozenset(
    {
        "RateLimitError",
        "InternalServerError",
        "APITimeoutError",
        "APIConnectionError",
        "TimeoutException",
        "NetworkError",
        "ConnectError",
        "ReadTimeout",
        "RemoteProtocolError",
    }
)
"""Exception classes of ``openai`` and ``httpx`` that mean "try again", matched by name so any client
library's equivalents work without importing it."""


class RetryPolicy(BaseModel):
    """How often and how patiently a failed model call is tried again."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    max_attempts: int = Field(default=5, ge=1)
    """Attempts in all, the first included."""
    initial_seconds: float = Field(default=1.0, ge=0)
    """The first backoff wait's upper bound."""
    backoff: float = Field(default=2.0, ge=1)
    """Each backoff wait's upper bound grows by this factor."""
    max_seconds: float = Field(default=30.0, ge=0)
    """No backoff wait is longer than this."""
    jitter: bool = True
    """Wait a random time up to the backoff bound (full jitter), so concurrent callers spread out."""
    max_retry_after_seconds: float = Field(default=60.0, ge=0)
    """A server's ``Retry-After`` is honoured up to this many seconds; a longer one is cut to this."""

    def wait_seconds(self, attempt: int, rng: random.Random | None = None) -> float:
        """The backoff wait after failed attempt number ``attempt`` (1-based)."""
        bound = min(self.max_seconds, self.initial_seconds * self.backoff ** (attempt - 1))
        return (rng or random).uniform(0, bound) if self.jitter else bound

    def wait_after(self, error: BaseException, attempt: int, rng: random.Random | None = None) -> float:
        """The wait after failed attempt number ``attempt`` raised ``error``.

        What the server asked for, capped by ``max_retry_after_seconds``, or else the backoff wait.
        """
        asked = server_wait_seconds(error)
        if asked is not None:
            return min(asked, self.max_retry_after_seconds)
        return self.wait_seconds(attempt, rng)


def status_code(error: BaseException) -> int | None:
    """The HTTP status ``error`` carries, on itself or on its ``response``; ``None`` if there is none."""
    for holder in (error, getattr(error, "response", None)):
        status = getattr(holder, "status_code", None)
        if isinstance(status, int):
            return status
    return None


def is_transient(error: BaseException) -> bool:
    """Whether ``error`` is worth retrying: 408, 409, 429, 5xx, a timeout or a connection failure.

    An HTTP status decides first; then LangChain's own ``is_retryable`` classification of model errors;
    then the error's kind (Python's, or a known ``openai``/``httpx`` class name).
    """
    status = status_code(error)
    if status is not None:
        return status in _TRANSIENT_STATUSES or 500 <= status < 600
    retryable = getattr(error, "is_retryable", None)
    if isinstance(retryable, bool):
        return retryable
    if isinstance(error, TimeoutError | ConnectionError):
        return True
    return any(cls.__name__ in _TRANSIENT_NAMES for cls in type(error).__mro__)


def retry_after_seconds(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """The positive wait in seconds that ``headers`` ask for, or ``None``.

    ``retry-after-ms`` (milliseconds) comes first, then ``Retry-After`` as seconds, then as an HTTP date
    (compared with ``now``, seconds since the epoch, by default the current time). Names match in any case.
    A missing, malformed, zero or past value is ``None``: the caller backs off as usual.
    """
    values = {name.lower(): value for name, value in headers.items()}
    for name, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        try:
            seconds = float(values[name]) / divisor
        except (KeyError, ValueError):
            continue
        return seconds if seconds > 0 and not math.isnan(seconds) else None
    date = email.utils.parsedate_tz(values.get("retry-after", ""))
    if date is None:
        return None
    try:
        seconds = email.utils.mktime_tz(date) - (time.time() if now is None else now)
    except (OverflowError, ValueError):
        return None
    return float(seconds) if seconds > 0 else None


def server_wait_seconds(error: BaseException) -> float | None:
    """The wait the headers of ``error``'s HTTP response ask for (see :func:`retry_after_seconds`)."""
    headers = getattr(getattr(error, "response", None), "headers", None)
    return retry_after_seconds(headers) if isinstance(headers, Mapping) else None


class RetriesExhaustedError(Exception):
    """Every attempt failed; ``errors`` holds each attempt's error in order."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(f"failed after {len(errors)} attempt(s): {errors[-1]}")
        self.errors = errors


def describe(error: BaseException) -> str:
    """An attempt's error as recorded: its class name and message."""
    return f"{type(error).__name__}: {error}"


async def with_retries(
    attempt: Callable[[], Awaitable[Result]],
    policy: RetryPolicy,
    *,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    rng: random.Random | None = None,
) -> tuple[Result, list[str]]:
    """Await ``attempt()`` until it succeeds; the result and the errors of the attempts before it.

    Between attempts it awaits ``sleep`` for :meth:`RetryPolicy.wait_after` seconds, jittered by ``rng``
    (by default the ``random`` module). A non-transient error, or a transient one on the last attempt,
    raises :class:`RetriesExhaustedError` with every attempt's error, chained to the last one.
    """
    errors: list[str] = []

    async def recorded() -> Result:
        try:
            return await attempt()
        except Exception as error:
            errors.append(describe(error))
            raise

    def wait(state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome is not None else None
        if error is None:  # tenacity waits only after a failure; this keeps the types honest
            return policy.wait_seconds(state.attempt_number, rng)
        return policy.wait_after(error, state.attempt_number, rng)

    retrying = AsyncRetrying(
        stop=stop_after_attempt(policy.max_attempts),
        retry=retry_if_exception(is_transient),
        wait=wait,
        sleep=sleep,
        reraise=True,
    )
    try:
        return await retrying(recorded), errors
    except Exception as error:
        raise RetriesExhaustedError(errors) from error
