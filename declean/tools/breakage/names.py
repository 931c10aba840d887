"""Breakages of name resolution: a use of a local variable or parameter left naming nothing, by misspelling
the use or by deleting the declaration it resolves to.

A misspelling never hits a word the file already holds or a name the headers may declare, and a
declaration is only deleted when no outer declaration of the name would take over (either would at worst
draw a warning).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from declean.tools.breakage.program import IDENTIFIER, Program, Site, is_callee, snippet
from declean.tools.cparse import Edit
from declean.tools.cparse import text as node_text
from declean.tools.transforms.scopes import Symbol


def misspellings(program: Program) -> Iterator[Site]:
    """Each use of a local variable or parameter, not as a callee, misspelt to a name nothing has."""
    for symbol in program.local_symbols():
        for use in symbol.uses:
            if not program.active(use) or is_callee(use):
                continue
            wrong = _misspelling(program, symbol.name, use.start_byte)
            if wrong is None:
                continue
            line = use.start_point.row + 1
            yield Site(
                Edit(use.start_byte, use.end_byte, wrong),
                line,
                f"misspelt `{symbol.name}` as `{wrong}` on line {line}",
            )


def _misspelling(program: Program, name: str, position: int) -> str | None:
    """One misspelling of ``name`` that names nothing (picked by ``position``), or ``None``."""
    candidates = [wrong for wrong in _typos(name) if not program.taken(wrong) and wrong not in program.words]
    return candidates[position % len(candidates)] if candidates else None


def _typos(name: str) -> list[str]:
    """Typos of ``name``: two adjacent letters swapped, one letter dropped, one letter doubled."""
    swaps = [name[:i] + name[i + 1] + name[i] + name[i + 2 :] for i in range(len(name) - 1)]
    drops = [name[:i] + name[i + 1 :] for i in range(len(name))] if len(name) >= 3 else []
    doubles = [name[: i + 1] + name[i:] for i in range(len(name)) if name[i].isalpha()]
    found = dict.fromkeys(wrong for wrong in (*swaps, *drops, *doubles) if _plain_identifier(wrong))
    found.pop(name, None)
    return list(found)


def _plain_identifier(name: str) -> bool:
    """A valid identifier outside the reserved ``__x`` and ``_X`` forms."""
    return bool(IDENTIFIER.fullmatch(name)) and not name.startswith("__") and not re.match(r"_[A-Z]", name)


def missing_declarations(program: Program) -> Iterator[Site]:
    """Each one-line declaration of block variables of which one is used later and would then resolve to
    nothing."""
    by_declaration: dict[int, tuple[Node, list[Symbol]]] = {}
    for symbol in program.local_symbols():
        anchor = symbol.anchor
        if symbol.kind == "variable" and anchor.type == "declaration":
            by_declaration.setdefault(anchor.start_byte, (anchor, []))[1].append(symbol)
    for declaration, symbols in by_declaration.values():
        parent = declaration.parent
        if parent is None or parent.type != "compound_statement" or not program.active(declaration):
            continue
        if declaration.start_point.row != declaration.end_point.row:
            continue
        orphans = [symbol.name for symbol in symbols if _orphaned(program, symbol, declaration)]
        if not orphans:
            continue
        line = declaration.start_point.row + 1
        names = " and ".join(f"`{name}`" for name in orphans)
        verb = "is" if len(orphans) == 1 else "are"
        yield Site(
            program.removal(declaration.start_byte, declaration.end_byte),
            line,
            f"deleted the declaration `{snippet(node_text(declaration))}` on line {line}, so {names} "
            f"{verb} undeclared where used",
        )


def _orphaned(program: Program, symbol: Symbol, declaration: Node) -> bool:
    """True when deleting ``declaration`` leaves a later use of ``symbol`` bound to nothing at all."""
    if len(symbol.declarations) != 1 or program.taken(symbol.name):
        return False
    outer = symbol.scope.parent
    if outer is not None and outer.lookup(symbol.name) is not None:
        return False
    return any(use.start_byte >= declaration.end_byte and program.active(use) for use in symbol.uses)
