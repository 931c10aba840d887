"""The lineage of every sample in a trace: its steps (clean, then one per principle), each with its verdict,
reason, fix attempts, duration, tokens and the route decisions taken on the way.

A step runs from the first event of a sample after the previous step ended to the ``sample_accepted`` or
``sample_rejected`` that ends it; the route written right after that belongs to it too. A step that a
resumed run did again (same version id) replaces the earlier copy, so each step appears once, with its
latest outcome.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from declean.tracing.events import (
    ErrorEvent,
    ModelCall,
    NodeEnd,
    Route,
    RunStart,
    SampleAccepted,
    SampleRejected,
    _Event,
)


class RouteView(BaseModel):
    """One routing decision."""

    seq: int
    node: str
    goto: str
    reason: str


class StepView(BaseModel):
    """One version of a sample's code and what became of it."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    sample_id: str
    """The accepted sample's id, or the id the rejected version would have had."""
    principle: str | None
    """The principle the step meant to violate; ``None`` for the clean version."""
    labels: list[str]
    verdict: Literal["accepted", "rejected"]
    reason: str
    """The rejection reason, or how the step was accepted (e.g. ``outputs match (exact)``)."""
    detail: str = ""
    strategy: str | None = None
    fix_attempts: int = 0
    model_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    duration_seconds: float = 0.0
    first_seq: int = 0
    last_seq: int = 0
    """The ``seq`` of the event that decided the step (for ``declean trace event``)."""
    routes: list[RouteView] = Field(default_factory=list)


class SampleChain(BaseModel):
    """One sample: its clean version and each de-clean step, in order."""

    problem_id: str
    sample_index: int
    steps: list[StepView] = Field(default_factory=list)


class ProblemLineage(BaseModel):
    """Every sample of one problem, and what happened at the problem level (fan-out, crashes)."""

    problem_id: str
    samples: list[SampleChain] = Field(default_factory=list)
    routes: list[RouteView] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list)


@dataclass
class _Open:
    """The step being built for one sample."""

    chain: SampleChain
    start_ts: float | None = None
    first_seq: int | None = None
    calls: list[ModelCall] = field(default_factory=list)
    routes: list[RouteView] = field(default_factory=list)
    closing: StepView | None = None
    """The step just decided: routes until its node ends are still its own."""


def build_lineage(events: Iterable[_Event]) -> list[ProblemLineage]:
    """Problems in order of first appearance, each with its samples' chains."""
    problems: dict[str, ProblemLineage] = {}
    open_steps: dict[tuple[str, int], _Open] = {}
    for event in events:
        if isinstance(event, RunStart):
            # A resumed session: a step cut short by the crash starts again now, its calls replayed.
            for unfinished in open_steps.values():
                unfinished.start_ts, unfinished.first_seq, unfinished.calls, unfinished.routes = (
                    None,
                    None,
                    [],
                    [],
                )
            continue
        if event.problem_id is None:
            continue
        problem = problems.setdefault(event.problem_id, ProblemLineage(problem_id=event.problem_id))
        if event.sample_index is None:
            _problem_event(problem, event)
            continue
        key = (event.problem_id, event.sample_index)
        if key not in open_steps:
            chain = SampleChain(problem_id=event.problem_id, sample_index=event.sample_index)
            problem.samples.append(chain)
            open_steps[key] = _Open(chain=chain)
        _sample_event(open_steps[key], event)
    for problem in problems.values():
        problem.samples.sort(key=lambda chain: chain.sample_index)
    return list(problems.values())


def _problem_event(problem: ProblemLineage, event: _Event) -> None:
    if isinstance(event, Route):
        problem.routes.append(RouteView(seq=event.seq, node=event.node, goto=event.goto, reason=event.reason))
    elif isinstance(event, ErrorEvent):
        problem.errors.append(event.error)


def _sample_event(step: _Open, event: _Event) -> None:
    if isinstance(event, Route):
        route = RouteView(seq=event.seq, node=event.node, goto=event.goto, reason=event.reason)
        if step.closing is None:
            step.routes.append(route)
            return
        # The one route written right after a verdict says where the chain goes, and why it was accepted.
        step.closing.routes.append(route)
        if step.closing.verdict == "accepted":
            step.closing.reason = route.reason
        step.closing = None
        return
    if isinstance(event, NodeEnd):
        return
    if step.start_ts is None:
        step.start_ts, step.first_seq = event.ts, event.seq
    if isinstance(event, ModelCall):
        step.calls.append(event)
    elif isinstance(event, SampleAccepted | SampleRejected):
        _close(step, event)


def _close(step: _Open, event: SampleAccepted | SampleRejected) -> None:
    calls = step.calls
    common = {
        "model_calls": len(calls),
        "input_tokens": sum(call.input_tokens or 0 for call in calls),
        "output_tokens": sum(call.output_tokens or 0 for call in calls),
        "duration_seconds": event.ts - (step.start_ts or event.ts),
        "first_seq": step.first_seq if step.first_seq is not None else event.seq,
        "last_seq": event.seq,
        "routes": step.routes,
    }
    if isinstance(event, SampleAccepted):
        sample = event.sample
        last = (sample.get("lineage") or [{}])[-1]
        view = StepView(
            sample_id=sample["id"],
            principle=last.get("principle"),
            labels=list(sample.get("labels", [])),
            verdict="accepted",
            reason="accepted",
            strategy=last.get("strategy"),
            fix_attempts=int(sample.get("fix_attempts", 0)),
            **common,
        )
    else:
        rejection = event.rejection
        view = StepView(
            sample_id=rejection["sample_id"],
            principle=rejection.get("principle"),
            labels=[label for label in rejection["sample_id"].split("/")[-1].split("+") if label != "clean"],
            verdict="rejected",
            reason=rejection["reason"],
            detail=rejection.get("detail", ""),
            fix_attempts=sum(call.role == "fixer" for call in calls),
            **common,
        )
    steps = step.chain.steps
    same = [i for i, earlier in enumerate(steps) if earlier.sample_id == view.sample_id]
    if same:
        steps[same[0]] = view
    else:
        steps.append(view)
    step.start_ts, step.first_seq, step.calls, step.routes, step.closing = None, None, [], [], view
