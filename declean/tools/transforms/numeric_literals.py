"""C numeric literals: their values, a value as a literal of a given type, and 0 or 1 however written."""

from __future__ import annotations

import re

from tree_sitter import Node

from declean.tools.cparse import text

NUMBER = r"(?:0[xX][\da-fA-F]+(?:\.[\da-fA-F]*)?(?:[pP][+-]?\d+)?|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)"
_INTEGER = re.compile(r"(0[xX][\da-fA-F]+|0[bB][01]+|\d+)[uUlL]*")
_FLOATING = re.compile(rf"({NUMBER})([fFlL]?)")
_BASIC_TYPES = {"int", "char", "short", "long", "float", "double", "signed", "unsigned"}
_FLOAT_SUFFIXES = {"double": ("", {""}), "float": ("f", {"", "f"}), "long double": ("L", {"l"})}
"""Floating type -> the suffix its literals get, and the initializer suffixes that keep its value."""


def is_trivial(number: str) -> bool:
    """True for 0 and 1 however written (``0``, ``1.0``, ``(1u)``)."""
    digits = re.sub(r"[()\s]", "", number)
    integer, floating = parse_integer(digits), _FLOATING.fullmatch(digits)
    if integer is not None or floating is None:
        return integer is not None and integer[1] in (0, 1)
    body = floating.group(1)
    return (float.fromhex(body) if body[:2].lower() == "0x" else float(body)) in (0.0, 1.0)


def number_text(value: Node) -> str | None:
    """``-5`` for ``-5``, ``(-5)`` or ``-(5)``; ``None`` when the initializer is not a plain literal."""
    if value.type == "parenthesized_expression" and value.named_child_count == 1:
        return number_text(value.named_children[0])
    argument = value.child_by_field_name("argument")
    if value.type == "unary_expression" and text(value)[0] in "-+" and argument is not None:
        inner = number_text(argument)
        return None if inner is None or inner[0] in "-+" else text(value)[0] + inner
    return text(value) if value.type == "number_literal" else None


def typed_literal(words: list[str], number: str) -> tuple[str, str] | None:
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


def parse_integer(literal: str) -> tuple[str, int] | None:
    """The digits (without suffix) and value of an integer literal."""
    match = _INTEGER.fullmatch(literal)
    if match is None:
        return None
    body = match.group(1)
    return body, int(body, 8) if len(body) > 1 and body[0] == "0" and body[1].isdigit() else int(body, 0)


def _int_literal(words: list[str], digits: str, negative: bool) -> str | None:
    """An integer literal of the type ``words``: unsigned and long types keep their suffix."""
    parsed = parse_integer(digits)
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
    integer, floating = parse_integer(digits), _FLOATING.fullmatch(digits)
    if integer is not None and integer[0] == digits:
        return f"{integer[1]}.0{suffix}"
    if floating is not None and floating.group(2).lower() in accepted:
        return floating.group(1) + suffix
    return None
