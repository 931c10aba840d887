"""What stands between a request and the sandbox: the source size limit, a per-client rate limit, and the
CSRF token every form carries."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from collections.abc import MutableMapping
from typing import Any

MAX_SOURCE_BYTES = 64 * 1024
CSRF_FIELD = "csrf"


class RateLimiter:
    """At most ``limit`` checks per client in any ``window`` seconds.

    Written here rather than taken from ``limits``/``slowapi``: one process, one in-memory window per
    client, and a message saying how long to wait is all the app needs.
    """

    def __init__(self, limit: int = 10, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._seen: defaultdict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def wait(self, client: str) -> float:
        """Seconds ``client`` must wait before its next check (0: go ahead, and it is counted)."""
        now = time.monotonic()
        with self._lock:
            seen = self._seen[client]
            while seen and now - seen[0] >= self.window:
                seen.popleft()
            if len(seen) >= self.limit:
                return self.window - (now - seen[0])
            seen.append(now)
            return 0.0


def csrf_token(session: MutableMapping[str, Any]) -> str:
    """The session's CSRF token, made on first use."""
    token = session.get(CSRF_FIELD)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(24)
        session[CSRF_FIELD] = token
    return token


def csrf_ok(session: MutableMapping[str, Any], sent: str | None) -> bool:
    expected = session.get(CSRF_FIELD)
    return isinstance(expected, str) and isinstance(sent, str) and hmac.compare_digest(expected, sent)


def source_too_large(code: str, limit: int = MAX_SOURCE_BYTES) -> str | None:
    """Why ``code`` is refused for its size, or ``None``."""
    size = len(code.encode())
    if size > limit:
        return f"the source is {size:,} bytes; the limit is {limit:,} bytes ({limit // 1024} KiB)"
    return None
