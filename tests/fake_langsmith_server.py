"""A real HTTP server on 127.0.0.1 that answers the LangSmith client's tracing calls and keeps what it got.

Only what the ``langsmith`` client (0.15) calls while tracing is served:

- ``GET /info``: the server's capabilities. It announces ``zstd_compression_enabled`` like the hosted
  LangSmith does, so the client takes the same path as for a real user: runs buffered, zstd-compressed and
  sent as one ``multipart/form-data`` stream (``Content-Encoding: zstd``).
- ``POST /runs/multipart``: run uploads. Each part is named ``<op>.<run_id>`` (``op`` is ``post`` for a new
  run, ``patch`` for its end) with the run's JSON minus its big fields, or ``<op>.<run_id>.<field>`` with
  one of them (``inputs``, ``outputs``, ``extra``, ``events``, ``error``, ``serialized``) as JSON.
  Bodies compressed with zstd or gzip, or not at all, are all read.
- ``POST /runs/batch``, ``POST /runs``, ``PATCH /runs/<id>``: the older JSON endpoints (the client falls
  back to them where multipart is disabled); kept as run operations too.

Anything else gets 404 and is recorded as well, so a test can tell when the client starts calling
something new.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import zstandard

INFO: dict[str, Any] = {
    "version": "0.0.0-fake",
    "license_expiration_time": None,
    "batch_ingest_config": {
        "use_multipart_endpoint": True,
        "scale_up_qsize_trigger": 1000,
        "scale_up_nthreads_limit": 16,
        "scale_down_nempty_trigger": 4,
        "size_limit": 100,
        "size_limit_bytes": 20_971_520,
    },
    "instance_flags": {"zstd_compression_enabled": True},
}
"""The ``GET /info`` answer."""

_PART_NAME = re.compile(rb'name="([^"]+)"')
_BOUNDARY = re.compile(r'boundary="?([^";]+)"?')


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    """Lower-cased names."""
    body: bytes
    """As decoded from ``Content-Encoding`` (what the client meant to send)."""


@dataclass
class RunOperation:
    """One ``post`` (a run starts) or ``patch`` (it ends) of one run, with its fields merged in."""

    op: str
    run_id: str
    run: dict[str, Any]


@dataclass
class FakeLangSmith:
    api_url: str
    requests: list[RecordedRequest] = field(default_factory=list)
    operations: list[RunOperation] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    """Requests this server could not read (answered with 500), as ``METHOD path: error``."""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def paths(self) -> list[tuple[str, str]]:
        """(method, path without query) of every request, in arrival order."""
        with self.lock:
            return [(request.method, request.path.split("?")[0]) for request in self.requests]

    def runs(self) -> dict[str, dict[str, Any]]:
        """Every run by id: its ``post`` fields updated with its ``patch`` fields."""
        merged: dict[str, dict[str, Any]] = {}
        with self.lock:
            operations = list(self.operations)
        for operation in sorted(operations, key=lambda item: item.op != "post"):
            merged.setdefault(operation.run_id, {}).update(operation.run)
        return merged


def parse_multipart(body: bytes, content_type: str) -> list[tuple[str, bytes]]:
    """(name, content) of every part of a ``multipart/form-data`` body."""
    match = _BOUNDARY.search(content_type)
    if match is None:
        raise ValueError(f"no boundary in {content_type!r}")
    delimiter = b"--" + match.group(1).encode()
    parts: list[tuple[str, bytes]] = []
    for chunk in body.split(delimiter)[1:]:
        if chunk.startswith(b"--"):  # the closing delimiter
            break
        head, _, content = chunk.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        name = _PART_NAME.search(head)
        if name is None:
            raise ValueError(f"a part without a name: {head[:200]!r}")
        parts.append((name.group(1).decode(), content.removesuffix(b"\r\n")))
    return parts


def operations_from_multipart(parts: list[tuple[str, bytes]]) -> list[RunOperation]:
    """Group ``<op>.<run_id>`` and ``<op>.<run_id>.<field>`` parts into one operation per (op, run)."""
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    for name, content in parts:
        op, run_id, *rest = name.split(".")
        if op not in ("post", "patch"):
            continue  # feedback, attachments
        run = grouped.setdefault((op, run_id), {})
        value = json.loads(content)
        if rest:
            run[rest[0]] = value
        else:
            run.update(value)
    return [RunOperation(op, run_id, run) for (op, run_id), run in grouped.items()]


def _decode(body: bytes, encoding: str) -> bytes:
    if encoding == "zstd":
        # Streamed frames do not record their size, so read them as a stream.
        return zstandard.ZstdDecompressor().stream_reader(io.BytesIO(body)).read()
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding in ("", "identity"):
        return body
    raise ValueError(f"unknown Content-Encoding {encoding!r}")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


@contextmanager
def fake_langsmith_server() -> Iterator[FakeLangSmith]:
    """Serve the LangSmith tracing endpoints until the ``with`` block ends."""
    fake = FakeLangSmith(api_url="")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as the client's session expects

        def _read_body(self) -> bytes:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                chunks = []
                while True:
                    size = int(self.rfile.readline().split(b";")[0], 16)
                    chunk = self.rfile.read(size)
                    self.rfile.readline()  # the CRLF after each chunk
                    if size == 0:
                        break
                    chunks.append(chunk)
                return b"".join(chunks)
            return self.rfile.read(int(self.headers.get("Content-Length", "0")))

        def _reply(self, payload: Any, status: int = 200) -> None:
            encoded = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(encoded)))
            self.end_headers()
            self.wfile.write(encoded)

        def _handle(self) -> None:
            try:
                self._serve()
            except Exception as error:
                with fake.lock:
                    fake.errors.append(f"{self.command} {self.path}: {error!r}")
                self._reply({"detail": repr(error)}, 500)

        def _serve(self) -> None:
            headers = {name.lower(): value for name, value in self.headers.items()}
            body = _decode(self._read_body(), headers.get("content-encoding", "").lower())
            path = self.path.split("?")[0]
            operations: list[RunOperation] = []
            known = True
            if (self.command, path) == ("GET", "/info"):
                answer: Any = INFO
            elif (self.command, path) == ("POST", "/runs/multipart"):
                operations = operations_from_multipart(parse_multipart(body, headers["content-type"]))
                answer = {}
            elif (self.command, path) == ("POST", "/runs/batch"):
                batch = json.loads(body)
                for op in ("post", "patch"):
                    operations += [RunOperation(op, str(run["id"]), run) for run in batch.get(op) or []]
                answer = {}
            elif (self.command, path) == ("POST", "/runs"):
                run = json.loads(body)
                operations = [RunOperation("post", str(run["id"]), run)]
                answer = {}
            elif self.command == "PATCH" and path.startswith("/runs/"):
                operations = [RunOperation("patch", path.rsplit("/", 1)[1], json.loads(body))]
                answer = {}
            else:
                known = False
                answer = {"detail": "Not Found"}
            with fake.lock:
                fake.requests.append(RecordedRequest(self.command, self.path, headers, body))
                fake.operations += operations
            self._reply(answer, 200 if known else 404)

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _handle  # noqa: N815

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = _Server(("127.0.0.1", 0), Handler)
    fake.api_url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
