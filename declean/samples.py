"""What a run produces: accepted, labeled samples and recorded rejections."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from declean.models.usage import TokenCount
from declean.principles import DEFAULT_PRINCIPLE_ORDER, PRINCIPLES, Principle
from declean.principles.base import Evidence
from declean.tools.transforms.base import Location

__all__ = [
    "DEFAULT_PRINCIPLE_ORDER",
    "PRINCIPLES",
    "ROLES",
    "Principle",
    "Rejection",
    "Role",
    "Sample",
    "Step",
]


Role = Literal["generator", "fixer", "declean", "judge"]
"""The model roles; each can get its own model in ``Context.llms``."""
ROLES: tuple[Role, ...] = get_args(Role)

Verdict = Literal["exact", "whitespace", "llm"]
"""How the judge accepted a rewrite: identical outputs, identical after whitespace normalisation, or the
judge model's verdict."""

Strategy = Literal["procedural", "llm", "auto"]
"""How a de-clean step is made: by code (tree-sitter transforms), by the model, or by code where a
transform applies and the model otherwise."""

JudgePolicy = Literal["strict", "llm"]
"""When outputs differ beyond whitespace: ``strict`` rejects, ``llm`` asks the judge model."""
OnRejection = Literal["continue", "stop"]
"""After a rejected de-clean step: go on from the last accepted code, or stop the chain."""
OnCollateral = Literal["reject", "relabel"]
"""A step that also violated another principle: reject it, or add that label too."""
OnUnclean = Literal["repair", "relabel", "reject"]
"""A clean candidate the measures find violations in: ask the fixer to remove exactly them, accept it
labelled with them, or reject it (``not_clean``)."""

LabelPlan = Literal["chain", "balanced", "all-subsets"]
"""Which principle sets each clean sample is de-cleaned into (``declean.graphs.plan``)."""

RejectionReason = Literal[
    "wrong_output",
    "bug_warning",
    "undefined_behaviour",
    "inadequate",
    "not_clean",
    "transform_error",
    "not_applicable",
    "not_violated",
    "collateral",
    "unparseable_reply",
    "model_error",
    "fixes_exhausted",
    "unchanged",
    "output_mismatch",
    "judge_rejected",
    "judge_unparseable",
]
"""Why a version was not accepted."""


class Step(BaseModel):
    """One step of a sample's lineage."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    made_by: Literal["given", "generator", "declean"]
    """Where the code came from: the problem's own solution, the generator, or a de-clean agent."""
    principle: Principle | None = None
    """The principle this step violated (de-clean steps only)."""
    strategy: Literal["given", "llm", "procedural"] = "llm"
    """How the code was written."""
    level: int | None = None
    """The procedural transform's level (1 subtle, 2 clear, 3 blatant)."""
    locations: list[Location] = Field(default_factory=list)
    """Where a procedural step violated its principle, in this step's code."""
    relabelled: list[Principle] = Field(default_factory=list)
    """Principles this step violated besides its target, added to the labels by the collateral policy."""
    pre_existing: list[Principle] = Field(default_factory=list)
    """Principles the clean candidate already violated, labelled as found (``on_unclean=relabel``)."""
    repaired: list[Principle] = Field(default_factory=list)
    """Violations the fixer removed from the clean candidate (``on_unclean=repair``)."""
    fix_attempts: int = 0
    """Fixer calls this version needed before it compiled and ran."""
    verdict: Verdict | None = None
    """How the judge accepted it (de-clean steps only)."""


class Sample(BaseModel):
    """An accepted program with its labels: compiled, run, and (for de-cleaned ones) judged equivalent."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    id: str
    """``<problem>/s<index>/<principles applied, joined by +, or clean>``: deterministic, unique in a run."""
    problem_id: str
    """The problem it solves."""
    sample_index: int
    """Which of the problem's ``samples_per_problem`` generations it descends from."""
    statement: str
    """The problem statement."""
    labels: list[Principle]
    """Every principle this code violates: found in the clean version, applied, or collateral, in the
    order they came; ``[]`` for clean code. The lineage says which is which."""
    code: str
    """The C source."""
    parent_id: str | None
    """The sample this one was rewritten from; ``None`` for the clean one."""
    stdin: list[str]
    """The stdin cases it was run on."""
    outputs: list[str]
    """Its stdout on each stdin case (equal to the clean reference, up to the judge's verdict)."""
    lineage: list[Step]
    """Every step from the clean version to this one."""
    prompt_hashes: dict[str, str] = Field(default_factory=dict)
    """Prompt name -> hash of every template that contributed to this code."""
    fix_attempts: int = 0
    """Fixer calls the last step needed."""
    evidence: Evidence | None = None
    """The static measurements of this code, so a reader sees why each label holds."""
    usage: TokenCount = Field(default_factory=TokenCount)
    """Model calls and tokens spent on the last step: writing it, fixing it, judging it."""


class Rejection(BaseModel):
    """A version that was not accepted, with the reason and the code, so nothing is silently lost."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    problem_id: str
    """The problem."""
    sample_index: int
    """Which generation of the problem."""
    sample_id: str
    """The id the sample would have had."""
    stage: Literal["clean", "declean"]
    """Whether the clean version or a de-clean step failed."""
    principle: Principle | None
    """The principle being applied (de-clean stage)."""
    reason: RejectionReason
    """Why, as a fixed code to count by."""
    detail: str
    """Why, in words: the compile error, the differing output, the judge's reason."""
    code: str | None
    """The rejected code, when there was any."""
    raw_reply: str | None = None
    """The model's reply when it could not be parsed."""
