"""Roles read from the control flow around a unit: messages, prompts, state machines, computing loops.

* A *message* is a print that ends its path: what runs next is a ``return`` of nothing or of a value
  that reads no local variable or parameter, a ``break``, ``continue`` or ``goto``, or the end of the
  function (``++``/``--`` statements in between are skipped). An error or confirmation line, not a
  report.
* A *prompt* is a print right before a read that leaves the cursor on its line (``printf("age: ")``):
  part of the input job.
* A *state machine* is a ``switch`` on a variable that its cases assign, with the loop whose body it is:
  one job, so its transitions are control and every other unit in it takes its most common job.
* A *computing loop* is an outermost loop that computes and neither reads, prints nor calls the
  program's functions, and is not inside a loop that does: a loop computing a result (also from what
  was read before it, as ``do { digit = number % 10; ... number /= 10; } while (number != 0);``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from tree_sitter import Node

from declean.tools.cparse import declarator_name, text, walk
from declean.tools.jobs.units import JOBS, LOOPS, Role, Unit, within

_JUMPS = ("break_statement", "continue_statement", "goto_statement")
_OTHER_JOBS = frozenset({"input", "output", "message", "delegation"})


def mark_messages_and_prompts(definition: Node, units: list[Unit]) -> list[Unit]:
    """``units`` with prints that end their path made messages and prints right before a read input."""
    local = _locals(definition)
    reads = [unit.node for unit in units if unit.role == "input"]
    result = list(units)
    for position, unit in enumerate(units):
        if unit.role != "output" or unit.node.type != "expression_statement":
            continue
        after = _next_statement(unit.node)
        while after is not None and after.type == "expression_statement" and _counts(after):
            after = _next_statement(after)
        identifiers = {text(n) for n in walk(after) if n.type == "identifier"} if after is not None else set()
        if (
            after is None
            or after.type in _JUMPS
            or (after.type == "return_statement" and not identifiers & local)
        ):
            result[position] = replace(unit, role="message")
        elif _asks(unit.node) and any(within(read, after) and _heads(read, after) for read in reads):
            result[position] = replace(unit, role="input")
    return result


def merge_state_machines(body: Node, units: list[Unit]) -> list[Unit]:
    """``units`` with each state machine made one job (see the module docstring)."""
    result = list(units)
    for switch in (node for node in walk(body) if node.type == "switch_statement"):
        condition = switch.child_by_field_name("condition")
        state = text(condition).strip("() ") if condition is not None else ""
        transitions = [
            node
            for node in walk(switch)
            if node.type == "assignment_expression"
            and text(node.child_by_field_name("left") or node) == state
        ]
        if not transitions:
            continue
        region = _runner(switch)
        inside = [position for position, unit in enumerate(result) if within(unit.node, region)]
        for position in inside:
            unit = result[position]
            if unit.node.type == "expression_statement" and any(within(t, unit.node) for t in transitions):
                result[position] = replace(unit, role="control")
        jobs = Counter(result[position].role for position in inside)
        main = max(JOBS, key=lambda role: jobs[role])
        for position in inside:
            if result[position].role in (*JOBS, "message"):
                result[position] = replace(result[position], role=main)
    return result


def computing_loops(body: Node, units: list[Unit], own: list[Unit]) -> tuple[Node, ...]:
    """The computing loops of a function body (see the module docstring). ``own`` are the units with the
    roles they had before stored input was found: a loop working on what was read earlier computes."""

    def roles_in(loop: Node, found_in: list[Unit]) -> set[Role]:
        return {unit.role for unit in found_in if within(unit.node, loop)}

    found: list[Node] = []
    for loop in (node for node in walk(body) if node.type in LOOPS):
        enclosing = [node for node in _ancestors(loop, body) if node.type in LOOPS]
        if "computation" in roles_in(loop, units) and not any(
            roles_in(outer, own) & _OTHER_JOBS or outer in found for outer in [loop, *enclosing]
        ):
            found.append(loop)
    return tuple(found)


def _locals(definition: Node) -> set[str]:
    """Names of the parameters and local variables of a function definition."""
    found = set()
    for declaration in walk(definition):
        if declaration.type in ("declaration", "parameter_declaration"):
            for part in declaration.children_by_field_name("declarator"):
                name = declarator_name(part)
                found |= {text(name)} if name is not None else set()
    return found


def _counts(statement: Node) -> bool:
    """``x++;`` or ``x--;``."""
    return bool(statement.named_children) and statement.named_children[0].type == "update_expression"


def _asks(statement: Node) -> bool:
    """The print leaves the cursor on its line, as a prompt does (its text does not end in a newline)."""
    strings = [node for node in walk(statement) if node.type == "string_literal"]
    return bool(strings) and not text(strings[-1]).endswith('\\n"')


def _heads(read: Node, statement: Node) -> bool:
    """``read`` is ``statement`` itself or the condition or header it starts with."""
    return read == statement or read == statement.child_by_field_name("condition")


def _next_statement(node: Node) -> Node | None:
    """The statement run after ``node`` when it is not the last of a loop body: its next sibling, or the
    one after the enclosing ``if`` or block; the loop itself at the end of a loop body; ``None`` at the
    end of the function."""
    current = node
    while True:
        sibling = current.next_named_sibling
        while sibling is not None and sibling.type == "comment":
            sibling = sibling.next_named_sibling
        parent = current.parent
        if (
            sibling is not None
            and parent is not None
            and parent.type in ("compound_statement", "case_statement")
        ):
            return sibling
        if parent is None or parent.type == "function_definition":
            return None
        if parent.type in (*LOOPS, "switch_statement"):
            return parent
        current = parent


def _runner(switch: Node) -> Node:
    """The loop whose body is ``switch`` (alone in its block), else the switch itself."""
    parent = switch.parent
    if parent is not None and parent.type == "compound_statement":
        if [child for child in parent.named_children if child.type != "comment"] != [switch]:
            return switch
        parent = parent.parent
    return parent if parent is not None and parent.type in LOOPS else switch


def _ancestors(node: Node, top: Node) -> list[Node]:
    """The nodes between ``node`` and ``top`` (both excluded)."""
    found = []
    parent = node.parent
    while parent is not None and parent != top:
        found.append(parent)
        parent = parent.parent
    return found
