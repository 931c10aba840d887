"""The clean-code principles declean labels: one module per principle, and the registry of them.

Each built-in principle (:mod:`~declean.principles.dry`, :mod:`~declean.principles.srp`,
:mod:`~declean.principles.mc`, :mod:`~declean.principles.name`, :mod:`~declean.principles.no_compile`)
holds its definition, measure, verdict, transform and de-clean prompt in a :class:`PrincipleSpec`.
Adding one is a module with its spec plus its prompt file::

    from declean.principles import PrincipleSpec, register

    GOTO = register(PrincipleSpec(name="GOTO", title="goto", definition="...", measure=..., ...))

or pass the spec itself in ``Context(principles=["DRY", GOTO])`` without touching the registry.
"""

from __future__ import annotations

from declean.principles import dry, mc, name, no_compile, srp
from declean.principles.base import (
    Evidence,
    MeasureFunction,
    Measurement,
    Principle,
    PrincipleSpec,
    TransformFunction,
)
from declean.principles.registry import PrincipleRegistry
from declean.tools.transforms.base import Level, TransformResult, not_applicable

REGISTRY = PrincipleRegistry([dry.SPEC, srp.SPEC, mc.SPEC, name.SPEC, no_compile.SPEC])
"""The principles every declean command knows; :func:`register` adds to it."""

PRINCIPLES: tuple[Principle, ...] = ("DRY", "SRP", "MC", "NAME")
"""The built-in principles a de-clean step can target."""
DEFAULT_PRINCIPLE_ORDER: tuple[Principle, ...] = PRINCIPLES
"""The default de-clean chain."""
NO_COMPILE: Principle = no_compile.SPEC.name


def register(spec: PrincipleSpec, *, replace: bool = False) -> PrincipleSpec:
    """Add ``spec`` to :data:`REGISTRY` so names resolve to it everywhere (CLI, ``Context``, lint)."""
    return REGISTRY.register(spec, replace=replace)


def get(principle: Principle) -> PrincipleSpec:
    """The registered spec named ``principle``."""
    return REGISTRY.get(principle)


def apply_transform(principle: Principle | PrincipleSpec, source: str, level: Level = 2) -> TransformResult:
    """Run ``principle``'s procedural transform on ``source``; not applicable when it has none."""
    spec = principle if isinstance(principle, PrincipleSpec) else get(principle)
    if spec.transform is None:
        return not_applicable(spec.name, level, f"{spec.name} has no procedural transform")
    return spec.transform(source, level)


__all__ = [
    "DEFAULT_PRINCIPLE_ORDER",
    "NO_COMPILE",
    "PRINCIPLES",
    "REGISTRY",
    "Evidence",
    "MeasureFunction",
    "Measurement",
    "Principle",
    "PrincipleRegistry",
    "PrincipleSpec",
    "TransformFunction",
    "apply_transform",
    "get",
    "register",
]
