"""The role a declared C name plays, which may make a short name conventional.

Conventional short names, where their role is clear: a loop counter (any one letter counting in a
``for`` header, ``k`` as an array index, ``i`` and ``j`` of integer type anywhere), a count ``n`` (``n1``,
``n2``) of integer type, a character ``c``/``ch`` (a ``char``, or an ``int`` holding characters), a
string ``s`` (``char *`` or ``char[]``), a pointer ``p``/``q`` stepping through memory, a matrix
``A``/``B`` (two dimensions), a file handle (``fp``, ``f``, ``in``, ``out`` of type ``FILE *``),
coordinates (``x``, ``y``, ``z``, ``dx``, ``x1`` ... of a number type, with a partner on another axis in the
same function), the two operands of a symmetric function (``a``/``b``, ``x``/``y``, ``s1``/``s2`` as the only
two parameters of a swap, compare, gcd, min or max, or of a ``qsort`` comparator) and a one-letter name
for a value of a struct or typedef type of that initial (``struct queue *q``). The facts come from
:mod:`declean.tools.name_facts`.
"""

from __future__ import annotations

import dataclasses
import re

from declean.tools.name_facts import NameFacts

COORDINATES = frozenset(
    f"{delta}{axis}{index}" for delta in ("", "d") for axis in "xyz" for index in ("", *"0123")
)
"""Every coordinate-like name."""

_COORDINATE = re.compile(r"(d?)([xyz])(\d?)")
_OPERAND = re.compile(r"[a-z]\d?")
_INDICES = frozenset("ijk")
_MATRIX_RANK = 2
_FILE_HANDLES = frozenset({"f", "fp", "in", "out", "fin", "fout", "file", "stream"})


def conventional_role(name: str, facts: NameFacts) -> str | None:
    """The role that makes the short ``name`` conventional for a symbol with these ``facts``, if any."""
    if is_loop_counter(name, facts):
        return "a loop counter"
    coordinate = _COORDINATE.fullmatch(name)
    roles = (
        ("a count", re.fullmatch(r"n\d?", name) is not None and facts.integer),
        ("a character", name in ("c", "ch") and (facts.character or (facts.integer and facts.character_use))),
        ("a string", name == "s" and facts.string),
        ("a pointer stepping through memory", name in ("p", "q") and facts.pointers >= 1 and facts.stepped),
        ("a matrix", len(name) == 1 and name.isupper() and facts.pointers + facts.arrays >= _MATRIX_RANK),
        ("a file handle", name in _FILE_HANDLES and facts.type_name == "FILE" and facts.pointers == 1),
        ("a coordinate", coordinate is not None and facts.number and _has_partner(coordinate, facts)),
        ("an operand of a symmetric function", facts.operand_pair and _OPERAND.fullmatch(name) is not None),
        ("named for its type", len(name) == 1 and facts.user_type and facts.type_name[:1].lower() == name),
    )
    return next((role for role, holds in roles if holds), None)


def is_loop_counter(name: str, facts: NameFacts) -> bool:
    """A one-letter ``for`` counter, ``k`` indexing an array, or an integer ``i`` or ``j``."""
    if name in ("i", "j") and facts.integer:
        return True
    return len(name) == 1 and (facts.loop_counter or (name in _INDICES and facts.subscript))


def _has_partner(coordinate: re.Match[str], facts: NameFacts) -> bool:
    delta, axis, index = coordinate.groups()
    return any(f"{delta}{other}{index}" in facts.partners for other in "xyz" if other != axis)


def could_be_conventional(name: str, facts: NameFacts) -> bool:
    """Whether ``name`` would be conventional for these facts if any other name of its function were a
    coordinate partner: the widest reading, for choosing names that are meaningless for sure."""
    return conventional_role(name, dataclasses.replace(facts, partners=COORDINATES)) is not None
