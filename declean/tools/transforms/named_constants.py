"""The named numeric constants of a C program (``#define``, ``const`` variables, enumerators): their
literal values and where they are used."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from tree_sitter import Node, Tree

from declean.tools.cparse import descendants_of_type, outside_parentheses, text
from declean.tools.magic_numbers import excuse_at, numeric_value
from declean.tools.transforms import scopes
from declean.tools.transforms.numeric_literals import (
    NUMBER,
    is_trivial,
    number_text,
    parse_integer,
    typed_literal,
)
from declean.tools.transforms.scopes import Resolution, Symbol

_MACRO_VALUE = re.compile(rf"[(\s]*[-+]?[(\s]*{NUMBER}[uUlLfF]*[)\s]*")
_COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.DOTALL)
_INT_MAX = 2**31 - 1
_CAST = re.compile(r"\([A-Za-z_][\w\s]*\)")


@dataclass(eq=False)
class Constant:
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
        """Uses that become magic numbers where they stand, as the MC measure judges literals (not 0, 1 or
        2, not in an enumerator, initializer list or macro, not a ``scanf`` count or a percentage ...)."""
        value = numeric_value(re.sub(r"[()\s]", "", _CAST.sub("", self.literal)))
        if self.trivial or value is None:
            return 0
        return sum(excuse_at(use, value) is None for use in self.uses)


@dataclass
class Program:
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


def macro_constants(program: Program) -> list[Constant]:
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
                Constant(
                    name,
                    literal,
                    literal,
                    macro.start_byte,
                    uses,
                    body_uses,
                    None,
                    macro,
                    is_trivial(literal),
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


def const_variables(program: Program) -> list[Constant]:
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
        number = number_text(value)
        typed = typed_literal(text(kind).split(), number) if number is not None else None
        if (
            number is None
            or typed is None
            or len(symbol.declarations) != 1
            or outside_parentheses(declaration).type == "for_statement"
        ):
            continue
        uses = list(symbol.uses)
        found.append(
            Constant(symbol.name, *typed, symbol.position, uses, [], symbol, declarator, is_trivial(number))
        )
    return found


def enum_constants(program: Program) -> list[Constant]:
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
                Constant(
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
        parsed = parse_integer(text(node).lstrip("-"))
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
