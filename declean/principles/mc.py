"""MC, magic constants: numbers with domain meaning written bare in the logic.

Measured as the magic number literals in the logic (see :mod:`declean.tools.magic_numbers` for what is
not magic: neutral 0, 1, 2, definitions, ``sizeof``, ``scanf`` counts, percentages, small indices,
formula fractions, decimal digits), against the named numeric constants. A value written in several
places is reported as repeated: it is the clearest kind of magic number.
"""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, ConfigDict, Field
from tree_sitter import Node, Tree

from declean.principles.base import Measurement, PrincipleSpec
from declean.prompts import load_prompt
from declean.tools.cparse import descendants_of_type, text
from declean.tools.magic_numbers import magic_literals, numeric_value
from declean.tools.transforms.mc import inline_constants


class McThresholds(BaseModel):
    """Where the MC measure starts to mean a violation; calibrated on ``tests/corpus/labeled``, where no
    clean program keeps a single magic literal once neutral values and formulas are excused."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    magic_literals: int = Field(default=1, ge=1)
    """MC when the logic holds at least this many magic literals."""


def measure(tree: Tree, thresholds: McThresholds = McThresholds()) -> Measurement:  # noqa: B008
    """Magic literals in the logic, the values among them written more than once, and named constants."""
    root = tree.root_node
    magic = magic_literals(root)
    counts = Counter(numeric_value(text(node)) for node in magic)
    repeated = {value for value, count in counts.items() if count > 1}
    named = [node for node in descendants_of_type(root, "preproc_def") if _is_numeric_define(node)]
    named += [node for node in descendants_of_type(root, "declaration") if _is_const_numeric(node)]
    named += descendants_of_type(root, "enumerator")
    return Measurement(
        score=len(magic),
        violated=len(magic) >= thresholds.magic_literals,
        summary=f"{len(magic)} magic literals, {len(named)} named constants",
        examples=[_example(node, counts) for node in _first_of_each_value(magic)[:5]],
        values={
            "magic_literals": len(magic),
            "repeated_values": len(repeated),
            "named_constants": len(named),
        },
    )


def _first_of_each_value(magic: list[Node]) -> list[Node]:
    seen: set[float | None] = set()
    first = []
    for node in magic:
        value = numeric_value(text(node))
        if value not in seen:
            seen.add(value)
            first.append(node)
    return first


def _example(node: Node, counts: Counter[float | None]) -> str:
    times = counts[numeric_value(text(node))]
    return f"line {node.start_point.row + 1}: {text(node)}" + (
        f" (written {times} times)" if times > 1 else ""
    )


def _is_const(declaration: Node) -> bool:
    return any(child.type == "type_qualifier" and text(child) == "const" for child in declaration.children)


def _is_const_numeric(declaration: Node) -> bool:
    if not _is_const(declaration):
        return False
    values = [d.child_by_field_name("value") for d in descendants_of_type(declaration, "init_declarator")]
    return any(value is not None and value.type == "number_literal" for value in values)


def _is_numeric_define(define: Node) -> bool:
    value = define.child_by_field_name("value")
    return value is not None and numeric_value(text(value).strip().strip("()")) is not None


SPEC = PrincipleSpec(
    name="MC",
    title="magic constants",
    definition=(
        "A number with domain meaning (a size, limit, rate, threshold, code or conversion factor) is "
        "written as a bare literal in the logic instead of a named constant (#define, const or enum)."
    ),
    detection_hints=(
        "0, 1 and 2 used as neutral values, indices, counts or for halving, printf widths and precisions, "
        "scanf return counts, * 100 for a percentage, '0' and 'a' in character arithmetic, sizeof, and "
        "the fixed numbers of well-known formulas are not magic. A literal that repeats or whose meaning "
        "a reader must guess is."
    ),
    measure=measure,
    transform=inline_constants,
    declean_prompt=load_prompt("declean_mc"),
)
