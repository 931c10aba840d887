"""The text of one pass of a loop written out as plain statements, for loop peeling.

The pass is the loop body's statements (comments included) with names substituted. A body may hold one
guard clause that leaves or restarts the loop, ``if (X) { S; break; }`` or ``if (X) { S; continue; }``
among its top-level statements: in the written-out pass the jump goes and the statements after the guard
move into its ``else``, and for ``break`` the rest of the loop moves there too, so it only runs when the
first pass did not leave it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from declean.tools.cparse import Edit, apply_edits, text, walk
from declean.tools.transforms.inlining.layout import reindent

LOOPS = ("for_statement", "while_statement", "do_statement")


@dataclass(frozen=True)
class Exit:
    """A guard clause that leaves (``break``) or restarts (``continue``) the loop."""

    guard: Node
    """The ``if`` statement, a top-level statement of the body, without ``else``."""
    jump: Node
    """Its last statement, the ``break`` or ``continue``."""


def loop_exit(loop: Node, body: Node) -> Exit | str | None:
    """The body's one guard clause that leaves or restarts ``loop``; ``None`` when nothing does; why not
    when something else does."""
    jumps = [jump for jump in _jumps(body) if _binds_to(jump, loop)]
    if not jumps:
        return None
    guard = jumps[0].parent
    if guard is not None and guard.type == "compound_statement":
        statements = [child for child in guard.named_children if child.type != "comment"]
        guard = guard.parent if statements[-1:] == [jumps[0]] else None
    top = guard is not None and guard.parent == body and body.type == "compound_statement"
    if len(jumps) > 1 or guard is None or guard.type != "if_statement" or not top:
        return "the body leaves or restarts the loop other than by one guard clause"
    if guard.child_by_field_name("alternative") is not None:
        return "the body's guard clause has an else"
    return Exit(guard, jumps[0])


def pass_lines(
    body: Node, exit: Exit | None, substitution: dict[str, str], *, indent: str, unit: str, loop: list[str]
) -> list[str]:
    """One pass of the loop at ``indent``, followed by the ``loop`` lines (at ``indent``) when it goes on."""
    start, end = (
        (body.start_byte + 1, body.end_byte - 1) if body.type == "compound_statement" else body.byte_range
    )
    if exit is None:
        column = 0 if body.type == "compound_statement" else body.start_point.column
        return _lines(_piece(body, start, end, substitution), indent, column) + loop
    guard, jump = exit.guard, exit.jump
    lines = _lines(_piece(body, start, guard.start_byte, substitution), indent)
    rest = _lines(_piece(body, guard.end_byte, end, substitution), indent + unit)
    inside = [unit + line if line else "" for line in loop] if jump.type == "break_statement" else []
    after = loop if jump.type == "continue_statement" else []
    consequence = guard.child_by_field_name("consequence")
    kept = consequence is not None and consequence != jump and len(consequence.named_children) > 1
    if kept:
        words = _piece(body, guard.start_byte, jump.start_byte, substitution).rstrip()
        words += _piece(body, jump.end_byte, guard.end_byte, substitution)
        head = _lines(words, indent, guard.start_point.column)
        if not rest and not inside:
            return lines + head + after
        head[-1] += " else {"
    else:
        condition = guard.child_by_field_name("condition")
        negated = _piece(body, *condition.byte_range, substitution) if condition is not None else "(1)"
        head = [f"{indent}if (!{negated}) {{"]
        if not rest and not inside:
            return lines + after
    return lines + head + rest + inside + [indent + "}"] + after


def _jumps(body: Node) -> list[Node]:
    return [node for node in walk(body) if node.type in ("break_statement", "continue_statement")]


def _binds_to(jump: Node, loop: Node) -> bool:
    """``jump`` leaves or restarts ``loop`` (not an inner loop or, for ``break``, a ``switch``)."""
    stoppers = (*LOOPS, "switch_statement") if jump.type == "break_statement" else LOOPS
    node = jump.parent
    while node is not None and node != loop and node.type not in stoppers:
        node = node.parent
    return node == loop


def _piece(body: Node, start: int, end: int, substitution: dict[str, str]) -> str:
    """The source bytes ``start:end`` inside ``body``, with the identifiers of ``substitution`` replaced."""
    edits = [
        Edit(node.start_byte - start, node.end_byte - start, substitution[text(node)])
        for node in walk(body)
        if node.type == "identifier" and text(node) in substitution and start <= node.start_byte < end
    ]
    data = (body.text or b"")[start - body.start_byte : end - body.start_byte].decode()
    return apply_edits(data, edits)


def _lines(words: str, indent: str, column: int = 0) -> list[str]:
    """``words`` re-indented to ``indent``; ``column``: where its first line started in the source."""
    return reindent(" " * column + words, indent) if words.strip() else []
