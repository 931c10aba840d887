"""Every corpus program compiles with the host gcc and runs on every stdin case with exit status 0.

The corpus is hand-written and trusted, so compiling on the host (not in the sandbox) is fine here.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.corpus_index import PRINCIPLES, CorpusProgram, clean_programs, labeled_programs

GCC = shutil.which("gcc")
CFLAGS = ["-std=gnu17", "-O0", "-Wall", "-Wextra", "-Werror"]
RUN_TIMEOUT_SECONDS = 5.0

_CLEAN = clean_programs()
_LABELED = labeled_programs()


def _compile_and_run(program: CorpusProgram, tmp_path: Path) -> None:
    if GCC is None:
        pytest.skip("gcc not found on PATH")
    executable = tmp_path / program.name
    compiled = subprocess.run(
        [GCC, *CFLAGS, "-o", str(executable), str(program.path), "-lm"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert compiled.returncode == 0, compiled.stderr
    for index, stdin in enumerate(program.stdin):
        run = subprocess.run(
            [str(executable)],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_SECONDS,
            check=False,
        )
        assert run.returncode == 0, f"stdin case {index} ({stdin!r}): exit {run.returncode}\n{run.stderr}"
        assert run.stdout.strip(), f"stdin case {index} ({stdin!r}) printed nothing"


@pytest.mark.parametrize("program", _CLEAN, ids=[program.name for program in _CLEAN])
def test_clean_program_compiles_and_runs(program: CorpusProgram, tmp_path: Path) -> None:
    _compile_and_run(program, tmp_path)


@pytest.mark.parametrize("program", _LABELED, ids=[program.name for program in _LABELED])
def test_labeled_program_compiles_and_runs(program: CorpusProgram, tmp_path: Path) -> None:
    _compile_and_run(program, tmp_path)


def test_corpus_shape() -> None:
    assert len(_CLEAN) >= 18
    assert sum(1 for program in _CLEAN if program.stdin != [""]) >= 8
    assert all(program.labels == [] for program in _CLEAN)
    assert len(_LABELED) >= 30
    names = [program.name for program in _CLEAN + _LABELED]
    assert len(names) == len(set(names)), "clean and labeled names must not collide"
    by_labels = [frozenset(program.labels) for program in _LABELED]
    assert by_labels.count(frozenset()) >= 6
    for principle in PRINCIPLES:
        assert by_labels.count(frozenset({principle})) >= 4, principle
    assert sum(1 for labels in by_labels if len(labels) >= 2) >= 6
    for program in _CLEAN + _LABELED:
        assert program.stdin, f"{program.name}: no stdin cases"
        if program.stdin != [""]:
            assert len(program.stdin) >= 3, f"{program.name}: a stdin reader needs at least 3 cases"
