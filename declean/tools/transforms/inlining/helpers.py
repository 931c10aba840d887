"""Helpers: which functions can be inlined (:func:`analyze`), where they are called, and the edits that
delete one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tree_sitter import Node, Tree

from declean.tools.cparse import (
    Edit,
    address_taken,
    declarator_name,
    descendants_of_type,
    function_name,
    source_bytes,
    text,
    walk,
)
from declean.tools.transforms.inlining.c_types import plain_type, return_type
from declean.tools.transforms.inlining.layout import leading_comments
from declean.tools.transforms.inlining.names import declared_names, identifiers, macro_words

Kind = Literal["expression", "void", "tail"]


@dataclass(frozen=True)
class Param:
    """One named parameter of a helper."""

    name: str
    node: Node
    """Its ``parameter_declaration``."""
    type: str | None
    """Normalised arithmetic-or-struct type; ``None`` for pointers and arrays (never cast to)."""


@dataclass(frozen=True)
class Helper:
    """A function that can be inlined, with what inlining it needs to know."""

    name: str
    definition: Node
    body: Node
    kind: Kind
    params: tuple[Param, ...]
    returned: Node | None
    """The returned expression (``None`` for ``void`` helpers)."""
    return_type: str | None
    declared: frozenset[str]
    """Names the helper declares (parameters and locals)."""
    free: frozenset[str]
    """Names the body uses without declaring them (globals, functions, macros)."""


def call_sites(tree: Tree, name: str) -> list[Node]:
    """The calls ``name(...)`` in source order."""
    return [
        call
        for call in descendants_of_type(tree.root_node, "call_expression")
        if (callee := call.child_by_field_name("function")) is not None and text(callee) == name
    ]


def callee_names(node: Node) -> set[str]:
    """Names of the functions called under ``node``."""
    return {text(call.children[0]) for call in descendants_of_type(node, "call_expression")}


def _params(definition: Node) -> tuple[Param, ...] | str:
    parameters = descendants_of_type(
        definition.child_by_field_name("declarator") or definition, "parameter_list"
    )
    if not parameters or descendants_of_type(parameters[0], "variadic_parameter", "comment"):
        return "variadic or commented parameter list"
    found = []
    for node in parameters[0].named_children:
        name = declarator_name(node.child_by_field_name("declarator"))
        if node.type != "parameter_declaration" or (name is None and text(node) != "void"):
            return "unnamed or old-style parameter"
        if name is not None:
            if name.parent is not None and name.parent.type == "function_declarator":
                return "function-typed parameter"
            found.append(Param(text(name), node, plain_type(node, name)))
    return tuple(found)


def _shape(body: Node, is_void: bool) -> tuple[Kind, Node | None] | str:
    returns = descendants_of_type(body, "return_statement")
    statements = [child for child in body.named_children if child.type != "comment"]
    last = statements[-1] if statements else None
    if is_void:
        if returns and (len(returns) > 1 or returns[0] != last or returns[0].named_child_count):
            return "early return"
        return "void", None
    if len(returns) != 1 or returns[0] != last or not last.named_children:
        return "not a single final return"
    if descendants_of_type(last, "comment"):
        return "comment inside the return"
    return ("expression" if len(statements) == 1 else "tail"), last.named_children[0]


def analyze(tree: Tree, name: str) -> Helper | str:
    """The helper called ``name``, or why it cannot be inlined."""
    definitions = [node for node in tree.root_node.children if node.type == "function_definition"]
    mine = [node for node in definitions if function_name(node) == name]
    if name == "main" or len(mine) != 1 or (body := mine[0].child_by_field_name("body")) is None:
        return "not a single defined helper"
    definition = mine[0]
    if _reaches(definitions, name, name):
        return "recursive"
    if any(text(node) == "static" for node in descendants_of_type(body, "storage_class_specifier")):
        return "uses static locals"
    if descendants_of_type(body, "goto_statement", "labeled_statement") or "__func__" in text(body):
        return "uses goto, labels or __func__"
    if any(node.type.startswith("preproc") for node in walk(body)):
        return "has preprocessor lines"
    named = (node for node in descendants_of_type(tree.root_node, "identifier") if text(node) == name)
    if any(address_taken(node, function=True) for node in named) or _in_macros(tree, name):
        return "address taken or named in a macro"
    params = _params(definition)
    if isinstance(params, str):
        return params
    kind_type = return_type(definition)
    shape = _shape(body, kind_type == "void")
    if isinstance(shape, str):
        return shape
    locals_ = declared_names(body)
    declared = {param.name for param in params} | locals_
    if len(declared) < len(params) + len(locals_):
        return "a parameter is redeclared in the body"
    macros, direct = macro_words(tree), {text(node) for node in identifiers(body)}
    expanded = set().union(*(macros[word] for word in direct & set(macros)))
    if expanded & declared:
        return "a macro it uses names one of its locals"
    free = frozenset((direct | expanded) - declared)
    return Helper(name, definition, body, shape[0], params, shape[1], kind_type, frozenset(declared), free)


def _reaches(definitions: list[Node], start: str, goal: str) -> bool:
    bodies = {function_name(node): node for node in definitions}
    seen, stack = set(), [start]
    while stack:
        current = bodies.get(stack.pop())
        for callee in callee_names(current) if current is not None else set():
            if callee == goal:
                return True
            if callee not in seen:
                seen.add(callee)
                stack.append(callee)
    return False


def _in_macros(tree: Tree, name: str) -> bool:
    return any(name in words for words in macro_words(tree).values())


def _removal(data: bytes, start: int, end: int) -> Edit:
    start = data.rfind(b"\n", 0, start) + 1
    end = data.find(b"\n", end)
    end = len(data) if end < 0 else end + 1
    if data[end : end + 1] == b"\n" and (start == 0 or data[start - 2 : start] == b"\n\n"):
        end += 1
    return Edit(start, end, "")


def removal_edits(tree: Tree, helper: Helper, with_comments: bool) -> list[Edit]:
    """Edits deleting the helper's definition (with its leading comments) and its prototypes."""
    data = source_bytes(tree)
    comments = leading_comments(helper.definition) if with_comments else []
    edits = [_removal(data, (comments or [helper.definition])[0].start_byte, helper.definition.end_byte)]
    for node in tree.root_node.children:
        parts = node.children_by_field_name("declarator")
        prototype = node.type == "declaration" and len(parts) == 1 and parts[0].type == "function_declarator"
        if prototype and text(declarator_name(parts[0]) or node) == helper.name:
            edits.append(_removal(data, node.start_byte, node.end_byte))
    return edits
