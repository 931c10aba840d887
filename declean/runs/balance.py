"""How balanced a run's labels are: each label's share of the de-cleaned samples, and the phi
coefficient between every two labels (a detector evaluated on labels that always come together learns
their co-occurrence, not the principles)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ConfigDict


class LabelBalance(BaseModel):
    """Label shares and pairwise phi over a set of samples."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    samples: int
    """The de-cleaned samples counted."""
    shares: dict[str, float]
    """Label -> share of the samples that carry it."""
    phi: dict[str, float | None]
    """``"A/B"`` -> phi coefficient of the two labels' presence; ``None`` when one label is constant."""

    def worst_phi(self) -> float:
        """The largest |phi| (0 when none can be computed)."""
        return max((abs(value) for value in self.phi.values() if value is not None), default=0.0)


def label_balance(label_sets: Iterable[Sequence[str]], labels: Sequence[str]) -> LabelBalance:
    """Shares and phi of ``labels`` over ``label_sets`` (one per sample)."""
    rows = [frozenset(label_set) for label_set in label_sets]
    count = len(rows)
    if count == 0:
        return LabelBalance(samples=0, shares=dict.fromkeys(labels, 0.0), phi={})
    share = {label: sum(label in row for row in rows) / count for label in labels}
    phi: dict[str, float | None] = {}
    for first, second in itertools.combinations(labels, 2):
        both = sum(first in row and second in row for row in rows) / count
        spread = math.sqrt(share[first] * (1 - share[first]) * share[second] * (1 - share[second]))
        phi[f"{first}/{second}"] = (
            round((both - share[first] * share[second]) / spread, 3) if spread else None
        )
    return LabelBalance(samples=count, shares={k: round(v, 3) for k, v in share.items()}, phi=phi)
