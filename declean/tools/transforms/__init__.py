"""Procedural de-clean transforms: semantics-preserving rewrites that each violate one principle.

``TRANSFORMS[principle](source, level)`` returns a :class:`TransformResult`: the rewritten code with the
locations of the violation, or ``applied=False`` with the reason it does not apply. Nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Callable

from declean.principles import Principle
from declean.tools.transforms.base import Level, Location, TransformResult, not_applicable

TransformFunction = Callable[[str, Level], TransformResult]

__all__ = ["Level", "Location", "TransformResult", "apply_transform", "not_applicable"]


def apply_transform(principle: Principle, source: str, level: Level = 2) -> TransformResult:
    """Run the procedural transform for ``principle`` on ``source``."""
    return _registry()[principle](source, level)


def _registry() -> dict[Principle, TransformFunction]:
    from declean.tools.transforms.dry import duplicate_logic
    from declean.tools.transforms.mc import inline_constants
    from declean.tools.transforms.name import rename_identifiers
    from declean.tools.transforms.srp import inline_helpers

    return {"DRY": duplicate_logic, "SRP": inline_helpers, "MC": inline_constants, "NAME": rename_identifiers}
