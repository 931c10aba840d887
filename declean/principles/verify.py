"""Static label verification: every principle's measure on a program, and the before/after check of a step.

A de-clean step is verified when the score of its target principle rose (so a subtle, level-1 step
counts even below the verdict's threshold); it is ``collateral`` when a principle it did not target, and
that the sample is not already labelled with, is judged violated afterwards although it was not before,
or got worse while already violated.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from declean.principles.base import Evidence, Measurement, Principle, PrincipleSpec
from declean.tools.cparse import parse

PrincipleChoice = Iterable[Principle | PrincipleSpec] | None
"""Which principles to measure: names or specs; ``None`` for every registered measured principle."""


def measured_specs(principles: PrincipleChoice = None) -> tuple[PrincipleSpec, ...]:
    """The measured principles among ``principles`` (all registered ones when ``None``)."""
    from declean.principles import REGISTRY

    specs = REGISTRY.measured() if principles is None else REGISTRY.resolve(principles)
    return tuple(spec for spec in specs if spec.measure is not None)


def measure(source: str, principles: PrincipleChoice = None) -> Evidence:
    """Measure ``principles`` on ``source``."""
    return _measure(source, measured_specs(principles))


@functools.lru_cache(maxsize=512)
def _measure(source: str, specs: tuple[PrincipleSpec, ...]) -> Evidence:
    """Cached by source and principles: a chain measures each version as a candidate, again as the next
    step's base, and in its sample."""
    measures = {spec.name: _measure_one(source, spec) for spec in specs if spec.measure is not None}
    return Evidence(parse_errors=parse(source).root_node.has_error, measures=measures)


@functools.lru_cache(maxsize=2048)
def _measure_one(source: str, spec: PrincipleSpec) -> Measurement:
    """One principle's measure, cached on its own: whoever asks for other principles alongside it (a
    transform's check, the pipeline's) still gets this one from the cache."""
    assert spec.measure is not None
    return spec.measure(parse(source))


def describe_violations(evidence: Evidence) -> str:
    """``violates MC (4 magic literals, 1 named constant), NAME (3 of 9 names meaningless)``."""
    found = [
        f"{name} ({measured.summary})" for name, measured in evidence.measures.items() if measured.violated
    ]
    return f"violates {', '.join(found)}" if found else "violates nothing the measures see"


def detect(source: str, principles: PrincipleChoice = None) -> list[Principle]:
    """The labels the measures give ``source``, in canonical order."""
    return measure(source, principles).violated()


class StepCheck(BaseModel):
    """The static verdict on one de-clean step."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    principle: Principle
    """The principle the step targeted."""
    verified: bool
    """The target's score rose."""
    collateral: list[Principle]
    """Other principles the step violated too."""
    before: Evidence
    after: Evidence

    def explain(self) -> str:
        """One line for a rejection's detail."""
        return "; ".join(
            f"{name} evidence {self.before[name].score:g} -> {self.after[name].score:g}"
            for name in [self.principle, *self.collateral]
        )


def check_step(
    principle: Principle | PrincipleSpec,
    before: str,
    after: str,
    labelled: Iterable[Principle] = (),
    principles: PrincipleChoice = None,
) -> StepCheck:
    """Compare the measures of ``before`` and ``after`` for a step that targeted ``principle``.

    ``principles`` are the ones watched for collateral damage (every registered measured one by default);
    the target is always measured.
    """
    specs = measured_specs(principles)
    target = measured_specs([principle])[0]
    if target not in specs:
        specs = (*specs, target)
    measured_before, measured_after = _measure(before, specs), _measure(after, specs)
    verified = measured_after[target.name].score > measured_before[target.name].score
    already = {target.name, *labelled}
    collateral = [
        spec.name
        for spec in specs
        if spec.name not in already
        and measured_after[spec.name].violated
        and (
            not measured_before[spec.name].violated
            or measured_after[spec.name].score > measured_before[spec.name].score
        )
    ]
    return StepCheck(
        principle=target.name,
        verified=verified,
        collateral=collateral,
        before=measured_before,
        after=measured_after,
    )


def check_attempt(principle: Principle, before: str, after: str) -> StepCheck:
    """:func:`check_step` for a transform's attempt, watching every measured principle, but measuring the
    others only once the target's evidence rose: an attempt that does not rise is refused whatever they
    say, most refused attempts never rise, and measuring them was most of a transform's time.

    A transform sees code, not labels: the principles ``before`` already violates stand for its labels,
    which hold them all (a clean version is labelled with what it violates, and a step's collateral is
    rejected or added). So a rewrite that makes an already violated principle worse is not refused here,
    as the judge, checking against the real labels, does not refuse it either."""
    target = check_step(principle, before, after, principles=[principle])
    if not target.verified:
        return target
    return check_step(principle, before, after, labelled=measure(before).violated())
