"""One call being inlined, and inlining it by substitution: the call replaced by the helper's returned
expression with each parameter replaced by its argument."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tree_sitter import Node, Tree

from declean.tools.cparse import descendants_of_type, text
from declean.tools.transforms.inlining.c_types import ATOMIC_EXPRESSIONS, convert, type_table
from declean.tools.transforms.inlining.helpers import Helper, Param
from declean.tools.transforms.inlining.names import identifiers, rewrite

EFFECTS = ("call_expression", "assignment_expression", "update_expression")
"""Expressions that may have side effects."""
_PARTS = ("field_expression", "subscript_expression")


@dataclass(frozen=True)
class CallSite:
    """One call being planned."""

    source: bytes
    tree: Tree
    helper: Helper
    call: Node
    args: list[Node]
    caller_types: dict[str, str]
    opaque: set[str]


def is_pure(node: Node) -> bool:
    """No calls, assignments or increments under ``node``."""
    return not descendants_of_type(node, *EFFECTS)


def substitutable(site: CallSite) -> bool:
    helper, returned = site.helper, site.helper.returned
    if helper.kind != "expression" or returned is None or descendants_of_type(helper.body, "comment"):
        return False
    for param in helper.params:
        uses = [node for node in identifiers(returned) if text(node) == param.name]
        if len(uses) > 1 or any(modified(node, param.type is None) for node in uses):
            return False
    if not all(is_pure(arg) for arg in site.args):
        return False
    return is_pure(returned) or all(arg.type in ("identifier", "number_literal") for arg in site.args)


def modified(node: Node, pointer: bool) -> bool:
    """A parameter use that writes the parameter itself, takes its address or sits under ``sizeof``."""
    if any(kind in ("sizeof_expression", "alignof_expression") for kind in _ancestor_types(node)):
        return True
    through = ("parenthesized_expression",) if pointer else ("parenthesized_expression", *_PARTS)
    while node.parent is not None and node.parent.type in through and node == node.parent.named_children[0]:
        node = node.parent
    parent = node.parent
    if parent is None:
        return False
    assigned = parent.type == "assignment_expression" and node == parent.children[0]
    address = parent.type == "pointer_expression" and text(parent).startswith("&")
    return assigned or address or parent.type == "update_expression"


def _ancestor_types(node: Node) -> Iterator[str]:
    while node.parent is not None:
        node = node.parent
        yield node.type


def param_uses(helper: Helper, param: Param) -> list[Node]:
    return [node for node in identifiers(helper.body) if text(node) == param.name]


def substituted(site: CallSite) -> str:
    """The returned expression with each parameter replaced by its (converted) argument."""
    helper, replacements = site.helper, {}
    assert helper.returned is not None
    for param, arg in zip(helper.params, site.args, strict=True):
        converted = convert(arg, text(arg), param.type, site.caller_types, site.opaque)
        for use in (node for node in identifiers(helper.returned) if text(node) == param.name):
            postfix = use.parent is not None and use.parent.type in (*_PARTS, "call_expression")
            bare = arg.type in ATOMIC_EXPRESSIONS and (converted == text(arg) or not postfix)
            replacements[use.start_byte] = converted if bare else f"({converted})"
    return rewrite(helper.returned, replacements)


def value_at_call(site: CallSite, rendered: str, call: Node) -> str:
    """The returned expression as it replaces ``call``: converted, parenthesised where needed."""
    returned = site.helper.returned
    assert returned is not None
    types = type_table(site.tree, site.helper.definition)
    converted = convert(returned, rendered, site.helper.return_type, types, site.opaque)
    parent = call.parent
    top = parent is not None and (
        parent.type in ("argument_list", "init_declarator", "return_statement", "expression_statement")
        or parent.type == "parenthesized_expression"
        or (parent.type == "assignment_expression" and parent.child_by_field_name("right") == call)
    )
    atomic = returned.type in ATOMIC_EXPRESSIONS and converted == rendered
    return converted if atomic or (top and returned.type != "comma_expression") else f"({converted})"
