"""Procedural de-clean transforms: semantics-preserving rewrites that each violate one principle.

Each transform takes ``(source, level)`` and returns a :class:`TransformResult`: the rewritten code with
the locations of the violation, or ``applied=False`` with the reason it does not apply. Nothing is
guessed. Which transform belongs to which principle is said by the principle's spec
(:mod:`declean.principles`), not here.
"""

from __future__ import annotations

from declean.tools.transforms.base import Level, Location, TransformResult, not_applicable

__all__ = ["Level", "Location", "TransformResult", "not_applicable"]
