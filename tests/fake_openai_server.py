"""A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions protocol, with scripted replies.

It lets the CLI's real client path (``ChatOpenAI`` over HTTP) run in tests without any network.

Optionally it injects faults (:class:`FaultPlan`): rate limits, server errors, hangs past the client's
timeout, and 200 replies that are empty, prose only, or code without its Markdown fence. Whether a request
gets a fault, and which, depends only on the plan's seed, the request's messages and how many times that
exact message list was seen before, so a re-run injects the same faults into the same requests whatever
the thread timing, and a retry (the same messages again) gets an independent draw.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Responder = Callable[[list[dict[str, Any]]], str]
"""Messages of a request -> the reply text."""

FAULT_KINDS: tuple[str, ...] = ("429", "500", "timeout", "empty", "garbage", "unfenced")
"""Every fault :class:`FaultPlan` can inject."""

GARBAGE_REPLY = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit. As an AI language model, I cannot help "
    "with that request. Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua."
)
"""The content of a ``garbage`` fault: prose, no code."""

_FENCE_LINE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


@dataclass(frozen=True)
class FaultPlan:
    """Which fraction of chat-completion requests fail, and how.

    ``429``: status 429 with an OpenAI-shaped error and ``retry-after: 0``; ``500``: status 500 with an
    OpenAI-shaped error; ``timeout``: the answer (a normal one) comes after ``timeout_seconds``, so a client
    with a shorter timeout gives up; ``empty``: 200 with content ``""``; ``garbage``: 200 with
    :data:`GARBAGE_REPLY`; ``unfenced``: 200 with the responder's reply minus its fence lines.
    """

    rate: float
    """Fraction of requests that get a fault, in [0, 1]."""
    seed: int = 0
    kinds: tuple[str, ...] = FAULT_KINDS
    """The faults to choose from, uniformly."""
    timeout_seconds: float = 3.0
    """How long a ``timeout`` fault holds the answer back."""

    def __post_init__(self) -> None:
        if not 0.0 <= self.rate <= 1.0:
            raise ValueError(f"rate must be in [0, 1], not {self.rate}")
        if not self.kinds:
            raise ValueError("kinds must name at least one fault")
        unknown = sorted(set(self.kinds) - set(FAULT_KINDS))
        if unknown:
            raise ValueError(f"unknown fault kinds {unknown}; known: {list(FAULT_KINDS)}")
        if self.timeout_seconds <= 0:
            raise ValueError(f"timeout_seconds must be positive, not {self.timeout_seconds}")

    def draw(self, messages_key: str, occurrence: int) -> str | None:
        """The fault for the ``occurrence``-th (from 0) request with these canonical messages, or None."""
        digest = hashlib.sha256(f"{self.seed}\0{occurrence}\0{messages_key}".encode()).digest()
        if int.from_bytes(digest[:8], "big") / 2**64 >= self.rate:
            return None
        return self.kinds[int.from_bytes(digest[8:16], "big") % len(self.kinds)]


@dataclass
class RecordedRequest:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    fault: str | None = None
    """The fault injected into this request's answer, None for a normal answer."""


@dataclass
class FakeServer:
    base_url: str
    requests: list[RecordedRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    """Held while ``requests`` is appended to."""

    def counts(self) -> dict[str, int]:
        """Requests per injected fault kind, and ``"ok"`` for those answered normally (only kinds seen)."""
        with self.lock:
            return dict(Counter(request.fault or "ok" for request in self.requests))


def canonical_messages(messages: list[dict[str, Any]]) -> str:
    """The message list as a stable string: the identity of a request for fault draws."""
    return json.dumps(messages, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _content_length(content: Any) -> int:
    if isinstance(content, str):
        return len(content)
    if isinstance(content, list):  # content parts: [{"type": "text", "text": ...}, ...]
        return sum(len(part.get("text") or "") for part in content if isinstance(part, dict))
    return 0


def usage_for(messages: list[dict[str, Any]], reply: str) -> dict[str, int]:
    """Token usage estimated from text: four characters a token."""
    prompt = sum(_content_length(message.get("content")) for message in messages) // 4
    completion = len(reply) // 4
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def without_fences(reply: str) -> str:
    """``reply`` minus its Markdown fence lines (```/~~~), so fenced code becomes bare code."""
    return "".join(line for line in reply.splitlines(keepends=True) if not _FENCE_LINE.match(line))


def _error_body(message: str, error_type: str, code: str | None) -> dict[str, Any]:
    return {"error": {"message": message, "type": error_type, "param": None, "code": code}}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (timeout faults) leaves a broken connection behind: not an error here.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextmanager
def fake_openai_server(
    respond: Responder, faults: FaultPlan | None = None, latency_seconds: float = 0.0
) -> Iterator[FakeServer]:
    """Serve chat completions from ``respond`` until the ``with`` block ends.

    ``faults`` injects failures into some answers (see :class:`FaultPlan`); ``latency_seconds`` delays
    every chat-completion answer, faulted or not.
    """
    fake = FakeServer(base_url="")
    seen: Counter[str] = Counter()
    stopping = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if not self.path.endswith("/models"):
                self.send_error(404)
                return
            self._reply(
                {"object": "list", "data": [{"id": "fake-coder", "object": "model", "owned_by": "test"}]}
            )

        def _reply(
            self, payload: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None
        ) -> None:
            encoded = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(encoded)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(encoded)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length))
            messages: list[dict[str, Any]] = body["messages"]
            headers = {k.lower(): v for k, v in self.headers.items()}
            key = canonical_messages(messages)
            with fake.lock:
                fault = faults.draw(key, seen[key]) if faults is not None else None
                seen[key] += 1
                fake.requests.append(RecordedRequest(self.path, headers, body, fault))
                number = len(fake.requests)
            if latency_seconds > 0:
                stopping.wait(latency_seconds)
            if fault == "429":
                error = _error_body(
                    "Rate limit reached for fake-coder (injected fault).", "requests", "rate_limit_exceeded"
                )
                self._reply(error, status=429, headers={"retry-after": "0"})
                return
            if fault == "500":
                error = _error_body(
                    "The server had an error while processing your request (injected fault).",
                    "server_error",
                    None,
                )
                self._reply(error, status=500)
                return
            if fault == "timeout" and faults is not None:
                stopping.wait(faults.timeout_seconds)
            if fault == "empty":
                text = ""
            elif fault == "garbage":
                text = GARBAGE_REPLY
            elif fault == "unfenced":
                text = without_fences(respond(messages))
            else:
                text = respond(messages)
            payload = {
                "id": f"chatcmpl-{number}",
                "object": "chat.completion",
                "created": 0,
                "model": body.get("model", "fake"),
                "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
                ],
                "usage": usage_for(messages, text),
            }
            self._reply(payload)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = _Server(("127.0.0.1", 0), Handler)
    fake.base_url = f"http://127.0.0.1:{server.server_port}/v1"
    # A short poll interval: shutdown() waits for the serving loop to look at its flag.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        stopping.set()  # wakes handlers held back by latency or timeout faults
        server.shutdown()
        server.server_close()
