"""A function body cut into units, and each unit's own role, from what it calls and what it writes.

Only library names matter (``scanf``, ``printf``, ``strcpy``, ...) and whether a callee is one of the
program's own functions; the program's own names never do, so renaming cannot change a role, and
neither can writing a named constant as a literal (both are plain values).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tree_sitter import Node

from declean.tools.cparse import text, walk

Job = Literal["input", "computation", "output"]
JOBS: tuple[Job, ...] = ("input", "computation", "output")
"""The jobs, in the order a program usually does them."""
Role = Literal["input", "computation", "output", "message", "delegation", "control", "setup"]
"""A unit's role: one of the :data:`JOBS`, or a print ending its path (``message``), a call of the
program's own function (``delegation``), a header or condition (``control``), a plain declaration or
``return x;`` (``setup``)."""
Kind = Literal["statement", "condition", "header"]
"""A unit is a simple statement, the condition of an ``if``/``while``/``do``/``switch``, or a ``for``
header (the ``for`` node itself, its body excluded)."""

INPUT_CALLS = frozenset(
    {"scanf", "fscanf", "vscanf", "vfscanf", "getchar", "getc", "fgetc", "fgets", "gets", "getline",
     "getdelim", "read", "fread", "getwchar", "fgetwc"}
)  # fmt: skip
"""Library calls that read."""
PARSE_CALLS = frozenset(
    {"sscanf", "strtol", "strtoul", "strtoll", "strtoull", "strtod", "strtof", "atoi", "atol", "atof"}
)  # fmt: skip
"""Library calls that parse text that was read: part of the input job."""
OUTPUT_CALLS = frozenset(
    {"printf", "fprintf", "vprintf", "vfprintf", "puts", "fputs", "putchar", "putc", "fputc", "fwrite",
     "perror", "write", "putwchar", "fputwc"}
)  # fmt: skip
"""Library calls that print."""
WRITING_CALLS = frozenset(
    {"strcpy", "strncpy", "strcat", "strncat", "memcpy", "memmove", "memset", "sprintf", "snprintf",
     "qsort"}
)  # fmt: skip
"""Library calls that compute into their first argument."""

LOOPS = ("while_statement", "for_statement", "do_statement")
_SIMPLE = ("expression_statement", "declaration", "return_statement")
_CONDITIONED = ("if_statement", "while_statement", "switch_statement", "do_statement")
_PLAIN = frozenset(
    {"identifier", "number_literal", "char_literal", "string_literal", "concatenated_string", "true",
     "false", "null", "initializer_list", "sizeof_expression"}
)  # fmt: skip
_WRAPPERS = ("cast_expression", "parenthesized_expression")


@dataclass(frozen=True)
class Unit:
    """One statement or header of a function, with its role."""

    node: Node
    kind: Kind
    role: Role

    @property
    def line(self) -> int:
        """1-based line where it starts."""
        return self.node.start_point.row + 1

    @property
    def end_line(self) -> int:
        """1-based line where it ends (a ``for`` header ends where its body starts)."""
        body = self.node.child_by_field_name("body") if self.kind == "header" else None
        return (body.start_point if body is not None else self.node.end_point).row + 1


def within(node: Node, outer: Node) -> bool:
    """``node`` lies inside ``outer`` (or is it)."""
    return outer.start_byte <= node.start_byte and node.end_byte <= outer.end_byte


def calls(node: Node, skip: Node | None = None) -> list[tuple[str, Node]]:
    """``(callee name, call)`` for the calls of named functions under ``node``, except under ``skip``."""
    found = []
    for call in walk(node):
        if call.type == "call_expression" and (skip is None or not within(call, skip)):
            callee = call.child_by_field_name("function")
            if callee is not None and callee.type == "identifier":
                found.append((text(callee), call))
    return found


def cut(body: Node, helpers: frozenset[str]) -> list[Unit]:
    """The units under a function body, in source order, each with its own role."""
    found: list[Unit] = []
    stack = [body]
    while stack:
        current = stack.pop()
        if current.type in _SIMPLE:
            found.append(_unit(current, "statement", helpers))
            continue
        children = list(current.named_children)
        if current.type in _CONDITIONED:
            condition = current.child_by_field_name("condition")
            if condition is not None:
                found.append(_unit(condition, "condition", helpers))
                children.remove(condition)
        elif current.type == "for_statement":
            found.append(_unit(current, "header", helpers))
            children = [part for part in [current.child_by_field_name("body")] if part is not None]
        elif current.type == "case_statement":
            children = [child for child in children if child != current.child_by_field_name("value")]
        elif current.type not in ("compound_statement", "else_clause", "labeled_statement"):
            continue
        stack.extend(reversed(children))
    return sorted(found, key=lambda unit: unit.node.start_byte)


def _unit(node: Node, kind: Kind, helpers: frozenset[str]) -> Unit:
    return Unit(node, kind, _role(node, kind, helpers))


def _role(node: Node, kind: Kind, helpers: frozenset[str]) -> Role:
    names = [name for name, _ in calls(node, node.child_by_field_name("body") if kind == "header" else None)]
    if any(name in INPUT_CALLS or name in PARSE_CALLS for name in names):
        return "input"
    if any(name in OUTPUT_CALLS for name in names):
        return "output"
    if kind != "statement":
        return "control"
    if any(name in helpers for name in names) and _delegates(node, helpers):
        return "delegation"
    if node.type == "declaration":
        values = [part.child_by_field_name("value") for part in node.children_by_field_name("declarator")]
        return "computation" if any(value is not None and not plain(value) for value in values) else "setup"
    if node.type == "return_statement":
        value = node.named_children[0] if node.named_children else None
        return "computation" if value is not None and not plain(value) else "setup"
    writes = any(part.type in ("assignment_expression", "update_expression") for part in walk(node))
    return "computation" if writes or any(name in WRITING_CALLS for name in names) else "setup"


def unwrapped(node: Node | None) -> Node | None:
    """``node`` without casts and parentheses around it."""
    while node is not None and node.type in _WRAPPERS:
        node = node.child_by_field_name("value") or (node.named_children[-1] if node.named_children else None)
    return node


def plain(value: Node) -> bool:
    """A bare name, literal, list or ``sizeof``, maybe signed or cast: a value, not a computation."""
    current = unwrapped(value)
    while current is not None and current.type == "unary_expression" and text(current)[:1] in ("+", "-"):
        current = unwrapped(current.child_by_field_name("argument"))
    return current is not None and current.type in _PLAIN


def _delegates(node: Node, helpers: frozenset[str]) -> bool:
    """The statement calls one of the program's functions and at most stores or returns its result."""
    value: Node | None = node.named_children[0] if node.named_children else None
    if node.type == "expression_statement" and value is not None and value.type == "assignment_expression":
        operator = value.child_by_field_name("operator")
        value = value.child_by_field_name("right") if operator is not None and text(operator) == "=" else None
    elif node.type == "declaration":
        parts = node.children_by_field_name("declarator")
        value = parts[0].child_by_field_name("value") if len(parts) == 1 else None
    value = unwrapped(value)
    callee = value.child_by_field_name("function") if value is not None else None
    return (
        value is not None
        and value.type == "call_expression"
        and callee is not None
        and text(callee) in helpers
    )
