"""The graph's I/O, each call written to the trace: model calls, sandbox calls, routes, node boundaries."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langgraph.runtime import Runtime
from langgraph.types import Command
from pydantic import BaseModel

from declean.graphs.context import Context
from declean.graphs.state import SampleState
from declean.samples import Role
from declean.sandbox.results import CompiledProgram, CompileResult, RunResult
from declean.tracing.events import ErrorEvent, ModelCall, NodeEnd, NodeStart, Route, ToolCall

NodeFunction = TypeVar("NodeFunction", bound=Callable[..., Command[Any]])
_NODE_INPUT_KEYS = ("stage", "principle", "fix_attempts", "candidate", "failure", "made_by")


class ModelCallError(Exception):
    """The model could not be reached or answered with an error; the sample records it and goes on."""


def where(state: SampleState) -> dict[str, Any]:
    """The trace envelope fields locating an event in a run."""
    return {"problem_id": state["problem"].id, "sample_index": state.get("sample_index")}


def traced_node(name: str) -> Callable[[NodeFunction], NodeFunction]:
    """Write ``node_start`` and ``node_end`` around a sample node (its signature is kept for LangGraph)."""

    def decorate(node: NodeFunction) -> NodeFunction:
        @functools.wraps(node)
        def wrapper(state: SampleState, runtime: Runtime[Context]) -> Command[Any]:
            trace = runtime.context.trace
            inputs = {key: jsonable(state[key]) for key in _NODE_INPUT_KEYS if key in state}  # type: ignore[literal-required]
            trace.emit(NodeStart, node=name, inputs=inputs, **where(state))
            started = time.monotonic()
            try:
                command = node(state, runtime)
            except Exception as error:
                trace.emit(ErrorEvent, node=name, error=f"{type(error).__name__}: {error}", **where(state))
                raise
            outputs = {"update": jsonable(command.update), "goto": jsonable(command.goto)}
            duration = time.monotonic() - started
            trace.emit(NodeEnd, node=name, outputs=outputs, duration_seconds=duration, **where(state))
            return command

        return wrapper  # type: ignore[return-value]

    return decorate


def route(
    runtime: Runtime[Context], state: SampleState, node: str, goto: str, reason: str, **update: Any
) -> Command[Any]:
    """Go to ``goto`` with ``update``, writing the decision and its reason to the trace."""
    runtime.context.trace.emit(Route, node=node, goto=goto, reason=reason, **where(state))
    return Command(goto=goto, update=update)


def call_model(
    runtime: Runtime[Context], state: SampleState, role: Role, messages: Sequence[BaseMessage], **params: Any
) -> str:
    """Ask the role's model; the reply text, or :class:`ModelCallError`. Traced either way."""
    model = runtime.context.model_for(role)
    started = time.monotonic()
    reply: AIMessage | None = None
    error: str | None = None
    try:
        reply = model.invoke(list(messages), **params)
    except Exception as failure:
        error = f"{type(failure).__name__}: {failure}"
    usage = reply.usage_metadata if reply is not None else None
    runtime.context.trace.emit(
        ModelCall,
        role=role,
        model=model_name(model),
        messages=[{"role": message.type, "content": message.text} for message in messages],
        reply=reply.text if reply is not None else None,
        error=error,
        input_tokens=usage["input_tokens"] if usage else None,
        output_tokens=usage["output_tokens"] if usage else None,
        latency_seconds=time.monotonic() - started,
        **where(state),
    )
    if reply is None:
        raise ModelCallError(error or "no reply")
    return reply.text


def model_name(model: BaseChatModel) -> str:
    """A model's class and name for traces; never its credentials."""
    name = getattr(model, "model_name", None) or getattr(model, "model", None)
    return f"{type(model).__name__}:{name}" if name else type(model).__name__


def compile_code(runtime: Runtime[Context], state: SampleState, code: str) -> CompileResult:
    """Compile in the context's sandbox; traced with the parsed diagnostics."""
    sandbox = runtime.context.sandbox
    started = time.monotonic()
    result = sandbox.compile(code)
    runtime.context.trace.emit(
        ToolCall,
        tool="compile",
        backend=sandbox.name,
        inputs={"code": code},
        result=result.model_dump(mode="json"),
        duration_seconds=time.monotonic() - started,
        **where(state),
    )
    return result


def run_program(
    runtime: Runtime[Context], state: SampleState, program: CompiledProgram, stdin: str
) -> RunResult:
    """Run one stdin case in the context's sandbox; traced with the whole result."""
    sandbox = runtime.context.sandbox
    started = time.monotonic()
    result = sandbox.run(program, stdin)
    runtime.context.trace.emit(
        ToolCall,
        tool="run",
        backend=sandbox.name,
        inputs={"stdin": stdin, "program_sha256": program.sha256},
        result=result.model_dump(mode="json"),
        duration_seconds=time.monotonic() - started,
        **where(state),
    )
    return result


def jsonable(value: Any) -> Any:
    """Pydantic models, LangGraph ``Send``s and containers as plain JSON values for the trace."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return repr(value)
