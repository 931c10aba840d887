"""Static label verification: verdicts per principle from thresholds, and before/after checks of a step.

A de-clean step is verified when the evidence of its target principle got worse (so a subtle, level-1
step counts even below the detector's threshold); it is ``collateral`` when a principle it did not target,
and that the sample is not already labelled with, is judged violated afterwards although it was not
before, or got worse while already over its threshold.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field

from declean.principles import PRINCIPLES, Principle
from declean.tools.metrics import Evidence, measure


class Thresholds(BaseModel):
    """Where each measurement starts to mean a violation; calibrated on ``tests/corpus/labeled``."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    mc_magic_literals: int = Field(default=3, ge=1)
    """MC when the logic holds at least this many magic literals."""
    name_share: float = Field(default=0.3, gt=0, le=1)
    """NAME when at least this share of declared names is meaningless ..."""
    name_min_meaningless: int = Field(default=2, ge=1)
    """... and at least this many are."""
    dry_duplicated_tokens: int = Field(default=30, ge=1)
    """DRY when at least this many tokens repeat an earlier sequence."""
    srp_statements: int = Field(default=20, ge=1)
    """SRP when one function has at least this many statements ..."""
    srp_branches: int = Field(default=4, ge=0)
    """... and at least this many branches and loops."""


DEFAULT_THRESHOLDS = Thresholds()


def score(evidence: Evidence, principle: Principle) -> float:
    """The one number per principle that a violating step must increase."""
    if principle == "MC":
        return evidence.MC.magic_literals
    if principle == "NAME":
        return evidence.NAME.share
    if principle == "DRY":
        return evidence.DRY.duplicated_tokens
    return evidence.SRP.mean_statements


def verdicts(evidence: Evidence, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> dict[Principle, bool]:
    """Which principles ``evidence`` says are violated."""
    return {
        "DRY": evidence.DRY.duplicated_tokens >= thresholds.dry_duplicated_tokens,
        "SRP": evidence.SRP.longest_statements >= thresholds.srp_statements
        and evidence.SRP.max_branches >= thresholds.srp_branches,
        "MC": evidence.MC.magic_literals >= thresholds.mc_magic_literals,
        "NAME": evidence.NAME.share >= thresholds.name_share
        and evidence.NAME.meaningless >= thresholds.name_min_meaningless,
    }


def detect(source: str, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> list[Principle]:
    """The labels the measurements give ``source``, in the canonical order."""
    found = verdicts(measure(source), thresholds)
    return [principle for principle in PRINCIPLES if found[principle]]


class StepCheck(BaseModel):
    """The static verdict on one de-clean step."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    principle: Principle
    """The principle the step targeted."""
    verified: bool
    """The target's evidence got worse."""
    collateral: list[Principle]
    """Other principles the step violated too."""
    before: Evidence
    after: Evidence

    def explain(self) -> str:
        """One line for a rejection's detail."""
        target_before, target_after = score(self.before, self.principle), score(self.after, self.principle)
        parts = [f"{self.principle} evidence {target_before:g} -> {target_after:g}"]
        parts += [
            f"{p} evidence {score(self.before, p):g} -> {score(self.after, p):g}" for p in self.collateral
        ]
        return "; ".join(parts)


def check_step(
    principle: Principle,
    before: str,
    after: str,
    labelled: Iterable[Principle] = (),
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> StepCheck:
    """Compare the evidence of ``before`` and ``after`` for a step that targeted ``principle``."""
    measured_before, measured_after = measure(before), measure(after)
    was, now = verdicts(measured_before, thresholds), verdicts(measured_after, thresholds)
    verified = score(measured_after, principle) > score(measured_before, principle)
    already = {principle, *labelled}
    collateral = [
        other
        for other in PRINCIPLES
        if other not in already
        and now[other]
        and (not was[other] or score(measured_after, other) > score(measured_before, other))
    ]
    return StepCheck(
        principle=principle,
        verified=verified,
        collateral=collateral,
        before=measured_before,
        after=measured_after,
    )
