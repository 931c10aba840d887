"""What the web app's tests share: the app built on a real sandbox, a live uvicorn server in a thread,
the C programs the tests check, and the pieces of the pages they read (the CSRF token, the review panel).

Chromium is required where ``DECLEAN_REQUIRE_CHROMIUM=1`` (CI sets it); elsewhere its absence skips.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from declean.data.feedback_store import FeedbackStore
from declean.detect.base import Detector
from declean.sandbox.base import Sandbox
from declean.web.app import WebState, create_app
from declean.web.guards import RateLimiter
from declean.web.jobs import Checker

LOCAL_HOST = "127.0.0.1"

MAGIC_PROGRAM = r"""#include <stdio.h>

int main(void) {
    long seconds = 0;
    if (scanf("%ld", &seconds) != 1) {
        return 1;
    }
    for (int day = 0; day < 3; day++) {
        long total = seconds + day * 86400;
        printf("%ld %ld\n", total / 3600, total % 3600);
    }
    return 0;
}
"""
"""Compiles; the lint detector labels it MC on lines 8-10 (``3``, ``86400``, ``3600``)."""
MAGIC_LINES = (8, 9, 10)

BROKEN_PROGRAM = r"""#include <stdio.h>

int main(void) {
    int total = 0
    printf("%d\n", total);
    return 0;
}
"""
"""Line 4 misses its semicolon: gcc refuses it."""

UPLOADED_PROGRAM = r"""#include <stdio.h>

int main(void) {
    int minutes = 0;
    if (scanf("%d", &minutes) != 1) {
        return 1;
    }
    printf("%d days\n", minutes / 1440);
    return 0;
}
"""
"""What the upload test sends as a file: MC (``1440``) on line 8."""

HOSTILE_COMMENT = (
    '/* <script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> '
    '<img src="http://cdn.invalid/pwned.png"> */'
)
HOSTILE_OUTPUT = '<b id="injected">bold</b><img src=x onerror="window.__pwned=3">'
HOSTILE_PROGRAM = (
    "#include <stdio.h>\n"
    "\n"
    f"{HOSTILE_COMMENT}\n"
    "int main(void) {\n"
    '    puts("<b id=\\"injected\\">bold</b><img src=x onerror=\\"window.__pwned=3\\">");\n'
    "    return 0;\n"
    "}\n"
)
"""Markup in a comment (line 3) and in a string literal the program prints: both must stay text."""


def chromium_path(purpose: str = "to drive the web app") -> str:
    """Debian's Chromium; the test fails without it where ``DECLEAN_REQUIRE_CHROMIUM=1``, else skips."""
    binary = shutil.which("chromium")
    if binary is None:
        if os.environ.get("DECLEAN_REQUIRE_CHROMIUM") == "1":
            pytest.fail("DECLEAN_REQUIRE_CHROMIUM=1 but no `chromium` on PATH (apt-get install chromium)")
        pytest.skip(f"no `chromium` on PATH (apt-get install chromium) {purpose}")
    return binary


def screenshot_dir(tmp_path: Path) -> Path:
    """``$DECLEAN_SCREENSHOT_DIR`` when set (made if missing), else the test's own directory."""
    chosen = os.environ.get("DECLEAN_SCREENSHOT_DIR", "").strip()
    directory = Path(chosen) if chosen else tmp_path
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def make_state(
    tmp: Path,
    detector: Detector,
    sandbox: Sandbox,
    *,
    dataset: Path | None = None,
    limiter: RateLimiter | None = None,
) -> WebState:
    """The app's state: ``detector`` on the real sandbox, feedback in ``tmp``."""
    return WebState(
        checker=Checker(detector, sandbox),
        feedback=FeedbackStore(tmp / "feedback.sqlite"),
        dataset=dataset,
        limiter=limiter or RateLimiter(),
    )


@dataclass
class LiveServer:
    """The app served by uvicorn on 127.0.0.1 from a background thread."""

    state: WebState
    url: str


@contextmanager
def serve(state: WebState) -> Iterator[LiveServer]:
    """Serve ``create_app(state)`` on a free port until the block ends."""
    config = uvicorn.Config(create_app(state), host=LOCAL_HOST, port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="declean-web-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive(), "the uvicorn server stopped while starting"
        assert time.monotonic() < deadline, "the uvicorn server did not start in 30 s"
        time.sleep(0.02)
    [listener] = server.servers
    port = int(listener.sockets[0].getsockname()[1])
    try:
        yield LiveServer(state=state, url=f"http://{LOCAL_HOST}:{port}")
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        state.checker.close()
        assert not thread.is_alive(), "the uvicorn server did not stop"


_CSRF = re.compile(r'name="csrf"[^>]*\bvalue="([^"]+)"|\bvalue="([^"]+)"[^>]*name="csrf"')


def csrf_in(html: str) -> str:
    """The CSRF token of the first form in ``html``."""
    found = _CSRF.search(html)
    assert found is not None, f"no CSRF hidden input in the page:\n{html[:2000]}"
    return found[1] or found[2]


_SHOWN_RECORD = re.compile(r"this is (?P<id>\S+) \((?P<split>[^)]*)\)")


def shown_record(text: str) -> str:
    """The record id the review panel names in its "this is <id> (<split>)" line."""
    found = _SHOWN_RECORD.search(text)
    assert found is not None, f"no 'this is <id>' in the review panel: {text[:500]}"
    return found["id"]


def journal_lines(dataset: Path) -> list[dict[str, Any]]:
    """``review.jsonl``'s entries, as written (none when the file does not exist yet)."""
    path = dataset / "review.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
