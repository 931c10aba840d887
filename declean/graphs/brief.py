"""How node boundaries name the graph state in the trace instead of copying it.

A ``node_start`` or ``node_end`` event that copied the state would repeat every program several times (the
candidate, the sample it came from, each planned step's base) and every report (the last failure stays in
the state long after the fixer saw it), which made traces 26-30 KB per sample. The full texts are in the
events that decide about them: a program in ``sample_accepted`` or ``sample_rejected``, in a ``compile``
that failed and in the model call that wrote it; a failure report in the fixer's model call; outputs in
the ``run`` tool calls. Node events name them: a program by the hash of its text (:func:`code_reference`,
which a reader matches against those events), a report by its first line and size, outputs by hash, a
sample by its id (``vec_add/s0/DRY``, whose labels its ``sample_accepted`` holds), a planned step as
``SRP from vec_add/s0/DRY``, a rejection by its reason, a transform's locations by function and lines,
the model calls a node made by their number (each is a ``model_call`` event).
"""

from __future__ import annotations

from typing import Any

from declean.graphs.plan import PlannedStep
from declean.models.identity import jsonable
from declean.samples import Rejection, Sample
from declean.sandbox.results import CompiledProgram
from declean.tools.transforms.base import Location
from declean.tracing.events import NAME_DIGITS, code_reference, text_sha256

CODE_KEYS = frozenset({"candidate", "code"})
"""State keys whose string value is a program."""
REPORT_KEYS = frozenset({"failure"})
"""State keys whose string value is a report a model was shown."""
OUTPUT_KEYS = frozenset({"outputs", "reference", "unrepaired_outputs"})
"""State keys holding a program's outputs, one string per stdin case."""


def brief(value: Any, key: str | None = None) -> Any:
    """A JSON value standing for ``value`` (found under ``key``) in a node event."""
    if isinstance(value, str) and key in CODE_KEYS:
        return code_reference(value)
    if isinstance(value, str) and key in REPORT_KEYS:
        return {"first_line": value.split("\n", 1)[0][:200], "chars": len(value)}
    if isinstance(value, str) and key in OUTPUT_KEYS:
        return {"sha256": text_sha256(value), "chars": len(value)}
    if isinstance(value, Sample):
        return value.id
    if isinstance(value, PlannedStep):
        return f"{value.principle} from {value.base.id}"
    if isinstance(value, Rejection):
        return {"sample_id": value.sample_id, "reason": value.reason, "principle": value.principle}
    if isinstance(value, CompiledProgram):
        return {"program_sha256": value.sha256[:NAME_DIGITS]}
    if isinstance(value, Location):
        return f"{value.function or '(file scope)'} lines {value.start_line}-{value.end_line}"
    if key == "calls" and isinstance(value, list):
        return {"model_calls": len(value)}
    if isinstance(value, dict):
        return {str(name): brief(item, str(name)) for name, item in value.items()}
    if isinstance(value, list | tuple):
        return [brief(item, key) for item in value]
    return jsonable(value)
