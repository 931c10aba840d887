"""Checks the transform test files share: the clean corpus as pytest params, and "same behaviour"."""

from __future__ import annotations

from typing import Any

import pytest

from declean.sandbox.base import CompileAndRunResult
from declean.sandbox.local import LocalSandbox
from tests.corpus_index import clean_programs

_ORIGINALS: dict[tuple[str, tuple[str, ...]], CompileAndRunResult] = {}


def clean_program_params() -> list[Any]:
    """Every clean corpus program as a pytest param named after it; an empty corpus is an error."""
    programs = clean_programs()
    assert programs, "tests/corpus/clean has no programs"
    return [pytest.param(program, id=program.name) for program in programs]


def same_output(sandbox: LocalSandbox, original: str, changed: str, stdin: list[str]) -> None:
    """``changed`` compiles and prints what ``original`` prints (exit code too) on every stdin case."""
    key = (original, tuple(stdin))
    if key not in _ORIGINALS:
        _ORIGINALS[key] = sandbox.compile_and_run(original, stdin)
    before, after = _ORIGINALS[key], sandbox.compile_and_run(changed, stdin)
    assert before.compile.ok, before.compile.stderr
    assert after.compile.ok, f"{after.compile.stderr}\n{changed}"
    for case, old, new in zip(stdin, before.runs, after.runs, strict=True):
        assert new.stdout == old.stdout, f"stdin {case!r}:\n{changed}"
        assert new.exit_code == old.exit_code
