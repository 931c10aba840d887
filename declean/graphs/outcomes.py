"""How a candidate ends: accepted as a labelled sample (after static verification), or rejected."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from langgraph.graph import END
from langgraph.runtime import Runtime
from langgraph.types import Command

from declean.graphs.calls import node_calls, route, where
from declean.graphs.context import Context
from declean.graphs.fix_policy import GIVEN_UP_AS, Standing, why_stop
from declean.graphs.plan import PlannedStep, after_accepted, after_rejected
from declean.graphs.state import SampleState
from declean.models.usage import TokenCount
from declean.principles import Principle
from declean.principles.verify import check_step, measure
from declean.samples import Rejection, RejectionReason, Sample, Step, Verdict
from declean.tracing.events import SampleAccepted, SampleRejected


def sample_id(problem_id: str, sample_index: int, applied: list[Principle]) -> str:
    """``vec_add/s0/clean``, ``vec_add/s0/DRY+SRP``: the principles applied on the way from the clean
    version, in order; deterministic and unique within a run (the labels may hold more)."""
    return f"{problem_id}/s{sample_index}/{'+'.join(applied) or 'clean'}"


def applied_path(sample: Sample) -> list[Principle]:
    """The principles de-clean steps applied to reach ``sample``."""
    return [step.principle for step in sample.lineage if step.principle is not None]


def _with(labels: list[Principle], *more: Principle) -> list[Principle]:
    return [*labels, *(label for label in dict.fromkeys(more) if label not in labels)]


def accept_rewrite(
    runtime: Runtime[Context], state: SampleState, verdict: Verdict, reason: str
) -> Command[Any]:
    """A new sample labelled with its base's labels plus this principle; the plan says what follows.

    With ``verify_labels`` the step is checked statically first: a target that is not violated is
    ``not_violated``; another principle violated too is ``collateral`` (rejected, or added to the labels).
    """
    base, principle, context = state["current"], state["principle"], runtime.context
    assert principle is not None
    extra: list[Principle] = []
    if context.verify_labels:
        check = check_step(
            context.spec(principle), base.code, state["candidate"], base.labels, context.watched
        )
        if not check.verified:
            detail = f"{principle} not violated by the static measures: {check.explain()}"
            return reject(runtime, state, "judge", "not_violated", detail, code=state["candidate"])
        if check.collateral and context.on_collateral == "reject":
            detail = f"also violates {', '.join(check.collateral)}: {check.explain()}"
            return reject(runtime, state, "judge", "collateral", detail, code=state["candidate"])
        extra = list(check.collateral)
    step = Step(
        made_by="declean",
        principle=principle,
        strategy=state.get("strategy", "llm"),
        level=context.level if state.get("strategy") == "procedural" else None,
        locations=state.get("locations", []),
        relabelled=extra,
        fix_attempts=state.get("fix_attempts", 0),
        verdict=verdict,
    )
    labels = _with(base.labels, principle, *extra)
    applied = [*applied_path(base), principle]
    sample = new_sample(runtime, state, labels=labels, applied=applied, parent=base, step=step)
    record_accepted(runtime, state, sample)
    pending = [*after_accepted(context.label_plan, state["order"], sample, principle), *state["pending"]]
    goto = "declean" if pending else END
    return route(runtime, state, "judge", goto, reason, samples=[sample], pending=pending)


def fix_or_give_up(
    runtime: Runtime[Context],
    state: SampleState,
    node: str,
    report: str,
    reason: str | None,
    *,
    standing: Standing,
) -> Command[Any]:
    """To the fixer while the fix policy says another attempt pays (:mod:`declean.graphs.fix_policy`);
    otherwise the candidate is abandoned with its last failure, recorded with the reason its standing's
    stage is given up as (:data:`~declean.graphs.fix_policy.GIVEN_UP_AS`)."""
    context = runtime.context
    attempts, limit, before = state.get("fix_attempts", 0), context.max_fix_attempts, state.get("standing")
    if attempts > 0 and before is not None:
        context.fix_ledger.record(before, closer=standing.beats(before))
    stop = why_stop(context.fix_policy, attempts, limit, standing, before, ledger=context.fix_ledger)
    if stop is None:
        return route(
            runtime,
            state,
            node,
            "fix",
            f"{reason}; fix attempt {attempts + 1} of {limit}",
            failure=report,
            standing=standing,
        )
    detail = f"{reason or 'failed'} ({stop}):\n{report}"
    return reject(runtime, state, node, GIVEN_UP_AS[standing.stage], detail, code=state["candidate"])


def record_fixed(runtime: Runtime[Context], state: SampleState) -> None:
    """The candidate the fixer last returned passed every check its failure was at: progress."""
    before = state.get("standing")
    if state.get("fix_attempts", 0) > 0 and before is not None:
        runtime.context.fix_ledger.record(before, closer=True)


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
    context = runtime.context
    stage = state.get("stage", "clean")
    principle = state.get("principle") if stage == "declean" else None
    applied = [*applied_path(state["current"]), principle] if stage == "declean" and principle else []
    rejection = Rejection(
        problem_id=state["problem"].id,
        sample_index=state["sample_index"],
        sample_id=sample_id(state["problem"].id, state["sample_index"], applied),
        stage=stage,
        principle=principle,
        reason=reason,
        detail=detail,
        code=code,
        raw_reply=raw,
    )
    runtime.context.trace.emit(SampleRejected, rejection=rejection.model_dump(mode="json"), **where(state))
    runtime.stream_writer({"event": "rejection", "rejection": rejection})
    pending: list[PlannedStep] = []
    if stage == "declean" and principle and context.on_rejection == "continue":
        more = after_rejected(context.label_plan, state["order"], state["current"], principle)
        pending = [*more, *state.get("pending", [])]
    goto = "declean" if pending else END
    why = f"rejected ({reason}): {detail}" + ("; the plan goes on" if pending else "")
    changes = {**(update or {}), "rejections": [rejection]}
    if stage == "declean":
        changes["pending"] = pending
        if principle and state.get("strategy") == "llm":
            changes["declined"] = sorted({*state.get("declined", []), principle})
    return route(runtime, state, node, goto, why, **changes)


def new_sample(
    runtime: Runtime[Context],
    state: SampleState,
    *,
    labels: list[Principle],
    applied: list[Principle],
    parent: Sample | None,
    step: Step,
) -> Sample:
    """The accepted candidate as a :class:`Sample`."""
    problem = state["problem"]
    return Sample(
        id=sample_id(problem.id, state["sample_index"], applied),
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
        evidence=measure(state["candidate"], runtime.context.watched),
        usage=TokenCount.of([*state.get("calls", [])[state.get("step_start", 0) :], *node_calls()]),
    )


def trace_copy(sample: Sample) -> dict[str, Any]:
    """The sample as ``sample_accepted`` carries it: as in ``samples.jsonl`` but without what other
    events of the trace hold: the problem's statement (the run's ``problems.jsonl`` and the generator's
    prompt) and, of its lineage, the steps before its own (each ancestor's ``sample_accepted``, through
    ``parent_id``)."""
    copy = sample.model_dump(mode="json", exclude={"statement"})
    copy["lineage"] = copy["lineage"][-1:]
    return copy


def record_accepted(runtime: Runtime[Context], state: SampleState, sample: Sample) -> None:
    """Write the accepted sample to the trace and to the graph's ``custom`` stream."""
    runtime.context.trace.emit(SampleAccepted, sample=trace_copy(sample), **where(state))
    runtime.stream_writer({"event": "sample", "sample": sample})
