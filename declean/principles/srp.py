"""SRP, the Single Responsibility Principle: a function doing several distinct jobs.

Measured by jobs (:mod:`declean.tools.jobs`): every statement of a function reads input, computes,
prints, delegates to another function or does none of these. A function mixes two jobs when both are
substantial next to each other (:class:`SrpThresholds`):

* input and computation: it reads, and computes more than a read loop's bookkeeping (a computing loop,
  or at least ``computation_with_input`` computing statements);
* computation and output: it prints a report (not just messages), and computes more than a report
  computes for itself (a computing loop, or at least ``computation_with_output`` computing statements;
  a report printer adding up the total it prints does one job), or it returns what it computed and
  computes at least ``computation_with_input`` statements (a computing function printing a report line,
  not an error message);
* input and output, without computing: it reads and prints at least ``input_with_output`` statements
  each (a loop reading a line, handing it to helpers and printing their result does one job).

The score is the jobs functions do beyond their first, so it rises exactly when a job moves into a
function that already had another; violated when some function mixes two jobs.
"""

from __future__ import annotations

import functools

from pydantic import BaseModel, ConfigDict, Field
from tree_sitter import Tree

from declean.principles.base import Measurement, PrincipleSpec
from declean.prompts import load_prompt
from declean.tools.jobs import JOBS, FunctionJobs, Job, extra_jobs, program_jobs
from declean.tools.transforms.base import Level, TransformResult
from declean.tools.transforms.srp import mix_jobs


class SrpThresholds(BaseModel):
    """When a job is substantial next to another; calibrated on ``tests/corpus/labeled`` and ``clean``."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    computation_with_input: int = Field(default=4, ge=1)
    """Computing statements that make computation a job in a function that reads (or one computing loop),
    or in one that prints and returns what it computed."""
    computation_with_output: int = Field(default=6, ge=1)
    """Computing statements that make computation a job in a function that prints (or one computing loop)."""
    input_with_output: int = Field(default=3, ge=1)
    """Reading and printing statements each that make a function mix input and output on their own."""


def mixed_jobs(jobs: FunctionJobs, thresholds: SrpThresholds = SrpThresholds()) -> tuple[Job, ...]:  # noqa: B008
    """The jobs a function mixes, in :data:`~declean.tools.jobs.JOBS` order (fewer than two: none)."""
    weights = jobs.weights()
    reads, prints, computes = weights["input"], weights["output"], weights["computation"]
    loops = bool(jobs.computing_loops)
    reporting = (
        thresholds.computation_with_input if jobs.returns_computed() else thresholds.computation_with_output
    )
    mixed: set[Job] = set()
    if reads and (loops or computes >= thresholds.computation_with_input):
        mixed |= {"input", "computation"}
    if prints and (loops or computes >= reporting):
        mixed |= {"computation", "output"}
    if min(reads, prints) >= thresholds.input_with_output:
        mixed |= {"input", "output"}
    return tuple(job for job in JOBS if job in mixed)


def measure(tree: Tree, thresholds: SrpThresholds = SrpThresholds()) -> Measurement:  # noqa: B008
    """The jobs each function mixes."""
    found = program_jobs(tree)
    verdict = functools.partial(mixed_jobs, thresholds=thresholds)
    mixing = [(jobs, mixed) for jobs in found if len(mixed := verdict(jobs)) >= 2]
    extra = extra_jobs(found, verdict)
    most = max((len(mixed) for _, mixed in mixing), default=0)
    summary = "; ".join(f"{jobs.name} mixes {_words(mixed)}" for jobs, mixed in mixing)
    counts = {role: sum(jobs.weights()[role] for jobs in found) for role in JOBS}
    values = {
        "functions": len(found),
        "mixing_functions": len(mixing),
        "most_jobs": most,
        "extra_jobs": extra,
        "computing_loops": sum(len(jobs.computing_loops) for jobs in found),
        **{f"{role}_statements": count for role, count in counts.items()},
    }
    return Measurement(
        score=extra,
        violated=bool(mixing),
        summary=f"{summary} (of {len(found)} functions)"
        if mixing
        else f"no function mixes jobs ({len(found)} functions)",
        examples=[_example(jobs, mixed) for jobs, mixed in mixing],
        values=values,
    )


def _words(jobs: tuple[Job, ...]) -> str:
    return " and ".join([", ".join(jobs[:-1]), jobs[-1]]) if len(jobs) > 1 else "".join(jobs)


def _example(jobs: FunctionJobs, mixed: tuple[Job, ...]) -> str:
    """``main (lines 8-62): input lines 14-20; computation lines 27-43; output lines 45-60``."""
    parts = []
    for job in mixed:
        spans = ", ".join(
            f"{first}-{last}" if last > first else f"{first}" for first, last in jobs.spans_of(job)
        )
        parts.append(f"{job} lines {spans}")
    return f"{jobs.name} (lines {jobs.lines[0]}-{jobs.lines[1]}): " + "; ".join(parts)


def transform(source: str, level: Level = 2) -> TransformResult:
    """Inline helpers so that one function mixes jobs, keeping only rewrites the SRP measure confirms
    and that violate nothing else (see :func:`declean.tools.transforms.srp.mix_jobs`)."""
    return mix_jobs(source, level, verdict=mixed_jobs, refuses=_unless_mixed_and_nothing_else)


def _unless_mixed_and_nothing_else(before: str, after: str) -> str | None:
    from declean.principles.verify import check_attempt

    check = check_attempt("SRP", before, after)
    if not check.verified:
        return f"the SRP measure sees no new mixing ({check.explain()})"
    return f"it also violates {', '.join(check.collateral)}" if check.collateral else None


SPEC = PrincipleSpec(
    name="SRP",
    title="Single Responsibility Principle",
    definition=(
        "A function does several distinct jobs, for example it reads input, computes a result and prints "
        "a report, or updates unrelated pieces of state, instead of the one job it is named for."
    ),
    detection_hints=(
        "A function whose parts all serve one job (a state machine's switch, a loop computing one result) "
        "does not violate it, however long; main calling helpers in turn is fine. Neither does a report "
        "printer adding up the total it prints, a read loop storing what it reads, or a one-line error "
        "or confirmation printed by a function that computes."
    ),
    measure=measure,
    transform=transform,
    declean_prompt=load_prompt("declean_srp"),
)
