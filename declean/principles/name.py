"""NAME, meaningless names: identifiers that say nothing about what they hold or do.

Measured as the share of meaningless names among the identifiers the program declares (``main`` and the
``for``-loop indices ``i``, ``j``, ``k`` are exempt).
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field
from tree_sitter import Node, Tree

from declean.principles.base import Measurement, PrincipleSpec
from declean.prompts import load_prompt
from declean.tools.cparse import functions, text, walk
from declean.tools.transforms.name import rename_identifiers

LOOP_INDICES = frozenset({"i", "j", "k"})
_MEANINGLESS_WORDS = frozenset(
    {"tmp", "temp", "foo", "bar", "baz", "qux", "data", "stuff", "thing", "things", "var", "obj", "aux",
     "dummy", "do_it", "doit", "do_stuff", "func", "fn", "proc", "my_var", "res", "ret", "xx", "yy", "zz"}
)  # fmt: skip
_LETTERS_AND_DIGITS = re.compile(r"^[A-Za-z]{1,2}\d+$|^[A-Za-z]$|^(func|fn|f|g|tmp|temp|var|data)_?\d+$")


class NameThresholds(BaseModel):
    """Where the NAME measure starts to mean a violation; calibrated on ``tests/corpus/labeled``."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    share: float = Field(default=0.3, gt=0, le=1)
    """NAME when at least this share of declared names is meaningless ..."""
    min_meaningless: int = Field(default=2, ge=1)
    """... and at least this many are."""


def measure(tree: Tree, thresholds: NameThresholds = NameThresholds()) -> Measurement:  # noqa: B008
    """The share of meaningless names among the declared ones."""
    names = _declared_names(tree.root_node)
    meaningless = [name for name in names if is_meaningless(name)]
    share = round(len(meaningless) / len(names), 3) if names else 0.0
    return Measurement(
        score=share,
        violated=share >= thresholds.share and len(meaningless) >= thresholds.min_meaningless,
        summary=f"{len(meaningless)} of {len(names)} names meaningless",
        examples=meaningless[:8],
        values={"declared": len(names), "meaningless": len(meaningless), "share": share},
    )


def is_meaningless(name: str) -> bool:
    """``a``, ``x1``, ``tmp``, ``data``, ``do_it``: a name that says nothing about what it holds or does."""
    return name.lower() in _MEANINGLESS_WORDS or _LETTERS_AND_DIGITS.match(name) is not None


def _declared_names(root: Node) -> list[str]:
    names = [function.name for function in functions(root) if function.name != "main"]
    for declarator in _variable_declarators(root):
        name_node = _innermost_identifier(declarator)
        if name_node is None:
            continue
        name = text(name_node)
        declaration = declarator.parent
        in_for_header = (
            declaration is not None and getattr(declaration.parent, "type", None) == "for_statement"
        )
        if not (in_for_header and name in LOOP_INDICES):
            names.append(name)
    return names


def _variable_declarators(root: Node) -> list[Node]:
    found = []
    for node in walk(root):
        if node.type in ("declaration", "parameter_declaration"):
            found += node.children_by_field_name("declarator")
    return [d for d in found if d.type != "function_declarator"]


def _innermost_identifier(declarator: Node) -> Node | None:
    node: Node | None = declarator
    while node is not None and node.type != "identifier":
        node = node.child_by_field_name("declarator")
    return node


SPEC = PrincipleSpec(
    name="NAME",
    title="meaningless names",
    definition=(
        "Variables, parameters or functions are named so that a reader cannot tell what they hold or do "
        "(a, x1, tmp, data, foo, do_it)."
    ),
    detection_hints=(
        "Conventional short names are fine where their role is clear: loop indices (i, j, k), "
        "coordinates (x, y), a count n, a character c, a file handle fp."
    ),
    measure=measure,
    transform=rename_identifiers,
    declean_prompt=load_prompt("declean_name"),
)
