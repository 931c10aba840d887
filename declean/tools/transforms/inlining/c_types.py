"""C types as inlining needs them: the plain types of names and simple expressions, and the casts that
keep a value's conversion exact when it crosses a call."""

from __future__ import annotations

import re

from tree_sitter import Node, Tree

from declean.tools.cparse import declarator_name, descendants_of_type, text
from declean.tools.transforms.inlining.names import declarations

_ATOMS = ("identifier", "number_literal", "string_literal", "char_literal", "call_expression")
ATOMIC_EXPRESSIONS = (*_ATOMS, "parenthesized_expression", "subscript_expression", "field_expression")
"""Expressions that need no parentheses as the operand of a cast or of ``.``, ``[]`` and calls."""
_LIBRARY = dict.fromkeys(
    ("sqrt", "pow", "fabs", "floor", "ceil", "round", "exp", "log", "log10", "sin", "cos", "tan", "atan",
     "atan2", "hypot", "fmod", "atof", "strtod"), "double",
) | dict.fromkeys(
    ("abs", "atoi", "rand", "getchar", "putchar", "toupper", "tolower", "printf", "scanf", "strcmp"), "int"
)  # fmt: skip
_RANKS = ("int", "long", "long long", "float", "double", "long double")
_TRUTH_OPS = ("==", "!=", "<", ">", "<=", ">=", "&&", "||")
_TRUTH_TARGETS = ("int", "bool", "_Bool")


def _normalised(node: Node | None) -> str:
    return " ".join(text(node).split()) if node is not None else ""


def plain_type(declaration: Node, name: Node) -> str | None:
    owner = name.parent
    plain = owner == declaration or (owner is not None and owner.type == "init_declarator")
    return _normalised(declaration.child_by_field_name("type")) if plain else None


def type_table(tree: Tree, scope: Node | None) -> dict[str, str]:
    """Plain (non-pointer) types of the names visible in ``scope``; ambiguous names left out."""
    pairs: list[tuple[str, str | None]] = []
    for node in tree.root_node.children:
        if node.type == "function_definition" or descendants_of_type(node, "function_declarator")[:1]:
            declared = declarator_name(node.child_by_field_name("declarator"))
            pairs.append((text(declared) if declared is not None else "", return_type(node)))
        elif node.type == "declaration":
            pairs += [(text(name), plain_type(owner, name)) for name, owner in declarations(node)]
    for field in descendants_of_type(tree.root_node, "field_declaration"):
        for part in field.children_by_field_name("declarator"):
            plain = (
                _normalised(field.child_by_field_name("type")) if part.type == "field_identifier" else None
            )
            pairs.append(("." + text(part), plain))
    for define in descendants_of_type(tree.root_node, "preproc_def"):
        value = define.child_by_field_name("value")
        pairs.append((text(define.children[1]), _literal_type(text(value)) if value is not None else None))
    if scope is not None:
        pairs += [(text(name), plain_type(owner, name)) for name, owner in declarations(scope)]
    table: dict[str, str | None] = {}
    for key, kind in pairs:
        table[key] = kind if table.get(key, kind) == kind else None
    return {key: kind for key, kind in table.items() if kind is not None}


def return_type(definition: Node) -> str | None:
    """A function's plain return type; ``None`` when it returns a pointer."""
    declarator = definition.child_by_field_name("declarator")
    pointer = declarator is not None and declarator.type == "pointer_declarator"
    return None if pointer else _normalised(definition.child_by_field_name("type"))


def type_of(expr: Node, types: dict[str, str]) -> str | None:
    """The type of a simple expression, ``"truth"`` for 0/1 results, ``None`` when unsure."""
    kind, named = expr.type, expr.named_children
    if kind == "parenthesized_expression" and len(named) == 1:
        return type_of(named[0], types)
    if kind == "identifier":
        return types.get(text(expr))
    if kind == "call_expression":
        callee = text(expr.children[0])
        return types.get(callee, _LIBRARY.get(callee))
    if kind == "char_literal":
        return "int"
    if kind == "number_literal":
        return _literal_type(text(expr))
    operator = expr.child_by_field_name("operator")
    if operator is not None and (text(operator) in _TRUTH_OPS or text(operator) == "!"):
        return "truth"
    if kind == "field_expression":
        return types.get("." + text(expr.child_by_field_name("field") or expr))
    if kind == "unary_expression" and text(operator or expr) in ("-", "+"):
        return type_of(named[0], types)
    if kind in ("binary_expression", "conditional_expression") and len(named) in (2, 3):
        left, right = ("int" if t == "truth" else t for t in (type_of(side, types) for side in named[-2:]))
        if left in _RANKS and right in _RANKS and text(operator or expr) not in ("<<", ">>"):
            return max(left, right, key=_RANKS.index)
        return left if left == right and left in _RANKS else None
    return None


def _literal_type(literal: str) -> str | None:
    literal = literal.strip().strip("()").lower()
    if re.fullmatch(r"(0x[0-9a-f]+|\d+)", literal):
        return "int"
    return "double" if re.fullmatch(r"(\d+\.?\d*|\.\d+)(e[+-]?\d+)?", literal) else None


def convert(expr: Node, rendered: str, target: str | None, types: dict[str, str], opaque: set[str]) -> str:
    """``rendered`` (the text of ``expr``) converted to ``target`` like an assignment would."""
    actual = type_of(expr, types)
    needless = target is None or target.split()[0] in ("struct", "union", "enum") or target in opaque
    if needless or actual == target or (actual == "truth" and target in _TRUTH_TARGETS):
        return rendered
    operand = rendered if expr.type in ATOMIC_EXPRESSIONS else f"({rendered})"
    return f"({target}){operand}"


def opaque_types(tree: Tree) -> set[str]:
    """Typedef names of structs, unions and enums (never cast to)."""
    found = set()
    for node in tree.root_node.children:
        kind = node.child_by_field_name("type")
        if node.type == "type_definition" and kind is not None and kind.type != "primitive_type":
            found |= {text(part) for part in node.children_by_field_name("declarator")}
    return found
