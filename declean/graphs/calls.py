"""The graph's I/O, each call written to the trace: model calls, sandbox calls, routes, node boundaries."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import time
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AsyncExitStack
from contextvars import ContextVar
from typing import Any, TypeVar

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.runnables import RunnableConfig, ensure_config
from langchain_core.runnables.config import merge_configs
from langgraph.runtime import Runtime
from langgraph.types import Command
from pydantic import BaseModel

from declean.graphs.brief import brief
from declean.graphs.context import Context
from declean.graphs.state import SampleState
from declean.models.cache import CachedReply
from declean.models.identity import call_key, model_name
from declean.models.retry import RetriesExhaustedError, with_retries
from declean.models.usage import CallUsage
from declean.samples import Role
from declean.sandbox.base import compile_source
from declean.sandbox.results import CompileAndRunResult, CompiledProgram, CompileResult, RunResult
from declean.tools.adequacy import SANITIZE_FLAGS
from declean.tracing.events import ErrorEvent, ModelCall, NodeEnd, NodeStart, Route, ToolCall, code_reference

NodeFunction = TypeVar("NodeFunction", bound=Callable[..., Awaitable[Command[Any]]])
_NODE_INPUT_KEYS = ("stage", "principle", "fix_attempts", "candidate", "made_by")
_NODE_CALLS: ContextVar[list[CallUsage] | None] = ContextVar("declean_node_calls", default=None)


class ModelCallError(Exception):
    """The model could not be reached or answered with an error; the sample records it and goes on."""


class CallWithdrawnError(Exception):
    """The caller no longer wanted the call when its turn came (``still_wanted`` gave the reason): nothing
    was sent, nothing is traced or accounted."""


def where(state: SampleState) -> dict[str, Any]:
    """The trace envelope fields locating an event in a run."""
    return {"problem_id": state["problem"].id, "sample_index": state.get("sample_index")}


def traced_node(name: str) -> Callable[[NodeFunction], NodeFunction]:
    """Write ``node_start`` and ``node_end`` around a sample node and add its model calls to the state.

    The node's signature is kept for LangGraph; the :class:`CallUsage` of every model call the node makes
    joins its update under ``calls``, so token accounting is checkpointed with the rest of the state.
    """

    def decorate(node: NodeFunction) -> NodeFunction:
        @functools.wraps(node)
        async def wrapper(state: SampleState, runtime: Runtime[Context]) -> Command[Any]:
            trace = runtime.context.trace
            if trace.active:
                inputs = {key: brief(state[key], key) for key in _NODE_INPUT_KEYS if key in state}  # type: ignore[literal-required]
                trace.emit(NodeStart, node=name, inputs=inputs, **where(state))
            started = time.monotonic()
            calls: list[CallUsage] = []
            token = _NODE_CALLS.set(calls)
            try:
                command = await node(state, runtime)
            except Exception as error:
                trace.emit(ErrorEvent, node=name, error=f"{type(error).__name__}: {error}", **where(state))
                raise
            finally:
                _NODE_CALLS.reset(token)
            if calls:
                command = dataclasses.replace(command, update={**(command.update or {}), "calls": calls})
            if trace.active:
                outputs = {"update": brief(command.update), "goto": brief(command.goto)}
                duration = time.monotonic() - started
                trace.emit(NodeEnd, node=name, outputs=outputs, duration_seconds=duration, **where(state))
            return command

        return wrapper  # type: ignore[return-value]

    return decorate


def node_calls() -> list[CallUsage]:
    """The model calls the running node has made so far (not yet in the state)."""
    return list(_NODE_CALLS.get() or [])


def route(
    runtime: Runtime[Context], state: SampleState, node: str, goto: str, reason: str, **update: Any
) -> Command[Any]:
    """Go to ``goto`` with ``update``, writing the decision and its reason to the trace."""
    runtime.context.trace.emit(Route, node=node, goto=goto, reason=reason, **where(state))
    return Command(goto=goto, update=update)


async def call_model(
    runtime: Runtime[Context],
    state: SampleState,
    node: str,
    role: Role,
    messages: Sequence[BaseMessage],
    *,
    still_wanted: Callable[[], str | None] | None = None,
    **params: Any,
) -> str:
    """Ask the role's model; the reply text, or :class:`ModelCallError`. Traced and accounted either way.

    An identical earlier call is answered from the context's cache, which is read and written in a worker
    thread: a SQLite commit, or a round trip to a shared PostgreSQL cache, would otherwise hold up every
    problem on the event loop while it lasts. Otherwise the call waits for the rate limiter and an
    in-flight slot, and transient failures are retried by the context's policy. Once the slot is free,
    ``still_wanted`` is asked: a reason not to make the call after all (the run learnt something while the
    call waited behind others) raises :class:`CallWithdrawnError`.
    """
    context = runtime.context
    model = context.model_for(role)
    name = model_name(model)
    working: list[float] = []
    cache = context.cache
    key = None
    if cache is not None:
        slot = f"{node}:{state.get('principle')}:{state.get('fix_attempts', 0)}"
        key = call_key(model, params, messages, sample_index=state.get("sample_index"), slot=slot)
    cached = await asyncio.to_thread(cache.get, key) if cache is not None and key is not None else None
    reply, error = cached, None
    retries: list[str] = []
    if cached is None:
        try:
            config = run_config(state, node, role)
            reply, retries = await with_retries(
                lambda: _ask(
                    context,
                    model,
                    messages,
                    params,
                    config=config,
                    working=working,
                    still_wanted=still_wanted,
                ),
                context.retry,
            )
        except RetriesExhaustedError as failure:
            if isinstance(failure.__cause__, CallWithdrawnError):
                raise failure.__cause__ from None
            retries, error = failure.errors[:-1], str(failure)
        if reply is not None and cache is not None and key is not None:
            await asyncio.to_thread(cache.put, key, reply)
    calls = _NODE_CALLS.get()
    if calls is not None:
        calls.append(
            CallUsage(
                role=role,
                node=node,
                model=name,
                input_tokens=reply.input_tokens if reply else 0,
                output_tokens=reply.output_tokens if reply else 0,
                cached=cached is not None,
                failed=reply is None,
            )
        )
    context.trace.emit(
        ModelCall,
        role=role,
        model=name,
        node=node,
        messages=[{"role": message.type, "content": message.text} for message in messages],
        reply=reply.text if reply is not None else None,
        error=error,
        input_tokens=reply.input_tokens if reply else None,
        output_tokens=reply.output_tokens if reply else None,
        latency_seconds=sum(working),
        cached=cached is not None,
        retries=retries,
        **where(state),
    )
    if reply is None:
        raise ModelCallError(error or "no reply")
    return reply.text


def run_config(state: SampleState, node: str, role: Role) -> RunnableConfig:
    """LangSmith's view of a model call: named by role, tagged and described, so runs filter by role."""
    metadata = {
        "declean_role": role,
        "declean_node": node,
        "problem_id": state["problem"].id,
        "sample_index": state.get("sample_index"),
        "principle": state.get("principle"),
    }
    return RunnableConfig(
        run_name=f"declean.{role}", tags=["declean", f"role:{role}", f"node:{node}"], metadata=metadata
    )


async def _ask(
    context: Context,
    model: BaseChatModel,
    messages: Sequence[BaseMessage],
    params: dict[str, Any],
    *,
    config: RunnableConfig,
    working: list[float],
    still_wanted: Callable[[], str | None] | None,
) -> CachedReply:
    """One attempt; its time in flight (not waiting for a slot or the rate limiter) goes to ``working``."""
    async with AsyncExitStack() as slots:
        if context.model_slots is not None:
            await slots.enter_async_context(context.model_slots.slot())
        if context.rate_limiter is not None:
            await context.rate_limiter.aacquire(blocking=True)
        await slots.enter_async_context(context.in_flight.slot())
        reason = still_wanted() if still_wanted is not None else None
        if reason is not None:
            raise CallWithdrawnError(reason)
        started = time.monotonic()
        try:
            merged = merge_configs(ensure_config(), config)
            answer: AIMessage = await model.ainvoke(list(messages), merged, **params)
        finally:
            working.append(time.monotonic() - started)
    usage = answer.usage_metadata
    return CachedReply(
        text=answer.text,
        input_tokens=usage["input_tokens"] if usage else 0,
        output_tokens=usage["output_tokens"] if usage else 0,
    )


async def compile_code(runtime: Runtime[Context], state: SampleState, code: str) -> CompileResult:
    """Compile in the context's sandbox (in a worker thread, holding an in-flight slot); traced. The trace
    keeps the code of a failed compile (its diagnostics point into it); a program that compiled is named
    by its hash, its text being in the sample, the rejection or the fixer's prompt that follows."""
    sandbox = runtime.context.sandbox
    result, duration = await _in_sandbox(runtime, lambda: sandbox.compile(code))
    inputs = code_reference(code) if result.ok else {"code": code}
    _trace_tool(runtime, state, "compile", inputs, result=result, duration=duration)
    return result


async def run_cases(
    runtime: Runtime[Context], state: SampleState, program: CompiledProgram, cases: Sequence[str]
) -> list[RunResult]:
    """Run every stdin case at once (each in a worker thread holding its own slot, so as many run together
    as the in-flight limit allows); traced in the cases' order whichever finished first, so traces of
    the same run stay comparable."""
    done = await _runs_at_once(runtime, program, cases)
    if runtime.context.trace.active:
        program_sha256 = program.sha256  # hashes the binary on each access
        for stdin, (result, duration) in zip(cases, done, strict=True):
            inputs = {"stdin": stdin, "program_sha256": program_sha256}
            _trace_tool(runtime, state, "run", inputs, result=result, duration=duration)
    return [result for result, _ in done]


async def sanitized_run(
    runtime: Runtime[Context], state: SampleState, code: str, stdin_cases: Sequence[str]
) -> CompileAndRunResult:
    """Build ``code`` with the sanitizers, then run every stdin case at once (as :func:`run_cases`: each
    holding its own slot); traced as one ``sanitize`` tool call, its duration the seconds spent in the
    sandbox."""
    sandbox = runtime.context.sandbox
    compiled, seconds = await _in_sandbox(runtime, lambda: compile_source(sandbox, code, SANITIZE_FLAGS))
    result = CompileAndRunResult(compile=compiled)
    if compiled.program is not None and compiled.ok:
        done = await _runs_at_once(runtime, compiled.program, stdin_cases)
        result = CompileAndRunResult(compile=compiled, runs=[run for run, _ in done])
        seconds += sum(duration for _, duration in done)
    inputs = {**code_reference(code), "stdin": list(stdin_cases)}
    _trace_tool(runtime, state, "sanitize", inputs, result=result, duration=seconds)
    return result


async def _runs_at_once(
    runtime: Runtime[Context], program: CompiledProgram, cases: Sequence[str]
) -> list[tuple[RunResult, float]]:
    """Every case's run and its seconds in the sandbox, the runs started together (each holds a slot)."""
    sandbox = runtime.context.sandbox
    return await asyncio.gather(
        *(_in_sandbox(runtime, functools.partial(sandbox.run, program, stdin)) for stdin in cases)
    )


SandboxResult = TypeVar("SandboxResult", bound=BaseModel)


async def _in_sandbox(
    runtime: Runtime[Context], work: Callable[[], SandboxResult]
) -> tuple[SandboxResult, float]:
    """``work`` in a worker thread holding an in-flight slot; its result and the seconds it took (not the
    wait for a slot)."""
    async with runtime.context.in_flight.slot():
        started = time.monotonic()
        result = await asyncio.to_thread(work)
        return result, time.monotonic() - started


def _trace_tool(
    runtime: Runtime[Context],
    state: SampleState,
    tool: str,
    inputs: dict[str, Any],
    *,
    result: BaseModel,
    duration: float,
) -> None:
    if not runtime.context.trace.active:
        return
    runtime.context.trace.emit(
        ToolCall,
        tool=tool,
        backend=runtime.context.sandbox.name,
        inputs=inputs,
        result=result.model_dump(mode="json", exclude_defaults=True),
        duration_seconds=duration,
        **where(state),
    )
