"""Deterministic output comparison: the judge's fast path, which needs no model."""

from __future__ import annotations

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
