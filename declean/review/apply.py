"""Applying reviews to a dataset: decide each task that changed since the last pull, write every decision
to ``review.jsonl``, and make a new dataset version holding them (:func:`declean.data.revise.revise`).

Accepted records are marked reviewed; relabelled ones get the reviewers' labels (and their ``NO_COMPILE``
breakages, which carry the parent's labels, follow); rejected ones leave the splits for ``rejected.jsonl``
and come back if later verdicts keep them. A task whose annotations have not changed is not decided twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from declean.data.publish import content_fingerprint
from declean.data.records import DatasetRecord, ReviewMark
from declean.data.revise import revise
from declean.data.store import DatasetDir
from declean.principles import NO_COMPILE, REGISTRY
from declean.review.decide import Decision, decide
from declean.review.journal import ReviewEntry, ReviewJournal, ReviewSource
from declean.review.verdicts import TaskReview


@dataclass
class PullOutcome:
    """What a pull did."""

    version: str
    """The dataset's current version afterwards."""
    created: bool
    entries: list[ReviewEntry] = field(default_factory=list)
    unchanged: int = 0
    """Tasks whose annotations were already applied."""
    warnings: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for entry in self.entries:
            counts[entry.action] = counts.get(entry.action, 0) + 1
        return counts


def apply_reviews(
    dataset: Path, reviews: Sequence[TaskReview], *, source: ReviewSource, project: str | None = None
) -> PullOutcome:
    """Apply ``reviews`` to the dataset in ``dataset``; nothing is written when none of them is new."""
    store = DatasetDir(dataset)
    index = store.existing_index()
    current = index.version()
    journal = ReviewJournal(dataset)
    done = journal.signatures(index)
    kept = {record.id: record for record in store.records(current)}
    rejected = {record.id: record for record in store.rejected(current)}
    known_labels = set(REGISTRY.names())
    outcome = PullOutcome(version=current.name, created=False)
    pending: list[tuple[TaskReview, DatasetRecord, Decision, list[str]]] = []
    for review in reviews:
        if review.signature() in done:
            outcome.unchanged += 1
            continue
        record = kept.get(review.record_id) or rejected.get(review.record_id)
        if record is None:
            outcome.warnings.append(
                f"task {review.task_id}: record {review.record_id} is not in dataset version {current.name}"
            )
            continue
        decision = decide(record.labels, review.verdicts)
        unknown = sorted(set(decision.labels) - known_labels)
        if unknown:
            outcome.warnings.append(
                f"task {review.task_id} ({record.id}): label(s) {', '.join(unknown)} are not registered "
                "principles; not applied"
            )
            continue
        mark = _mark(record, decision, review)
        children: list[str] = []
        if mark is not None:
            updated = record.model_copy(update={"labels": decision.labels, "review": mark})
            kept.pop(record.id, None)
            rejected.pop(record.id, None)
            (rejected if decision.action == "reject" else kept)[record.id] = updated
            if decision.action == "relabel":
                children = _relabel_children(kept, record.id, decision.labels)
        pending.append((review, record, decision, children))
    if not pending:
        return outcome

    fingerprint = content_fingerprint(list(kept.values()), list(rejected.values()))
    changed = fingerprint != current.fingerprint
    name = f"v{len(index.versions) + 1}" if changed else current.name
    outcome.entries = [
        _entry(
            review,
            record,
            decision,
            children,
            source=source,
            project=project,
            version=name,
            fingerprint=fingerprint,
        )
        for review, record, decision, children in pending
    ]
    # The journal first: a crash before the commit leaves entries naming a version that does not exist,
    # which readers ignore; the other order could leave a version whose decisions nobody can trace.
    journal.append(outcome.entries)
    if changed:
        version, created = revise(dataset, list(kept.values()), list(rejected.values()))
        outcome.version, outcome.created = version.name, created
    return outcome


def _mark(record: DatasetRecord, decision: Decision, review: TaskReview) -> ReviewMark | None:
    if decision.action == "disputed":
        return None
    status = {"accept": "accepted", "relabel": "relabelled", "reject": "rejected"}[decision.action]
    before = record.review.labels_before if record.review is not None else record.labels
    return ReviewMark.model_validate(
        {
            "status": status,
            "reviewers": decision.reviewers,
            "when": _decided(review),
            "labels_before": before,
            "reason": decision.reason,
        }
    )


def _relabel_children(kept: dict[str, DatasetRecord], parent_id: str, labels: list[str]) -> list[str]:
    """Breakages carry their parent's labels plus ``NO_COMPILE``; unreviewed ones follow a relabel."""
    moved = []
    for record_id, child in list(kept.items()):
        if child.parent_id == parent_id and child.source == "breakage" and child.review is None:
            kept[record_id] = child.model_copy(update={"labels": [*labels, NO_COMPILE]})
            moved.append(record_id)
    return moved


def _decided(review: TaskReview) -> str:
    return max((verdict.updated for verdict in review.verdicts), default="")


def _entry(
    review: TaskReview,
    record: DatasetRecord,
    decision: Decision,
    children: list[str],
    *,
    source: ReviewSource,
    project: str | None,
    version: str,
    fingerprint: str,
) -> ReviewEntry:
    return ReviewEntry(
        decided=_decided(review),
        record_id=record.id,
        action=decision.action,
        reviewers=decision.reviewers,
        before=record.labels,
        after=decision.labels,
        status_before=record.review.status if record.review is not None else None,
        reason=decision.reason,
        source=source,
        project=project,
        task_id=review.task_id,
        annotation_ids=sorted(v.annotation_id for v in review.verdicts if v.annotation_id is not None),
        signature=review.signature(),
        verdicts=review.verdicts,
        facets=facets(record),
        relabelled_children=children,
        version=version,
        fingerprint=fingerprint,
    )


def facets(record: DatasetRecord) -> dict[str, list[str]]:
    """What a record's rejections are counted by in the statistics."""
    steps = [step for step in record.lineage if step.made_by == "declean"]
    return {
        "principle": sorted({step.principle for step in steps if step.principle}) or ["clean"],
        "strategy": sorted({step.strategy for step in steps}) or ["none"],
        "level": sorted({str(step.level) for step in steps if step.level is not None}) or ["none"],
        "model": sorted(set(record.models.values())) or ["none"],
        "source": [record.source],
    }
