"""Writing a version's splits: Parquet with Hugging Face ``datasets`` features, and JSONL.

The Parquet files carry the features in their schema metadata, so ``datasets.load_dataset(DATASET_DIR)``
gives ``labels`` as ``List(ClassLabel(names=[...]))`` with the registry's names.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from datasets import ClassLabel, Dataset, Features, List, Value
from pyarrow import parquet

from declean.data.records import DatasetRecord
from declean.samples import ROLES

_STRING = Value("string")
_INT = Value("int32")


def features(label_names: Sequence[str]) -> Features:
    """The columns of every split."""
    return Features(
        {
            "id": _STRING,
            "problem_id": _STRING,
            "statement": _STRING,
            "code": _STRING,
            "labels": List(ClassLabel(names=list(label_names))),
            "source": _STRING,
            "run_id": _STRING,
            "sample_id": _STRING,
            "parent_id": _STRING,
            "models": dict.fromkeys(ROLES, _STRING),
            "prompt_hashes": List({"name": _STRING, "sha256": _STRING}),
            "lineage": List(
                {
                    "made_by": _STRING,
                    "principle": _STRING,
                    "strategy": _STRING,
                    "level": _INT,
                    "relabelled": List(_STRING),
                    "pre_existing": List(_STRING),
                    "repaired": List(_STRING),
                    "fix_attempts": _INT,
                    "verdict": _STRING,
                }
            ),
            "stdin": List(_STRING),
            "outputs": List(_STRING),
            "no_compile": {
                "origin": _STRING,
                "kind": _STRING,
                "line": _INT,
                "description": _STRING,
                "compiler_error": _STRING,
            },
            "review": {
                "status": _STRING,
                "reviewers": List(_STRING),
                "when": _STRING,
                "labels_before": List(_STRING),
                "reason": _STRING,
            },
        }
    )


def write_split(
    records: Sequence[DatasetRecord], label_names: Sequence[str], directory: Path, split: str
) -> None:
    """``<split>.parquet`` and ``<split>.jsonl`` in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / f"{split}.jsonl").open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(record.model_dump_json() + "\n")
    rows = [_row(record) for record in records]
    # Written with pyarrow rather than ``Dataset.to_parquet``, which draws a progress bar; the table's
    # schema metadata carries the features either way.
    table = Dataset.from_list(rows, features=features(label_names)).data.table
    parquet.write_table(table, directory / f"{split}.parquet")


def _row(record: DatasetRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "problem_id": record.problem_id,
        "statement": record.statement,
        "code": record.code,
        "labels": list(record.labels),
        "source": record.source,
        "run_id": record.run_id,
        "sample_id": record.sample_id,
        "parent_id": record.parent_id,
        "models": {role: record.models.get(role) for role in ROLES},
        "prompt_hashes": [
            {"name": name, "sha256": value} for name, value in sorted(record.prompt_hashes.items())
        ],
        "lineage": [
            step.model_dump(
                include={
                    "made_by",
                    "principle",
                    "strategy",
                    "level",
                    "relabelled",
                    "pre_existing",
                    "repaired",
                    "fix_attempts",
                    "verdict",
                }
            )
            for step in record.lineage
        ],
        "stdin": list(record.stdin),
        "outputs": list(record.outputs),
        "no_compile": record.no_compile.model_dump() if record.no_compile is not None else None,
        "review": record.review.model_dump() if record.review is not None else None,
    }
