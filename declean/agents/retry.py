"""Retries of transient model failures: rate limits (429), server errors (5xx), timeouts, lost connections.

Exponential backoff with full jitter, a cap per wait, and a bounded number of attempts; anything else (a bad
request, a refused key) fails at once. After the last attempt the caller records the sample as failed.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field

Result = TypeVar("Result")

_TRANSIENT_NAMES = frozenset(
    {
        "RateLimitError",
        "InternalServerError",
        "APITimeoutError",
        "APIConnectionError",
        "TimeoutException",
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
    """The first wait's upper bound."""
    backoff: float = Field(default=2.0, ge=1)
    """Each wait's upper bound grows by this factor."""
    max_seconds: float = Field(default=30.0, ge=0)
    """No wait is longer than this."""
    jitter: bool = True
    """Wait a random time up to the bound (full jitter), so concurrent callers do not retry in step."""

    def wait_seconds(self, attempt: int, rng: random.Random | None = None) -> float:
        """The wait after failed attempt number ``attempt`` (1-based)."""
        bound = min(self.max_seconds, self.initial_seconds * self.backoff ** (attempt - 1))
        return (rng or random).uniform(0, bound) if self.jitter else bound


def is_transient(error: BaseException) -> bool:
    """Whether ``error`` is worth retrying: 429, 5xx, a timeout or a connection failure."""
    if isinstance(error, TimeoutError | ConnectionError):
        return True
    status = getattr(error, "status_code", None)
    if isinstance(status, int):
        return status == 429 or status >= 500
    return any(cls.__name__ in _TRANSIENT_NAMES for cls in type(error).__mro__)


class RetriesExhaustedError(Exception):
    """Every attempt failed; ``errors`` holds each attempt's error in order."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(f"failed after {len(errors)} attempt(s): {errors[-1]}")
        self.errors = errors


async def with_retries(
    attempt: Callable[[], Awaitable[Result]],
    policy: RetryPolicy,
    *,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> tuple[Result, list[str]]:
    """Await ``attempt()`` until it succeeds; the result and the errors of the attempts before it.

    A non-transient error, or a transient one on the last attempt, raises :class:`RetriesExhaustedError`.
    """
    errors: list[str] = []
    for number in range(1, policy.max_attempts + 1):
        try:
            return await attempt(), errors
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
            if not is_transient(error) or number == policy.max_attempts:
                raise RetriesExhaustedError(errors) from error
        await sleep(policy.wait_seconds(number))
    raise AssertionError("unreachable")  # pragma: no cover
