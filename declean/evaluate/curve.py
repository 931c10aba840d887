"""The flywheel's learning curve: the ``trained`` detector fitted on growing shares of the train problems
(each share's problems hold the smaller shares'), each scored on the same split as the other detectors."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from declean.data.records import DatasetRecord, Split
from declean.data.store import VersionInfo
from declean.evaluate.evaluation import cases, predict
from declean.evaluate.metrics import score
from declean.evaluate.table import CurvePoint
from declean.principles import NO_COMPILE
from declean.sandbox.results import CompileResult

FRACTIONS = (0.1, 0.25, 0.5, 1.0)


def learning_curve(
    dataset_dir: Path,
    records: Sequence[DatasetRecord],
    compiled: dict[str, CompileResult],
    *,
    version: VersionInfo,
    split: Split,
    work_dir: Path,
    fractions: Sequence[float] = FRACTIONS,
    seed: int = 0,
) -> list[CurvePoint]:
    """Jaccard per principle on ``records`` for a model fitted on each fraction of the train problems
    (10, 25, 50, 100 %: each share's problems hold the smaller shares')."""
    from declean.detect.trained import TrainedDetector, train_from_dataset

    labels = [label for label in version.label_names if label != NO_COMPILE]
    points = []
    for fraction in fractions:
        path = work_dir / f"trained-{fraction:g}.joblib"
        model = train_from_dataset(dataset_dir, path, fraction=fraction, seed=seed)
        predictions = predict(records, TrainedDetector(path), compiled, version=version, split=split)
        scores = score(cases(predictions, records), labels)
        points.append(
            CurvePoint(
                fraction=fraction,
                problems=model.train_problems,
                jaccard={label: scores.per_label[label].jaccard for label in labels},
            )
        )
    return points
