"""C statements normalised for clone detection: the tokens of their syntax trees with names abstracted.

A statement becomes the pre-order tokens of its syntax tree: node kinds (a named node opens with
``<kind`` and closes with ``>``), operators and keywords, the names of called functions, primitive and
type names; comments, layout and the braces around a lone statement are gone. Values are abstracted: a
variable is ``v:name``, a number, character or upper-case constant ``c:text``, a member ``m:name`` and a
string ``STR``. Its *blind* tokens replace every variable and constant by one ``@`` and every member by
``m``, so two runs of statements with equal blind tokens differ only in their values.

Such runs are a clone when their names correspond consistently (:func:`name_conflicts` is zero): each
variable of one run always stands where the same variable of the other stands, so a copy with other
names, other constants or a constant where the other has a variable matches, while ``a[i][j] = b[j][i]``
(a transpose) does not match ``a[i][j] = b[i][j]`` (a copy).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tree_sitter import Node

from declean.tools.cparse import text, walk

CONTROL = frozenset({"for_statement", "while_statement", "do_statement", "if_statement", "switch_statement"})
"""Statements that make a run of statements logic rather than a list of lines."""
LOOPS = frozenset({"for_statement", "while_statement", "do_statement"})
_LITERALS = frozenset({"number_literal", "char_literal", "true", "false", "null"})
_STRINGS = frozenset({"string_literal", "concatenated_string"})
_CONSTANT = re.compile(r"[A-Z][A-Z0-9_]*")
_BLIND = {"v:": "@", "c:": "@", "m:": "m"}
_NAMES = ("v:", "m:")


@dataclass(frozen=True)
class Statement:
    """One statement, normalised."""

    node: Node
    tokens: tuple[str, ...]
    blind: tuple[str, ...]
    shape: int
    """Index of its blind tokens among the program's (equal shapes: equal up to values)."""
    nodes: int
    """Named syntax nodes (a string counts as one)."""
    statements: int
    """Statements, itself and the nested ones (not blocks, not ``for`` headers)."""
    control: bool
    """It is or holds a loop, ``if`` or ``switch``."""


class Normaliser:
    """Normalises statements, numbering their shapes across one program."""

    def __init__(self) -> None:
        self._shapes: dict[tuple[str, ...], int] = {}
        self._done: dict[Node, Statement] = {}

    def statement(self, node: Node) -> Statement:
        """``node`` normalised (once: a function body's statements are also a block's)."""
        if (done := self._done.get(node)) is not None:
            return done
        self._done[node] = normalised = self._normalise(node)
        return normalised

    def _normalise(self, node: Node) -> Statement:
        tokens: list[str] = []
        nodes = _tokens(node, tokens)
        blind = tuple(_BLIND.get(token[:2], token) for token in tokens)
        shape = self._shapes.setdefault(blind, len(self._shapes))
        inner = [found for found in walk(node) if _is_statement(found)]
        control = any(found.type in CONTROL for found in inner)
        return Statement(node, tuple(tokens), blind, shape, nodes, len(inner), control)


def tokens_of(run: Iterable[Statement]) -> list[str]:
    """The tokens of a run of statements."""
    return [token for statement in run for token in statement.tokens]


def name_conflicts(one: Sequence[str], other: Sequence[str], pairs: Iterable[tuple[int, int]]) -> int:
    """Aligned positions ``pairs`` of two token lists where a variable or member stands against another
    than the one it stood against before (a constant on either side stands against anything)."""
    forward: dict[str, str] = {}
    backward: dict[str, str] = {}
    conflicts = 0
    for first, second in pairs:
        mine, theirs = one[first], other[second]
        if mine[:2] not in _NAMES or theirs[:2] != mine[:2]:
            continue
        if forward.setdefault(mine, theirs) != theirs or backward.setdefault(theirs, mine) != mine:
            conflicts += 1
    return conflicts


def _is_statement(node: Node) -> bool:
    """A statement other than a block or ``case`` label; a declaration outside a ``for`` header."""
    if node.type == "declaration":
        return node.parent is None or node.parent.type != "for_statement"
    return node.type.endswith("_statement") and node.type not in ("compound_statement", "case_statement")


def _lone_body(block: Node) -> Node | None:
    """The one statement of a block that is the body of a control statement."""
    statements = [child for child in block.named_children if child.type != "comment"]
    parent = block.parent
    control = parent is not None and (parent.type in CONTROL or parent.type == "else_clause")
    return statements[0] if control and len(statements) == 1 else None


def _tokens(node: Node, out: list[str]) -> int:
    """Append the tokens of ``node`` to ``out``; return how many named nodes it holds."""
    kind = node.type
    if kind == "comment":
        return 0
    if not node.is_named:
        out.append(kind)
        return 0
    if kind in _STRINGS:
        out.append("STR")
    elif kind in _LITERALS:
        out.append("c:" + text(node))
    elif kind == "identifier":
        parent = node.parent
        if parent is not None and parent.type == "call_expression" and parent.children[0] == node:
            out.append("<call " + text(node))
        else:
            out.append(("c:" if _CONSTANT.fullmatch(text(node)) else "v:") + text(node))
    elif kind == "field_identifier":
        out.append("m:" + text(node))
    elif kind in ("primitive_type", "type_identifier", "statement_identifier"):
        out.append("<" + text(node))
    elif kind == "compound_statement" and (lone := _lone_body(node)) is not None:
        return _tokens(lone, out)  # braces around one statement are layout
    else:
        out.append("<" + kind)
        nodes = 1 + sum(_tokens(child, out) for child in node.children)
        out.append(">")
        return nodes
    return 1
