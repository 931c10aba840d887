"""Deterministic output comparison: the judge's fast path, which needs no model, and its report."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Literal


def compare_outputs(reference: Sequence[str], actual: Sequence[str]) -> Literal["exact", "whitespace"] | None:
    """``exact`` when every output is identical, ``whitespace`` when identical up to whitespace, else None."""
    if len(reference) != len(actual):
        return None
    if list(reference) == list(actual):
        return "exact"
    if all(want.split() == got.split() for want, got in zip(reference, actual, strict=True)):
        return "whitespace"
    return None


def render_changed_outputs(stdin_cases: Sequence[str], before: Sequence[str], after: Sequence[str]) -> str:
    """What a rewrite changed in the output, per stdin case, for the fixer."""
    changed = [
        f"stdin case {index} ({stdin!r}):\nexpected output:\n{want}\nactual output:\n{got}"
        for index, (stdin, want, got) in enumerate(zip(stdin_cases, before, after, strict=True))
        if want != got
    ]
    return "The program must print exactly what it printed before.\n\n" + "\n\n".join(changed)


def code_diff(before: str, after: str, *, name: str = "program.c") -> str:
    """A unified diff from ``before`` to ``after``."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{name}", f"b/{name}"
    )
    return "".join(lines)
