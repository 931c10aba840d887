"""Stored input: the computation that only keeps what was read belongs to the input job.

Input lands in variables: the ``&x`` and arrays after a ``scanf`` format, the buffer of ``fgets``, the
variable assigned ``getchar()``. Writing into those variables (normalising or swapping what was read),
copying one of them whole into another variable (``scores[count] = score``; the copy becomes input
storage too) and counting with ``++``/``--`` a variable that indexes input storage (``count++``) are
input, so a read loop that only stores what it reads does one job.
"""

from __future__ import annotations

from dataclasses import replace

from tree_sitter import Node

from declean.tools.cparse import declarator_name, text, walk
from declean.tools.jobs.units import Unit, calls, unwrapped, within

_LVALUE_PARTS = ("pointer_expression", "cast_expression", "parenthesized_expression", "field_expression")


def absorb_stored_input(units: list[Unit]) -> list[Unit]:
    """``units`` with the computation that stores, normalises or counts input made input."""
    read: set[str] = set()
    indices: set[str] = set()
    for unit in units:
        if unit.role == "input":
            roots, index = _received(unit.node)
            read |= roots
            indices |= index
    stored, result = set(read), list(units)
    changed = bool(read)
    while changed:
        changed = False
        for position, unit in enumerate(result):
            targets = targets_of(unit.node) if unit.role == "computation" else []
            if targets and all(_stores(target, read, stored, indices) for target in targets):
                result[position] = replace(unit, role="input")
                changed = True
    return result


def targets_of(node: Node) -> list[Node]:
    """The lvalues a unit writes: assignment targets, ``++``/``--`` operands, initialised declarators."""
    found = []
    for part in walk(node):
        if part.type == "assignment_expression":
            found += [left] if (left := part.child_by_field_name("left")) is not None else []
        elif part.type == "update_expression":
            found += [arg] if (arg := part.child_by_field_name("argument")) is not None else []
        elif part.type == "init_declarator":
            found.append(part)
    return found


def root(lvalue: Node | None) -> tuple[str | None, set[str]]:
    """The variable an lvalue or declarator writes, and the names in its subscripts."""
    indices: set[str] = set()
    node = lvalue
    while node is not None and node.type != "identifier":
        if node.type == "subscript_expression":
            index = node.child_by_field_name("index")
            indices |= (
                {text(n) for n in walk(index) if n.type == "identifier"} if index is not None else set()
            )
            node = node.child_by_field_name("argument")
        elif node.type in _LVALUE_PARTS:
            node = node.child_by_field_name("argument") or node.child_by_field_name("value")
        elif node.type.endswith("declarator"):
            node = declarator_name(node)
        else:
            return None, indices
    return (text(node) if node is not None else None), indices


def _value(target: Node) -> Node | None:
    """What ``target`` is assigned (``None`` for ``++``/``--``)."""
    if target.type == "init_declarator":
        return target.child_by_field_name("value")
    parent = target.parent
    return (
        parent.child_by_field_name("right")
        if parent is not None and parent.type == "assignment_expression"
        else None
    )


def _received(node: Node) -> tuple[set[str], set[str]]:
    """The variables input lands in under an input unit, and the names indexing them."""
    roots: set[str] = set()
    indices: set[str] = set()
    for name, call in calls(node):
        arguments = call.child_by_field_name("arguments")
        args = arguments.named_children if arguments is not None else []
        if name in ("scanf", "vscanf"):
            lvalues = args[1:]
        elif name in ("fscanf", "vfscanf"):
            lvalues = args[2:]
        elif name == "sscanf":
            lvalues = [*args[2:], *args[:1]]
        elif name in ("fgets", "gets", "getline", "getdelim", "fread"):
            lvalues = args[:1]
        elif name == "read":
            lvalues = args[1:2]
        else:
            lvalues = [target for target in targets_of(node) if within(call, _value(target) or target)]
        for lvalue in lvalues:
            variable, index = root(lvalue)
            roots |= {variable} if variable else set()
            indices |= index
    return roots, indices


def _stores(target: Node, read: set[str], stored: set[str], indices: set[str]) -> bool:
    """Writing ``target`` keeps input: ``target`` is input storage, gets a whole copy of a variable input
    was read into (and becomes input storage), or is a counter indexing input storage."""
    variable, index = root(target)
    parent = target.parent
    assignment = parent is not None and parent.type == "assignment_expression"
    operator = parent.child_by_field_name("operator") if assignment and parent is not None else None
    whole = operator is None or text(operator) == "="
    value = unwrapped(_value(target))
    copied = whole and value is not None and value.type == "identifier" and text(value) in read
    counted = parent is not None and parent.type == "update_expression" and variable in indices
    if variable is None or not (variable in stored or copied or counted):
        return False
    indices |= index
    stored.add(variable)
    return True
