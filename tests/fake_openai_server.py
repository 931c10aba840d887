"""A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions protocol, with scripted replies.

It lets the CLI's real client path (``ChatOpenAI`` over HTTP) run in tests without any network.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Responder = Callable[[list[dict[str, Any]]], str]
"""Messages of a request -> the reply text."""


@dataclass
class RecordedRequest:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class FakeServer:
    base_url: str
    requests: list[RecordedRequest] = field(default_factory=list)


@contextmanager
def fake_openai_server(respond: Responder) -> Iterator[FakeServer]:
    """Serve chat completions from ``respond`` until the ``with`` block ends."""
    recorded: list[RecordedRequest] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if not self.path.endswith("/models"):
                self.send_error(404)
                return
            self._reply(
                {"object": "list", "data": [{"id": "fake-coder", "object": "model", "owned_by": "test"}]}
            )

        def _reply(self, payload: dict[str, Any]) -> None:
            encoded = json.dumps(payload).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(encoded)))
            self.end_headers()
            self.wfile.write(encoded)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length))
            recorded.append(RecordedRequest(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            text = respond(body["messages"])
            payload = {
                "id": f"chatcmpl-{len(recorded)}",
                "object": "chat.completion",
                "created": 0,
                "model": body.get("model", "fake"),
                "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
                ],
                "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150},
            }
            self._reply(payload)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield FakeServer(base_url=f"http://127.0.0.1:{server.server_port}/v1", requests=recorded)
    finally:
        server.shutdown()
        server.server_close()
