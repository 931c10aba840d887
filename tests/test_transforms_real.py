"""Every transform x level x real program (``tests/corpus/real``, 69 programs nobody here wrote).

Each outcome either compiles in the real sandbox and prints exactly what the original prints (stdout and
exit code, on every stdin case), or is not applicable with a reason; see :mod:`tests.real_grid`. The grid
is 69 x 4 x 3 = 828 cases; transforms run in-process and only applied outputs are compiled and run (once per
distinct rewrite), so the whole grid runs by default: about 25 s alone, up to 60 s on a busy 2-core
machine. ``python bench/transforms_real.py`` prints the table.
"""

from __future__ import annotations

import pytest

from declean.principles import PRINCIPLES, Principle
from declean.sandbox.local import LocalSandbox
from declean.tools.transforms.base import Level
from tests.corpus_index import CorpusProgram
from tests.real_grid import LEVELS, PROGRAMS, Outcome, outcome, summary


def test_the_real_corpus_is_there() -> None:
    assert len(PROGRAMS) == 69
    assert all(program.stdin for program in PROGRAMS)


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("principle", PRINCIPLES)
@pytest.mark.parametrize("program", PROGRAMS, ids=[program.name for program in PROGRAMS])
def test_transform_keeps_behaviour_or_says_why_not(
    local_sandbox: LocalSandbox, program: CorpusProgram, principle: Principle, level: Level
) -> None:
    found = outcome(local_sandbox, program, principle, level)
    assert found.status != "failed", f"{principle} level {level} on {program.name}: {found.detail}"
    assert found.status == "applied" or found.detail


def test_summary_counts_every_status() -> None:
    outcomes = [
        Outcome("a", "DRY", 1, "applied", ""),
        Outcome("b", "DRY", 1, "not_applicable", "no helper"),
        Outcome("c", "MC", 2, "failed", "main.c:3:1: error: expected ';'\nint main"),
        Outcome("d", "MC", 2, "failed", "stdin '5\\n':\nint main"),
    ]
    table = summary(outcomes).splitlines()
    assert table[1].split() == ["DRY", "1", "1", "1", "0"]
    assert table[2].split() == ["MC", "2", "0", "0", "2"]
    assert table[3].split() == ["all", "1", "1", "2"]
    assert table[4] == "FAILED MC 2 c: main.c:3:1: error: expected ';'"
    assert table[5] == "FAILED MC 2 d: behaviour changed: stdin '5\\n':"
