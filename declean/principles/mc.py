"""MC, magic constants: numbers with domain meaning written bare in the logic.

Measured as the numeric literals in the logic (not 0 or 1, not in ``#define``, ``const`` initialisers,
enumerators or initialiser lists, which are data) against named numeric constants.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field
from tree_sitter import Node, Tree

from declean.principles.base import Measurement, PrincipleSpec
from declean.prompts import load_prompt
from declean.tools.cparse import descendants_of_type, text
from declean.tools.transforms.mc import inline_constants

_NOT_MAGIC_CONTEXTS = frozenset({"preproc_def", "preproc_function_def", "enumerator", "initializer_list"})


class McThresholds(BaseModel):
    """Where the MC measure starts to mean a violation; calibrated on ``tests/corpus/labeled``."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    magic_literals: int = Field(default=3, ge=1)
    """MC when the logic holds at least this many magic literals."""


def measure(tree: Tree, thresholds: McThresholds = McThresholds()) -> Measurement:  # noqa: B008
    """Magic literals in the logic and named numeric constants."""
    root = tree.root_node
    magic = [node for node in descendants_of_type(root, "number_literal") if _is_magic(node)]
    named = [node for node in descendants_of_type(root, "preproc_def") if _is_numeric_define(node)]
    named += [node for node in descendants_of_type(root, "declaration") if _is_const_numeric(node)]
    named += descendants_of_type(root, "enumerator")
    return Measurement(
        score=len(magic),
        violated=len(magic) >= thresholds.magic_literals,
        summary=f"{len(magic)} magic literals, {len(named)} named constants",
        examples=[f"line {node.start_point.row + 1}: {text(node)}" for node in magic[:5]],
        values={"magic_literals": len(magic), "named_constants": len(named)},
    )


def _numeric_value(literal: str) -> float | None:
    """The value of a C number literal (suffixes dropped), or ``None`` when it is not one."""
    cleaned = literal.rstrip("uUlLfF") if not literal.lower().startswith("0x") else literal.rstrip("uUlL")
    try:
        return float(int(cleaned, 0)) if re.fullmatch(r"0[xX][0-9a-fA-F]+|\d+", cleaned) else float(cleaned)
    except ValueError:
        return None


def _is_magic(node: Node) -> bool:
    if _numeric_value(text(node)) in (0.0, 1.0):
        return False
    parent = node.parent
    while parent is not None:
        if parent.type in _NOT_MAGIC_CONTEXTS or (parent.type == "declaration" and _is_const(parent)):
            return False
        parent = parent.parent
    return True


def _is_const(declaration: Node) -> bool:
    return any(child.type == "type_qualifier" and text(child) == "const" for child in declaration.children)


def _is_const_numeric(declaration: Node) -> bool:
    if not _is_const(declaration):
        return False
    values = [d.child_by_field_name("value") for d in descendants_of_type(declaration, "init_declarator")]
    return any(value is not None and value.type == "number_literal" for value in values)


def _is_numeric_define(define: Node) -> bool:
    value = define.child_by_field_name("value")
    return value is not None and _numeric_value(text(value).strip().strip("()")) is not None


SPEC = PrincipleSpec(
    name="MC",
    title="magic constants",
    definition=(
        "A number with domain meaning (a size, limit, rate, threshold, code or conversion factor) is "
        "written as a bare literal in the logic instead of a named constant (#define, const or enum)."
    ),
    detection_hints=(
        "0, 1 and 2 used as neutral values, indices, counts or for halving, printf widths and precisions, "
        "and the fixed numbers of well-known formulas are not magic. A literal that repeats or whose "
        "meaning a reader must guess is."
    ),
    measure=measure,
    transform=inline_constants,
    declean_prompt=load_prompt("declean_mc"),
)
