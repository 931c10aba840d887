"""What reviewers said, read from Label Studio's JSON export (fetched through the API or downloaded by
hand: one format, one reader). Each annotation is one reviewer's :class:`Verdict`; skipped (cancelled)
annotations say nothing."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from declean.errors import ReviewError
from declean.review.config import ADEQUATE, COMMENT, DIFFERENT, LABELS, NO, REASON_PREFIX
from declean.review.tasks import KEY


class Verdict(BaseModel):
    """One reviewer's annotation of one task."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    reviewer: str
    """The annotator's e-mail (or ``user <id>`` when the export names only an id)."""
    annotation_id: int | None = None
    """Label Studio's annotation id (``None`` for a decision made in declean's web app)."""
    labels: list[str]
    """Every label the reviewer ticked (``[]``: clean)."""
    reasons: dict[str, str] = Field(default_factory=dict)
    """Label -> the reviewer's reason for it."""
    adequate: bool | None = None
    """An adequate solution to the problem (``None``: not answered)."""
    different: bool | None = None
    """Different enough from the rest of the dataset (``None``: not answered)."""
    comment: str = ""
    updated: str = ""
    """When the annotation was last changed (Label Studio's ``updated_at``)."""

    @property
    def rejects(self) -> bool:
        """The reviewer answered no to one of the two questions."""
        return self.adequate is False or self.different is False


class TaskReview(BaseModel):
    """The verdicts on one task."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    task_id: int | None = None
    """Label Studio's task id (``None`` for the web app)."""
    record_id: str
    verdicts: list[Verdict]

    def signature(self) -> str:
        """Changes when an annotation is added, removed or edited: a pull applies a task once per state."""
        state = sorted(
            (verdict.annotation_id or 0, verdict.reviewer, verdict.updated) for verdict in self.verdicts
        )
        return hashlib.sha256(json.dumps([self.task_id, state]).encode()).hexdigest()[:16]


def read_export(path: Path, users: Mapping[int, str] | None = None) -> list[TaskReview]:
    """The reviews in a Label Studio JSON export file."""
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ReviewError(f"{path}: cannot read the export ({error})") from error
    except json.JSONDecodeError as error:
        raise ReviewError(
            f"{path}:{error.lineno}: not JSON ({error.msg}); export the project as JSON, not JSON-MIN or CSV"
        ) from error
    return parse_export(items, str(path), users)


def parse_export(items: object, where: str, users: Mapping[int, str] | None = None) -> list[TaskReview]:
    """The reviews in an export's parsed JSON; ``where`` names its origin in errors."""
    if not isinstance(items, list):
        raise ReviewError(f"{where}: not a Label Studio JSON export (expected a list of tasks)")
    reviews = []
    for position, item in enumerate(items):
        place = f"{where}: task {position + 1}"
        if not isinstance(item, dict) or not isinstance(item.get("data"), dict):
            raise ReviewError(f"{place}: not a task (no data)")
        record_id = item["data"].get(KEY)
        if not isinstance(record_id, str):
            raise ReviewError(f"{place}: no {KEY} in its data (not a task declean pushed)")
        task_id = item.get("id")
        if not isinstance(task_id, int):
            raise ReviewError(f"{place} ({record_id}): no task id")
        annotations = item.get("annotations") or []
        if not isinstance(annotations, list):
            raise ReviewError(f"{place} ({record_id}): annotations are not a list")
        verdicts = [
            _verdict(annotation, f"{place} ({record_id})", users or {})
            for annotation in annotations
            if not (isinstance(annotation, dict) and annotation.get("was_cancelled"))
        ]
        if verdicts:
            reviews.append(TaskReview(task_id=task_id, record_id=record_id, verdicts=verdicts))
    return reviews


def _verdict(annotation: object, place: str, users: Mapping[int, str]) -> Verdict:
    if not isinstance(annotation, dict) or not isinstance(annotation.get("id"), int):
        raise ReviewError(f"{place}: an annotation without an id")
    results = annotation.get("result") or []
    if not isinstance(results, list):
        raise ReviewError(f"{place}: annotation {annotation['id']} has no result list")
    labels: list[str] = []
    reasons: dict[str, str] = {}
    answers: dict[str, bool] = {}
    comment = ""
    for result in results:
        if not isinstance(result, dict) or not isinstance(result.get("value"), dict):
            raise ReviewError(f"{place}: annotation {annotation['id']} has a result without a value")
        name = str(result.get("from_name", ""))
        value = result["value"]
        if name == LABELS:
            labels = [str(choice) for choice in value.get("choices", [])]
        elif name in (ADEQUATE, DIFFERENT):
            answers[name] = NO not in value.get("choices", [])
        elif name == COMMENT:
            comment = _text(value)
        elif name.startswith(REASON_PREFIX):
            reasons[name.removeprefix(REASON_PREFIX)] = _text(value)
    return Verdict(
        reviewer=_reviewer(annotation.get("completed_by"), users),
        annotation_id=annotation["id"],
        labels=labels,
        reasons={label: reason for label, reason in reasons.items() if label in labels and reason},
        adequate=answers.get(ADEQUATE),
        different=answers.get(DIFFERENT),
        comment=comment,
        updated=str(annotation.get("updated_at") or annotation.get("created_at") or ""),
    )


def _text(value: Mapping[str, Any]) -> str:
    text = value.get("text", [])
    return "\n".join(str(part) for part in text) if isinstance(text, list) else str(text)


def _reviewer(completed_by: object, users: Mapping[int, str]) -> str:
    if isinstance(completed_by, dict):
        email = completed_by.get("email")
        if isinstance(email, str) and email:
            return email
        completed_by = completed_by.get("id")
    if isinstance(completed_by, int):
        return users.get(completed_by, f"user {completed_by}")
    return "unknown reviewer"
