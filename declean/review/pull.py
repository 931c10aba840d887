"""``declean review pull``: reviewers' annotations from a Label Studio project or from an export file a
user downloaded, applied to the dataset (:func:`declean.review.apply.apply_reviews`)."""

from __future__ import annotations

from pathlib import Path

from declean.review.apply import PullOutcome, apply_reviews
from declean.review.label_studio import LabelStudioConnection
from declean.review.push import default_project
from declean.review.verdicts import parse_export, read_export


def pull_from_label_studio(
    dataset: Path, connection: LabelStudioConnection, *, project: str | None = None
) -> PullOutcome:
    """Fetch the project's JSON export through the API and apply it."""
    project_id = connection.project(project or default_project(dataset))
    where = f"{connection.url}#{project_id}"
    reviews = parse_export(
        connection.export(project_id), f"the export of project {where}", connection.users()
    )
    return apply_reviews(dataset, reviews, source="label-studio", project=where)


def pull_from_export(dataset: Path, export: Path) -> PullOutcome:
    """Apply a Label Studio JSON export file (reviewers are named by user id unless it holds e-mails)."""
    return apply_reviews(dataset, read_export(export), source="export", project=str(export))
