"""A small real dataset to review, and Label Studio export items shaped as the server writes them."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from declean.data.build import build_dataset
from declean.data.store import BuildSettings, DatasetDir
from declean.sandbox.base import Sandbox
from tests.dataset_runs import corpus_problems, procedural_run

PROBLEMS = ("array_stats", "bank_account", "binary_search", "bubble_sort")
RUN_ID = "20260401T000000Z-review"


def make_dataset(base: Path, sandbox: Sandbox) -> Path:
    """A run of four corpus problems (balanced plan, procedural) built into a dataset with NO_COMPILE."""
    run = procedural_run(base / "run", sandbox, corpus_problems(PROBLEMS), RUN_ID, label_plan="balanced")
    out = base / "dataset"
    build_dataset([run], out, sandbox, BuildSettings(seed=1, test_size=0.5, no_compile_share=0.2))
    return out


def copy_dataset(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def current_records(dataset: Path) -> list[Any]:
    store = DatasetDir(dataset)
    return store.records(store.existing_index().version())


def annotation(
    annotation_id: int,
    user: int | dict[str, object],
    labels: Sequence[str],
    *,
    adequate: str = "yes",
    different: str = "yes",
    comment: str = "",
    reasons: dict[str, str] | None = None,
    updated: str = "2026-12-04T10:00:00.000000Z",
    cancelled: bool = False,
) -> dict[str, Any]:
    """An annotation as Label Studio's JSON export holds it."""
    result: list[dict[str, Any]] = []
    if labels:
        result.append(_choices("labels", list(labels)))
    result += [_choices("adequate", [adequate]), _choices("different", [different])]
    for label, reason in (reasons or {}).items():
        result.append(_text(f"reason_{label}", reason))
    if comment:
        result.append(_text("comment", comment))
    return {
        "id": annotation_id,
        "completed_by": user,
        "result": result,
        "was_cancelled": cancelled,
        "ground_truth": False,
        "created_at": updated,
        "updated_at": updated,
        "draft_created_at": None,
        "lead_time": 12.5,
        "prediction": {},
        "result_count": len(result),
        "unique_id": f"u-{annotation_id}",
        "import_id": None,
        "last_action": None,
        "bulk_created": False,
        "task": 0,
        "project": 1,
        "updated_by": user if isinstance(user, int) else None,
        "parent_prediction": None,
        "parent_annotation": None,
        "last_created_by": None,
    }


def export_task(task_id: int, record_id: str, annotations: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """A task as Label Studio's JSON export holds it (the data fields declean pushed, trimmed)."""
    return {
        "id": task_id,
        "annotations": [dict(item, task=task_id) for item in annotations],
        "drafts": [],
        "predictions": [],
        "data": {"sample_id": record_id, "code": "int main(void) { return 0; }", "dataset_version": "v1"},
        "meta": {},
        "created_at": "2026-12-04T09:00:00.000000Z",
        "updated_at": "2026-12-04T10:00:00.000000Z",
        "inner_id": task_id,
        "total_annotations": len(annotations),
        "cancelled_annotations": 0,
        "total_predictions": 1,
        "comment_count": 0,
        "unresolved_comment_count": 0,
        "last_comment_updated_at": None,
        "project": 1,
        "updated_by": None,
        "file_upload": None,
        "comment_authors": [],
    }


def _choices(name: str, choices: list[str]) -> dict[str, Any]:
    return {
        "value": {"choices": choices},
        "id": f"{name}-id",
        "from_name": name,
        "to_name": "code",
        "type": "choices",
        "origin": "manual",
    }


def _text(name: str, text: str) -> dict[str, Any]:
    return {
        "value": {"text": [text]},
        "id": f"{name}-id",
        "from_name": name,
        "to_name": "code",
        "type": "textarea",
        "origin": "manual",
    }
