"""C parsing with tree-sitter: the syntax tree, its functions and declarators, and byte-range text edits.

Shared by the procedural transforms and the verifiers; knows nothing of models or graphs.
"""

from __future__ import annotations

import bisect
import functools
import heapq
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import tree_sitter_c
from tree_sitter import Language, Node, Parser, Tree


@functools.cache
def _language() -> Language:
    return Language(tree_sitter_c.language())


@functools.lru_cache(maxsize=64)
def parse(source: str) -> Tree:
    """The syntax tree of ``source`` (tree-sitter always returns one; check :func:`has_errors`).

    Trees are never edited, so the measures and transforms that read one program share one tree (and its
    index): a run parsed each program two or three times over."""
    return Parser(_language()).parse(source.encode())


def source_bytes(tree: Tree) -> bytes:
    """The bytes a tree was parsed from, at their offsets: ``tree.root_node.text`` starts at the first
    token, so leading whitespace is rebuilt (blank lines, then the first token's columns as spaces)."""
    root = tree.root_node
    row, column = root.start_point
    padding = root.start_byte - row - column
    return b" " * padding + b"\n" * row + b" " * column + (root.text or b"")


def has_errors(tree: Tree) -> bool:
    """True when tree-sitter could not parse part of the program."""
    return tree.root_node.has_error


def text(node: Node) -> str:
    """The source text a node covers."""
    return (node.text or b"").decode()


def walk(node: Node) -> Iterator[Node]:
    """Every node below and including ``node``, in source order (parent before child)."""
    order = _preorder(_root(node))
    start = order.position[node]
    return iter(order.nodes[start : start + node.descendant_count])


def descendants_of_type(node: Node, *types: str) -> list[Node]:
    """Every node of one of ``types`` below and including ``node``, in source order."""
    order = _preorder(_root(node))
    start = order.position[node]
    end = start + node.descendant_count
    runs: list[list[int]] = []
    for kind in types:
        positions = order.by_type.get(kind, [])
        runs.append(positions[bisect.bisect_left(positions, start) : bisect.bisect_left(positions, end)])
    merged = runs[0] if len(runs) == 1 else heapq.merge(*runs)  # no types: merges nothing
    return [order.nodes[index] for index in merged]


@dataclass(frozen=True)
class _Preorder:
    """A tree's nodes in source order, indexed: the transforms and measures ask the same tree for its
    nodes of a type hundreds of times per program, and walking it in Python each time was a third of the
    pipeline's own time outside the sandbox (``bench/overhead.py --profile``)."""

    nodes: tuple[Node, ...]
    position: dict[Node, int]
    """Each node's index in ``nodes``; a node's descendants follow it (``descendant_count`` of them,
    itself included)."""
    by_type: dict[str, list[int]]
    """The indices of the nodes of each type, ascending."""


def _root(node: Node) -> Node:
    while (parent := node.parent) is not None:
        node = parent
    return node


@functools.lru_cache(maxsize=32)
def _preorder(root: Node) -> _Preorder:
    """The index of the tree under ``root``. Trees are never edited in place (an edit makes new text,
    parsed again), so an index stays right for as long as its tree lives; the cache's reference keeps
    the tree alive, so a node id is never reused while its index is cached."""
    nodes: list[Node] = []
    by_type: dict[str, list[int]] = {}
    cursor = root.walk()  # a cursor's steps cost less than building each node's list of children
    while True:
        node = cursor.node
        assert node is not None
        if (same_type := by_type.get(node.type)) is None:
            by_type[node.type] = [len(nodes)]
        else:
            same_type.append(len(nodes))
        nodes.append(node)
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return _Preorder(tuple(nodes), dict(zip(nodes, range(len(nodes)), strict=True)), by_type)


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


def enclosing_function(node: Node | None) -> Node | None:
    """The innermost ``function_definition`` holding ``node`` (``node`` itself included), if any."""
    while node is not None and node.type != "function_definition":
        node = node.parent
    return node


DECLARATOR_WRAPPERS = ("init_declarator", "pointer_declarator", "array_declarator", "attributed_declarator")
"""Declarators walked by their ``declarator`` field (tree-sitter-c gives ``attributed_declarator`` none)."""


def declarator_name(node: Node | None, *, strict: bool = False) -> Node | None:
    """The identifier a declarator declares, through pointers, arrays, functions and parentheses.

    By default any node's ``declarator`` field is followed, else its first child declarator, so a whole
    declaration works too, and attributes after a declarator are crossed; a name alone in parentheses
    (``int (x)``) is not reached. With ``strict`` only C's declarator kinds are walked: parentheses by
    their first child, :data:`DECLARATOR_WRAPPERS` and function declarators by their ``declarator``
    field; any other node, or an attributed declarator (it has no such field), declares no name.
    """
    while node is not None and node.type != "identifier":
        if not strict:
            found = node.child_by_field_name("declarator")
            node = found or next((c for c in node.named_children if c.type.endswith("declarator")), None)
        elif node.type == "parenthesized_declarator":
            node = node.named_children[0] if node.named_children else None
        elif node.type in (*DECLARATOR_WRAPPERS, "function_declarator"):
            node = node.child_by_field_name("declarator")
        else:
            return None
    return node


def outside_parentheses(node: Node) -> Node:
    """The parent of ``node`` outside any parentheses (``node`` itself at the root)."""
    parent = node.parent
    while parent is not None and parent.type == "parenthesized_expression":
        parent = parent.parent
    return parent or node


def address_taken(use: Node, *, function: bool = False) -> bool:
    """True when ``use`` takes the address of what it names: it is the operand of ``&`` (through
    parentheses), or, naming a ``function``, it is neither the callee of a call nor a declarator (a
    function designator that is not called decays to its address)."""
    parent = use.parent
    if function and parent is not None and parent.type != "function_declarator":
        return parent.type != "call_expression" or parent.child_by_field_name("function") != use
    outer = outside_parentheses(use)
    return outer.type == "pointer_expression" and text(outer).startswith("&")


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
