"""The trace schema: one JSON object per line, shared by the writer and every reader.

Every event carries the envelope (``v``, ``event``, ``ts``, ``run_id``, ``seq`` and, inside a sample,
``problem_id`` and ``sample_index``); the rest depends on ``event``. ``traces/README.md`` documents it.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

TRACE_VERSION = 2
"""Bumped on any change a reader must know about (2: node events name programs and samples, not copy them)."""


NAME_DIGITS = 16
"""Hex digits of a SHA-256 naming a text in a trace: 64 bits, unambiguous within any run."""


def text_sha256(text: str) -> str:
    """The first :data:`NAME_DIGITS` hex digits of the SHA-256 of a text (UTF-8): how traces name a
    program or an output they do not copy."""
    return hashlib.sha256(text.encode()).hexdigest()[:NAME_DIGITS]


def code_reference(code: str) -> dict[str, Any]:
    """A program named by its hash (``code_sha256``), with its size so a reader sees what changed."""
    return {"code_sha256": text_sha256(code), "lines": code.count("\n") + 1, "chars": len(code)}


class _Event(BaseModel):
    model_config = ConfigDict(use_attribute_docstrings=True)

    v: int = TRACE_VERSION
    """Trace format version."""
    ts: float
    """Unix time of the event."""
    run_id: str
    """The run this event belongs to."""
    seq: int
    """Position in the file, from 0: the order events were written."""
    problem_id: str | None = None
    """The problem being worked on, when inside one."""
    sample_index: int | None = None
    """The generation index of the sample being worked on, when inside one."""
    host: str | None = None
    """The cluster node the event was made on (``--executor ray``; ``host/node-id``); left out of the line
    when the run is local."""

    def to_json(self) -> str:
        """The event's line (without ``host`` when it is unset, so local traces do not grow)."""
        return self.model_dump_json(exclude=_LOCAL if self.host is None else None)

    def as_written(self) -> dict[str, Any]:
        """The event as :meth:`to_json` writes it, as a dict."""
        return self.model_dump(mode="json", exclude=_LOCAL if self.host is None else None)


_LOCAL = {"host"}


class RunStart(_Event):
    event: Literal["run_start"] = "run_start"
    settings: dict[str, Any]
    """The run's settings: models (names only, never keys), sandbox, principles, limits."""


class RunEnd(_Event):
    event: Literal["run_end"] = "run_end"
    accepted: int
    rejected: dict[str, int]
    """Rejection counts by reason."""
    duration_seconds: float
    usage: dict[str, Any] = Field(default_factory=dict)
    """Token accounting of the whole run (``declean.models.usage.RunUsage``): per role, per node, cost."""


class NodeStart(_Event):
    event: Literal["node_start"] = "node_start"
    node: str
    inputs: dict[str, Any]
    """What the node works on: the stage, the principle, the attempt count, the candidate by its hash
    (:mod:`declean.graphs.brief`)."""


class NodeEnd(_Event):
    event: Literal["node_end"] = "node_end"
    node: str
    outputs: dict[str, Any]
    duration_seconds: float


class ModelCall(_Event):
    event: Literal["model_call"] = "model_call"
    role: str
    model: str
    node: str | None = None
    """The graph node that made the call (``generate``, ``fix``, ``declean``, ``judge``)."""
    messages: list[dict[str, str]]
    """``{"role": ..., "content": ...}`` for every message sent."""
    reply: str | None
    """The raw reply text; ``None`` when the call failed."""
    error: str | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    latency_seconds: float
    cached: bool = False
    """Answered from the model-call cache: nothing was sent and nothing paid (tokens are the original's)."""
    retries: list[str] = Field(default_factory=list)
    """The errors of earlier attempts that were retried (rate limits, server errors, timeouts)."""


class ToolCall(_Event):
    event: Literal["tool_call"] = "tool_call"
    tool: str
    """``compile`` or ``run``."""
    backend: str
    inputs: dict[str, Any]
    result: dict[str, Any]
    duration_seconds: float


class Route(_Event):
    event: Literal["route"] = "route"
    node: str
    goto: str
    reason: str


class SampleAccepted(_Event):
    event: Literal["sample_accepted"] = "sample_accepted"
    sample: dict[str, Any]


class SampleRejected(_Event):
    event: Literal["sample_rejected"] = "sample_rejected"
    rejection: dict[str, Any]


class ErrorEvent(_Event):
    event: Literal["error"] = "error"
    node: str | None
    error: str


TraceEvent = Annotated[
    RunStart
    | RunEnd
    | NodeStart
    | NodeEnd
    | ModelCall
    | ToolCall
    | Route
    | SampleAccepted
    | SampleRejected
    | ErrorEvent,
    Field(discriminator="event"),
]
"""Any event, told apart by its ``event`` field."""
