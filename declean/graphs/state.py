"""Graph state: a narrow input and output for the problem graph, and the working state of one sample."""

from __future__ import annotations

import operator
from typing import Annotated, Literal, TypedDict

from declean.graphs.fix_policy import Standing
from declean.graphs.plan import PlannedStep
from declean.models.usage import CallUsage
from declean.problems import Problem
from declean.samples import Principle, Rejection, Sample
from declean.tools.transforms.base import Location


class InputState(TypedDict):
    """What a caller passes: ``{"problem": Problem(...)}``."""

    problem: Problem
    """The problem to make samples for."""


class OutputState(TypedDict):
    """What a caller gets back; also what each sample subgraph adds to its parent."""

    samples: Annotated[list[Sample], operator.add]
    """Accepted samples: the clean ones and every accepted de-cleaned one."""
    rejections: Annotated[list[Rejection], operator.add]
    """Every version that was not accepted, with its reason and code."""
    calls: Annotated[list[CallUsage], operator.add]
    """Every model call made, for token accounting (a cached reply counts, marked as such)."""


class ProblemState(InputState, OutputState):
    """The problem graph's whole state."""


class SampleInput(TypedDict):
    """What the fan-out sends to one sample subgraph."""

    problem: Problem
    """The problem."""
    sample_index: int
    """Which of the problem's generations this is (0-based)."""


class SampleState(SampleInput, OutputState, total=False):
    """One sample's working state, from generation to the end of its de-clean chain."""

    stage: Literal["clean", "declean"]
    """Making the clean reference, or applying the de-clean chain."""
    made_by: Literal["given", "generator", "declean"]
    """Where the candidate came from."""
    principle: Principle | None
    """The principle the candidate is meant to violate (de-clean stage)."""
    strategy: Literal["given", "llm", "procedural"]
    """How the candidate was written."""
    locations: list[Location]
    """Where a procedural transform violated the principle in the candidate."""
    order: list[Principle]
    """The order this sample's principles are applied in, as its label plan decided."""
    pending: list[PlannedStep]
    """De-clean steps still to make, the next one first."""
    unrepaired_outputs: list[str] | None
    """The clean candidate's outputs before the fixer was asked to remove a violation: a repair must keep
    them."""
    repair_pending: bool
    """``failure`` asks the fixer to remove violations, not to repair an error."""
    repair_of: list[Principle]
    """The violations the fixer was asked to remove from the clean candidate."""
    candidate: str
    """The code being compiled, fixed and run."""
    failure: str
    """The compiler's or the run's report the fixer gets next."""
    fix_attempts: int
    """Fixer calls spent on the candidate."""
    standing: Standing | None
    """Where the candidate the fixer was last given stood (:mod:`declean.graphs.fix_policy`); ``None``
    before the first fix of a step."""
    step_start: int
    """How many of ``calls`` were made before this candidate's step began: the rest are its cost."""
    prompt_hashes: dict[str, str]
    """Prompts that shaped the candidate, name -> hash."""
    outputs: list[str]
    """The candidate's stdout on each stdin case."""
    reference: list[str]
    """The clean version's outputs: every rewrite must reproduce them."""
    current: Sample
    """The accepted sample the step in progress starts from."""
    declined: list[Principle]
    """Principles whose model rewrite failed earlier in this sample's plan: where their transform does not
    apply, the model is not asked again (the other bases are variants of the same program)."""
