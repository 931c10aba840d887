"""DRY, Don't Repeat Yourself: the same logic written out more than once.

Measured as the syntax nodes in copies of earlier code (:mod:`~declean.tools.clones`): runs of
statements that repeat an earlier run with at most other names and literals, consistently (or, for a
loop or a whole function body, nearly so), within a function or across functions. Called functions and
operators must match, so loops that merely look alike but do different work do not count, and neither do
short runs or runs of look-alike lines such as a report's ``printf`` calls.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from tree_sitter import Tree

from declean.principles.base import Measurement, PrincipleSpec
from declean.prompts import load_prompt
from declean.tools.clones import find_clones
from declean.tools.cparse import functions, walk
from declean.tools.transforms.base import Level, TransformResult
from declean.tools.transforms.dry import duplicate_logic


class DryThresholds(BaseModel):
    """Where the DRY measure starts to mean a violation; calibrated on ``tests/corpus/labeled``."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    duplicated_nodes: int = Field(default=20, ge=1)
    """DRY when at least this many syntax nodes lie in copies of earlier code: any one clone (the labeled
    DRY programs score 30 to 92, the others 0)."""


def measure(tree: Tree, thresholds: DryThresholds = DryThresholds()) -> Measurement:  # noqa: B008
    """Syntax nodes in runs of statements that repeat an earlier run."""
    clones = find_clones(tree)
    duplicated = sum(clone.copy.nodes for clone in clones)
    near = sum(not clone.exact for clone in clones)
    total = sum(1 for function in functions(tree) for node in walk(function.body) if node.is_named)
    return Measurement(
        score=duplicated,
        violated=duplicated >= thresholds.duplicated_nodes,
        summary=f"{duplicated} repeated syntax nodes in {len(clones)} copies",
        examples=[
            f"lines {clone.copy.lines[0]}-{clone.copy.lines[1]} repeat lines "
            f"{clone.original.lines[0]}-{clone.original.lines[1]}"
            for clone in clones[:5]
        ],
        values={
            "duplicated_nodes": duplicated,
            "copies": len(clones),
            "near_copies": near,
            "total_nodes": total,
        },
    )


def transform(source: str, level: Level = 2) -> TransformResult:
    """:func:`~declean.tools.transforms.dry.duplicate_logic`, keeping only a rewrite the measures see as
    repeated logic and nothing else."""
    return duplicate_logic(source, level, refuses=_unless_repeated_and_nothing_else)


def _unless_repeated_and_nothing_else(before: str, after: str) -> str | None:
    from declean.principles.verify import check_attempt

    check = check_attempt("DRY", before, after)
    return None if check.verified and not check.collateral else check.explain()


SPEC = PrincipleSpec(
    name="DRY",
    title="Don't Repeat Yourself",
    definition=(
        "The same logic is written out more than once: two or more blocks of statements (a loop, a "
        "computation, a sequence of checks or prints) do the same thing with at most different names or "
        "values, where one function, loop or macro could express it once."
    ),
    detection_hints=(
        "Look for copied loops and computations with renamed variables or other constants. Code that "
        "merely looks alike but does different work, and a helper called from several places, are not "
        "repetition."
    ),
    measure=measure,
    transform=transform,
    declean_prompt=load_prompt("declean_dry"),
)
