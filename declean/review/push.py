"""``declean review push``: a dataset split into a Label Studio project, idempotently.

The project (created on the first push) gets the labeling config generated from the registry (updated
when the registry changed). Records already in the project, found by their ``sample_id``, are never
imported again; a record whose labels changed since its last prediction (a relabel, a new version) gets a
new prediction named after the dataset version. A second push of the same dataset changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from declean.data.records import Split
from declean.data.store import DatasetDir
from declean.review.config import label_config
from declean.review.label_studio import LabelStudioConnection
from declean.review.tasks import labels_result, task

_BATCH = 200
"""Tasks per import request (Label Studio takes up to 250,000, but a failure then loses less)."""


@dataclass
class PushOutcome:
    project_id: int
    project_created: bool
    config_updated: bool
    imported: int
    predictions_added: int
    unchanged: int
    skipped_reviewed: int


def default_project(dataset: Path) -> str:
    return f"declean: {dataset.resolve().name}"


def push_dataset(
    dataset: Path,
    connection: LabelStudioConnection,
    *,
    project: str | None = None,
    split: Split = "train",
    only_unreviewed: bool = False,
) -> PushOutcome:
    """Push ``split`` of the dataset's current version to the project titled ``project``."""
    store = DatasetDir(dataset)
    version = store.existing_index().version()
    records = store.records(version)
    parents = {record.id: record for record in [*records, *store.rejected(version)]}
    chosen = [record for record in records if record.split == split]
    skipped = 0
    if only_unreviewed:
        skipped = sum(record.review is not None for record in chosen)
        chosen = [record for record in chosen if record.review is None]

    title = project or default_project(dataset)
    config = label_config()
    project_id = connection.find_project(title)
    created = updated = False
    if project_id is None:
        description = f"Review of declean dataset {dataset.resolve().name}, split {split}"
        project_id = connection.create_project(title, config, description)
        created = True
    elif connection.label_config(project_id).strip() != config.strip():
        connection.set_label_config(project_id, config)
        updated = True

    existing = {existing.record_id: existing for existing in connection.tasks(project_id)}
    new = [task(record, parents, version.name) for record in chosen if record.id not in existing]
    for start in range(0, len(new), _BATCH):
        connection.import_tasks(project_id, new[start : start + _BATCH])
    added = unchanged = 0
    for record in chosen:
        known = existing.get(record.id)
        if known is None:
            continue
        latest = known.predictions.get(version.name)
        if latest is None and _labels_changed(known.predictions, record.labels):
            connection.add_prediction(known.id, labels_result(record.labels), version.name)
            added += 1
        else:
            unchanged += 1
    return PushOutcome(
        project_id=project_id,
        project_created=created,
        config_updated=updated,
        imported=len(new),
        predictions_added=added,
        unchanged=unchanged,
        skipped_reviewed=skipped,
    )


def _labels_changed(predictions: dict[str, list[str]], labels: list[str]) -> bool:
    """Whether the task's newest prediction differs from ``labels`` (versions sort as v1 < v2 < v10)."""
    if not predictions:
        return True
    newest = max(predictions, key=lambda name: (len(name), name))
    return set(predictions[newest]) != set(labels)
