"""Breakages of types: a use that contradicts what its declaration says, a scalar local used as a struct or
called as a function, a function the file prototypes called with one argument too few or too many.

Only contradictions gcc rejects with an error are made: a scalar is never a struct or a function, and a
call is only changed when every declaration of its function has a fixed parameter list (gcc does not count
the arguments of a function declared with ``()``, K&R parameters or ``...``).
"""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from declean.tools.breakage.program import Program, Site, is_callee, snippet
from declean.tools.cparse import Edit
from declean.tools.cparse import text as node_text
from declean.tools.transforms.scopes import Symbol

_SCALAR_TYPES = frozenset({"primitive_type", "sized_type_specifier"})


def type_errors(program: Program) -> Iterator[Site]:
    """Each use of a scalar local or parameter, made a member access and, separately, a call."""
    for symbol in program.local_symbols():
        type_name = _scalar_type(symbol)
        if type_name is None:
            continue
        for use in symbol.uses:
            if not program.active(use) or is_callee(use):
                continue
            line = use.start_point.row + 1
            name = symbol.name
            yield Site(
                Edit(use.start_byte, use.end_byte, f"{name}.value"),
                line,
                f"used the {type_name} `{name}` as a struct (`{name}.value`) on line {line}",
            )
            yield Site(
                Edit(use.start_byte, use.end_byte, f"{name}()"),
                line,
                f"called the {type_name} `{name}` as a function (`{name}()`) on line {line}",
                variant=1,
            )


def _scalar_type(symbol: Symbol) -> str | None:
    """The type of a variable or parameter declared with a scalar type and a bare name, else ``None``."""
    declared = symbol.declarations[0] if len(symbol.declarations) == 1 else None
    holder = declared.parent if declared is not None else None
    if holder is not None and holder.type == "init_declarator":
        holder = holder.parent
    if (
        holder is None
        or holder != symbol.anchor
        or holder.type not in ("declaration", "parameter_declaration")
    ):
        return None
    type_node = holder.child_by_field_name("type")
    if type_node is None or type_node.type not in _SCALAR_TYPES or node_text(type_node) == "void":
        return None
    return " ".join(node_text(type_node).split())


def wrong_argument_counts(program: Program) -> Iterator[Site]:
    """Each call of a function the file defines with a fixed prototype (never ``()`` or ``...``)."""
    for symbol in program.resolution.symbols:
        if symbol.kind != "function" or not symbol.defined or symbol.name in program.macros:
            continue
        if not all(_prototyped(declaration) for declaration in symbol.declarations):
            continue
        for use in symbol.uses:
            call = use.parent
            arguments = call.child_by_field_name("arguments") if call is not None else None
            if call is None or arguments is None or not is_callee(use) or not program.active(call):
                continue
            site = _argument_edit(program, symbol.name, arguments)
            if site is not None:
                yield site


def _prototyped(declaration: Node) -> bool:
    """True when the function declarator naming ``declaration`` has a fixed parameter list: not ``()``,
    not K&R, not variadic."""
    declarator = declaration.parent
    if declarator is None or declarator.type != "function_declarator":
        return False
    parameters = declarator.child_by_field_name("parameters")
    if parameters is None:
        return False
    entries = [child for child in parameters.named_children if child.type != "comment"]
    return bool(entries) and all(entry.type == "parameter_declaration" for entry in entries)


def _argument_edit(program: Program, name: str, arguments: Node) -> Site | None:
    """Drop a call's last argument (when that stays on one line), or give an empty call a ``0``."""
    values = [child for child in arguments.named_children if child.type != "comment"]
    if not values:
        close = arguments.children[-1]
        line = close.start_point.row + 1
        return Site(
            Edit(close.start_byte, close.start_byte, "0"),
            line,
            f"added an extra argument `0` to the call `{name}()` on line {line}",
        )
    last = values[-1]
    start = values[-2].end_byte if len(values) > 1 else arguments.children[0].end_byte
    if program.line_of(start) != last.end_point.row + 1:
        return None
    line = last.end_point.row + 1
    return Site(
        Edit(start, last.end_byte, ""),
        line,
        f"dropped the last argument `{snippet(node_text(last))}` of the call to `{name}` on line {line}",
    )
