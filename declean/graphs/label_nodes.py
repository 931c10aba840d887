"""The nodes that decide labels: accept the clean version (measured first; the ``check`` node's last
part), make each planned de-clean step (a transform or the principle's agent), and judge a rewrite
against the clean version's outputs.

Every node returns ``Command[Literal[...]]`` naming where it may go; every decision goes through
:func:`route`, which writes its reason to the trace.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any, Literal

from langgraph.graph import END
from langgraph.runtime import Runtime
from langgraph.types import Command

from declean.agents import decleaner, fixer, judge
from declean.errors import ReplyParseError
from declean.graphs.calls import ModelCallError, call_model, route, traced_node
from declean.graphs.context import Context
from declean.graphs.fix_policy import FailureStage, Standing
from declean.graphs.outcomes import (
    accept_rewrite,
    fix_or_give_up,
    new_sample,
    record_accepted,
    record_fixed,
    reject,
)
from declean.graphs.plan import first_steps, order_for
from declean.graphs.sample_nodes import is_transform_output, transform_error
from declean.graphs.state import SampleState
from declean.principles import Principle, apply_transform
from declean.principles.verify import describe_violations, measure
from declean.samples import Step
from declean.tools.compare import compare_outputs, render_changed_outputs


async def accept_clean(
    state: SampleState, runtime: Runtime[Context]
) -> Command[Literal["declean", "fix", "__end__"]]:
    """Measure the clean version before accepting it: its violations are repaired, labelled or rejected
    (``on_unclean``); the accepted version's outputs become the reference every rewrite must match.

    The last part of the ``check`` node, once the adequacy checks found nothing: a node of its own would
    cost every sample a graph step that decides nothing the checks could not hand over."""
    problem, context = state["problem"], runtime.context
    node = "check"
    unrepaired = state.get("unrepaired_outputs")
    if unrepaired is not None and state["outputs"] != unrepaired:
        report = render_changed_outputs(problem.stdin, unrepaired, state["outputs"])
        standing = Standing(stage=FailureStage.REPAIR, failures=1)
        return fix_or_give_up(
            runtime, state, node, report, "the repair changed the output", standing=standing
        )
    evidence = measure(state["candidate"], context.watched)
    violated = evidence.violated()
    if violated and context.on_unclean == "reject":
        return reject(
            runtime,
            state,
            node,
            "not_clean",
            describe_violations(evidence),
            code=state["candidate"],
        )
    if violated and context.on_unclean == "repair":
        if state.get("fix_attempts", 0) >= context.max_fix_attempts:
            detail = (
                f"still {describe_violations(evidence)} after {state.get('fix_attempts', 0)} repair attempts"
            )
            return reject(runtime, state, node, "not_clean", detail, code=state["candidate"])
        specs = [context.spec(name) for name in violated]
        return route(
            runtime,
            state,
            node,
            "fix",
            f"clean candidate {describe_violations(evidence)}: asking the fixer to remove exactly that",
            failure=fixer.repair_request(specs, evidence),
            repair_pending=True,
            standing=None,
            unrepaired_outputs=unrepaired if unrepaired is not None else state["outputs"],
            repair_of=sorted({*state.get("repair_of", []), *violated}),
        )
    step = Step(
        made_by=state["made_by"],
        strategy=state.get("strategy", "llm"),
        fix_attempts=state.get("fix_attempts", 0),
        pre_existing=violated,
        repaired=state.get("repair_of", []) if not violated else [],
    )
    sample = new_sample(runtime, state, labels=violated, applied=[], parent=None, step=step)
    record_accepted(runtime, state, sample)
    order = order_for(
        context.label_plan, [spec.name for spec in context.chain], problem.id, state["sample_index"]
    )
    pending = first_steps(context.label_plan, order, sample)
    update = {"reference": state["outputs"], "order": order, "pending": pending, "samples": [sample]}
    if not pending:
        return route(runtime, state, node, END, "no principles configured", **update)
    found = f" (already violates {', '.join(violated)})" if violated else ""
    return route(runtime, state, node, "declean", f"clean sample of {problem.id} accepted{found}", **update)


@traced_node("declean")
async def declean(
    state: SampleState, runtime: Runtime[Context]
) -> Command[Literal["compile_and_run", "declean", "__end__"]]:
    """Make the next planned step: rewrite its base to violate its principle, by a transform or by the
    principle's agent."""
    planned, *pending = state["pending"]
    principle, base = planned.principle, planned.base
    strategy = runtime.context.strategy_for(principle)
    start = {
        "stage": "declean",
        "principle": principle,
        "current": base,
        "pending": pending,
        "fix_attempts": 0,
        "standing": None,
        "step_start": len(state.get("calls", [])),
    }
    working = SampleState(**{**state, **start})  # type: ignore[typeddict-item]
    if strategy in ("procedural", "auto"):
        spec = runtime.context.spec(principle)
        result = await asyncio.to_thread(apply_transform, spec, base.code, runtime.context.level)
        if result.applied and result.code is not None:
            return route(
                runtime,
                working,
                "declean",
                "compile_and_run",
                f"{principle} transform at level {result.level}",
                candidate=result.code,
                made_by="declean",
                strategy="procedural",
                locations=result.locations,
                prompt_hashes=dict(base.prompt_hashes),
                **start,
            )
        if strategy == "procedural":
            detail = f"no {principle} transform applies: {result.reason}"
            return reject(runtime, working, "declean", "not_applicable", detail, code=None, update=start)
        if principle in state.get("declined", []):
            detail = (
                f"no {principle} transform applies: {result.reason}; the model's {principle} rewrite "
                "already failed on this program, so it is not asked again"
            )
            return reject(runtime, working, "declean", "not_applicable", detail, code=None, update=start)
    return await _rewrite_with_model(runtime, working, principle, start)


async def _rewrite_with_model(
    runtime: Runtime[Context], working: SampleState, principle: Principle, start: Mapping[str, object]
) -> Command[Any]:
    working = SampleState(**{**working, "strategy": "llm"})
    base, spec = working["current"], runtime.context.spec(principle)
    if spec.declean_prompt is None:
        detail = f"{principle} has no de-clean prompt and its transform does not apply"
        return reject(runtime, working, "declean", "not_applicable", detail, code=None, update=start)
    try:
        messages = decleaner.build_messages(spec, base.code)
        reply = await call_model(runtime, working, "declean", "declean", messages)
        code = decleaner.parse(reply)
    except ModelCallError as error:
        return reject(runtime, working, "declean", "model_error", str(error), code=None, update=start)
    except ReplyParseError as error:
        detail, raw = str(error), error.raw
        return reject(
            runtime, working, "declean", "unparseable_reply", detail, code=None, raw=raw, update=start
        )
    if decleaner.is_unchanged(base.code, code):
        detail = f"the {principle} rewrite only echoed its input"
        return reject(runtime, working, "declean", "unchanged", detail, code=code, update=start)
    template = decleaner.prompt(spec)
    hashes = {**base.prompt_hashes, template.name: template.short_hash}
    return route(
        runtime,
        working,
        "declean",
        "compile_and_run",
        f"{principle} rewrite received from the model",
        candidate=code,
        made_by="declean",
        strategy="llm",
        locations=[],
        prompt_hashes=hashes,
        **start,
    )


@traced_node("judge")
async def judge_node(state: SampleState, runtime: Runtime[Context]) -> Command[Literal["declean", "__end__"]]:
    """Accept a rewrite whose outputs match the reference; beyond whitespace, the policy decides."""
    reference, outputs = state["reference"], state["outputs"]
    record_fixed(runtime, state)
    fast = compare_outputs(reference, outputs)
    if fast is not None:
        return accept_rewrite(runtime, state, fast, f"outputs match ({fast})")
    first = next(i for i, (want, got) in enumerate(zip(reference, outputs, strict=True)) if want != got)
    mismatch = f"stdin case {first}: expected {reference[first]!r}, got {outputs[first]!r}"
    if is_transform_output(state):
        return transform_error(runtime, state, "judge", "changes the output", mismatch)
    if runtime.context.judge_policy == "strict":
        return reject(runtime, state, "judge", "output_mismatch", mismatch, code=state["candidate"])
    problem = state["problem"]
    messages = judge.build_messages(problem.statement, problem.stdin, reference, outputs)
    try:
        verdict = judge.parse(await call_model(runtime, state, "judge", "judge", messages))
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
