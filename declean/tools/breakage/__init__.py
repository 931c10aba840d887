"""Procedural "does not compile" samples: break a compiling C program so that gcc rejects it with an error.

Each :data:`BreakageKind` is one mistake a student makes. :func:`breakage_sites` lists every place a kind
applies, each as the whole broken program made by one byte-range edit of the original (everything else is
kept byte for byte); :func:`break_code` orders the candidates by a seed. Sites are chosen so that gcc 12
(``-std=gnu17``) should reject the result with an *error*, not a warning: gcc only warns about implicit
function declarations and int/pointer conversions, so no edit relies on those. Nothing here compiles: the
caller compiles the candidates in order and keeps the first one gcc rejects.

The kinds live in :mod:`.syntax` (a ``;`` or ``}`` removed), :mod:`.names` (a use left naming nothing) and
:mod:`.mismatches` (a use contradicting its declaration), all working on the :class:`.program.Program`.

Code gcc may never see is left alone: anything under ``#if``/``#ifdef`` and the arguments of the file's
function-like macros (a macro may drop an argument). Names come from the scope resolver, so a shadowed or
shadowing name is never mistaken for another.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterator, Sequence
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict

from declean.tools.breakage.mismatches import type_errors, wrong_argument_counts
from declean.tools.breakage.names import missing_declarations, misspellings
from declean.tools.breakage.program import Program, Site
from declean.tools.breakage.syntax import missing_braces, missing_semicolons
from declean.tools.cparse import apply_edits

BreakageKind = Literal[
    "missing_semicolon",
    "missing_brace",
    "misspelt_identifier",
    "missing_declaration",
    "type_error",
    "wrong_argument_count",
]
"""One way of breaking a program."""

BREAKAGE_KINDS: tuple[BreakageKind, ...] = get_args(BreakageKind)
"""Every kind, in declaration order."""


class Breakage(BaseModel):
    """One broken version of a program."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    kind: BreakageKind
    """How it was broken."""
    line: int
    """1-based line of the edit, in the original source."""
    description: str
    """What was done, as one sentence."""
    code: str
    """The broken program."""


def breakage_sites(source: str, kind: BreakageKind) -> list[Breakage]:
    """Every way of applying ``kind`` to ``source``, in source order (empty when none applies or the
    source does not parse cleanly)."""
    program = Program.of(source)
    return _sites(program, kind) if program is not None else []


def break_code(source: str, seed: str, kinds: Sequence[BreakageKind] = BREAKAGE_KINDS) -> list[Breakage]:
    """Candidate breakages in a deterministic order chosen by ``seed``: the kinds shuffled by the seed, and
    within each kind its sites shuffled by the seed (the same order in every process). The caller compiles
    them in order and keeps the first one gcc rejects with an error."""
    unknown = [kind for kind in kinds if kind not in BREAKAGE_KINDS]
    if unknown:
        raise ValueError(f"unknown breakage kinds {unknown}; known: {list(BREAKAGE_KINDS)}")
    program = Program.of(source)
    if program is None:
        return []
    order = list(dict.fromkeys(kinds))
    _random(seed, "kinds").shuffle(order)
    candidates: list[Breakage] = []
    for kind in order:
        sites = _sites(program, kind)
        _random(seed, kind).shuffle(sites)
        candidates += sites
    return candidates


def _random(seed: str, purpose: str) -> random.Random:
    """A generator seeded by ``seed`` and ``purpose`` through SHA-256: the same in every process."""
    return random.Random(hashlib.sha256(f"{seed}/{purpose}".encode()).digest())


_FINDERS: dict[BreakageKind, Callable[[Program], Iterator[Site]]] = {
    "missing_semicolon": missing_semicolons,
    "missing_brace": missing_braces,
    "misspelt_identifier": misspellings,
    "missing_declaration": missing_declarations,
    "type_error": type_errors,
    "wrong_argument_count": wrong_argument_counts,
}


def _sites(program: Program, kind: BreakageKind) -> list[Breakage]:
    """Every breakage of one kind, in source order."""
    found = sorted(_FINDERS[kind](program), key=lambda site: (site.edit.start, site.variant))
    return [
        Breakage(
            kind=kind,
            line=site.line,
            description=site.description,
            code=apply_edits(program.source, [site.edit]),
        )
        for site in found
    ]
