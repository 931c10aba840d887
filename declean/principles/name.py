"""NAME, meaningless names: identifiers that say nothing about what they hold or do.

Every function, variable and parameter the program declares (not ``main``, prototypes' parameters or
loop counters) is judged by its role and its words. A short name is fine where its role makes it
conventional (see :mod:`declean.tools.name_roles`: a count ``n``, a character ``c``, coordinates ``x``/``y``,
a file handle ``fp``, a swap's ``a``/``b`` ...); any other name must be made of words or common
abbreviations (see :mod:`declean.tools.vocabulary`). Measured as the share of meaningless names.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field
from tree_sitter import Tree

from declean.principles.base import Measurement, PrincipleSpec
from declean.prompts import load_prompt
from declean.tools.name_facts import facts_of
from declean.tools.name_roles import conventional_role, is_loop_counter
from declean.tools.transforms.name import rename_identifiers
from declean.tools.transforms.scopes import Symbol, resolve
from declean.tools.vocabulary import lacks_words


class NameThresholds(BaseModel):
    """Where the NAME measure starts to mean a violation; calibrated on ``tests/corpus/labeled`` (clean
    programs there have at most one meaningless name, violating ones a third or more) at the low end, as
    a few names no reader can follow already break the principle."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    share: float = Field(default=0.15, gt=0, le=1)
    """NAME when at least this share of the judged names is meaningless ..."""
    min_meaningless: int = Field(default=2, ge=1)
    """... and at least this many are."""


@dataclass(frozen=True)
class Judgement:
    """One declared name and why it says nothing (``None`` when it says enough)."""

    name: str
    line: int
    why: str | None


def measure(tree: Tree, thresholds: NameThresholds = NameThresholds()) -> Measurement:  # noqa: B008
    """The share of meaningless names among the distinct judged ones (a name is meaningless when one of
    its declarations is: a parameter ``count`` repeated in five functions is one name)."""
    by_name: dict[str, Judgement] = {}
    for judgement in judge_names(tree):
        if judgement.name not in by_name or by_name[judgement.name].why is None:
            by_name[judgement.name] = judgement
    judged = list(by_name.values())
    meaningless = [judgement for judgement in judged if judgement.why is not None]
    share = round(len(meaningless) / len(judged), 3) if judged else 0.0
    return Measurement(
        score=share,
        violated=share >= thresholds.share and len(meaningless) >= thresholds.min_meaningless,
        summary=f"{len(meaningless)} of {len(judged)} names meaningless",
        examples=[f"line {j.line}: {j.name} ({j.why})" for j in meaningless[:8]],
        values={"declared": len(judged), "meaningless": len(meaningless), "share": share},
    )


def is_meaningless(name: str) -> bool:
    """``a``, ``x1``, ``tmp``, ``data``, ``do_it``: a name that says nothing by itself, whatever its role."""
    return lacks_words(name) is not None


def judge_names(tree: Tree) -> list[Judgement]:
    """Every judged name of the program, in source order."""
    resolution = resolve(tree)
    judged = []
    for symbol in resolution.symbols:
        if not _judged(symbol):
            continue
        facts = facts_of(symbol, resolution)
        if is_loop_counter(symbol.name, facts):
            continue
        why = lacks_words(symbol.name)
        if why is not None and conventional_role(symbol.name, facts) is not None:
            why = None
        judged.append(Judgement(symbol.name, symbol.anchor.start_point.row + 1, why))
    return judged


def _judged(symbol: Symbol) -> bool:
    """The program's own functions, variables and parameters (not ``main``, prototypes or externs)."""
    if symbol.kind == "enumerator" or symbol.scope.kind == "prototype" or symbol.name == "main":
        return False
    return symbol.scope.kind != "file" or symbol.defined


SPEC = PrincipleSpec(
    name="NAME",
    title="meaningless names",
    definition=(
        "Variables, parameters or functions are named so that a reader cannot tell what they hold or do "
        "(a, x1, tmp, data, foo, do_it)."
    ),
    detection_hints=(
        "Conventional short names are fine where their role is clear: loop indices (i, j, k), "
        "coordinates (x, y), a count n, a character c, a file handle fp, a generic swap's a and b."
    ),
    measure=measure,
    transform=rename_identifiers,
    declean_prompt=load_prompt("declean_name"),
)
