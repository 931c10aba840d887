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

from declean.tools.cparse import text

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
        blind: list[str] = []
        nodes, statements, control = self._tokens(node, tokens, blind, outer=node)
        shape = self._shapes.setdefault(tuple(blind), len(self._shapes))
        return Statement(node, tuple(tokens), tuple(blind), shape, nodes, statements, control)

    def _tokens(
        self, node: Node, out: list[str], blind: list[str], outer: Node | None = None
    ) -> tuple[int, int, bool]:
        """Append the tokens of ``node`` to ``out`` and their blind forms to ``blind``; return how many
        named nodes and statements it holds and whether one of them is a control statement. A nested
        statement is normalised on its own and its tokens reused: tokenising every statement again
        inside each enclosing one was most of the DRY measure's time."""
        kind = node.type
        if kind == "comment":
            return 0, 0, False
        if not node.is_named:
            out.append(kind)
            blind.append(kind)
            return 0, 0, False
        if node is not outer and _is_statement(node):
            nested = self.statement(node)
            out.extend(nested.tokens)
            blind.extend(nested.blind)
            return nested.nodes, nested.statements, nested.control
        statement = node is outer and _is_statement(node)
        if kind == "compound_statement" and (lone := _lone_body(node)) is not None:
            return self._tokens(lone, out, blind)  # braces around one statement are layout
        token = _leaf_token(node, kind)
        if token is None:
            out.append("<" + kind)
            blind.append("<" + kind)
            nodes, statements, control = 1, int(statement), statement and kind in CONTROL
            for child in node.children:
                more_nodes, more_statements, more_control = self._tokens(child, out, blind)
                nodes += more_nodes
                statements += more_statements
                control = control or more_control
            out.append(">")
            blind.append(">")
            return nodes, statements, control
        out.append(token)
        blind.append(_BLIND.get(token[:2], token))
        return 1, int(statement), False


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


def _leaf_token(node: Node, kind: str) -> str | None:
    """The one token of a node that stands for itself (a value, a name, a type); ``None`` for one that
    opens a subtree."""
    if kind in _STRINGS:
        return "STR"
    if kind in _LITERALS:
        return "c:" + text(node)
    if kind == "identifier":
        parent = node.parent
        if parent is not None and parent.type == "call_expression" and parent.children[0] == node:
            return "<call " + text(node)
        return ("c:" if _CONSTANT.fullmatch(text(node)) else "v:") + text(node)
    if kind == "field_identifier":
        return "m:" + text(node)
    if kind in ("primitive_type", "type_identifier", "statement_identifier"):
        return "<" + text(node)
    return None


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
