"""A helper's twin: its definition copied under a new name, right after it, for one of its calls.

The copy is exact: the same parameters, locals and statements, so the call behaves the same. A helper
with ``static`` locals (its copy would keep a state of its own), or defined after the call (the copy
would need a prototype), gets no twin.
"""

from __future__ import annotations

import re

from tree_sitter import Node, Tree

from declean.tools.cparse import Edit, declarator_name, descendants_of_type, function_name, text, walk


def twin_edits(tree: Tree, call: Node, source: bytes) -> list[Edit] | str:
    """The edits defining a copy of the helper ``call`` calls and making ``call`` call it (the copy's
    definition first), or why not."""
    callee = call.child_by_field_name("function")
    name = text(callee) if callee is not None else ""
    definitions = [
        node
        for node in tree.root_node.children
        if node.type == "function_definition" and function_name(node) == name
    ]
    if callee is None or name == "main" or len(definitions) != 1:
        return "not a single defined helper"
    definition = definitions[0]
    body = definition.child_by_field_name("body")
    if body is None or definition.start_byte > call.start_byte:
        return "the helper is defined after the call"
    if any(text(node) == "static" for node in descendants_of_type(body, "storage_class_specifier")):
        return "the helper has static locals"
    if any(node.type.startswith("preproc") for node in walk(body)):
        return "the helper holds preprocessor lines"
    declared = declarator_name(definition.child_by_field_name("declarator"))
    if declared is None or text(declared) != name:
        return "the helper's name cannot be found"
    twin = _fresh(f"{name}_first", source)
    head = definition.start_byte
    copy = text(definition)
    copy = copy[: declared.start_byte - head] + twin + copy[declared.end_byte - head :]
    return [
        Edit(definition.end_byte, definition.end_byte, "\n\n" + copy),
        Edit(callee.start_byte, callee.end_byte, twin),
    ]


def _fresh(base: str, source: bytes) -> str:
    taken = set(re.findall(rb"\w+", source))
    name, suffix = base, 2
    while name.encode() in taken:
        name, suffix = f"{base}_{suffix}", suffix + 1
    return name
