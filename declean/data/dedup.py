"""Deduplication: exact, renamed and near duplicates among records with the same problem and label set.

Records are taken in order and each is compared with the ones kept before it (leader clustering), so the
rule is simple to state: **the earliest record is kept**; the order is the previous version's records, then
the runs in the order given, then each file's order, so a new version never replaces a record an older one
held. A clean program and its NAME rewrite have different label sets: a contrastive pair, never
duplicates. Near duplicates of *different* problems are not dropped (their statements differ) but reported,
and the split keeps their problems together so one cannot leak into the other's split.

Near duplicates are found with MinHash LSH (``datasketch``) over token 5-grams of the renamed tokens
(:mod:`declean.data.tokens`) and confirmed by the exact Jaccard similarity of the shingle sets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from datasketch import MinHash, MinHashLSH
from pydantic import BaseModel, ConfigDict

from declean.data.records import DatasetRecord
from declean.data.tokens import TokenView, jaccard, token_view

DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.85
"""Jaccard similarity of token 5-gram sets at which two programs are near duplicates (as CodeParrot)."""
NUM_PERM = 128
"""MinHash permutations: enough for a 0.85 threshold with few misses, cheap to compute."""

DuplicateKind = Literal["exact", "renamed", "near"]


class DroppedDuplicate(BaseModel):
    """A record left out as a duplicate: one line of ``dedup.jsonl``."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    dropped: str
    """The record left out."""
    kept: str
    """The earlier record it duplicates; also the cluster's name."""
    kind: DuplicateKind
    """``exact``: the same tokens (layout and comments aside); ``renamed``: the same up to consistently
    renamed identifiers; ``near``: token 5-gram Jaccard at or over the threshold."""
    similarity: float
    """Jaccard similarity of the two programs' shingles."""
    problem_id: str
    labels: list[str]


class CrossProblemPair(BaseModel):
    """Near-duplicate programs of two different problems: reported, both kept, their problems grouped."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    first: str
    second: str
    problems: tuple[str, str]
    labels: list[str]
    similarity: float


@dataclass
class DedupResult:
    """What deduplication kept, what it dropped, and which problems share near-identical programs."""

    kept: list[DatasetRecord] = field(default_factory=list)
    dropped: list[DroppedDuplicate] = field(default_factory=list)
    cross_problem: list[CrossProblemPair] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Dropped records by kind, plus the cross-problem pairs."""
        found = {kind: 0 for kind in ("exact", "renamed", "near")}
        for entry in self.dropped:
            found[entry.kind] += 1
        return {**found, "cross_problem_pairs": len(self.cross_problem)}


def deduplicate(
    records: Sequence[DatasetRecord], threshold: float = DEFAULT_NEAR_DUPLICATE_THRESHOLD
) -> DedupResult:
    """Drop every record that duplicates an earlier one of the same problem and label set."""
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"the near-duplicate threshold must be in (0, 1], not {threshold}")
    views = [token_view(record.code) for record in records]
    signatures = MinHash.bulk([view.shingles.tolist() for view in views], num_perm=NUM_PERM, hashfunc=_same)
    indexes: dict[frozenset[str], MinHashLSH] = {}
    exact: dict[tuple[str, frozenset[str], str], int] = {}
    renamed: dict[tuple[str, frozenset[str], str], int] = {}
    result = DedupResult()
    for position, (record, view) in enumerate(zip(records, views, strict=True)):
        labels = record.label_key()
        index = indexes.get(labels)
        if index is None:
            index = indexes[labels] = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        similar = {
            int(key): jaccard(view.shingles, views[int(key)].shingles)
            for key in index.query(signatures[position])
        }
        similar = {candidate: value for candidate, value in similar.items() if value >= threshold}
        duplicate = _earlier_duplicate(record, view, exact, renamed) or _near_duplicate(
            record, similar, records
        )
        if duplicate is not None:
            kept_position, kind, similarity = duplicate
            result.dropped.append(
                DroppedDuplicate(
                    dropped=record.id,
                    kept=records[kept_position].id,
                    kind=kind,
                    similarity=round(similarity, 4),
                    problem_id=record.problem_id,
                    labels=sorted(labels),
                )
            )
            continue
        result.cross_problem += [
            CrossProblemPair(
                first=records[candidate].id,
                second=record.id,
                problems=(records[candidate].problem_id, record.problem_id),
                labels=sorted(labels),
                similarity=round(similarity, 4),
            )
            for candidate, similarity in sorted(similar.items())
            if records[candidate].problem_id != record.problem_id
        ]
        exact.setdefault((record.problem_id, labels, view.exact_key), position)
        renamed.setdefault((record.problem_id, labels, view.renamed_key), position)
        index.insert(str(position), signatures[position])
        result.kept.append(record)
    return result


def _earlier_duplicate(
    record: DatasetRecord,
    view: TokenView,
    exact: dict[tuple[str, frozenset[str], str], int],
    renamed: dict[tuple[str, frozenset[str], str], int],
) -> tuple[int, DuplicateKind, float] | None:
    key = (record.problem_id, record.label_key())
    if (hit := exact.get((*key, view.exact_key))) is not None:
        return hit, "exact", 1.0
    if (hit := renamed.get((*key, view.renamed_key))) is not None:
        return hit, "renamed", 1.0
    return None


def _near_duplicate(
    record: DatasetRecord, similar: dict[int, float], records: Sequence[DatasetRecord]
) -> tuple[int, DuplicateKind, float] | None:
    """The most similar earlier record of the same problem among ``similar`` (the earliest on a tie)."""
    same_problem = [
        (value, -candidate)
        for candidate, value in similar.items()
        if records[candidate].problem_id == record.problem_id
    ]
    if not same_problem:
        return None
    value, negative = max(same_problem)
    return -negative, "near", value


def _same(value: int) -> int:
    """The shingles are CRC-32 values already: uniform 32-bit hashes."""
    return value
