"""The nodes that make a working program: generate it (or take the problem's solution), compile it, run it,
and send failures to the fixer. The nodes that decide labels are in :mod:`declean.graphs.label_nodes`.

Every node returns ``Command[Literal[...]]`` naming where it may go, so the routes are explicit in code and
in the drawn graph; every decision goes through :func:`route`, which writes its reason to the trace.
"""

from __future__ import annotations

from typing import Any, Literal

from langgraph.runtime import Runtime
from langgraph.types import Command

from declean.agents import fixer, generator
from declean.errors import ReplyParseError
from declean.graphs.calls import (
    CallWithdrawnError,
    ModelCallError,
    call_model,
    compile_code,
    route,
    run_cases,
    traced_node,
)
from declean.graphs.context import Context
from declean.graphs.fix_policy import GIVEN_UP_AS, FailureStage, Standing
from declean.graphs.outcomes import fix_or_give_up, reject
from declean.graphs.state import SampleState
from declean.tools.compare import code_diff
from declean.tools.compiler import render_compile_report, render_failed_runs


def is_transform_output(state: SampleState) -> bool:
    """The candidate is a procedural transform's output, which no model may be asked to repair or judge."""
    return state.get("stage") == "declean" and state.get("strategy") == "procedural"


def transform_error(
    runtime: Runtime[Context], state: SampleState, node: str, what: str, report: str
) -> Command[Any]:
    """A transform's output that does not compile, run or print the same: a transform bug, recorded with
    the diff; no model is asked to repair it."""
    diff = code_diff(state["current"].code, state["candidate"])
    detail = (
        f"the {state.get('principle')} transform's output {what}:\n{report}\n\ndiff from its base:\n{diff}"
    )
    return reject(runtime, state, node, "transform_error", detail, code=state["candidate"])


@traced_node("generate")
async def generate(
    state: SampleState, runtime: Runtime[Context]
) -> Command[Literal["compile_and_run", "__end__"]]:
    """The problem's own solution, or a fresh one from the generator model."""
    problem = state["problem"]
    start: dict[str, Any] = {
        "stage": "clean",
        "principle": None,
        "fix_attempts": 0,
        "standing": None,
        "locations": [],
        "step_start": len(state.get("calls", [])),
    }
    if problem.solution is not None:
        return route(
            runtime,
            state,
            "generate",
            "compile_and_run",
            "problem gives its solution: generation skipped",
            candidate=problem.solution,
            made_by="given",
            strategy="given",
            prompt_hashes={},
            **start,
        )
    messages = generator.build_messages(problem.statement)
    try:
        reply = await call_model(
            runtime,
            state,
            "generate",
            "generator",
            messages,
            temperature=runtime.context.generator_temperature(state["sample_index"]),
        )
        code = generator.parse(reply)
    except ModelCallError as error:
        return reject(runtime, state, "generate", "model_error", str(error), code=None)
    except ReplyParseError as error:
        return reject(runtime, state, "generate", "unparseable_reply", str(error), code=None, raw=error.raw)
    hashes = {generator.PROMPT_NAME: generator.prompt().short_hash}
    return route(
        runtime,
        state,
        "generate",
        "compile_and_run",
        "generator wrote a program",
        candidate=code,
        made_by="generator",
        strategy="llm",
        prompt_hashes=hashes,
        **start,
    )


@traced_node("compile_and_run")
async def compile_and_run(
    state: SampleState, runtime: Runtime[Context]
) -> Command[Literal["check", "judge", "fix", "declean", "__end__"]]:
    """Compile the candidate, then run every stdin case (at once, as far as the in-flight limit allows);
    a compile error, crash, timeout or non-zero exit goes to the fixer while attempts remain. One node,
    so one graph step fewer per version; the trace keeps the compile and each run as tool calls."""
    node = "compile_and_run"
    compiled = await compile_code(runtime, state, state["candidate"])
    if not compiled.ok or compiled.program is None:
        report = render_compile_report(compiled)
        if is_transform_output(state):
            return transform_error(runtime, state, node, "does not compile", report)
        standing = Standing(stage=FailureStage.COMPILE, failures=max(1, len(compiled.errors)))
        return fix_or_give_up(runtime, state, node, report, compiled.failure_reason(), standing=standing)
    cases = state["problem"].stdin
    runs = await run_cases(runtime, state, compiled.program, cases)
    failing = [(index, run) for index, run in enumerate(runs) if not run.ok]
    if failing:
        report = render_failed_runs(cases, runs)
        if is_transform_output(state):
            return transform_error(runtime, state, node, "fails to run", report)
        index, run = failing[0]
        standing = Standing(stage=FailureStage.RUN, failures=len(failing))
        return fix_or_give_up(
            runtime, state, node, report, f"stdin case {index}: {run.failure_reason()}", standing=standing
        )
    outputs = [run.stdout for run in runs]
    goto = "check" if state["stage"] == "clean" else "judge"
    return route(runtime, state, node, goto, "compiled; every case ran", outputs=outputs)


@traced_node("fix")
async def fix(
    state: SampleState, runtime: Runtime[Context]
) -> Command[Literal["compile_and_run", "fix", "declean", "__end__"]]:
    """Ask the fixer for a repaired candidate (or, for an unclean clean candidate, for its violations
    removed); a reply without code spends an attempt too."""
    attempts = state.get("fix_attempts", 0) + 1
    statement, candidate, failure = state["problem"].statement, state["candidate"], state["failure"]
    context, standing = runtime.context, state.get("standing")

    def still_wanted() -> str | None:
        """The run may have learnt, while this call waited for the model, that fixes of its kind never pay."""
        if standing is None or context.fix_policy != "progress" or context.fix_ledger.pays(standing.stage):
            return None
        return f"{context.fix_ledger.summary(standing.stage)} in this run, so the fixer is not asked again"

    if state.get("repair_pending"):
        messages = fixer.build_repair_messages(statement, candidate, failure)
        template = fixer.repair_prompt()
    else:
        messages = fixer.build_messages(statement, candidate, failure)
        template = fixer.prompt()
    hashes = {**state.get("prompt_hashes", {}), template.name: template.short_hash}
    try:
        code = fixer.parse(
            await call_model(runtime, state, "fix", "fixer", messages, still_wanted=still_wanted)
        )
    except CallWithdrawnError as withdrawn:
        assert standing is not None
        detail = f"{withdrawn}:\n{failure}"
        return reject(runtime, state, "fix", GIVEN_UP_AS[standing.stage], detail, code=candidate)
    except ModelCallError as error:
        return reject(runtime, state, "fix", "model_error", str(error), code=state["candidate"])
    except ReplyParseError as error:
        if attempts < runtime.context.max_fix_attempts:
            return route(
                runtime,
                state,
                "fix",
                "fix",
                f"fixer reply had no code ({error}); asking again",
                fix_attempts=attempts,
                prompt_hashes=hashes,
            )
        return reject(
            runtime, state, "fix", "unparseable_reply", str(error), code=state["candidate"], raw=error.raw
        )
    return route(
        runtime,
        state,
        "fix",
        "compile_and_run",
        f"fixer returned attempt {attempts}",
        candidate=code,
        fix_attempts=attempts,
        prompt_hashes=hashes,
        repair_pending=False,
    )
