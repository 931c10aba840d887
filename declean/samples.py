"""What a run produces: accepted, labeled samples and recorded rejections."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

Principle = Literal["DRY", "SRP", "MC", "NAME"]
"""The clean-code principles a de-clean step can violate."""
PRINCIPLES: tuple[Principle, ...] = get_args(Principle)
DEFAULT_PRINCIPLE_ORDER: tuple[Principle, ...] = ("DRY", "SRP", "MC", "NAME")

Role = Literal["generator", "fixer", "declean", "judge"]
"""The model roles; each can get its own model in ``Context.llms``."""
ROLES: tuple[Role, ...] = get_args(Role)

Verdict = Literal["exact", "whitespace", "llm"]
"""How the judge accepted a rewrite: identical outputs, identical after whitespace normalisation, or the
judge model's verdict."""

RejectionReason = Literal[
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
    strategy: Literal["given", "llm"] = "llm"
    """How the code was written."""
    fix_attempts: int = 0
    """Fixer calls this version needed before it compiled and ran."""
    verdict: Verdict | None = None
    """How the judge accepted it (de-clean steps only)."""


class Sample(BaseModel):
    """An accepted program with its labels: compiled, run, and (for de-cleaned ones) judged equivalent."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    id: str
    """``<problem>/s<index>/<labels joined by +, or clean>``: deterministic, unique in a run."""
    problem_id: str
    """The problem it solves."""
    sample_index: int
    """Which of the problem's ``samples_per_problem`` generations it descends from."""
    statement: str
    """The problem statement."""
    labels: list[Principle]
    """The principles this code violates, in the order they were applied; ``[]`` for clean code."""
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
