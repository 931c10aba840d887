"""Typed loader for the hand-written C test corpus under ``tests/corpus``.

``clean/``: small, clean first-year C programs (C17, standard library only). Every ``<name>.c`` has a
``<name>.yaml`` next to it with ``stdin:``, a list of stdin cases (``[""]`` for programs that read
nothing). Procedural transforms rewrite these; static verifiers must judge them clean.

``labeled/``: hand-labeled programs for tuning detector thresholds. The yaml also holds ``labels:``, a
subset of ``[DRY, SRP, MC, NAME]`` (empty for clean programs), judged as a teacher would.

Edge cases in the clean corpus (file names under ``clean/``):

- shadowed names: ``matrix_sums.c`` (a loop-local ``total`` shadows main's grand total),
  ``word_stats.c`` (a block-local ``stats`` pointer shadows the running ``stats``)
- recursion: ``factorial_table.c`` (factorial), ``gcd_lcm.c`` (Euclid's gcd), ``fibonacci_memo.c``
- ``static`` local: ``ticket_counter.c`` (``tickets_issued`` in ``next_ticket_number``)
- macros with arguments: ``polygon_geometry.c`` (``SQUARE(x)``), ``temperature_table.c``
  (``CELSIUS_TO_FAHRENHEIT(celsius)``, ``CELSIUS_TO_KELVIN(celsius)``)
- ``sizeof`` on arrays: ``inventory.c``, ``bubble_sort.c``, ``binary_search.c``, ``polygon_geometry.c``,
  ``calendar_months.c``; ``sizeof line`` for ``fgets``: ``word_stats.c``, ``palindromes.c``
- constants as array sizes: ``array_stats.c``, ``matrix_sums.c``, ``grade_book.c``, ``score_histogram.c``
  (``BUCKET_COUNT`` computed from other constants), ``tic_tac_toe.c``, ``fibonacci_memo.c``
- constants as ``case`` labels: ``vending_machine.c`` (enum), ``calendar_months.c`` (enum months),
  ``bank_account.c`` (``#define`` character constants)
- format strings with identifier-like words: ``gcd_lcm.c`` (``"gcd(%d, %d) = %lld"`` names the function
  ``gcd``), ``array_stats.c`` (``"total: %ld"``, ``"average: %.2f"``), ``grade_book.c`` (``%s``),
  ``polygon_geometry.c`` (``"closest distance: %.2f"``; ``distance`` is also a function name)
- helper called once: ``print_summary`` in ``array_stats.c``, ``bubble_sort`` in ``bubble_sort.c``;
  helper called two or more times: ``swap`` and ``print_values`` in ``bubble_sort.c``, ``distance`` in
  ``polygon_geometry.c``, ``row_total`` in ``matrix_sums.c``, ``strip_newline`` per input line
- ``void`` helper without early return: ``print_values`` (``bubble_sort.c``), ``print_grid``
  (``matrix_sums.c``), ``deposit`` (``bank_account.c``)
- helper returning one expression: ``is_leap_year`` (``calendar_months.c``), ``factorial`` and
  ``binomial`` (``factorial_table.c``), ``is_valid_score`` (``grade_book.c``), ``bucket_for``
  (``score_histogram.c``)
- helper with an early return: ``binary_search`` (``binary_search.c``), ``is_palindrome``
  (``palindromes.c``), ``withdraw`` and ``buy_snack`` (void early returns), ``line_owner``
  (``tic_tac_toe.c``)
- stdin readers (scanf or fgets): ``array_stats``, ``bank_account``, ``caesar_cipher``, ``gcd_lcm``,
  ``grade_book``, ``palindromes``, ``score_histogram``, ``ticket_counter``, ``vending_machine``,
  ``word_stats``
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CORPUS = Path(__file__).parent / "corpus"
PRINCIPLES = ("DRY", "SRP", "MC", "NAME")


@dataclass(frozen=True)
class CorpusProgram:
    """One corpus C file with its stdin cases and (for ``labeled/``) its hand-assigned labels."""

    name: str
    path: Path
    source: str
    stdin: list[str]
    labels: list[str]


def _load(directory: Path, *, labeled: bool) -> list[CorpusProgram]:
    programs = []
    for path in sorted(directory.glob("*.c")):
        meta: dict[str, Any] = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
        stdin = [str(case) for case in meta["stdin"]]
        labels = [str(label) for label in meta["labels"]] if labeled else []
        unknown = set(labels) - set(PRINCIPLES)
        if unknown:
            raise ValueError(f"{path.with_suffix('.yaml')}: unknown labels {sorted(unknown)}")
        programs.append(
            CorpusProgram(
                name=path.stem,
                path=path,
                source=path.read_text(encoding="utf-8"),
                stdin=stdin,
                labels=labels,
            )
        )
    return programs


def clean_programs() -> list[CorpusProgram]:
    """The clean corpus, sorted by name; ``labels`` is always ``[]``."""
    return _load(CORPUS / "clean", labeled=False)


def labeled_programs() -> list[CorpusProgram]:
    """The hand-labeled set, sorted by name."""
    return _load(CORPUS / "labeled", labeled=True)


def heldout_programs() -> list[CorpusProgram]:
    """A second hand-labelled set, written blind to the detector: its scores are the honest ones."""
    return _load(CORPUS / "heldout", labeled=True)


def hard_programs() -> list[CorpusProgram]:
    """Hard cases written blind to the measures: clean traps, one subtle violation, two violations
    (``hard/README.md``); ``labels`` are the author's."""
    return _load(CORPUS / "hard", labeled=True)


def real_programs() -> list[CorpusProgram]:
    """Real programs from public repositories (``real/LICENSES.md``); unlabelled."""
    return _load(CORPUS / "real", labeled=False)


def hard2_programs() -> list[CorpusProgram]:
    """A second hard set, written after the measures were tuned and blind to them and to the first one:
    nobody who worked on the measures saw it before it was scored (``hard2/README.md``)."""
    return _load(CORPUS / "hard2", labeled=True)
