"""Traces: every step of a run as versioned JSON lines (schema in :mod:`declean.tracing.events`)."""

from declean.tracing.events import TRACE_VERSION, TraceEvent
from declean.tracing.writer import NullTraceWriter, TraceWriter

__all__ = ["TRACE_VERSION", "NullTraceWriter", "TraceEvent", "TraceWriter"]
