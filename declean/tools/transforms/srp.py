"""SRP by mixing jobs: helpers called once are inlined into one caller, which then does their jobs too.

Only a rewrite that makes one function mix distinct jobs counts (inlining a reading helper into a
computing function, or a computing and a printing helper into the same caller); a rewrite that merely
makes ``main`` longer is not one. Which jobs a function does, and when two are mixed, is judged by a
``verdict`` on its :class:`~declean.tools.jobs.FunctionJobs` (the SRP principle passes its measure's).

A helper qualifies when it is called exactly once (a helper called twice would become duplicated logic,
a DRY violation) and :mod:`~declean.tools.transforms.inlining` can inline it safely; helpers of inlined
helpers follow, callers first, so every copy lands in the target function. The helper's definition and
prototypes are deleted; its leading comments move above the inlined copy.

Each way of inlining a connected group of qualifying helpers into one function is estimated from the
jobs of its parts, then the best ones are made and measured for real:

* level 1: the fewest helpers that make a function mix two jobs;
* level 2: the most jobs (two or three) one function can be made to mix, with the fewest helpers;
* level 3: the most jobs, with every helper that can be merged into that function.

With ``refuses(before, after)`` (the SRP principle checks that no other principle got worse) a rewrite
is only returned when it returns ``None``; otherwise the next way is tried.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from tree_sitter import Tree

from declean.tools.cparse import enclosing_function, function_name, functions, has_errors, parse
from declean.tools.jobs import JOBS, FunctionJobs, Job, Verdict, extra_jobs, program_jobs
from declean.tools.transforms.base import Level, TransformResult, not_applicable
from declean.tools.transforms.inlining import (
    Rewriter,
    analyze,
    call_sites,
    leading_comments,
    plan_call,
    removal_edits,
)

PRINCIPLE = "SRP"
_ATTEMPTS = 8
"""Rewrites made and measured at most, best estimate first."""
_GROUPS = 256
"""Groups of helpers estimated at most per target function."""


@dataclass(frozen=True)
class _Plan:
    """Inline ``helpers`` (callers first) into ``target``, estimated to make it mix ``jobs``."""

    target: str
    helpers: tuple[str, ...]
    jobs: tuple[Job, ...]


def mix_jobs(
    source: str,
    level: Level = 2,
    *,
    verdict: Verdict,
    refuses: Callable[[str, str], str | None] | None = None,
) -> TransformResult:
    """Inline helpers called once so that one function mixes jobs (see the module docstring)."""
    tree = parse(source)
    if has_errors(tree):
        return not_applicable(PRINCIPLE, level, "the program does not parse")
    reasons: dict[str, str] = {}
    callers = _single_callers(tree, reasons)
    if not callers:
        return not_applicable(PRINCIPLE, level, _why_not(reasons))
    found = {jobs.name: jobs for jobs in program_jobs(tree)}
    plans = sorted(_plans(found, callers, verdict), key=lambda plan: _rank(plan, found, level))
    if not plans:
        return not_applicable(PRINCIPLE, level, _no_mixing(found, callers))
    before, refusals = extra_jobs(found.values(), verdict), []
    for plan in plans[:_ATTEMPTS]:
        rewriter = Rewriter.start(source)
        if not all(_inline(rewriter, name, found[name]) for name in plan.helpers):
            refusals.append(f"{', '.join(plan.helpers)} into {plan.target}: could not be inlined in turn")
            continue
        after = program_jobs(rewriter.tree)
        mixed = max((len(verdict(jobs)) for jobs in after if jobs.name == plan.target), default=0)
        refusal = None if extra_jobs(after, verdict) > before and mixed >= 2 else "no function mixes jobs"
        refusal = refusal or (refuses(source, rewriter.source) if refuses is not None else None)
        if refusal is None:
            code, locations = rewriter.source, rewriter.locations()
            return TransformResult(
                principle=PRINCIPLE, level=level, applied=True, code=code, locations=locations
            )
        refusals.append(f"{', '.join(plan.helpers)} into {plan.target}: {refusal}")
    return not_applicable(
        PRINCIPLE, level, "no rewrite that mixes jobs was kept (" + "; ".join(refusals) + ")"
    )


def _single_callers(tree: Tree, reasons: dict[str, str]) -> dict[str, str]:
    """Helper -> the function calling it, for helpers called exactly once and inlinable there."""
    found = {}
    for function in functions(tree):
        calls = [
            call for call in call_sites(tree, function.name) if enclosing_function(call) != function.node
        ]
        caller = enclosing_function(calls[0]) if len(calls) == 1 else None
        if function.name == "main" or caller is None:
            continue
        helper = analyze(tree, function.name)
        plan = helper if isinstance(helper, str) else plan_call(tree, helper, calls[0])
        if isinstance(plan, str):
            reasons.setdefault(function.name, plan)
        else:
            found[function.name] = function_name(caller) or ""
    return found


def _plans(found: dict[str, FunctionJobs], callers: dict[str, str], verdict: Verdict) -> Iterator[_Plan]:
    """Every group of helpers that would make its target mix more jobs than target and helpers did."""
    for target, jobs_of_target in found.items():
        for group in _groups(target, callers):
            parts = [jobs_of_target, *(found[name] for name in group)]
            jobs = verdict(_merged(jobs_of_target, [found[name] for name in group]))
            if len(jobs) - 1 > extra_jobs(parts, verdict):
                yield _Plan(target, group, jobs)


def _merged(target: FunctionJobs, helpers: list[FunctionJobs]) -> FunctionJobs:
    """An estimate of ``target`` with ``helpers`` inlined: its units and theirs, a helper's messages
    counted as prints (a line ending a helper is a report line once its copy is followed by more)."""
    units = [*target.units]
    for helper in helpers:
        units += [replace(unit, role="output") if unit.role == "message" else unit for unit in helper.units]
    loops = (loop for part in [target, *helpers] for loop in part.computing_loops)
    return FunctionJobs(target.name, target.lines, tuple(units), tuple(loops))


def _groups(target: str, callers: dict[str, str]) -> Iterator[tuple[str, ...]]:
    """Connected groups of helpers under ``target`` (each called by the target or another member),
    smallest first, callers before callees."""
    depth = {target: 0}
    for _ in callers:
        depth |= {name: depth[caller] + 1 for name, caller in callers.items() if caller in depth}
    seen: set[frozenset[str]] = set()
    layer: list[frozenset[str]] = [frozenset()]
    while layer and len(seen) < _GROUPS:
        grown = []
        for group in layer:
            for name, caller in callers.items():
                larger = group | {name}
                if (
                    name in group
                    or name not in depth
                    or larger in seen
                    or not (caller == target or caller in group)
                ):
                    continue
                seen.add(larger)
                grown.append(larger)
                yield tuple(sorted(larger, key=lambda member: (depth[member], member)))
        layer = grown


def _rank(plan: _Plan, found: dict[str, FunctionJobs], level: Level) -> tuple[int, ...]:
    """Best first: see the module docstring for what each level prefers."""
    order = list(found).index(plan.target)
    jobs, size = len(plan.jobs), len(plan.helpers)
    if level == 1:
        return size, jobs, order
    if level == 2:
        return -min(jobs, 3), size, order
    return -jobs, -size, order


def _inline(rewriter: Rewriter, name: str, jobs: FunctionJobs) -> bool:
    """Inline the helper ``name`` at its single call and delete it; whether that was done."""
    tree = rewriter.tree
    helper, calls = analyze(tree, name), call_sites(tree, name)
    if isinstance(helper, str) or len(calls) != 1:
        return False
    edits = plan_call(tree, helper, calls[0], leading_comments(helper.definition))
    caller = enclosing_function(calls[0])
    if isinstance(edits, str) or caller is None:
        return False
    detail = f"inlined {name} ({_main_job(jobs)}) into {function_name(caller)}"
    rewriter.apply(edits + removal_edits(tree, helper, True), detail)
    return True


def _main_job(jobs: FunctionJobs) -> str:
    """The job most of a function's statements do, or ``no job``."""
    weights = jobs.weights()
    weights["output"] += weights["message"]
    best = max(JOBS, key=lambda job: weights[job])
    return best if weights[best] else "no job"


def _no_mixing(found: dict[str, FunctionJobs], callers: dict[str, str]) -> str:
    """Why no group of helpers mixes jobs: what the function taking the most helpers would do."""
    widest = max(found, key=lambda target: sum(1 for caller in callers.values() if caller == target))
    group = max(_groups(widest, callers), key=len, default=())
    parts = [found[widest], *(found[name] for name in group)]
    done = [f"{sum(part.weights()[job] for part in parts)} {job}" for job in JOBS]
    loops = sum(len(part.computing_loops) for part in parts)
    return (
        f"inlining the helpers called once makes no function mix two jobs ({widest} with "
        f"{', '.join(group)} inlined would have {', '.join(done)} statements and {loops} computing loops)"
    )


def _why_not(reasons: dict[str, str]) -> str:
    if not reasons:
        return "no helper is called exactly once"
    listed = "; ".join(f"{name}: {reason}" for name, reason in sorted(reasons.items()))
    return f"no helper called exactly once can be inlined safely ({listed})"
