"""C parsing with tree-sitter: the syntax tree, the program's functions, and byte-range text edits.

Shared by the procedural transforms and the verifiers; knows nothing of models or graphs.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import tree_sitter_c
from tree_sitter import Language, Node, Parser, Tree


@functools.cache
def _language() -> Language:
    return Language(tree_sitter_c.language())


def parse(source: str) -> Tree:
    """The syntax tree of ``source`` (tree-sitter always returns one; check :func:`has_errors`)."""
    return Parser(_language()).parse(source.encode())


def has_errors(tree: Tree) -> bool:
    """True when tree-sitter could not parse part of the program."""
    return tree.root_node.has_error


def text(node: Node) -> str:
    """The source text a node covers."""
    return (node.text or b"").decode()


def walk(node: Node) -> Iterator[Node]:
    """Every node below and including ``node``, in source order (one cursor, no recursion)."""
    cursor = node.walk()
    while True:
        current = cursor.node
        assert current is not None
        yield current
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return


def descendants_of_type(node: Node, *types: str) -> list[Node]:
    """Every node of one of ``types`` below and including ``node``."""
    return [found for found in walk(node) if found.type in types]


def line_range(node: Node) -> tuple[int, int]:
    """1-based first and last line of a node."""
    return node.start_point.row + 1, node.end_point.row + 1


@dataclass(frozen=True)
class Function:
    """A function the program defines."""

    name: str
    node: Node
    """The ``function_definition`` node."""
    body: Node
    """Its ``compound_statement``."""

    @property
    def lines(self) -> tuple[int, int]:
        """1-based first and last line."""
        return line_range(self.node)


def function_name(definition: Node) -> str | None:
    """The name a ``function_definition`` defines (through pointer declarators)."""
    declarator = definition.child_by_field_name("declarator")
    while declarator is not None and declarator.type != "function_declarator":
        declarator = declarator.child_by_field_name("declarator")
    if declarator is None:
        return None
    name = declarator.child_by_field_name("declarator")
    return text(name) if name is not None and name.type == "identifier" else None


def functions(tree: Tree | Node) -> list[Function]:
    """The program's function definitions, in source order (from a tree or any node)."""
    root = tree.root_node if isinstance(tree, Tree) else tree
    found = []
    for definition in descendants_of_type(root, "function_definition"):
        name, body = function_name(definition), definition.child_by_field_name("body")
        if name is not None and body is not None:
            found.append(Function(name=name, node=definition, body=body))
    return found


@dataclass(frozen=True)
class Edit:
    """Replace the bytes ``start:end`` of the source with ``replacement``."""

    start: int
    end: int
    replacement: str


def apply_edits(source: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (in any order) to ``source``; overlapping edits are a bug."""
    data = source.encode()
    ordered: Sequence[Edit] = sorted(edits, key=lambda edit: (edit.start, edit.end))
    pieces: list[bytes] = []
    cursor = 0
    for edit in ordered:
        if edit.start < cursor:
            raise ValueError(f"overlapping edits at byte {edit.start}")
        pieces += [data[cursor : edit.start], edit.replacement.encode()]
        cursor = edit.end
    pieces.append(data[cursor:])
    return b"".join(pieces).decode()
