"""MC: replace named numeric constants by their literal values (magic numbers), by code.

Constants: ``#define NAME <number>`` (optionally signed, parenthesised, suffixed), ``const`` numeric
variables with a literal initializer (file scope or local, ``static`` too) and enumerators whose value can
be computed (implicit values count up from the previous one). A use resolves through
:mod:`declean.tools.transforms.scopes`, so a shadowed ``const`` is replaced only where it is visible.

Semantics are kept exactly: a macro's value is written as it is (negative values parenthesised); a
``const``'s literal gets its type (``2`` as a ``double`` is ``2.0``, as ``unsigned long`` ``2UL``; ``short``
and ``char`` use a cast under ``sizeof``; typedef types such as ``size_t`` always use a cast); an
enumerator is an ``int``. A constant is skipped when it cannot be replaced safely: its address is taken,
its name appears in a macro body (other than a numeric macro's use in another macro, which is replaced in
that body) or as a type, member or label name, it is tested by ``#ifdef``/``defined``/``#undef``, or it is
passed to a macro that stringifies. Definitions are deleted; an enum only when nothing refers to it any
more. Constants are ranked by the magic numbers inlining them writes (uses where the MC measure would
call the literal magic, see :mod:`declean.tools.magic_numbers`), then by uses: level 1 inlines the first,
2 about half, 3 all; a program whose constants would write no magic number at all is not applicable.
"""

from __future__ import annotations

from collections import Counter
from typing import Final

from tree_sitter import Node

from declean.tools.cparse import (
    Edit,
    address_taken,
    apply_edits,
    descendants_of_type,
    enclosing_function,
    function_name,
    has_errors,
    outside_parentheses,
    parse,
    text,
)
from declean.tools.transforms import scopes
from declean.tools.transforms.base import Level, Location, TransformResult, not_applicable
from declean.tools.transforms.line_map import LineMap
from declean.tools.transforms.named_constants import (
    Constant,
    Program,
    const_variables,
    enum_constants,
    macro_constants,
)

PRINCIPLE: Final = "MC"
_NO_MAGIC = (
    "no named constant would become a magic number where it is used (values other than 0, 1 or 2, outside "
    "enumerators, initializers, macros, sizeof, scanf counts, percentages and small indices)"
)
_TYPE_OPERATORS = ("sizeof_expression", "alignof_expression", "generic_expression")


def inline_constants(source: str, level: Level = 2) -> TransformResult:
    """Replace uses of named numeric constants by their values (see the module docstring for the rules)."""
    tree = parse(source)
    if has_errors(tree):
        return not_applicable(PRINCIPLE, level, "tree-sitter reports parse errors")
    program = Program(tree, scopes.resolve(tree), source.encode())
    found = macro_constants(program) + enum_constants(program) + const_variables(program)
    constants = [constant for constant in found if constant.count > 0 and _safe(constant, program)]
    if not constants:
        return not_applicable(PRINCIPLE, level, "no named numeric constant (#define, const or enum) is used")
    if not any(constant.magic_uses for constant in constants):
        return not_applicable(PRINCIPLE, level, _NO_MAGIC)
    ranked = sorted(constants, key=lambda c: (-c.magic_uses, -c.count, c.position))
    chosen = ranked[: {1: 1, 2: (len(ranked) + 1) // 2, 3: len(ranked)}[level]]
    removals = _definition_removals(program, chosen) + _enum_removals(program, chosen)
    spans = [
        (c, use.start_byte, use.end_byte, outside_parentheses(use).type in _TYPE_OPERATORS)
        for c in chosen
        for use in c.uses
    ]
    spans += [(c, start, end, False) for c in chosen for start, end in c.body_uses]
    uses = [
        (constant, Edit(start, end, constant.exact if exact else constant.literal))
        for constant, start, end, exact in sorted(spans, key=lambda span: span[1])
        if not any(low <= start < high for low, high in removals)
    ]
    edits = [Edit(low, high, "") for low, high in removals] + [edit for _, edit in uses]
    code = apply_edits(source, edits)
    lines = LineMap(edits, code)
    locations = [
        Location(
            function=_function_of(program.root.descendant_for_byte_range(edit.start, edit.end)),
            start_line=lines.lines(edit.start, edit.end)[0],
            end_line=lines.lines(edit.start, edit.end)[1],
            detail=f"{constant.name} -> {edit.replacement}",
        )
        for constant, edit in uses
    ]
    return TransformResult(principle=PRINCIPLE, level=level, applied=True, code=code, locations=locations)


def _function_of(node: Node | None) -> str | None:
    """The name of the function definition ``node`` lies in, if any."""
    definition = enclosing_function(node)
    return function_name(definition) if definition is not None else None


def _safe(constant: Constant, program: Program) -> bool:
    """False when a use could not be replaced without changing the program (see the module docstring)."""
    if constant.name in program.other_names:
        return False
    if constant.symbol is not None and constant.name in program.resolution.macro_words:
        return False
    return not any(address_taken(use) or _argument_of(use, program.stringifying) for use in constant.uses)


def _argument_of(use: Node, macros: set[str]) -> bool:
    """True when ``use`` lies in a call to one of ``macros``."""
    node = use.parent
    while node is not None:
        function = node.child_by_field_name("function") if node.type == "call_expression" else None
        if function is not None and text(function) in macros:
            return True
        node = node.parent
    return False


def _definition_removals(program: Program, chosen: list[Constant]) -> list[tuple[int, int]]:
    """Byte ranges deleting the chosen macros and ``const`` declarators (whole declarations if all go)."""
    definitions = [c.definition for c in chosen if c.definition is not None]
    spans = [
        _whole_lines(program.data, (d.start_byte, d.end_byte)) for d in definitions if d.type == "preproc_def"
    ]
    gone = {definition.start_byte for definition in definitions}
    owners = {
        d.parent.start_byte: d.parent for d in definitions if d.parent is not None and d.type != "preproc_def"
    }
    for owner in owners.values():
        declarators = owner.children_by_field_name("declarator")
        removed = [declarator.start_byte in gone for declarator in declarators]
        if all(removed):
            spans.append(_whole_lines(program.data, (owner.start_byte, owner.end_byte)))
            continue
        for index, declarator in enumerate(declarators):
            if removed[index] and not all(removed[index:]):
                spans.append((declarator.start_byte, declarators[index + 1].start_byte))
            elif removed[index]:
                spans.append((declarators[index - 1].end_byte, declarator.end_byte))
    return spans


def _enum_removals(program: Program, chosen: list[Constant]) -> list[tuple[int, int]]:
    """Enums all of whose used enumerators are inlined, when nothing else names the enum."""
    symbols = {constant.symbol for constant in chosen}
    type_names = Counter(text(node) for node in descendants_of_type(program.root, "type_identifier"))
    spans = []
    for enumerators in descendants_of_type(program.root, "enumerator_list"):
        members = [program.resolution.symbol_at.get(e.start_byte) for e in enumerators.named_children]
        unused = [
            m is not None and not m.uses and m.name not in program.resolution.macro_words for m in members
        ]
        if symbols.isdisjoint(members) or not all(
            m in symbols or u for m, u in zip(members, unused, strict=True)
        ):
            continue
        span = _enum_span(enumerators.parent, type_names)
        spans += [_whole_lines(program.data, span)] if span is not None else []
    return spans


def _enum_span(specifier: Node | None, type_names: Counter[str]) -> tuple[int, int] | None:
    """The declaration of an enum nothing else names (by its tag, a typedef name or a variable)."""
    parent = specifier.parent if specifier is not None else None
    if specifier is None or parent is None:
        return None
    tag, following = specifier.child_by_field_name("name"), specifier.next_sibling
    declarators = parent.children_by_field_name("declarator")
    if tag is not None and type_names[text(tag)] > 1:
        return None
    if parent.type == "type_definition" and all(type_names[text(name)] == 1 for name in declarators):
        return parent.start_byte, parent.end_byte
    if parent.type == "declaration" and not declarators:
        return parent.start_byte, parent.end_byte
    if (
        following is not None
        and following.type == ";"
        and parent.type not in ("declaration", "type_definition")
    ):
        return specifier.start_byte, following.end_byte
    return None


def _whole_lines(data: bytes, span: tuple[int, int]) -> tuple[int, int]:
    """Widen a span to its whole lines when nothing else is written on them."""
    start, end = span
    line_start = data.rfind(b"\n", 0, start) + 1
    if data[line_start:start].strip():
        return span
    if data[end - 1 : end] == b"\n":
        return line_start, end
    line_end = data.find(b"\n", end)
    line_end = len(data) if line_end < 0 else line_end + 1
    return (line_start, line_end) if not data[end:line_end].strip() else span
