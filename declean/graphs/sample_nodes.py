"""The nodes of one sample's life: generate, compile, fix, run, accept the clean version, de-clean, judge.

Every node returns ``Command[Literal[...]]`` naming where it may go, so the routes are explicit in code and
in the drawn graph; every decision goes through :func:`route`, which writes its reason to the trace.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from langgraph.graph import END
from langgraph.runtime import Runtime
from langgraph.types import Command

from declean.agents import decleaner, fixer, generator, judge
from declean.errors import ReplyParseError
from declean.graphs.calls import (
    ModelCallError,
    call_model,
    compile_code,
    route,
    run_program,
    traced_node,
    where,
)
from declean.graphs.context import Context
from declean.graphs.state import SampleState
from declean.samples import Principle, Rejection, RejectionReason, Sample, Step, Verdict
from declean.tools.compare import compare_outputs
from declean.tools.compiler import render_compile_report, render_run_report
from declean.tracing.events import SampleAccepted, SampleRejected


def sample_id(problem_id: str, sample_index: int, labels: list[Principle]) -> str:
    """``vec_add/s0/clean``, ``vec_add/s0/DRY+SRP``: deterministic and unique within a run."""
    return f"{problem_id}/s{sample_index}/{'+'.join(labels) or 'clean'}"


@traced_node("generate")
def generate(state: SampleState, runtime: Runtime[Context]) -> Command[Literal["compile", "__end__"]]:
    """The problem's own solution, or a fresh one from the generator model."""
    problem = state["problem"]
    start = {"stage": "clean", "principle": None, "fix_attempts": 0}
    if problem.solution is not None:
        return route(
            runtime,
            state,
            "generate",
            "compile",
            "problem gives its solution: generation skipped",
            candidate=problem.solution,
            made_by="given",
            prompt_hashes={},
            **start,
        )
    messages = generator.build_messages(problem.statement)
    try:
        reply = call_model(runtime, state, "generator", messages, temperature=runtime.context.temperature)
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
        "compile",
        "generator wrote a program",
        candidate=code,
        made_by="generator",
        prompt_hashes=hashes,
        **start,
    )


@traced_node("compile")
def compile_node(
    state: SampleState, runtime: Runtime[Context]
) -> Command[Literal["run", "fix", "declean", "__end__"]]:
    """Compile the candidate; errors go to the fixer while attempts remain."""
    result = compile_code(runtime, state, state["candidate"])
    if result.ok:
        return route(runtime, state, "compile", "run", "compiled", program=result.program)
    return fix_or_give_up(runtime, state, "compile", render_compile_report(result), result.failure_reason())


@traced_node("run")
def run_node(
    state: SampleState, runtime: Runtime[Context]
) -> Command[Literal["accept_clean", "judge", "fix", "declean", "__end__"]]:
    """Run every stdin case; a crash, timeout or non-zero exit goes to the fixer like a compile error."""
    program = state["program"]
    assert program is not None
    cases = state["problem"].stdin
    runs = [run_program(runtime, state, program, stdin) for stdin in cases]
    failing = [(index, run) for index, run in enumerate(runs) if not run.ok]
    if failing:
        report = "\n\n".join(render_run_report(index, cases[index], run) for index, run in failing)
        index, run = failing[0]
        return fix_or_give_up(runtime, state, "run", report, f"stdin case {index}: {run.failure_reason()}")
    outputs = [run.stdout for run in runs]
    if state["stage"] == "clean":
        return route(runtime, state, "run", "accept_clean", "every case ran", outputs=outputs, program=None)
    return route(runtime, state, "run", "judge", "every case ran", outputs=outputs, program=None)


@traced_node("fix")
def fix(
    state: SampleState, runtime: Runtime[Context]
) -> Command[Literal["compile", "fix", "declean", "__end__"]]:
    """Ask the fixer for a repaired candidate; a reply without code spends an attempt too."""
    attempts = state.get("fix_attempts", 0) + 1
    messages = fixer.build_messages(state["problem"].statement, state["candidate"], state["failure"])
    hashes = {**state.get("prompt_hashes", {}), fixer.PROMPT_NAME: fixer.prompt().short_hash}
    try:
        code = fixer.parse(call_model(runtime, state, "fixer", messages))
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
        "compile",
        f"fixer returned attempt {attempts}",
        candidate=code,
        fix_attempts=attempts,
        prompt_hashes=hashes,
    )


@traced_node("accept_clean")
def accept_clean(state: SampleState, runtime: Runtime[Context]) -> Command[Literal["declean", "__end__"]]:
    """The clean version is the first accepted sample and its outputs become the reference."""
    problem = state["problem"]
    step = Step(
        made_by=state["made_by"],
        strategy="given" if state["made_by"] == "given" else "llm",
        fix_attempts=state.get("fix_attempts", 0),
    )
    sample = new_sample(state, labels=[], parent=None, step=step)
    record_accepted(runtime, state, sample)
    remaining = list(runtime.context.principles)
    update = {"current": sample, "reference": state["outputs"], "remaining": remaining, "samples": [sample]}
    if not remaining:
        return route(runtime, state, "accept_clean", END, "no principles configured", **update)
    return route(
        runtime, state, "accept_clean", "declean", f"clean sample of {problem.id} accepted", **update
    )


@traced_node("declean")
def declean(
    state: SampleState, runtime: Runtime[Context]
) -> Command[Literal["compile", "declean", "__end__"]]:
    """The next principle's agent rewrites the last accepted code to violate that principle only."""
    principle, *remaining = state["remaining"]
    base = state["current"]
    start = {"stage": "declean", "principle": principle, "remaining": remaining, "fix_attempts": 0}
    working = SampleState(**{**state, **start})  # type: ignore[typeddict-item]
    try:
        reply = call_model(runtime, working, "declean", decleaner.build_messages(principle, base.code))
        code = decleaner.parse(reply)
    except ModelCallError as error:
        return reject(runtime, working, "declean", "model_error", str(error), code=None, update=start)
    except ReplyParseError as error:
        return reject(
            runtime,
            working,
            "declean",
            "unparseable_reply",
            str(error),
            code=None,
            raw=error.raw,
            update=start,
        )
    if decleaner.is_unchanged(base.code, code):
        detail = f"the {principle} rewrite only echoed its input"
        return reject(runtime, working, "declean", "unchanged", detail, code=code, update=start)
    name = decleaner.prompt_name(principle)
    hashes = {**base.prompt_hashes, name: decleaner.prompt(principle).short_hash}
    return route(
        runtime,
        working,
        "declean",
        "compile",
        f"{principle} rewrite received",
        candidate=code,
        made_by="declean",
        prompt_hashes=hashes,
        **start,
    )


@traced_node("judge")
def judge_node(state: SampleState, runtime: Runtime[Context]) -> Command[Literal["declean", "__end__"]]:
    """Accept a rewrite whose outputs match the reference; beyond whitespace, the policy decides."""
    reference, outputs = state["reference"], state["outputs"]
    fast = compare_outputs(reference, outputs)
    if fast is not None:
        return accept_rewrite(runtime, state, fast, f"outputs match ({fast})")
    first = next(i for i, (want, got) in enumerate(zip(reference, outputs, strict=True)) if want != got)
    mismatch = f"stdin case {first}: expected {reference[first]!r}, got {outputs[first]!r}"
    if runtime.context.judge_policy == "strict":
        return reject(runtime, state, "judge", "output_mismatch", mismatch, code=state["candidate"])
    problem = state["problem"]
    messages = judge.build_messages(problem.statement, problem.stdin, reference, outputs)
    try:
        verdict = judge.parse(call_model(runtime, state, "judge", messages))
    except ModelCallError as error:
        return reject(runtime, state, "judge", "model_error", str(error), code=state["candidate"])
    except ReplyParseError as error:
        return reject(
            runtime, state, "judge", "judge_unparseable", str(error), code=state["candidate"], raw=error.raw
        )
    if not verdict.equivalent:
        detail = f"{mismatch}; judge: {verdict.reason}"
        return reject(runtime, state, "judge", "judge_rejected", detail, code=state["candidate"])
    return accept_rewrite(runtime, state, "llm", f"judge model: equivalent ({verdict.reason})")


def accept_rewrite(
    runtime: Runtime[Context], state: SampleState, verdict: Verdict, reason: str
) -> Command[Any]:
    """A new sample labelled with the previous labels plus this principle; the chain goes on from it."""
    base, principle = state["current"], state["principle"]
    assert principle is not None
    step = Step(
        made_by="declean", principle=principle, fix_attempts=state.get("fix_attempts", 0), verdict=verdict
    )
    sample = new_sample(state, labels=[*base.labels, principle], parent=base, step=step)
    record_accepted(runtime, state, sample)
    goto = "declean" if state["remaining"] else END
    return route(runtime, state, "judge", goto, reason, current=sample, samples=[sample])


def fix_or_give_up(
    runtime: Runtime[Context], state: SampleState, node: str, report: str, reason: str | None
) -> Command[Any]:
    """To the fixer while attempts remain; otherwise the candidate is abandoned with its last failure."""
    attempts, limit = state.get("fix_attempts", 0), runtime.context.max_fix_attempts
    if attempts < limit:
        return route(
            runtime, state, node, "fix", f"{reason}; fix attempt {attempts + 1} of {limit}", failure=report
        )
    detail = f"{reason or 'failed'} (after {attempts} fix attempts)"
    return reject(runtime, state, node, "fixes_exhausted", detail, code=state["candidate"])


def reject(
    runtime: Runtime[Context],
    state: SampleState,
    node: str,
    reason: RejectionReason,
    detail: str,
    *,
    code: str | None,
    raw: str | None = None,
    update: Mapping[str, object] | None = None,
) -> Command[Any]:
    """Record the rejection; a clean-stage failure ends the sample, a de-clean one goes on by policy."""
    stage = state.get("stage", "clean")
    principle = state.get("principle") if stage == "declean" else None
    labels = [*state["current"].labels, principle] if stage == "declean" and principle else []
    rejection = Rejection(
        problem_id=state["problem"].id,
        sample_index=state["sample_index"],
        sample_id=sample_id(state["problem"].id, state["sample_index"], labels),
        stage=stage,
        principle=principle,
        reason=reason,
        detail=detail,
        code=code,
        raw_reply=raw,
    )
    runtime.context.trace.emit(SampleRejected, rejection=rejection.model_dump(mode="json"), **where(state))
    goes_on = stage == "declean" and runtime.context.on_rejection == "continue" and state.get("remaining")
    goto = "declean" if goes_on else END
    why = f"rejected ({reason}): {detail}" + ("; continuing from the last accepted code" if goes_on else "")
    return route(runtime, state, node, goto, why, rejections=[rejection], program=None, **(update or {}))


def new_sample(state: SampleState, *, labels: list[Principle], parent: Sample | None, step: Step) -> Sample:
    """The accepted candidate as a :class:`Sample`."""
    problem = state["problem"]
    return Sample(
        id=sample_id(problem.id, state["sample_index"], labels),
        problem_id=problem.id,
        sample_index=state["sample_index"],
        statement=problem.statement,
        labels=labels,
        code=state["candidate"],
        parent_id=parent.id if parent else None,
        stdin=list(problem.stdin),
        outputs=state["outputs"],
        lineage=[*(parent.lineage if parent else []), step],
        prompt_hashes=state.get("prompt_hashes", {}),
        fix_attempts=step.fix_attempts,
    )


def record_accepted(runtime: Runtime[Context], state: SampleState, sample: Sample) -> None:
    """Write the accepted sample to the trace."""
    runtime.context.trace.emit(SampleAccepted, sample=sample.model_dump(mode="json"), **where(state))
