"""A dataset record as a Label Studio task: what the reviewer sees, and the pipeline's labels as a
prediction. Tasks are keyed by the record id (``data.sample_id``), so a push never imports one twice."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any

from declean.data.records import DatasetRecord
from declean.principles.verify import measure
from declean.review.config import CODE, LABELS

KEY = "sample_id"
"""The task data field holding the record id."""
_MAX_OUTPUT = 2000


def task(record: DatasetRecord, parents: Mapping[str, DatasetRecord], version: str) -> dict[str, Any]:
    """The task for ``record`` with its prediction (model version = the dataset version)."""
    return {
        "data": task_data(record, parents.get(record.parent_id or ""), version),
        "predictions": [prediction(record.labels, version)],
    }


def task_data(record: DatasetRecord, parent: DatasetRecord | None, version: str) -> dict[str, str]:
    """Everything the config shows, as text (Label Studio escapes it; nothing here is HTML)."""
    return {
        KEY: record.id,
        "problem_id": record.problem_id,
        "split": record.split or "",
        "dataset_version": version,
        "statement": record.statement,
        "code": numbered(record.code),
        "diff": parent_diff(record, parent),
        "outputs": outputs_text(record),
        "evidence": evidence_text(record),
        "provenance": provenance_text(record),
    }


def prediction(labels: Sequence[str], version: str) -> dict[str, Any]:
    """The pipeline's labels, pre-filling the reviewer's choices."""
    return {"model_version": version, "result": labels_result(labels)}


def labels_result(labels: Sequence[str]) -> list[dict[str, Any]]:
    """The ``labels`` choices as a Label Studio result (none ticked: an empty result)."""
    if not labels:
        return []
    return [{"from_name": LABELS, "to_name": CODE, "type": "choices", "value": {"choices": list(labels)}}]


def numbered(code: str) -> str:
    lines = code.splitlines() or [""]
    width = len(str(len(lines)))
    return "\n".join(f"{number:>{width}} | {line}" for number, line in enumerate(lines, start=1))


def parent_diff(record: DatasetRecord, parent: DatasetRecord | None) -> str:
    if record.parent_id is None:
        return "(no parent: the clean version, or code a model wrote that never compiled)"
    if parent is None:
        return f"(the parent {record.parent_id} is not in this dataset version)"
    diff = difflib.unified_diff(
        parent.code.splitlines(),
        record.code.splitlines(),
        fromfile=f"parent {parent.id}",
        tofile="this version",
        lineterm="",
        n=2,
    )
    return "\n".join(diff) or "(same code as the parent)"


def outputs_text(record: DatasetRecord) -> str:
    if record.no_compile is not None:
        return f"does not compile: {record.no_compile.compiler_error}"
    if not record.outputs:
        return "(no outputs recorded)"
    cases = []
    for number, output in enumerate(record.outputs, start=1):
        stdin = record.stdin[number - 1] if number <= len(record.stdin) else ""
        cases.append(f"case {number}: stdin {_clip(stdin) or '(empty)'}\n{_clip(output) or '(no output)'}")
    return "\n\n".join(cases)


def evidence_text(record: DatasetRecord) -> str:
    """Each measure's verdict, summary and first examples (a record that does not compile: why)."""
    lines = []
    if record.no_compile is not None:
        broken = record.no_compile
        where = f" at line {broken.line}" if broken.line else ""
        lines.append(f"NO_COMPILE ({broken.origin}{where}): {broken.description or broken.kind or ''}")
    evidence = measure(record.code)
    for name, measured in evidence.measures.items():
        verdict = "violated" if measured.violated else "not violated"
        examples = "; ".join(measured.examples[:3])
        lines.append(f"{name}: {verdict}, {measured.summary}" + (f" ({examples})" if examples else ""))
    if evidence.parse_errors:
        lines.append("(part of the code did not parse; the measures ran on the rest)")
    return "\n".join(lines)


def provenance_text(record: DatasetRecord) -> str:
    steps = []
    for step in record.lineage:
        what = step.principle or step.made_by
        level = f" level {step.level}" if step.level is not None else ""
        steps.append(f"{what} ({step.strategy}{level})")
    models = ", ".join(f"{role} {model}" for role, model in sorted(record.models.items()))
    return (
        f"{record.source} record of problem {record.problem_id}, split {record.split}; "
        f"steps: {' -> '.join(steps) or 'none'}; models: {models or 'none'}"
    )


def _clip(text: str) -> str:
    return text if len(text) <= _MAX_OUTPUT else text[:_MAX_OUTPUT] + f"... ({len(text)} characters)"
