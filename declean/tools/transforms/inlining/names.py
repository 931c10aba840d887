"""Names in C source as inlining sees them: what a scope or the file declares, the words of macro bodies,
identifier nodes, fresh names, and text with identifiers replaced."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node, Tree

from declean.tools.cparse import Edit, apply_edits, declarator_name, descendants_of_type, text, walk


def declarations(scope: Node) -> list[tuple[Node, Node]]:
    """``(identifier, declaration)`` for every parameter and variable declared under ``scope``."""
    found = []
    for node in descendants_of_type(scope, "parameter_declaration", "declaration"):
        for part in node.children_by_field_name("declarator"):
            name = declarator_name(part)
            if name is not None and name.parent is not None and name.parent.type != "function_declarator":
                found.append((name, node))
    return found


def declared_names(scope: Node) -> set[str]:
    """Names of the parameters and variables declared under ``scope``."""
    return {text(name) for name, _ in declarations(scope)}


def file_scope_names(tree: Tree) -> dict[str, int]:
    """Names declared at file scope (functions, globals, types, tags, enumerators, macros): first byte."""
    found: dict[str, int] = {}
    for node in tree.root_node.children:
        parts = node.children_by_field_name("declarator") + node.children_by_field_name("name")
        names = [part if part.type == "type_identifier" else declarator_name(part) for part in parts]
        if node.type != "function_definition":
            tags = descendants_of_type(
                node, "struct_specifier", "union_specifier", "enum_specifier", "enumerator"
            )
            names += [tag.child_by_field_name("name") for tag in tags]
        for name in names:
            if name is not None:
                found.setdefault(text(name), node.start_byte)
    return found


def macro_words(tree: Tree) -> dict[str, set[str]]:
    """Each macro's name -> the words of its body (a macro body may name any variable in scope)."""
    found: dict[str, set[str]] = {}
    for node in descendants_of_type(tree.root_node, "preproc_def", "preproc_function_def"):
        body, params = node.child_by_field_name("value"), node.child_by_field_name("parameters")
        words = set(re.findall(r"[A-Za-z_]\w*", text(body) if body else ""))
        found[text(node.children[1])] = words - {text(p) for p in (params.named_children if params else [])}
    return found


def identifiers(node: Node) -> Iterator[Node]:
    """Identifier nodes under ``node``."""
    return (found for found in walk(node) if found.type == "identifier")


def inside(node: Node, outer: Node) -> bool:
    """``node`` lies within ``outer``."""
    return outer.start_byte <= node.start_byte and node.end_byte <= outer.end_byte


def fresh_name(base: str, taken: set[str]) -> str:
    """``base_2``, ``base_3``, ... : the first one not in ``taken``."""
    suffix = 2
    while f"{base}_{suffix}" in taken:
        suffix += 1
    return f"{base}_{suffix}"


def rewrite(node: Node, replacements: dict[int, str]) -> str:
    """The text of ``node`` with identifier nodes (keyed by start byte) replaced."""
    edits = [
        Edit(
            found.start_byte - node.start_byte,
            found.end_byte - node.start_byte,
            replacements[found.start_byte],
        )
        for found in identifiers(node)
        if found.start_byte in replacements
    ]
    return apply_edits(text(node), edits)
