"""Write trace events as JSON lines through structlog's own logger (never ``structlog.configure()``).

Each event is one line, written and flushed at once, so a crash keeps everything before it. Values of the
known secret environment variables, and anything shaped like an API key, are scrubbed from every line.
"""

from __future__ import annotations

import itertools
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, MutableMapping
from contextvars import ContextVar
from pathlib import Path
from typing import IO, Any, ClassVar

import structlog

from declean.tracing.events import _Event

SECRET_VARIABLES = ("DECLEAN_API_KEY", "OPENAI_API_KEY", "LANGSMITH_API_KEY", "LANGCHAIN_API_KEY")
_KEY_SHAPED = re.compile(r"\b(sk|lsv2|pk)[-_][A-Za-z0-9_\-]{16,}")
_KEY_STARTS = tuple(f"{prefix}{separator}" for prefix in ("sk", "lsv2", "pk") for separator in "-_")
"""What every match of ``_KEY_SHAPED`` contains: a line without any of them is not searched (a quarter of
the regular expression's time on trace lines)."""
REDACTED = "[REDACTED]"


class TraceWriter:
    """Appends events to one JSONL file; safe to share between the threads of one run."""

    def __init__(self, path: Path, run_id: str) -> None:
        self.path = path
        self.run_id = run_id
        self._lock = threading.Lock()
        self._seq = itertools.count()
        self._file: IO[str] | None = None
        self._logger: Any = None
        self._file_was_opened = False
        self.listeners: list[Callable[[_Event], None]] = []
        """Called with every event after it is written (progress displays, counters)."""

    @property
    def active(self) -> bool:
        """Whether an emitted event goes anywhere; a caller may skip building the fields of one that
        would not (a node's summary of the state, a tool's result as JSON)."""
        return True

    def emit(self, event_type: type[_Event], **fields: Any) -> None:
        """Validate and write one event of ``event_type``, then tell the listeners."""
        with self._lock:
            logger = self._structlog()
            event = event_type(ts=time.time(), run_id=self.run_id, seq=next(self._seq), **fields)
            logger.msg(event.to_json())
        for listener in self.listeners:
            listener(event)

    def relay(self, events: Iterable[_Event]) -> None:
        """Write events made by another process of this run (a cluster worker's), in their order, numbered
        in this file; their time and ``host`` are kept. Then tell the listeners."""
        written = []
        with self._lock:
            logger = self._structlog()
            for made in events:
                event = made.model_copy(update={"seq": next(self._seq), "run_id": self.run_id})
                logger.msg(event.to_json())
                written.append(event)
        for event in written:
            for listener in self.listeners:
                listener(event)

    def close(self) -> None:
        """Close the file; later events reopen it in append mode."""
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None
                self._logger = None

    def _structlog(self) -> Any:
        if self._logger is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._continue_existing()
            self._file = self.path.open("a", encoding="utf-8")
            self._file_was_opened = True
            # Bound once: the lazy proxy wrap_logger returns would build the logger again for every
            # event (a third of an event's cost).
            self._logger = structlog.wrap_logger(
                structlog.WriteLogger(self._file),
                processors=[_render_redacted],
                wrapper_class=structlog.BoundLogger,
                cache_logger_on_first_use=False,
            ).bind()
        return self._logger

    def _continue_existing(self) -> None:
        """Appending to a trace (a resumed run): cut off a line a crash left half-written, go on numbering."""
        if not self.path.exists() or self.path.stat().st_size == 0 or self._file_was_opened:
            return
        with self.path.open("r+b") as handle:
            data = handle.read()
            complete = data.rfind(b"\n") + 1
            if complete < len(data):
                handle.truncate(complete)
        self._seq = itertools.count(data.count(b"\n", 0, complete))


class CollectingTraceWriter(TraceWriter):
    """Keeps events in memory, stamped with ``host``, for a driver to :meth:`TraceWriter.relay`: a cluster
    worker's writer. Events go to the list in :attr:`collecting` of the task that made them (a contextvar,
    inherited by the tasks and threads the work starts), so the problems a worker runs at once each hand
    back their own events. Events made outside any list are dropped."""

    collecting: ClassVar[ContextVar[list[_Event] | None]] = ContextVar("declean_trace_events", default=None)

    def __init__(self, run_id: str, host: str) -> None:
        super().__init__(Path(os.devnull), run_id=run_id)
        self.host = host

    def emit(self, event_type: type[_Event], **fields: Any) -> None:
        """Keep the event (numbered by the driver later); listeners hear of it at once."""
        event = event_type(ts=time.time(), run_id=self.run_id, seq=0, host=self.host, **fields)
        events = self.collecting.get()
        if events is not None:
            events.append(event)
        for listener in self.listeners:
            listener(event)


class NullTraceWriter(TraceWriter):
    """Discards every event (``Context(trace_dir=None)``)."""

    def __init__(self) -> None:
        super().__init__(Path(os.devnull), run_id="none")

    @property
    def active(self) -> bool:
        """Only while someone listens."""
        return bool(self.listeners)

    def emit(self, event_type: type[_Event], **fields: Any) -> None:
        """Nothing is written; listeners still hear of the event (none: it is not even built)."""
        if not self.listeners:
            return
        event = event_type(ts=time.time(), run_id=self.run_id, seq=0, **fields)
        for listener in self.listeners:
            listener(event)


def _render_redacted(_logger: Any, _method: str, event_dict: MutableMapping[str, Any]) -> str:
    return redact(str(event_dict["event"]))


def redact(text: str) -> str:
    """Remove secret values known from the environment and anything shaped like an API key."""
    for name in SECRET_VARIABLES:
        secret = os.environ.get(name)
        if secret and len(secret) >= 8:
            text = text.replace(secret, REDACTED)
    if not any(start in text for start in _KEY_STARTS):
        return text
    return _KEY_SHAPED.sub(REDACTED, text)
