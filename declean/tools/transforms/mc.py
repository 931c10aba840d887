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
more. Constants are ranked by the magic numbers inlining them writes (uses of a value other than 0 or 1
outside enumerators and initializer lists), then by uses: level 1 inlines the first, 2 about half, 3 all;
a program whose constants would write no magic number at all is not applicable.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Final

from tree_sitter import Node, Tree

from declean.tools.cparse import Edit, apply_edits, descendants_of_type, has_errors, parse, text
from declean.tools.transforms import scopes
from declean.tools.transforms.base import Level, Location, TransformResult, not_applicable
from declean.tools.transforms.scopes import Resolution, Symbol

PRINCIPLE: Final = "MC"

_NUMBER = r"(?:0[xX][\da-fA-F]+(?:\.[\da-fA-F]*)?(?:[pP][+-]?\d+)?|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)"
_MACRO_VALUE = re.compile(rf"[(\s]*[-+]?[(\s]*{_NUMBER}[uUlLfF]*[)\s]*")
_COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.DOTALL)
_INTEGER = re.compile(r"(0[xX][\da-fA-F]+|0[bB][01]+|\d+)[uUlL]*")
_FLOATING = re.compile(rf"({_NUMBER})([fFlL]?)")
_INT_MAX = 2**31 - 1
_BASIC_TYPES = {"int", "char", "short", "long", "float", "double", "signed", "unsigned"}
_FLOAT_SUFFIXES = {"double": ("", {""}), "float": ("f", {"", "f"}), "long double": ("L", {"l"})}
"""Floating type -> the suffix its literals get, and the initializer suffixes that keep its value."""
_NO_MAGIC = (
    "no named constant with a value other than 0 or 1 is used outside enumerators, initializers and macros"
)
_TYPE_OPERATORS = ("sizeof_expression", "alignof_expression", "generic_expression")


@dataclass(eq=False)
class _Constant:
    """A named numeric constant, its literal, and where it is used."""

    name: str
    literal: str
    exact: str
    """The literal where its exact type matters (operand of ``sizeof``, ``_Alignof``, ``_Generic``)."""
    position: int
    uses: list[Node]
    body_uses: list[tuple[int, int]] = field(default_factory=list)
    """Byte spans of its name in other macros' bodies."""
    symbol: Symbol | None = None
    """The ``const`` variable or enumerator; ``None`` for a macro."""
    definition: Node | None = None
    """A macro's ``preproc_def`` or a ``const`` variable's ``init_declarator``."""
    trivial: bool = False
    """Its value is 0 or 1, which no one calls a magic number."""

    @property
    def count(self) -> int:
        return len(self.uses) + len(self.body_uses)

    @property
    def magic_uses(self) -> int:
        """Uses that become magic numbers: not 0 or 1, not in an enumerator, initializer list or macro."""
        return 0 if self.trivial else sum(not _in_table(use) for use in self.uses)


@dataclass
class _Program:
    tree: Tree
    resolution: Resolution
    data: bytes

    @property
    def root(self) -> Node:
        return self.tree.root_node

    @functools.cached_property
    def other_names(self) -> set[str]:
        """Names a constant must not share: types, members, labels, and preprocessor-tested names."""
        kinds = ("type_identifier", "field_identifier", "statement_identifier")
        return {text(node) for node in descendants_of_type(self.root, *kinds)} | self.resolution.tested

    @functools.cached_property
    def stringifying(self) -> set[str]:
        """Function-like macros with ``#`` or ``##`` in their body: their arguments are not expanded."""
        macros = descendants_of_type(self.root, "preproc_function_def")
        return {text(macro.children[1]) for macro in macros if "#" in text(macro.children[-1])}


def inline_constants(source: str, level: Level = 2) -> TransformResult:
    """Replace uses of named numeric constants by their values (see the module docstring for the rules)."""
    tree = parse(source)
    if has_errors(tree):
        return not_applicable(PRINCIPLE, level, "tree-sitter reports parse errors")
    program = _Program(tree, scopes.resolve(tree), source.encode())
    found = _macro_constants(program) + _enum_constants(program) + _const_variables(program)
    constants = [constant for constant in found if constant.count > 0 and _safe(constant, program)]
    if not constants:
        return not_applicable(PRINCIPLE, level, "no named numeric constant (#define, const or enum) is used")
    if not any(constant.magic_uses for constant in constants):
        return not_applicable(PRINCIPLE, level, _NO_MAGIC)
    ranked = sorted(constants, key=lambda c: (-c.magic_uses, -c.count, c.position))
    chosen = ranked[: {1: 1, 2: (len(ranked) + 1) // 2, 3: len(ranked)}[level]]
    removals = _definition_removals(program, chosen) + _enum_removals(program, chosen)
    spans = [
        (c, use.start_byte, use.end_byte, _outer(use).type in _TYPE_OPERATORS)
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
    lines = scopes.LineMap(edits, code)
    locations = [
        Location(
            function=scopes.enclosing_function(program.root.descendant_for_byte_range(edit.start, edit.end)),
            start_line=lines.lines(edit.start, edit.end)[0],
            end_line=lines.lines(edit.start, edit.end)[1],
            detail=f"{constant.name} -> {edit.replacement}",
        )
        for constant, edit in uses
    ]
    return TransformResult(principle=PRINCIPLE, level=level, applied=True, code=code, locations=locations)


def _safe(constant: _Constant, program: _Program) -> bool:
    """False when a use could not be replaced without changing the program (see the module docstring)."""
    if constant.name in program.other_names:
        return False
    if constant.symbol is not None and constant.name in program.resolution.macro_words:
        return False
    return not any(_address_taken(use) or _argument_of(use, program.stringifying) for use in constant.uses)


def _in_table(use: Node) -> bool:
    """True inside an enumerator's value or an initializer list, where literals are data, not magic."""
    node = use.parent
    while node is not None and node.type not in ("enumerator", "initializer_list"):
        node = node.parent
    return node is not None


def _trivial(number: str) -> bool:
    """True for 0 and 1 however written (``0``, ``1.0``, ``(1u)``)."""
    digits = re.sub(r"[()\s]", "", number)
    integer, floating = _integer(digits), _FLOATING.fullmatch(digits)
    if integer is not None or floating is None:
        return integer is not None and integer[1] in (0, 1)
    body = floating.group(1)
    return (float.fromhex(body) if body[:2].lower() == "0x" else float(body)) in (0.0, 1.0)


def _outer(node: Node) -> Node:
    """The parent of ``node`` outside any parentheses (``node`` itself at the root)."""
    parent = node.parent
    while parent is not None and parent.type == "parenthesized_expression":
        parent = parent.parent
    return parent or node


def _address_taken(use: Node) -> bool:
    parent = _outer(use)
    return parent.type == "pointer_expression" and text(parent).startswith("&")


def _argument_of(use: Node, macros: set[str]) -> bool:
    """True when ``use`` lies in a call to one of ``macros``."""
    node = use.parent
    while node is not None:
        function = node.child_by_field_name("function") if node.type == "call_expression" else None
        if function is not None and text(function) in macros:
            return True
        node = node.parent
    return False


def _macro_constants(program: _Program) -> list[_Constant]:
    """Object-like macros defined once (never ``#undef``-ed) whose body is a number, with their uses."""
    macros = descendants_of_type(program.root, "preproc_def", "preproc_function_def")
    counts = Counter(text(macro.children[1]) for macro in macros)
    undefined = {text(call).split()[-1] for call in descendants_of_type(program.root, "preproc_call")}
    found = []
    for macro in macros:
        name, value = text(macro.children[1]), macro.child_by_field_name("value")
        literal = _COMMENT.sub("", text(value)).strip() if value is not None else ""
        if macro.type != "preproc_def" or counts[name] != 1 or name in undefined:
            continue
        if not _MACRO_VALUE.fullmatch(literal) or literal.count("(") != literal.count(")"):
            continue
        literal = f"({literal})" if literal[0] in "-+" else literal
        uses = [node for node in program.resolution.unresolved if text(node) == name]
        body_uses = _body_uses(name, macro, macros)
        if body_uses is not None and all(use.start_byte > macro.start_byte for use in uses):
            found.append(
                _Constant(
                    name, literal, literal, macro.start_byte, uses, body_uses, None, macro, _trivial(literal)
                )
            )
    return found


def _body_uses(name: str, own: Node, macros: list[Node]) -> list[tuple[int, int]] | None:
    """Where other macros' bodies use ``name``; ``None`` when a use is stringified or pasted."""
    spans = []
    for macro in macros:
        value, parameters = macro.child_by_field_name("value"), macro.child_by_field_name("parameters")
        if (
            macro == own
            or value is None
            or (parameters is not None and name in re.findall(r"\w+", text(parameters)))
        ):
            continue
        body = value.text or b""
        for start, end in scopes.macro_identifiers(body):
            if body[start:end].decode() != name:
                continue
            if body[:start].rstrip().endswith(b"#") or body[end:].lstrip().startswith(b"##"):
                return None
            spans.append((value.start_byte + start, value.start_byte + end))
    return spans


def _const_variables(program: _Program) -> list[_Constant]:
    """``const`` variables initialised by a numeric literal, with the literal in the variable's type."""
    found = []
    for symbol in program.resolution.symbols:
        declarator, declaration = symbol.declarations[0].parent, symbol.anchor
        value = declarator.child_by_field_name("value") if declarator is not None else None
        kind = declaration.child_by_field_name("type")
        if symbol.kind != "variable" or declarator is None or declarator.parent != declaration:
            continue
        specifiers = {
            text(child) for child in declaration.children if child.type.endswith(("qualifier", "specifier"))
        }
        if value is None or kind is None or "const" not in specifiers or specifiers & {"volatile", "extern"}:
            continue
        number = _number_text(value)
        typed = _typed_literal(text(kind).split(), number) if number is not None else None
        if (
            number is None
            or typed is None
            or len(symbol.declarations) != 1
            or _outer(declaration).type == "for_statement"
        ):
            continue
        uses = list(symbol.uses)
        found.append(
            _Constant(symbol.name, *typed, symbol.position, uses, [], symbol, declarator, _trivial(number))
        )
    return found


def _number_text(value: Node) -> str | None:
    """``-5`` for ``-5``, ``(-5)`` or ``-(5)``; ``None`` when the initializer is not a plain literal."""
    if value.type == "parenthesized_expression" and value.named_child_count == 1:
        return _number_text(value.named_children[0])
    argument = value.child_by_field_name("argument")
    if value.type == "unary_expression" and text(value)[0] in "-+" and argument is not None:
        inner = _number_text(argument)
        return None if inner is None or inner[0] in "-+" else text(value)[0] + inner
    return text(value) if value.type == "number_literal" else None


def _typed_literal(words: list[str], number: str) -> tuple[str, str] | None:
    """``number`` converted to the type ``words`` as a literal, and its exact-typed form (for ``sizeof``)."""
    sign, digits = ("-", number[1:]) if number[0] == "-" else ("", number.lstrip("+"))
    type_name = " ".join(words)
    if not set(words) <= _BASIC_TYPES:
        return (f"(({type_name}){sign}{digits})",) * 2
    floating = "float" in words or "double" in words
    literal = _floating_literal(type_name, digits) if floating else _int_literal(words, digits, bool(sign))
    if literal is None:
        return None
    natural = f"({sign}{literal})" if sign else literal
    return natural, natural if {"short", "char"}.isdisjoint(words) else f"(({type_name}){sign}{literal})"


def _integer(literal: str) -> tuple[str, int] | None:
    """The digits (without suffix) and value of an integer literal."""
    match = _INTEGER.fullmatch(literal)
    if match is None:
        return None
    body = match.group(1)
    return body, int(body, 8) if len(body) > 1 and body[0] == "0" and body[1].isdigit() else int(body, 0)


def _int_literal(words: list[str], digits: str, negative: bool) -> str | None:
    """An integer literal of the type ``words``: unsigned and long types keep their suffix."""
    parsed = _integer(digits)
    unsigned, longs = "unsigned" in words, words.count("long")
    bits = 8 if "char" in words else 16 if "short" in words else 64 if longs else 32
    wide_unsigned = unsigned and bits >= 32
    if (
        parsed is None
        or parsed[1] >= 2 ** (bits - (not unsigned))
        or (negative and unsigned and not wide_unsigned)
    ):
        return None
    return parsed[0] + ("U" if wide_unsigned else "") + ("LL" if longs == 2 else "L" if longs else "")


def _floating_literal(type_name: str, digits: str) -> str | None:
    """A floating literal of the type: ``2`` as a ``double`` is ``2.0``, as a ``float`` ``2.0f``."""
    if type_name not in _FLOAT_SUFFIXES:
        return None
    suffix, accepted = _FLOAT_SUFFIXES[type_name]
    integer, floating = _integer(digits), _FLOATING.fullmatch(digits)
    if integer is not None and integer[0] == digits:
        return f"{integer[1]}.0{suffix}"
    if floating is not None and floating.group(2).lower() in accepted:
        return floating.group(1) + suffix
    return None


def _enum_constants(program: _Program) -> list[_Constant]:
    """Enumerators with computable values (implicit ones count up from the previous one)."""
    found, known = [], dict[Symbol, int]()
    for enumerators in descendants_of_type(program.root, "enumerator_list"):
        following: int | None = 0
        for enumerator in enumerators.named_children:
            value = enumerator.child_by_field_name("value")
            symbol = program.resolution.symbol_at.get(enumerator.start_byte)
            current = _evaluate(value, known, program.resolution) if value is not None else following
            following = None if current is None else current + 1
            if symbol is None or current is None or not -_INT_MAX <= current <= _INT_MAX:
                continue
            known[symbol] = current
            literal = f"({current})" if current < 0 else str(current)
            found.append(
                _Constant(
                    symbol.name,
                    literal,
                    literal,
                    symbol.position,
                    list(symbol.uses),
                    [],
                    symbol,
                    None,
                    current in (0, 1),
                )
            )
    return found


def _evaluate(node: Node, known: dict[Symbol, int], resolution: Resolution) -> int | None:
    """An integer constant expression of literals, known enumerators and ``+ - * | & ^ << >> ~``."""
    if node.type == "number_literal":
        parsed = _integer(text(node).lstrip("-"))
        return None if parsed is None else -parsed[1] if text(node).startswith("-") else parsed[1]
    if node.type == "identifier":
        symbol = resolution.symbol_at.get(node.start_byte)
        return known.get(symbol) if symbol is not None else None
    values = [_evaluate(child, known, resolution) for child in node.named_children]
    operator = (
        text(node.child_by_field_name("operator") or node) if node.type.endswith("ary_expression") else ""
    )
    numbers = [value for value in values if value is not None]
    if len(numbers) != len(values) or not numbers:
        return None
    if node.type == "parenthesized_expression" or (operator == "+" and len(numbers) == 1):
        return numbers[0]
    if len(numbers) == 1:
        return {"-": -numbers[0], "~": ~numbers[0]}.get(operator)
    left, right = numbers
    shifts = {"<<": left << right, ">>": left >> right} if 0 <= right < 32 else {}
    results = {"+": left + right, "-": left - right, "*": left * right, "|": left | right, "&": left & right}
    return {**results, "^": left ^ right, **shifts}.get(operator)


def _definition_removals(program: _Program, chosen: list[_Constant]) -> list[tuple[int, int]]:
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


def _enum_removals(program: _Program, chosen: list[_Constant]) -> list[tuple[int, int]]:
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
