"""DRY, Don't Repeat Yourself: the same logic written out more than once.

Measured as the tokens inside duplicated token sequences of function bodies; identifiers and literals
are normalised to one placeholder, so a copy with other names, and constants written as numbers, still
match.
"""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel, ConfigDict, Field
from tree_sitter import Node, Tree

from declean.principles.base import Measurement, PrincipleSpec
from declean.prompts import load_prompt
from declean.tools.cparse import functions, walk
from declean.tools.transforms.base import Level, TransformResult
from declean.tools.transforms.dry import duplicate_logic

DUPLICATE_WINDOW = 30
"""Normalised tokens a repeated sequence needs before it counts as duplicated logic."""
_ATOMS = frozenset({"identifier", "field_identifier", "number_literal", "type_identifier"})
_STRINGS = frozenset({"string_literal", "char_literal", "concatenated_string"})


class DryThresholds(BaseModel):
    """Where the DRY measure starts to mean a violation; calibrated on ``tests/corpus/labeled``."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    duplicated_tokens: int = Field(default=30, ge=1)
    """DRY when at least this many tokens repeat an earlier sequence."""


def measure(tree: Tree, thresholds: DryThresholds = DryThresholds()) -> Measurement:  # noqa: B008
    """Tokens that repeat an earlier sequence of at least :data:`DUPLICATE_WINDOW` tokens."""
    tokens: list[tuple[str, int]] = []
    for function in functions(tree.root_node):
        tokens += _normalised_tokens(function.body)
        tokens.append((f"<end {function.name}>", -1))
    duplicated, examples = _duplicated_positions(tokens)
    blocks = sum(1 for i in sorted(duplicated) if i - 1 not in duplicated)
    return Measurement(
        score=len(duplicated),
        violated=len(duplicated) >= thresholds.duplicated_tokens,
        summary=f"{len(duplicated)} repeated tokens in {blocks} blocks",
        examples=examples[:5],
        values={
            "duplicated_tokens": len(duplicated),
            "duplicate_blocks": blocks,
            "total_tokens": sum(1 for _, line in tokens if line >= 0),
        },
    )


def _normalised_tokens(body: Node) -> list[tuple[str, int]]:
    tokens = []
    for node in walk(body):
        if node.type == "comment" or (node.child_count > 0 and node.type not in _STRINGS):
            continue
        if node.parent is not None and node.parent.type in _STRINGS:
            continue
        kind = "ATOM" if node.type in _ATOMS else "STR" if node.type in _STRINGS else node.type
        tokens.append((kind, node.start_point.row + 1))
    return tokens


def _duplicated_positions(tokens: list[tuple[str, int]]) -> tuple[set[int], list[str]]:
    """Positions inside a window that already occurred earlier, without overlapping that occurrence."""
    first_seen: dict[tuple[str, ...], int] = {}
    duplicated: set[int] = set()
    examples: dict[int, str] = defaultdict(str)
    for start in range(len(tokens) - DUPLICATE_WINDOW + 1):
        window = tuple(kind for kind, _ in tokens[start : start + DUPLICATE_WINDOW])
        if any(kind.startswith("<end") for kind in window):
            continue
        earlier = first_seen.setdefault(window, start)
        if earlier != start and start - earlier >= DUPLICATE_WINDOW:
            duplicated.update(range(start, start + DUPLICATE_WINDOW))
            if not any(abs(start - seen) < DUPLICATE_WINDOW for seen in examples):
                lines = (tokens[start][1], tokens[start + DUPLICATE_WINDOW - 1][1])
                origin = (tokens[earlier][1], tokens[earlier + DUPLICATE_WINDOW - 1][1])
                examples[start] = f"lines {lines[0]}-{lines[1]} repeat lines {origin[0]}-{origin[1]}"
    return duplicated, list(examples.values())


def transform(source: str, level: Level = 2) -> TransformResult:
    """:func:`~declean.tools.transforms.dry.duplicate_logic`, keeping only a rewrite the measures see as
    repeated logic and nothing else."""
    return duplicate_logic(source, level, refuses=_unless_repeated_and_nothing_else)


def _unless_repeated_and_nothing_else(before: str, after: str) -> str | None:
    from declean.principles.verify import check_step

    check = check_step("DRY", before, after)
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
