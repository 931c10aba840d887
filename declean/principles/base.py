"""What a principle is: its definition, how it is measured and judged, how code is made to violate it.

A :class:`PrincipleSpec` is the one home of a principle: the definition a teacher would accept (used
verbatim by prompts, docs and, later, review configs and dataset cards), its measure and verdict on a
syntax tree, its procedural transform and its de-clean prompt. ``declean.principles`` keeps the registry
of the built-in ones; an application can register its own or pass a spec straight to ``Context``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from tree_sitter import Tree

from declean.prompts import PromptTemplate
from declean.tools.transforms.base import Level, TransformResult

Principle = str
"""A principle's name as it appears in labels: ``DRY``, ``SRP``, ``MC``, ``NAME``, ``NO_COMPILE`` or a
registered one."""

DecidedBy = Literal["measure", "compiler"]


class Measurement(BaseModel):
    """One principle measured on one program."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    score: float
    """The one number a violating step must increase (e.g. magic literals, share of bad names)."""
    violated: bool
    """The verdict: the measure is past the principle's thresholds."""
    summary: str
    """One line for people, e.g. ``4 magic literals, 1 named constant``."""
    examples: list[str] = Field(default_factory=list)
    """Where, e.g. ``line 12: 365`` or ``lines 20-27 repeat lines 10-17``."""
    values: dict[str, float] = Field(default_factory=dict)
    """Every number measured, by name, e.g. ``{"magic_literals": 4, "named_constants": 1}``."""


class Evidence(BaseModel):
    """Every measured principle on one program."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    parse_errors: bool
    """tree-sitter could not parse part of the program (measures still ran on the rest)."""
    measures: dict[str, Measurement]
    """Principle name -> its measurement."""

    def __getitem__(self, principle: Principle) -> Measurement:
        return self.measures[principle]

    def violated(self) -> list[Principle]:
        """The principles judged violated, in measuring order."""
        return [name for name, measured in self.measures.items() if measured.violated]


MeasureFunction = Callable[[Tree], Measurement]
"""Measures one principle on a parsed program."""
TransformFunction = Callable[[str, Level], TransformResult]
"""Rewrites a program to violate one principle at a level, or says why it cannot."""


@dataclass(frozen=True, kw_only=True)
class PrincipleSpec:
    """Everything about one principle. Register it, or pass it in ``Context(principles=[...])``."""

    name: Principle
    """The label, upper case: ``DRY``."""
    title: str
    """Its full name: ``Don't Repeat Yourself``."""
    definition: str
    """What violating it means, in words a teacher would accept; used verbatim in prompts."""
    detection_hints: str = ""
    """What to look for, and what does not count, for a detector or a reviewer."""
    decided_by: DecidedBy = "measure"
    """``measure``: by :attr:`measure` on the code; ``compiler``: by a real compile (``NO_COMPILE``)."""
    measure: MeasureFunction | None = None
    """The static measure and verdict; ``None`` for a label the compiler decides."""
    transform: TransformFunction | None = None
    """A procedural rewrite that violates it; ``None``: only the model can (strategy ``auto`` asks it)."""
    declean_prompt: PromptTemplate | None = None
    """The de-clean agent's prompt; it may use ``$code``, ``$name``, ``$title`` and ``$definition``."""

    def __post_init__(self) -> None:
        if not self.name or not self.name.replace("_", "").isalnum() or self.name != self.name.upper():
            raise ValueError(f"a principle's name is an upper-case word like GOTO, not {self.name!r}")
        if self.decided_by == "measure" and self.measure is None:
            raise ValueError(f"principle {self.name} is decided by a measure but has none")

    @property
    def can_declean(self) -> bool:
        """Whether a de-clean step can target it: it has a transform or a prompt."""
        return self.transform is not None or self.declean_prompt is not None
