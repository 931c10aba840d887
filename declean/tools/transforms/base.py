"""What every procedural de-clean transform takes and returns."""

from __future__ import annotations

from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

Level = Literal[1, 2, 3]
"""How strongly a transform violates its principle: 1 subtle, 2 clear, 3 blatant."""


class Location(BaseModel):
    """Where a transform violated its principle in the code it returned."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    function: str | None
    """The function the violation is in; ``None`` at file scope."""
    start_line: int
    """1-based first line, in the transformed code."""
    end_line: int
    """1-based last line, in the transformed code."""
    detail: str
    """What was done there, e.g. ``renamed total -> x1`` or ``inlined add_vectors``."""


class TransformResult(BaseModel):
    """A transform's output: the rewritten code with its locations, or why it does not apply."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    principle: str
    """The principle the transform violates."""
    level: Level
    """The level asked for."""
    applied: bool
    """False when the transform does not apply to this program (``reason`` says why)."""
    code: str | None = None
    """The rewritten program when applied."""
    reason: str | None = None
    """Why it was not applicable."""
    locations: list[Location] = Field(default_factory=list)
    """Every place the violation was made."""


class Transform(Protocol):
    """A semantics-preserving rewrite that violates exactly one principle."""

    principle: str

    def __call__(self, source: str, level: Level = 2) -> TransformResult:
        """Rewrite ``source`` or say why it cannot."""
        ...


def not_applicable(principle: str, level: Level, reason: str) -> TransformResult:
    """The result of a transform that does not apply, with its reason."""
    return TransformResult(principle=principle, level=level, applied=False, reason=reason)
