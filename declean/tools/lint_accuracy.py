"""Jaccard, precision and recall per label of the static detector against hand-labelled programs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from pydantic import BaseModel

from declean.principles import PRINCIPLES, Principle
from declean.principles.verify import detect


class LabelScore(BaseModel):
    """Confusion counts for one label."""

    label: Principle
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def jaccard(self) -> float:
        """Programs both call violated over programs either does (the seed study's per-label score)."""
        either = self.true_positives + self.false_positives + self.false_negatives
        return self.true_positives / either if either else 1.0

    @property
    def recall(self) -> float:
        actual = self.true_positives + self.false_negatives
        return self.true_positives / actual if actual else 1.0


def score_detector(
    programs: Iterable[tuple[str, Sequence[str]]],
    detector: Callable[[str], Sequence[Principle]] = detect,
) -> list[LabelScore]:
    """Per label, compare ``detector`` (the static measures by default) with the hand labels of
    ``(source, labels)`` pairs."""
    counts = {label: [0, 0, 0] for label in PRINCIPLES}
    for source, truth in programs:
        predicted = set(detector(source))
        for label in PRINCIPLES:
            if label in predicted and label in truth:
                counts[label][0] += 1
            elif label in predicted:
                counts[label][1] += 1
            elif label in truth:
                counts[label][2] += 1
    return [LabelScore(label=label, true_positives=tp, false_positives=fp, false_negatives=fn)
            for label, (tp, fp, fn) in counts.items()]  # fmt: skip
