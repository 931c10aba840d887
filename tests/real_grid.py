"""Every procedural transform x level x real program (``tests/corpus/real``), classified.

An outcome is ``applied`` (the rewrite compiles in the sandbox and prints exactly what the original prints,
exit code too, on every stdin case), ``not_applicable`` (with the transform's reason) or ``failed`` (a
compile error, changed output, an exception, or "not applicable" without a reason). The original's own
gcc warnings are not the transform's fault: only errors and behaviour count (``same_output``).

Shared by ``tests/test_transforms_real.py`` and ``bench/transforms_real.py`` (the summary table).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from declean.principles import PRINCIPLES, Principle, apply_transform
from declean.sandbox.local import LocalSandbox
from declean.tools.transforms.base import Level
from tests.corpus_index import CorpusProgram, real_programs
from tests.transform_checks import same_output

Status = Literal["applied", "not_applicable", "failed"]
STATUSES: tuple[Status, ...] = ("applied", "not_applicable", "failed")
LEVELS: tuple[Level, ...] = (1, 2, 3)
PROGRAMS = real_programs()
_CHECKED: dict[tuple[str, str], str] = {}
"""(original, rewrite) -> "" when it behaves the same, else why not: levels often give the same rewrite."""


@dataclass(frozen=True)
class Outcome:
    """One transform at one level on one program."""

    program: str
    principle: Principle
    level: Level
    status: Status
    detail: str
    """The not-applicable reason, or what failed (compiler errors or the changed case, with the code)."""


def outcome(sandbox: LocalSandbox, program: CorpusProgram, principle: Principle, level: Level) -> Outcome:
    """Run the transform in-process; compile and run its output only when it applied."""

    def made(status: Status, detail: str) -> Outcome:
        return Outcome(program.name, principle, level, status, detail)

    try:
        result = apply_transform(principle, program.source, level)
    except Exception as error:
        return made("failed", f"the transform raised {error!r}")
    if not result.applied:
        reason = result.reason or ""
        return made("not_applicable", reason) if reason else made("failed", "not applicable without a reason")
    if result.code is None or not result.locations:
        return made("failed", "applied without code or without locations")
    failure = _behaviour(sandbox, program, result.code)
    return made("failed", failure) if failure else made("applied", "")


def _behaviour(sandbox: LocalSandbox, program: CorpusProgram, code: str) -> str:
    """What differs when ``code`` runs instead of ``program``; empty when it compiles and behaves the same."""
    key = (program.source, code)
    if key not in _CHECKED:
        try:
            same_output(sandbox, program.source, code, program.stdin)
            _CHECKED[key] = ""
        except AssertionError as error:
            _CHECKED[key] = str(error) or "changed behaviour"
    return _CHECKED[key]


def grid(
    sandbox: LocalSandbox,
    programs: Iterable[CorpusProgram] = PROGRAMS,
    principles: Iterable[Principle] = PRINCIPLES,
    levels: Iterable[Level] = LEVELS,
) -> list[Outcome]:
    """Every outcome of the grid, program by program."""
    return [
        outcome(sandbox, program, principle, level)
        for program in programs
        for principle in principles
        for level in levels
    ]


def summary(outcomes: Iterable[Outcome]) -> str:
    """A table of applied / not_applicable / failed counts per principle x level, then each failure."""
    outcomes = list(outcomes)
    counts = Counter((o.principle, o.level, o.status) for o in outcomes)
    rows = sorted(
        {(o.principle, o.level) for o in outcomes}, key=lambda row: (PRINCIPLES.index(row[0]), row[1])
    )
    lines = [f"{'principle':<10}{'level':>6}" + "".join(f"{status:>16}" for status in STATUSES)]
    for principle, level in rows:
        cells = "".join(f"{counts[principle, level, status]:>16}" for status in STATUSES)
        lines.append(f"{principle:<10}{level:>6}{cells}")
    totals = "".join(f"{sum(counts[key] for key in counts if key[2] == s):>16}" for s in STATUSES)
    lines.append(f"{'all':<16}{totals}")
    for failed in (o for o in outcomes if o.status == "failed"):
        detail = failed.detail.splitlines() or [""]
        errors = [line for line in detail if "error:" in line or "undefined reference" in line]
        first = errors[0] if errors else f"behaviour changed: {detail[0]}"
        lines.append(f"FAILED {failed.principle} {failed.level} {failed.program}: {first.strip()[:200]}")
    return "\n".join(lines)
