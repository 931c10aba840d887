r"""Test doubles for code that embeds declean: fake chat models, fault injection, sandbox wrappers.

Like ``httpx.MockTransport`` or ``structlog.testing``, these are public and supported, so an application
embedding the graph can test itself against them. Nothing here needs pytest.

Models (real :class:`~langchain_core.language_models.BaseChatModel` subclasses; ``invoke`` and
``ainvoke`` both work):

- :class:`ScriptedChatModel` replies from a script of (marker the prompt must contain, reply or
  exception); an unforeseen call raises :class:`UnexpectedModelCallError`, and
  :meth:`~ScriptedChatModel.check_finished` lists what went wrong. :data:`GENERATOR`, :data:`FIXER`,
  :data:`JUDGE`, :data:`DECLEAN` (per principle), :data:`DETECT` and :data:`HYBRID` are the prompt
  markers; :func:`fenced` shapes a reply like a real model's.
- :class:`RespondingChatModel` answers by a function of the messages after a latency, counting calls and
  the peak in flight.
- :class:`FaultInjectingChatModel` wraps either and injects ``rate_limit``, ``server_error``, ``timeout``,
  ``connection`` (real ``openai`` exceptions), ``empty``, ``garbage`` or ``unfenced`` replies from a
  deterministic plan.

Sandboxes (each wraps a real one and is a :class:`~declean.sandbox.base.Sandbox`):
:class:`RecordingSandbox` counts and times calls (optionally into a :class:`ResultTable`),
:class:`FailingSandbox` raises when compiling a poisoned source, :class:`ReplaySandbox` answers from a
table after a fixed latency; :class:`SandboxWrapper` is their base.

Example::

    from declean import Context, Problem, build_graph
    from declean.sandbox.local import LocalSandbox
    from declean.testing import GENERATOR, RecordingSandbox, ScriptedChatModel, fenced

    code = '#include <stdio.h>\nint main(void) { puts("hi"); return 0; }'
    model = ScriptedChatModel(script=[(GENERATOR, fenced(code))])
    with LocalSandbox() as real:
        sandbox = RecordingSandbox(real)
        context = Context(llm=model, sandbox=sandbox, principles=[])
        out = build_graph().invoke({"problem": Problem(id="p", statement="Print hi.")}, context=context)
    assert not model.check_finished(), model.check_finished()
    assert out["samples"][0].outputs == ["hi\n"] and sandbox.compiles == sandbox.runs == 1
"""

from declean.testing.faults import (
    ERROR_FAULTS,
    FAULT_ALIASES,
    FAULT_KINDS,
    GARBAGE_REPLY,
    FaultInjectingChatModel,
    FaultKind,
    fault_error,
    without_fences,
)
from declean.testing.flight import InFlight
from declean.testing.models import (
    DECLEAN,
    DETECT,
    FIXER,
    GENERATOR,
    HYBRID,
    JUDGE,
    Responder,
    RespondingChatModel,
    ScriptedChatModel,
    ScriptedFailureError,
    UnexpectedModelCallError,
    fenced,
)
from declean.testing.sandboxes import (
    FailingSandbox,
    RecordingSandbox,
    ReplaySandbox,
    ResultTable,
    SandboxWrapper,
)

__all__ = [
    "DECLEAN",
    "DETECT",
    "ERROR_FAULTS",
    "FAULT_ALIASES",
    "FAULT_KINDS",
    "FIXER",
    "GARBAGE_REPLY",
    "GENERATOR",
    "HYBRID",
    "JUDGE",
    "FailingSandbox",
    "FaultInjectingChatModel",
    "FaultKind",
    "InFlight",
    "RecordingSandbox",
    "ReplaySandbox",
    "Responder",
    "RespondingChatModel",
    "ResultTable",
    "SandboxWrapper",
    "ScriptedChatModel",
    "ScriptedFailureError",
    "UnexpectedModelCallError",
    "fault_error",
    "fenced",
    "without_fences",
]
