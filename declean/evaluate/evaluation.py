"""``declean eval``: detectors on a dataset split, side by side, with per-sample predictions kept.

Every record of the split is compiled once in the sandbox (``NO_COMPILE`` is gcc's verdict for every
detector alike), then each detector labels it. Predictions go to JSONL with the detector, model, prompt hash
and dataset version, so two prompts can be compared on exactly the same samples. An evaluation of a
``test`` split is checked against the dataset's ledger before any detector runs and recorded after.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from declean.data.ledger import Ledger, LedgerEntry
from declean.data.records import DatasetRecord, Split
from declean.data.store import DatasetDir, VersionInfo, write_atomically
from declean.detect.base import Detection, Detector, Finding, Location
from declean.detect.compiled import with_compile
from declean.errors import DatasetError
from declean.evaluate.bootstrap import intervals
from declean.evaluate.metrics import Case, Scores, score
from declean.evaluate.report import Misclassified
from declean.evaluate.table import Comparison, CurvePoint
from declean.sandbox.base import Sandbox
from declean.sandbox.results import CompileResult

Progress = Callable[[str, int, int], None]
"""``(detector, done, total)`` after each sample."""


class Prediction(BaseModel):
    """One detector's answer on one sample: a line of the predictions file."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    sample_id: str
    problem_id: str
    dataset_version: str
    fingerprint: str
    """The dataset version's content fingerprint."""
    split: Split
    detector: str
    model: str | None = None
    prompt_hash: str | None = None
    truth: list[str]
    predicted: list[str]
    findings: list[Finding] = Field(default_factory=list)
    raw_reply: str | None = None
    parse_error: str | None = None
    seconds: float
    """Time the detector took on this sample (the shared compile excluded)."""


@dataclass
class DetectorResult:
    """One detector's predictions and scores."""

    name: str
    predictions: list[Prediction]
    scores: Scores
    intervals: dict[str, tuple[float, float]]
    predictions_file: Path | None = None
    ledger_entry: LedgerEntry | None = None

    @property
    def seconds_per_sample(self) -> float:
        return sum(p.seconds for p in self.predictions) / len(self.predictions) if self.predictions else 0.0


@dataclass
class Evaluation:
    """Every detector's result on one split of one dataset version."""

    version: VersionInfo
    split: Split
    labels: list[str]
    records: list[DatasetRecord]
    results: list[DetectorResult] = field(default_factory=list)
    curve: list[CurvePoint] = field(default_factory=list)
    """The trained detector's learning curve, when asked for."""

    @property
    def problems(self) -> int:
        return len({record.problem_id for record in self.records})

    def comparison(self) -> Comparison:
        """The detectors' scores side by side (what the table and the report show)."""
        return Comparison(
            detectors={result.name: result.scores for result in self.results},
            intervals={result.name: result.intervals for result in self.results},
            labels=self.labels,
            split=self.split,
            dataset_version=self.version.name,
            fingerprint=self.version.fingerprint,
            samples=len(self.records),
            problems=self.problems,
            seconds_per_sample={result.name: result.seconds_per_sample for result in self.results},
            curve=self.curve,
        )

    def misclassified(self) -> dict[str, list[Misclassified]]:
        """Detector name -> the samples whose predicted label set is not the true one, with their code."""
        code = {record.id: record.code for record in self.records}
        return {
            result.name: [
                Misclassified(
                    sample_id=p.sample_id,
                    problem_id=p.problem_id,
                    truth=p.truth,
                    predicted=p.predicted,
                    code=code[p.sample_id],
                    explanations={
                        label: "\n".join(f.explanation for f in p.findings if f.label == label)
                        for label in dict.fromkeys(f.label for f in p.findings)
                    },
                    raw_reply=p.raw_reply,
                    parse_error=p.parse_error,
                )
                for p in result.predictions
                if set(p.predicted) != set(p.truth)
            ]
            for result in self.results
        }


def split_records(
    dataset_dir: Path, split: Split, version: str | None = None
) -> tuple[VersionInfo, list[DatasetRecord]]:
    """The chosen version and its records in ``split``; an empty split is an error naming the splits."""
    store = DatasetDir(dataset_dir)
    chosen = store.existing_index().version(version)
    if split not in chosen.splits():
        raise DatasetError(
            f"dataset version {chosen.name} has no {split} split (it has {', '.join(chosen.splits())})"
        )
    return chosen, [record for record in store.records(chosen) if record.split == split]


def evaluate(
    dataset_dir: Path,
    detectors: Sequence[Detector],
    sandbox: Sandbox,
    *,
    split: Split = "test",
    version: str | None = None,
    again: bool = False,
    resamples: int = 1000,
    seed: int = 0,
    predictions_dir: Path | None = None,
    progress: Progress | None = None,
    curve_dir: Path | None = None,
) -> Evaluation:
    """Run ``detectors`` on ``split``, score them, keep the predictions, record a test split's use.
    With ``curve_dir``, also the trained detector's learning curve (its models are saved there)."""
    chosen, records = split_records(dataset_dir, split, version)
    ledger = Ledger(dataset_dir)
    if split == "test":
        ledger.check(chosen.name, split, again=again)
    compiled = _compile_once(records, sandbox)
    evaluation = Evaluation(version=chosen, split=split, labels=list(chosen.label_names), records=records)
    for detector in detectors:
        predictions = predict(records, detector, compiled, version=chosen, split=split, on_progress=progress)
        found = cases(predictions, records)
        evaluation.results.append(
            DetectorResult(
                name=detector.name,
                predictions=predictions,
                scores=score(found, evaluation.labels),
                intervals=intervals(found, evaluation.labels, resamples=resamples, seed=seed),
            )
        )
    if curve_dir is not None:
        from declean.evaluate.curve import learning_curve

        evaluation.curve = learning_curve(
            dataset_dir, records, compiled, version=chosen, split=split, work_dir=curve_dir
        )
    for result in evaluation.results:
        if predictions_dir is not None:
            result.predictions_file = _save(result, predictions_dir, chosen.name, split)
    if split == "test":
        used = [_entry(result, chosen, split) for result in evaluation.results] + [
            LedgerEntry(
                version=chosen.name,
                fingerprint=chosen.fingerprint,
                split=split,
                detector=f"trained@{point.fraction:g}",
                scores={f"jaccard_{label}": round(value, 4) for label, value in point.jaccard.items()},
            )
            for point in evaluation.curve
        ]
        for result, entry in zip(evaluation.results, ledger.record(*used, again=again), strict=False):
            result.ledger_entry = entry
    return evaluation


def predict(
    records: Sequence[DatasetRecord],
    detector: Detector,
    compiled: dict[str, CompileResult],
    *,
    version: VersionInfo,
    split: Split,
    on_progress: Progress | None = None,
) -> list[Prediction]:
    """``detector`` on every record, with the compiler's ``NO_COMPILE`` added from ``compiled``."""
    predictions = []
    for done, record in enumerate(records, start=1):
        started = time.perf_counter()
        detection: Detection = detector.detect(record.code)
        seconds = time.perf_counter() - started
        detection = with_compile(detection, compiled[record.code])
        predictions.append(
            Prediction(
                sample_id=record.id,
                problem_id=record.problem_id,
                dataset_version=version.name,
                fingerprint=version.fingerprint,
                split=split,
                detector=detector.name,
                model=detection.model,
                prompt_hash=detection.prompt_hash,
                truth=list(record.labels),
                predicted=detection.labels,
                findings=detection.findings,
                raw_reply=detection.raw_reply,
                parse_error=detection.parse_error,
                seconds=seconds,
            )
        )
        if on_progress is not None:
            on_progress(detector.name, done, len(records))
    return predictions


def cases(predictions: Sequence[Prediction], records: Sequence[DatasetRecord]) -> list[Case]:
    """Truth and prediction per sample; true locations from the step that applied each label last."""
    by_id = {record.id: record for record in records}
    return [
        Case(
            sample_id=prediction.sample_id,
            problem_id=prediction.problem_id,
            truth=prediction.truth,
            predicted=prediction.predicted,
            true_locations=true_locations(by_id[prediction.sample_id]),
            predicted_locations={f.label: list(f.locations) for f in prediction.findings if f.locations},
        )
        for prediction in predictions
    ]


def true_locations(record: DatasetRecord) -> dict[str, list[Location]]:
    """Where the last de-clean step put its violation, in the record's own code (earlier steps' lines
    may have moved since, so they are not used)."""
    if record.source != "accepted" or len(record.lineage) < 2:
        return {}
    last = record.lineage[-1]
    if last.principle is None or not last.locations:
        return {}
    return {
        last.principle: [
            Location(function=spot.function, start_line=spot.start_line, end_line=spot.end_line)
            for spot in last.locations
        ]
    }


def _compile_once(records: Sequence[DatasetRecord], sandbox: Sandbox) -> dict[str, CompileResult]:
    compiled: dict[str, CompileResult] = {}
    for record in records:
        if record.code not in compiled:
            compiled[record.code] = sandbox.compile(record.code)
    return compiled


def _save(result: DetectorResult, directory: Path, version: str, split: Split) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    first = result.predictions[0] if result.predictions else None
    prompt = first.prompt_hash if first is not None and first.prompt_hash else "none"
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    path = directory / f"{version}-{split}-{result.name}-{prompt}-{stamp}.jsonl"
    write_atomically(path, "".join(p.model_dump_json() + "\n" for p in result.predictions))
    return path


def _entry(result: DetectorResult, version: VersionInfo, split: Split) -> LedgerEntry:
    first = result.predictions[0] if result.predictions else None
    return LedgerEntry(
        version=version.name,
        fingerprint=version.fingerprint,
        split=split,
        detector=result.name,
        model=first.model if first is not None else None,
        prompt_hash=first.prompt_hash if first is not None else None,
        scores=result.scores.headline(),
    )
