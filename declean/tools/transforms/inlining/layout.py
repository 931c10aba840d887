"""Source layout: the indentation of lines, the program's indent step, re-indented blocks, and the
comments directly above a definition."""

from __future__ import annotations

from tree_sitter import Node, Tree


def line_indent(source: bytes, offset: int) -> str:
    """The leading whitespace of the line holding byte ``offset``."""
    start = source.rfind(b"\n", 0, offset) + 1
    line = source[start:offset].decode()
    return line[: len(line) - len(line.lstrip())]


def reindent(block: str, indent: str) -> list[str]:
    """The lines of ``block`` moved to ``indent``, relative indentation kept."""
    lines = block.strip("\n").rstrip().split("\n")
    margin = min((len(line) - len(line.lstrip()) for line in lines if line.strip()), default=0)
    return [indent + line[margin:] if line.strip() else "" for line in lines]


def indent_unit(source: bytes, tree: Tree, preferred: Node) -> str:
    """The indentation step of the program, read from the definition ``preferred`` or else any function."""
    definitions = [preferred, *(node for node in tree.root_node.children if node != preferred)]
    for definition in definitions:
        body = definition.child_by_field_name("body")
        first = body.named_children[0] if body is not None and body.named_children else None
        if body is not None and first is not None and first.start_point.row > body.start_point.row:
            outer = line_indent(source, definition.start_byte)
            return line_indent(source, first.start_byte)[len(outer) :] or "    "
    return "    "


def leading_comments(definition: Node) -> list[Node]:
    """The comments directly above a top-level definition."""
    found: list[Node] = []
    node = definition.prev_sibling
    below = definition
    while node is not None and node.type == "comment" and node.end_point.row + 1 >= below.start_point.row:
        before = node.prev_sibling
        if before is not None and before.end_point.row == node.start_point.row:
            break
        found.insert(0, node)
        below, node = node, before
    return found
