"""Breakages of the grammar: a ``;`` or a ``}`` taken away, so that gcc cannot parse the function any more.

A ``;`` is only taken where the tokens it separated cannot join into one expression, and never after a
statement that is a macro of the file (its expansion may bring its own ``;``).
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from declean.tools.breakage.program import Program, Site, snippet
from declean.tools.cparse import Edit, descendants_of_type, function_name
from declean.tools.cparse import text as node_text

_CONTINUING_TOKEN_LIST = (
    "- + * / % & | ^ < > = ? : . -> , ; ( [ << >> && || == != <= >= += -= *= /= %= &= |= ^= <<= >>="
)
_CONTINUING_TOKENS = frozenset(_CONTINUING_TOKEN_LIST.split())
"""Tokens that could continue an expression once the ``;`` before them is gone."""
_BLOCK_OWNERS = {
    "if_statement": "`if` block",
    "else_clause": "`else` block",
    "for_statement": "`for` loop body",
    "while_statement": "`while` loop body",
    "do_statement": "`do` loop body",
    "switch_statement": "`switch` body",
    "case_statement": "block under a `case` label",
}


def missing_semicolons(program: Program) -> Iterator[Site]:
    """The ``;`` of each statement and declaration in a function body, outside ``for`` headers."""
    statements = ("expression_statement", "return_statement", "declaration")
    for node in descendants_of_type(program.tree.root_node, *statements):
        semicolon = node.children[-1] if node.children else None
        if semicolon is None or semicolon.type != ";" or semicolon.is_missing:
            continue
        if not program.active(node) or node.parent is None or node.parent.type == "for_statement":
            continue
        if not _statement_needs_semicolon(program, node, semicolon):
            continue
        before = program.data[node.start_byte : semicolon.start_byte].decode()
        line = semicolon.start_point.row + 1
        yield Site(
            Edit(semicolon.start_byte, semicolon.end_byte, ""),
            line,
            f"removed the ';' after `{snippet(before)}` on line {line}",
        )


def _statement_needs_semicolon(program: Program, node: Node, semicolon: Node) -> bool:
    """True when dropping the statement's ``;`` leaves two tokens no C expression can join."""
    if node.type == "expression_statement":
        expression = node.named_children[0] if node.named_children else None
        if expression is None or _macro_statement(program, expression):
            return False
    if node.type == "declaration" and not node.children_by_field_name("declarator"):
        return False
    following = program.next_token(semicolon.end_byte)
    if following is None:
        return True
    following_text = node_text(following)
    if node.type == "return_statement" and not node.named_children:
        return following_text == "}"
    return following_text not in _CONTINUING_TOKENS and not following_text.startswith("#")


def _macro_statement(program: Program, expression: Node) -> bool:
    """True when a statement's expression is one of the file's macros or a call of one: its expansion
    may bring its own ``;`` or braces."""
    if expression.type == "identifier":
        return node_text(expression) in program.macros
    callee = expression.child_by_field_name("function") if expression.type == "call_expression" else None
    return callee is not None and node_text(callee) in program.function_macros


def missing_braces(program: Program) -> Iterator[Site]:
    """The closing ``}`` of each block in a function, the body included: the braces no longer pair."""
    for block in descendants_of_type(program.tree.root_node, "compound_statement"):
        close = block.children[-1] if block.children else None
        if close is None or close.type != "}" or close.is_missing or not program.active(block):
            continue
        line, opened = close.start_point.row + 1, block.start_point.row + 1
        yield Site(
            program.removal(close.start_byte, close.end_byte),
            line,
            f"removed the '}}' on line {line} that closes the {_block_owner(block)} opened on line {opened}",
        )


def _block_owner(block: Node) -> str:
    """What a block is the body of, for a description."""
    parent = block.parent
    if parent is None:
        return "block"
    if parent.type == "function_definition":
        name = function_name(parent)
        return f"body of `{name}`" if name else "function body"
    return _BLOCK_OWNERS.get(parent.type, "block")
