"""Reading run directories: the accepted samples and natural compile errors of every complete problem.

A run that crashed still has whole problems: a problem counts only once its record is in
``problems.jsonl`` with status ``done``; the rest are left out and named in a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from declean.data.records import DatasetRecord, invalid_line, numbered_lines
from declean.errors import DatasetError
from declean.runs.manifest import MANIFEST_FILE, RunManifest
from declean.runs.output import PROBLEMS_FILE, REJECTIONS_FILE, SAMPLES_FILE, ProblemRecord
from declean.samples import ROLES, Rejection, Sample

_Record = TypeVar("_Record", Sample, Rejection, ProblemRecord)


@dataclass
class RunContents:
    """What one run directory gives a dataset."""

    path: Path
    run_id: str
    settings: dict[str, object]
    """The run's recorded settings (for a feedback export: its source and counts, ``kind: feedback``)."""
    samples: list[DatasetRecord] = field(default_factory=list)
    """Accepted samples of complete problems (or feedback records), in file order."""
    natural_errors: list[DatasetRecord] = field(default_factory=list)
    """``fixes_exhausted`` versions with code, not yet compiled: candidates for natural ``NO_COMPILE``."""
    warnings: list[str] = field(default_factory=list)
    """What was left out and why."""


def read_run(path: Path) -> RunContents:
    """The dataset material in run directory ``path``; :class:`DatasetError` when it is not a run."""
    if not path.is_dir():
        raise DatasetError(f"{path}: not a directory (expected a run directory written by `declean run`)")
    if not (path / MANIFEST_FILE).exists():
        raise DatasetError(f"{path}: not a declean run directory (no {MANIFEST_FILE})")
    try:
        manifest = RunManifest.load(path)
    except Exception as error:
        raise DatasetError(str(error)) from error
    assert manifest is not None
    contents = RunContents(path=path, run_id=manifest.run_id, settings=dict(manifest.settings))
    statements = _done_problems(path / PROBLEMS_FILE, contents.warnings)
    done = set(statements)
    models = _models(manifest)
    left_out: dict[str, int] = {}
    unstated: set[str] = set()
    for line_number, line in numbered_lines(path / SAMPLES_FILE, contents.warnings):
        sample = _parse(Sample, path / SAMPLES_FILE, line_number, line)
        if sample.problem_id not in done:
            left_out[sample.problem_id] = left_out.get(sample.problem_id, 0) + 1
            continue
        contents.samples.append(_from_sample(sample, manifest.run_id, models))
    for line_number, line in numbered_lines(path / REJECTIONS_FILE, contents.warnings):
        rejection = _parse(Rejection, path / REJECTIONS_FILE, line_number, line)
        if rejection.problem_id in done and rejection.reason == "fixes_exhausted" and rejection.code:
            statement = statements[rejection.problem_id] or _statement(contents.samples, rejection.problem_id)
            if not statement:
                unstated.add(rejection.problem_id)
                continue
            contents.natural_errors.append(_from_rejection(rejection, manifest.run_id, models, statement))
    if unstated:
        contents.warnings.append(
            f"{path}: left out the compile errors of problems whose statement the run did not record "
            f"(a run older than problems.jsonl's statements): {', '.join(sorted(unstated))}"
        )
    if left_out:
        named = ", ".join(f"{problem} ({count} samples)" for problem, count in sorted(left_out.items()))
        contents.warnings.append(f"{path}: left out problems the run did not finish: {named}")
    if not (path / SAMPLES_FILE).exists():
        contents.warnings.append(f"{path}: no {SAMPLES_FILE} (the run accepted nothing yet)")
    return contents


def _statement(samples: list[DatasetRecord], problem_id: str) -> str:
    """The statement an accepted sample of ``problem_id`` carries (runs before ``problems.jsonl`` held it)."""
    return next((record.statement for record in samples if record.problem_id == problem_id), "")


def _done_problems(path: Path, warnings: list[str]) -> dict[str, str]:
    """Problem id -> statement of every problem whose latest record says ``done``."""
    latest: dict[str, ProblemRecord] = {}
    for line_number, line in numbered_lines(path, warnings):
        record = _parse(ProblemRecord, path, line_number, line)
        latest[record.problem_id] = record
    return {problem: record.statement for problem, record in latest.items() if record.status == "done"}


def _parse(model: type[_Record], path: Path, line_number: int, line: str) -> _Record:
    try:
        return model.model_validate_json(line)
    except ValidationError as error:
        raise invalid_line(path, line_number, f"{model.__name__} record", error) from error


def _models(manifest: RunManifest) -> dict[str, str]:
    default = str(manifest.settings.get("model", ""))
    per_role = manifest.settings.get("role_models") or {}
    return {role: str(per_role.get(role, default)) for role in ROLES}


def _from_sample(sample: Sample, run_id: str, models: dict[str, str]) -> DatasetRecord:
    return DatasetRecord(
        id=f"{run_id}/{sample.id}",
        problem_id=sample.problem_id,
        statement=sample.statement,
        code=sample.code,
        labels=list(sample.labels),
        source="accepted",
        run_id=run_id,
        sample_id=sample.id,
        parent_id=f"{run_id}/{sample.parent_id}" if sample.parent_id else None,
        models=models,
        prompt_hashes=dict(sample.prompt_hashes),
        lineage=list(sample.lineage),
        stdin=list(sample.stdin),
        outputs=list(sample.outputs),
    )


def _from_rejection(
    rejection: Rejection, run_id: str, models: dict[str, str], statement: str
) -> DatasetRecord:
    assert rejection.code is not None
    return DatasetRecord(
        id=f"{run_id}/{rejection.sample_id}/natural",
        problem_id=rejection.problem_id,
        statement=statement,
        code=rejection.code,
        labels=[],
        source="natural",
        run_id=run_id,
        sample_id=rejection.sample_id,
        models=models,
        lineage=[],
    )


__all__ = ["RunContents", "read_run"]
