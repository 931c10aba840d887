"""Whether a number literal in C code is a magic number, by its value and where it stands.

Not magic: 0, 1 and 2 (neutral values, indices, counts, halving, doubling, parity) and 0.5; numbers that
define something (``#define``, ``const`` initialisers, enumerators, initialiser lists of data, ``#if``
conditions); anything under ``sizeof``; a count of ``scanf`` conversions it is compared with
(``scanf(...) != 3``); 100 multiplying or dividing (a percentage); a small constant index (``a[3]``); the
fraction of two small whole numbers in a formula (``4.0 / 3.0``); and 10 in decimal digit arithmetic
(``n % 10``, and ``/ 10``, ``* 10`` in a program that takes ``% 10``). Every other literal in the logic is
magic: rates, limits, sizes, thresholds, conversion factors, codes.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from declean.tools.cparse import descendants_of_type, enclosing_function, text

NEUTRAL_VALUES = frozenset({0.0, 0.5, 1.0, 2.0})
"""Values that are never magic."""
PERCENT = 100.0
DECIMAL_BASE = 10.0
SMALL_INDEX = 10
"""A constant index below this is a position, not a domain number."""
FORMULA_PART = 4
"""A fraction of whole numbers up to this (``4.0 / 3.0``, ``1.0 / 3``) is a formula's coefficient."""

_DEFINITIONS = frozenset({"preproc_def", "preproc_function_def", "enumerator", "initializer_list"})
_TYPE_OPERATORS = frozenset({"sizeof_expression", "alignof_expression"})
_CONDITIONS = frozenset({"preproc_if", "preproc_elif"})
_COMPARISONS = frozenset({"==", "!=", "<", ">", "<=", ">="})
_SCANNERS = frozenset({"scanf", "sscanf", "fscanf", "vscanf", "vsscanf", "vfscanf"})
_INTEGER = re.compile(r"0[xX][0-9a-fA-F]+|0[bB][01]+|\d+")


def numeric_value(literal: str) -> float | None:
    """The value of a C number literal (sign kept, suffixes dropped), or ``None`` when it is not one."""
    sign = -1.0 if literal.startswith("-") else 1.0
    body = literal.lstrip("+-")
    hexadecimal = body.lower().startswith("0x")
    cleaned = body.rstrip("uUlL") if hexadecimal else body.rstrip("uUlLfF")
    try:
        if _INTEGER.fullmatch(cleaned):
            octal = len(cleaned) > 1 and cleaned[0] == "0" and cleaned[1].isdigit()
            return sign * float(int(cleaned, 8) if octal else int(cleaned, 0))
        return sign * (float.fromhex(cleaned) if hexadecimal else float(cleaned))
    except ValueError:
        return None


def magic_literals(root: Node) -> list[Node]:
    """The magic number literals under ``root``, in source order."""
    literals = descendants_of_type(root, "number_literal")
    digits = any(_is_decimal_digit_split(node) for node in literals)
    return [node for node in literals if excuse(node, digit_arithmetic=digits) is None]


def excuse(literal: Node, *, digit_arithmetic: bool = False) -> str | None:
    """Why the ``number_literal`` node is not magic, or ``None`` when it is. ``digit_arithmetic``: the
    program takes ``% 10`` somewhere, so ``/ 10`` and ``* 10`` there are digit arithmetic too."""
    value = numeric_value(text(literal))
    return "not a number" if value is None else excuse_at(literal, value, digit_arithmetic=digit_arithmetic)


def excuse_at(position: Node, value: float, *, digit_arithmetic: bool = False) -> str | None:
    """Why ``value`` written at ``position`` (a literal, or a constant's name a transform would replace
    by it) is not magic, or ``None`` when it is."""
    if abs(value) in NEUTRAL_VALUES:
        return "a neutral value"
    if _defines(position):
        return "a definition"
    operand, parent = _operand_and_parent(position)
    if parent is None:
        return None
    operator = _operator(parent)
    others = [child for child in parent.named_children if child != operand]
    if parent.type == "subscript_expression" and parent.child_by_field_name("index") == operand:
        return "a small index" if abs(value) < SMALL_INDEX and value.is_integer() else None
    if operator in _COMPARISONS and any(_is_scan(other) for other in others):
        return "a count of scanf conversions"
    if abs(value) == PERCENT and operator in ("*", "/", "*=", "/="):
        return "a percentage"
    digit_operators = ("%", "%=", "/", "/=", "*", "*=") if digit_arithmetic else ("%", "%=")
    if abs(value) == DECIMAL_BASE and operator in digit_operators:
        return "decimal digit arithmetic"
    if operator == "/" and all(_small_whole(node) for node in parent.named_children):
        return "a formula's fraction"
    return _well_known_formula(position, value, operator)


_LEAP_YEAR_MODULI = frozenset({4.0, 100.0, 400.0})
_FAHRENHEIT = frozenset({9.0, 5.0})
_FAHRENHEIT_OFFSET = 32.0
_KELVIN_OFFSET = 273.15


def _well_known_formula(position: Node, value: float, operator: str | None) -> str | None:
    """The constants of the formulas everyone knows: the Gregorian leap-year rule (``% 4``, ``% 100``,
    ``% 400`` together in one function) and the temperature scales (``* 9 / 5 + 32``, ``+ 273.15``)."""
    function = enclosing_function(position)
    scope = text(function) if function is not None else ""
    if operator in ("%", "%=") and abs(value) in _LEAP_YEAR_MODULI:
        moduli = {float(found) for found in re.findall(r"%\s*(\d+)\b", scope)}
        return "the leap-year rule" if len(moduli & _LEAP_YEAR_MODULI) >= 2 else None
    fahrenheit = re.search(r"\b9(\.0*)?\s*[*/]|[*/]\s*9(\.0*)?\b", scope) and re.search(
        r"\b5(\.0*)?\s*[*/]|[*/]\s*5(\.0*)?\b", scope
    )
    if fahrenheit and (
        abs(value) in _FAHRENHEIT or (abs(value) == _FAHRENHEIT_OFFSET and operator in ("+", "-"))
    ):
        return "the Fahrenheit conversion"
    if value == _KELVIN_OFFSET and operator in ("+", "-"):
        return "the Kelvin conversion"
    return None


def _defines(literal: Node) -> bool:
    """Inside a macro, enumerator, initialiser list, ``const`` declaration, ``#if`` condition, ``sizeof``."""
    child, node = literal, literal.parent
    while node is not None:
        if node.type in _DEFINITIONS or node.type in _TYPE_OPERATORS:
            return True
        if node.type == "declaration" and _is_const(node):
            return True
        if node.type in _CONDITIONS and node.child_by_field_name("condition") == child:
            return True
        child, node = node, node.parent
    return False


def _is_const(declaration: Node) -> bool:
    return any(child.type == "type_qualifier" and text(child) == "const" for child in declaration.children)


def _operand_and_parent(literal: Node) -> tuple[Node, Node | None]:
    """The literal with its parentheses and sign, and the node it is an operand of."""
    operand, parent = literal, literal.parent
    while parent is not None and (
        parent.type == "parenthesized_expression"
        or (parent.type == "unary_expression" and text(parent)[:1] in "+-")
    ):
        operand, parent = parent, parent.parent
    return operand, parent


def _operator(node: Node | None) -> str | None:
    if node is None or node.type not in ("binary_expression", "assignment_expression"):
        return None
    operator = node.child_by_field_name("operator")
    return text(operator) if operator is not None else None


def _is_scan(node: Node) -> bool:
    """A call to a ``scanf`` function, through parentheses and assignments (``(got = scanf(...))``)."""
    while node.type in ("parenthesized_expression", "assignment_expression"):
        inner = node.child_by_field_name("right") if node.type == "assignment_expression" else None
        node = inner if inner is not None else node.named_children[0]
    function = node.child_by_field_name("function") if node.type == "call_expression" else None
    return function is not None and text(function) in _SCANNERS


def _small_whole(node: Node) -> bool:
    value = numeric_value(text(node)) if node.type == "number_literal" else None
    return value is not None and value.is_integer() and 0 < value <= FORMULA_PART


def _is_decimal_digit_split(literal: Node) -> bool:
    """``n % 10``: the program takes decimal digits apart."""
    _, parent = _operand_and_parent(literal)
    return numeric_value(text(literal)) == DECIMAL_BASE and _operator(parent) in ("%", "%=")
