"""What the syntax tree says about a declared C name: its type, how it is used, where it stands.

The facts a role needs (see :mod:`declean.tools.name_roles`): the base type and its pointers and arrays,
whether the name counts in a ``for`` header, indexes an array, holds characters (read by a
``getchar``-like call, compared with character literals or ``EOF``, passed to ``ctype.h``), is stepped
(``p++``, ``p += n``), is one of the two parameters of a symmetric function (swap, compare, gcd, min,
max, a ``qsort`` comparator), and which other names of its function hold numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from declean.tools.cparse import text
from declean.tools.transforms.scopes import Resolution, Symbol, SymbolKind
from declean.tools.vocabulary import split_identifier

_INTEGER_WORDS = frozenset({"int", "long", "short", "unsigned", "signed"})
_INTEGER_TYPEDEFS = re.compile(r"u?int\d*_t|u?int_(fast|least)\d+_t|s?size_t|ptrdiff_t|intmax_t|uintmax_t")
_FLOATING_WORDS = frozenset({"float", "double"})


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_SYMMETRIC_JOBS = _words(
    "swap exchange compare cmp comparator gcd lcm min max minimum maximum larger smaller bigger greater "
    "less equal equals same distance dist order"
)
_SORTERS = frozenset({"qsort", "bsearch"})
_CHARACTER_READERS = ("getchar", "getc", "getch")
"""Call names a character reader ends with (``fgetc``, K&R's ``getch`` too)."""
_CHARACTER_CALLS = _words(
    "isalpha isdigit isalnum isspace isupper islower ispunct isxdigit isprint iscntrl isgraph toupper "
    "tolower putchar putc fputc ungetc"
)
_CHARACTER_OPERATORS = frozenset({"==", "!=", "<", ">", "<=", ">=", "-", "+"})


@dataclass(frozen=True)
class NameFacts:
    """What the code says about one declared name, for judging whether a short name is conventional."""

    kind: SymbolKind
    type_name: str
    """The base type without qualifiers: ``int``, ``unsigned long``, ``char``, ``FILE``, a struct tag."""
    user_type: bool
    """The base type is a struct, union or enum, or a typedef name of the program or a library."""
    pointers: int
    arrays: int
    loop_counter: bool
    """It is the counter a ``for`` header declares or assigns."""
    subscript: bool
    """It indexes an array somewhere."""
    character_use: bool
    """It is read by a ``getchar``-like call, compared with or set to character literals or ``EOF``, or
    passed to a ``ctype.h`` function or ``putchar``."""
    stepped: bool
    """It is incremented, decremented or moved by ``+=``/``-=`` somewhere."""
    operand_pair: bool
    """It is one of the exactly two parameters of a symmetric function or a ``qsort`` comparator."""
    partners: frozenset[str]
    """The other number-typed names of its function (of the file, at file scope)."""

    @property
    def integer(self) -> bool:
        return _integer_type(self.type_name) and self.pointers == 0 and self.arrays == 0

    @property
    def number(self) -> bool:
        """A scalar number (or a pointer to one, as an output parameter)."""
        return _number_shape(self.kind, self.type_name, self.pointers, self.arrays)

    @property
    def character(self) -> bool:
        return self.type_name.split()[-1:] == ["char"] and self.pointers == 0 and self.arrays == 0

    @property
    def string(self) -> bool:
        return self.type_name.split()[-1:] == ["char"] and self.pointers + self.arrays == 1


def facts_of(symbol: Symbol, resolution: Resolution) -> NameFacts:
    """The facts of a variable, parameter or function ``symbol`` of ``resolution``."""
    type_name, user_type, pointers, arrays = _type_of(symbol)
    partners = frozenset(
        other.name
        for other in resolution.symbols
        if other is not symbol
        and other.function == symbol.function
        and other.kind in ("variable", "parameter")
        and _is_number(other)
    )
    return NameFacts(
        kind=symbol.kind,
        type_name=type_name,
        user_type=user_type,
        pointers=pointers,
        arrays=arrays,
        loop_counter=_in_for_initializer(symbol.anchor)
        or any(_assigned_in_for_initializer(u) for u in symbol.uses),
        subscript=any(_indexes(use) for use in symbol.uses),
        character_use=any(_character_use(node) for node in (*symbol.declarations, *symbol.uses)),
        stepped=any(_stepped(use) for use in symbol.uses),
        operand_pair=_operand_pair(symbol, resolution),
        partners=partners,
    )


def _integer_type(type_name: str) -> bool:
    words = set(type_name.split())
    return (bool(words) and words <= _INTEGER_WORDS) or _INTEGER_TYPEDEFS.fullmatch(type_name) is not None


def _number_shape(kind: SymbolKind, type_name: str, pointers: int, arrays: int) -> bool:
    words = set(type_name.split())
    numeric = _integer_type(type_name) or (bool(words) and words <= _FLOATING_WORDS | {"long"})
    return numeric and arrays == 0 and pointers <= (1 if kind == "parameter" else 0)


def _is_number(symbol: Symbol) -> bool:
    type_name, _, pointers, arrays = _type_of(symbol)
    return _number_shape(symbol.kind, type_name, pointers, arrays)


def _type_of(symbol: Symbol) -> tuple[str, bool, int, int]:
    """Base type name, whether it is a user type, and the pointer and array declarators around the name."""
    if symbol.kind == "function":
        return "", False, 0, 0
    type_name, user_type = _base_type(symbol.anchor.child_by_field_name("type"))
    return (type_name, user_type, *_declarator_shape(symbol.declarations[0], symbol.anchor))


def _declarator_shape(name: Node, declaration: Node) -> tuple[int, int]:
    """How many pointer and array declarators wrap ``name`` inside its declaration."""
    pointers = arrays = 0
    node = name.parent
    while node is not None and node != declaration:
        pointers += node.type == "pointer_declarator"
        arrays += node.type == "array_declarator"
        node = node.parent
    return pointers, arrays


def _base_type(kind: Node | None) -> tuple[str, bool]:
    if kind is None:
        return "", False
    if kind.type in ("struct_specifier", "union_specifier", "enum_specifier"):
        tag = kind.child_by_field_name("name")
        return (text(tag) if tag is not None else ""), True
    name = " ".join(text(kind).split())
    library = name == "FILE" or name.endswith("_t")
    return name, kind.type == "type_identifier" and not library


def _in_for_initializer(node: Node) -> bool:
    """``node`` is, or lies in, a ``for`` header's initializer."""
    child, parent = node, node.parent
    while parent is not None and parent.type in ("comma_expression", "assignment_expression"):
        child, parent = parent, parent.parent
    return (
        parent is not None
        and parent.type == "for_statement"
        and parent.child_by_field_name("initializer") == child
    )


def _assigned_in_for_initializer(use: Node) -> bool:
    """``use`` is assigned in a ``for`` header's initializer: ``for (i = 0, j = 1; ...)``."""
    assignment = use.parent
    return (
        assignment is not None
        and assignment.type == "assignment_expression"
        and assignment.child_by_field_name("left") == use
        and _in_for_initializer(assignment)
    )


def _indexes(use: Node) -> bool:
    """``use`` lies in the index of a subscript."""
    child, node = use, use.parent
    while node is not None and node.type in (
        "binary_expression",
        "parenthesized_expression",
        "update_expression",
    ):
        child, node = node, node.parent
    return (
        node is not None
        and node.type == "subscript_expression"
        and node.child_by_field_name("index") == child
    )


def _character_use(node: Node) -> bool:
    parent = node.parent
    if parent is None:
        return False
    if parent.type in ("binary_expression", "assignment_expression", "init_declarator"):
        operator = parent.child_by_field_name("operator")
        if parent.type == "binary_expression" and (
            operator is None or text(operator) not in _CHARACTER_OPERATORS
        ):
            return False
        others = [child for child in parent.named_children if child != node]
        return any(_is_character_value(other) for other in others)
    if parent.type == "argument_list" and parent.parent is not None:
        function = parent.parent.child_by_field_name("function")
        return function is not None and text(function) in _CHARACTER_CALLS
    return False


def _is_character_value(node: Node) -> bool:
    if node.type == "char_literal" or (node.type == "identifier" and text(node) == "EOF"):
        return True
    function = node.child_by_field_name("function") if node.type == "call_expression" else None
    return function is not None and text(function).endswith(_CHARACTER_READERS)


def _stepped(use: Node) -> bool:
    parent = use.parent
    if parent is not None and parent.type == "update_expression":
        return True
    operator = parent.child_by_field_name("operator") if parent is not None else None
    return (
        parent is not None
        and parent.type == "assignment_expression"
        and parent.child_by_field_name("left") == use
        and operator is not None
        and text(operator) in ("+=", "-=")
    )


def _operand_pair(symbol: Symbol, resolution: Resolution) -> bool:
    parameters = symbol.anchor.parent
    if symbol.kind != "parameter" or parameters is None or symbol.function is None:
        return False
    if sum(child.type == "parameter_declaration" for child in parameters.named_children) != 2:
        return False
    if _SYMMETRIC_JOBS & set(split_identifier(symbol.function)):
        return True
    function = next(
        (s for s in resolution.symbols if s.kind == "function" and s.name == symbol.function), None
    )
    return function is not None and any(_passed_to_sorter(use) for use in function.uses)


def _passed_to_sorter(use: Node) -> bool:
    arguments = use.parent
    call = arguments.parent if arguments is not None and arguments.type == "argument_list" else None
    function = call.child_by_field_name("function") if call is not None else None
    return function is not None and text(function) in _SORTERS
