"""Static evidence for each principle, measured on one C program with tree-sitter.

- **MC**: numeric literals in the logic (not 0 or 1, not in ``#define``, ``const`` initialisers,
  enumerators or initialiser lists, which are data) against named numeric constants.
- **NAME**: the share of meaningless names among the identifiers the program declares (``main`` and the
  ``for``-loop indices ``i``, ``j``, ``k`` are exempt).
- **DRY**: tokens inside duplicated token sequences of function bodies; identifiers and literals are
  normalised to one placeholder, so a copy with other names, and constants written as numbers, still match.
- **SRP**: per function, statements and branches; the longest function and the function count.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict

from pydantic import BaseModel, ConfigDict
from tree_sitter import Node

from declean.tools.cparse import descendants_of_type, functions, parse, text, walk

DUPLICATE_WINDOW = 30
"""Normalised tokens a repeated sequence needs before it counts as duplicated logic."""
LOOP_INDICES = frozenset({"i", "j", "k"})
_MEANINGLESS_WORDS = frozenset(
    {"tmp", "temp", "foo", "bar", "baz", "qux", "data", "stuff", "thing", "things", "var", "obj", "aux",
     "dummy", "do_it", "doit", "do_stuff", "func", "fn", "proc", "my_var", "res", "ret", "xx", "yy", "zz"}
)  # fmt: skip
_LETTERS_AND_DIGITS = re.compile(r"^[A-Za-z]{1,2}\d+$|^[A-Za-z]$|^(func|fn|f|g|tmp|temp|var|data)_?\d+$")
_STATEMENTS = frozenset(
    {"expression_statement", "declaration", "return_statement", "if_statement", "for_statement",
     "while_statement", "do_statement", "switch_statement", "break_statement", "continue_statement",
     "goto_statement"}
)  # fmt: skip
_BRANCHES = frozenset(
    {"if_statement", "for_statement", "while_statement", "do_statement", "case_statement",
     "conditional_expression"}
)  # fmt: skip
_NOT_MAGIC_CONTEXTS = frozenset({"preproc_def", "preproc_function_def", "enumerator", "initializer_list"})
_ATOMS = frozenset({"identifier", "field_identifier", "number_literal", "type_identifier"})
_STRINGS = frozenset({"string_literal", "char_literal", "concatenated_string"})


class McEvidence(BaseModel):
    model_config = ConfigDict(frozen=True)

    magic_literals: int
    named_constants: int
    examples: list[str]
    """Up to five magic literals with their line, e.g. ``line 12: 365``."""


class NameEvidence(BaseModel):
    model_config = ConfigDict(frozen=True)

    declared: int
    meaningless: int
    share: float
    """``meaningless / declared`` (0 when nothing is declared)."""
    examples: list[str]


class DryEvidence(BaseModel):
    model_config = ConfigDict(frozen=True)

    duplicated_tokens: int
    """Tokens that repeat an earlier sequence of at least :data:`DUPLICATE_WINDOW` tokens."""
    duplicate_blocks: int
    total_tokens: int
    examples: list[str]
    """Line ranges of repeated blocks, e.g. ``lines 20-27 repeat lines 10-17``."""


class SrpEvidence(BaseModel):
    model_config = ConfigDict(frozen=True)

    functions: int
    longest_function: str | None
    longest_statements: int
    """Statements in the function with the most statements (nested ones included)."""
    max_branches: int
    """Branches and loops in the function with the most."""
    mean_statements: float
    """Statements per function: rises whenever a helper's job moves into its caller."""


class Evidence(BaseModel):
    """Everything measured on one program."""

    model_config = ConfigDict(frozen=True)

    parse_errors: bool
    MC: McEvidence
    NAME: NameEvidence
    DRY: DryEvidence
    SRP: SrpEvidence


@functools.lru_cache(maxsize=512)
def measure(source: str) -> Evidence:
    """Measure all four principles on ``source`` (cached by source: a chain measures each version once
    as a candidate, again as the next step's base, and in its sample)."""
    root = parse(source).root_node
    return Evidence(
        parse_errors=root.has_error,
        MC=measure_mc(root),
        NAME=measure_name(root),
        DRY=measure_dry(root),
        SRP=measure_srp(root),
    )


def measure_mc(root: Node) -> McEvidence:
    magic = [node for node in descendants_of_type(root, "number_literal") if _is_magic(node)]
    named = [node for node in descendants_of_type(root, "preproc_def") if _is_numeric_define(node)]
    named += [node for node in descendants_of_type(root, "declaration") if _is_const_numeric(node)]
    named += descendants_of_type(root, "enumerator")
    examples = [f"line {node.start_point.row + 1}: {text(node)}" for node in magic[:5]]
    return McEvidence(magic_literals=len(magic), named_constants=len(named), examples=examples)


def _numeric_value(literal: str) -> float | None:
    cleaned = literal.rstrip("uUlLfF") if not literal.lower().startswith("0x") else literal.rstrip("uUlL")
    try:
        return float(int(cleaned, 0)) if re.fullmatch(r"0[xX][0-9a-fA-F]+|\d+", cleaned) else float(cleaned)
    except ValueError:
        return None


def _is_magic(node: Node) -> bool:
    if _numeric_value(text(node)) in (0.0, 1.0):
        return False
    parent = node.parent
    while parent is not None:
        if parent.type in _NOT_MAGIC_CONTEXTS or (parent.type == "declaration" and _is_const(parent)):
            return False
        parent = parent.parent
    return True


def _is_const(declaration: Node) -> bool:
    return any(child.type == "type_qualifier" and text(child) == "const" for child in declaration.children)


def _is_const_numeric(declaration: Node) -> bool:
    if not _is_const(declaration):
        return False
    values = [d.child_by_field_name("value") for d in descendants_of_type(declaration, "init_declarator")]
    return any(value is not None and value.type == "number_literal" for value in values)


def _is_numeric_define(define: Node) -> bool:
    value = define.child_by_field_name("value")
    return value is not None and _numeric_value(text(value).strip().strip("()")) is not None


def measure_name(root: Node) -> NameEvidence:
    names = _declared_names(root)
    meaningless = [name for name in names if is_meaningless(name)]
    share = len(meaningless) / len(names) if names else 0.0
    return NameEvidence(
        declared=len(names), meaningless=len(meaningless), share=round(share, 3), examples=meaningless[:8]
    )


def is_meaningless(name: str) -> bool:
    """``a``, ``x1``, ``tmp``, ``data``, ``do_it``: a name that says nothing about what it holds or does."""
    return name.lower() in _MEANINGLESS_WORDS or _LETTERS_AND_DIGITS.match(name) is not None


def _declared_names(root: Node) -> list[str]:
    names = [function.name for function in functions(root) if function.name != "main"]
    for declarator in _variable_declarators(root):
        name_node = _innermost_identifier(declarator)
        if name_node is None:
            continue
        name = text(name_node)
        declaration = declarator.parent
        in_for_header = (
            declaration is not None and getattr(declaration.parent, "type", None) == "for_statement"
        )
        if not (in_for_header and name in LOOP_INDICES):
            names.append(name)
    return names


def _variable_declarators(root: Node) -> list[Node]:
    found = []
    for node in walk(root):
        if node.type in ("declaration", "parameter_declaration"):
            found += node.children_by_field_name("declarator")
    return [d for d in found if d.type != "function_declarator"]


def _innermost_identifier(declarator: Node) -> Node | None:
    node: Node | None = declarator
    while node is not None and node.type != "identifier":
        node = node.child_by_field_name("declarator")
    return node


def measure_dry(root: Node) -> DryEvidence:
    tokens: list[tuple[str, int]] = []
    for function in functions(root):
        tokens += _normalised_tokens(function.body)
        tokens.append((f"<end {function.name}>", -1))
    duplicated, examples = _duplicated_positions(tokens)
    blocks = sum(1 for i in sorted(duplicated) if i - 1 not in duplicated)
    return DryEvidence(
        duplicated_tokens=len(duplicated),
        duplicate_blocks=blocks,
        total_tokens=sum(1 for _, line in tokens if line >= 0),
        examples=examples[:5],
    )


def _normalised_tokens(body: Node) -> list[tuple[str, int]]:
    tokens = []
    for node in walk(body):
        if node.type == "comment" or (node.child_count > 0 and node.type not in _STRINGS):
            continue
        if node.parent is not None and node.parent.type in _STRINGS:
            continue
        kind = "ATOM" if node.type in _ATOMS else "STR" if node.type in _STRINGS else node.type
        tokens.append((kind, node.start_point.row + 1))
    return tokens


def _duplicated_positions(tokens: list[tuple[str, int]]) -> tuple[set[int], list[str]]:
    """Positions inside a window that already occurred earlier, without overlapping that occurrence."""
    first_seen: dict[tuple[str, ...], int] = {}
    duplicated: set[int] = set()
    examples: dict[int, str] = defaultdict(str)
    for start in range(len(tokens) - DUPLICATE_WINDOW + 1):
        window = tuple(kind for kind, _ in tokens[start : start + DUPLICATE_WINDOW])
        if any(kind.startswith("<end") for kind in window):
            continue
        earlier = first_seen.setdefault(window, start)
        if earlier != start and start - earlier >= DUPLICATE_WINDOW:
            duplicated.update(range(start, start + DUPLICATE_WINDOW))
            if not any(abs(start - seen) < DUPLICATE_WINDOW for seen in examples):
                lines = (tokens[start][1], tokens[start + DUPLICATE_WINDOW - 1][1])
                origin = (tokens[earlier][1], tokens[earlier + DUPLICATE_WINDOW - 1][1])
                examples[start] = f"lines {lines[0]}-{lines[1]} repeat lines {origin[0]}-{origin[1]}"
    return duplicated, list(examples.values())


def measure_srp(root: Node) -> SrpEvidence:
    sizes: list[tuple[int, int, str]] = []
    for function in functions(root):
        statements = sum(1 for node in walk(function.body) if node.type in _STATEMENTS)
        branches = sum(1 for node in walk(function.body) if node.type in _BRANCHES)
        sizes.append((statements, branches, function.name))
    if not sizes:
        return SrpEvidence(
            functions=0, longest_function=None, longest_statements=0, max_branches=0, mean_statements=0.0
        )
    longest = max(sizes)
    return SrpEvidence(
        functions=len(sizes),
        longest_function=longest[2],
        longest_statements=longest[0],
        max_branches=max(branches for _, branches, _ in sizes),
        mean_statements=round(sum(statements for statements, _, _ in sizes) / len(sizes), 2),
    )
