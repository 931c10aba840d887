"""Label plans: which principle sets one clean sample is de-cleaned into, and in what order.

A chain in one fixed order makes label sets follow that order (after DRY -> SRP -> MC -> NAME, a sample
with NAME nearly always has the others too), so a detector evaluated on it learns co-occurrence. Plans:

- ``chain``: the configured order; every prefix is a sample.
- ``balanced``: a chain in an order shuffled per clean sample (seeded by problem and sample index, so a
  re-run or resume plans the same), leaving out its last principle when there are three or more. With
  every step accepted each label is in half the de-cleaned samples and pairs of labels correlate at phi
  of about -0.1 (a full shuffled chain: 5/8 and +0.1, and principles whose transform applies more often
  push their share higher still).
- ``all-subsets``: every non-empty subset, as a tree (a sample for ``{A, B}`` is made from the one for
  ``{A}``): 2^n - 1 samples per clean one, each label in about half of them, phi about -0.07. Cheap with
  procedural transforms, which need no model call.

The graph keeps a stack of :class:`PlannedStep`; these functions say what to push after a clean sample,
an accepted step and a rejected one.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from declean.principles import Principle
from declean.samples import LabelPlan, Sample


class PlannedStep(BaseModel):
    """A de-clean step still to make: ``principle`` applied to ``base``."""

    model_config = ConfigDict(frozen=True)

    base: Sample
    principle: Principle


def order_for(
    plan: LabelPlan, principles: Sequence[Principle], problem_id: str, sample_index: int
) -> list[str]:
    """The order the sample's principles are applied in."""
    order = list(principles)
    if plan == "balanced":
        seed = hashlib.sha256(f"{problem_id}/{sample_index}".encode()).digest()
        random.Random(seed).shuffle(order)
        if len(order) >= 3:
            order.pop()
    return order


def first_steps(plan: LabelPlan, order: Sequence[Principle], clean: Sample) -> list[PlannedStep]:
    """The steps that start from the clean sample."""
    if not order:
        return []
    if plan == "all-subsets":
        return [PlannedStep(base=clean, principle=principle) for principle in order]
    return [PlannedStep(base=clean, principle=order[0])]


def after_accepted(
    plan: LabelPlan, order: Sequence[Principle], sample: Sample, principle: Principle
) -> list[PlannedStep]:
    """The steps that start from ``sample``, just made by applying ``principle``."""
    later = list(order[order.index(principle) + 1 :])
    if plan == "all-subsets":
        return [PlannedStep(base=sample, principle=next_principle) for next_principle in later]
    return [PlannedStep(base=sample, principle=later[0])] if later else []


def after_rejected(
    plan: LabelPlan, order: Sequence[Principle], base: Sample, principle: Principle
) -> list[PlannedStep]:
    """What replaces a rejected step when the plan goes on (``on_rejection=continue``): the chain's next
    principle from the same base; in the subset tree the other subsets of ``base`` are planned already."""
    if plan == "all-subsets":
        return []
    later = list(order[order.index(principle) + 1 :])
    return [PlannedStep(base=base, principle=later[0])] if later else []
