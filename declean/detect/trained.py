"""The ``trained`` detector: one scikit-learn classifier per principle, fitted on a dataset's train split.

A program becomes a fixed set of numbers (:func:`declean.detect.features.features`): every principle's
static measure, and the shape of its syntax tree. One gradient-boosted tree ensemble per label (a fixed seed)
learns from them which programs the dataset labels with it; in a cross-validation grouped by problem it
matched a random forest's labels with better probabilities, and beat a logistic regression. ``NO_COMPILE`` is
never a target (the compiler decides it), and records labelled with it are not trained on: their features
come from a broken syntax tree.

The model file is a joblib pickle: load only files you trust, as you would run only code you trust.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import joblib
import numpy as np
import sklearn
from numpy.typing import NDArray
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.feature_extraction import DictVectorizer

from declean.data.records import DatasetRecord
from declean.data.store import DatasetDir, VersionInfo
from declean.detect.base import Detection, Finding
from declean.detect.features import features
from declean.errors import ConfigurationError, DatasetError
from declean.principles import NO_COMPILE
from declean.principles.verify import measure

FloatArray = NDArray[np.float64]
FILE_KIND = "declean-trained-detector"
"""Marks a saved model, so a foreign pickle is told apart from ours."""
FILE_FORMAT = 1
THRESHOLD = 0.5
"""A label is predicted when its probability is at least this."""


class Vectorizer(Protocol):
    """What the model needs of a fitted :class:`sklearn.feature_extraction.DictVectorizer`."""

    def transform(self, rows: Sequence[Mapping[str, float]]) -> FloatArray: ...


class Classifier(Protocol):
    """What the model needs of a fitted binary classifier (classes ``0`` and ``1``)."""

    def predict_proba(self, rows: FloatArray) -> FloatArray: ...


@dataclass(frozen=True)
class TrainedModel:
    """A fitted detector model with what it was fitted on; save it, load it, ask it."""

    vectorizer: Vectorizer
    models: dict[str, Classifier | bool]
    """Label -> its classifier, or the one answer for a label the training data held only one class of."""
    labels: tuple[str, ...]
    """The target labels, in dataset order (never ``NO_COMPILE``)."""
    feature_names: tuple[str, ...]
    """The columns, in the vectorizer's order."""
    importances: dict[str, tuple[float, ...]]
    """Label -> its classifier's importance of each feature, by column (none for a constant label)."""
    train_records: int
    problems: tuple[str, ...]
    """The problems of the training records, sorted."""
    positives: dict[str, int]
    """Label -> training records that have it."""
    seed: int
    sklearn_version: str
    dataset_version: str | None = None
    dataset_fingerprint: str | None = None
    fraction: float = 1.0
    """The share of the train split's problems fitted on."""
    notes: list[str] = field(default_factory=list)
    """What the model cannot do, e.g. a label it always or never predicts."""

    @property
    def train_problems(self) -> int:
        """How many problems it was fitted on."""
        return len(self.problems)

    def probabilities(self, source: str) -> dict[str, float]:
        """Label -> the probability that ``source`` violates it."""
        return self.probabilities_of(features(source))

    def probabilities_of(self, found: Mapping[str, float]) -> dict[str, float]:
        """Label -> the probability for a program whose :func:`features` are ``found``."""
        row = self.vectorizer.transform([found])
        return {label: _probability(self.models[label], row) for label in self.labels}

    def predict(self, source: str) -> list[str]:
        """The labels predicted for ``source`` (probability at least :data:`THRESHOLD`), in label order."""
        return [label for label, p in self.probabilities(source).items() if p >= THRESHOLD]

    def strongest_features(self, label: str, count: int = 3) -> list[str]:
        """The ``count`` features the label's classifier leans on most, best first."""
        weights = self.importances.get(label, ())
        order = sorted(range(len(weights)), key=lambda column: (-weights[column], column))
        return [self.feature_names[column] for column in order[:count] if weights[column] > 0]

    def describe(self) -> str:
        """One line: what was fitted on what."""
        where = f"dataset {self.dataset_version}, " if self.dataset_version else ""
        counts = ", ".join(f"{label} {self.positives.get(label, 0)}" for label in self.labels)
        text = (
            f"gradient boosting for {', '.join(self.labels)} on {self.train_records} records of "
            f"{self.train_problems} problems ({where}{self.fraction:.0%} of the train problems; "
            f"positives: {counts})"
        )
        return "; ".join([text, *self.notes])

    def save(self, path: Path) -> None:
        """Write the model to ``path`` (joblib; the old file is replaced whole), creating its directory."""
        payload: dict[str, object] = {"kind": FILE_KIND, "format": FILE_FORMAT}
        payload.update({field.name: getattr(self, field.name) for field in dataclasses.fields(self)})
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.partial")
        joblib.dump(payload, partial)
        partial.replace(path)

    @classmethod
    def load(cls, path: Path) -> TrainedModel:
        """Read a model :meth:`save` wrote; anything else is a :class:`ConfigurationError` naming ``path``."""
        if not path.is_file():
            raise ConfigurationError(
                f"{path}: no trained detector model there (make one with `declean detect train DATASET`)"
            )
        try:
            payload = joblib.load(path)
        except Exception as error:  # unpickling a foreign or damaged file can fail in any way
            raise ConfigurationError(f"{path}: not a trained detector model ({error!r})") from error
        if not isinstance(payload, dict) or payload.get("kind") != FILE_KIND:
            raise ConfigurationError(f"{path}: not a trained detector model (a foreign joblib file)")
        if payload.get("format") != FILE_FORMAT:
            raise ConfigurationError(
                f"{path}: trained detector model format {payload.get('format')!r}, this declean reads "
                f"{FILE_FORMAT}: train it again"
            )
        fields = {field.name for field in dataclasses.fields(cls)}
        try:
            return cls(**{name: value for name, value in payload.items() if name in fields})
        except TypeError as error:
            raise ConfigurationError(f"{path}: an incomplete trained detector model ({error})") from error


def _probability(model: Classifier | bool, row: FloatArray) -> float:
    if isinstance(model, bool):
        return float(model)
    return float(model.predict_proba(row)[0, 1])


def train(
    records: Sequence[DatasetRecord],
    labels: Sequence[str],
    *,
    seed: int = 0,
    version: VersionInfo | None = None,
    fraction: float = 1.0,
) -> TrainedModel:
    """Fit one classifier per label of ``labels`` on the ``records`` that compile. ``NO_COMPILE`` is the
    compiler's, never a target; records carrying it are left out too, since their features come from a
    broken syntax tree (a missing brace hides the very copies a DRY label is about).

    ``version`` is the dataset version they come from, kept in the model; ``fraction`` is recorded only.
    """
    targets = tuple(label for label in labels if label != NO_COMPILE)
    records = [record for record in records if NO_COMPILE not in record.labels]
    if not records:
        raise ConfigurationError("no records that compile to train the detector on")
    vectorizer = DictVectorizer(sparse=False, sort=True)
    rows: FloatArray = vectorizer.fit_transform([features(record.code) for record in records])
    models: dict[str, Classifier | bool] = {}
    importances: dict[str, tuple[float, ...]] = {}
    notes = []
    for label in targets:
        has = np.array([label in record.labels for record in records], dtype=np.int64)
        if has.min() == has.max():
            models[label] = bool(has[0])
            notes.append(
                f"{label} {'always' if has[0] else 'never'} predicted: the train split has no "
                f"record {'without' if has[0] else 'with'} it"
            )
            continue
        models[label], importances[label] = _fit(rows, has, seed)
    return TrainedModel(
        vectorizer=vectorizer,
        models=models,
        labels=targets,
        feature_names=tuple(str(name) for name in vectorizer.feature_names_),
        importances=importances,
        train_records=len(records),
        problems=tuple(sorted({record.problem_id for record in records})),
        positives={label: sum(label in record.labels for record in records) for label in targets},
        seed=seed,
        sklearn_version=str(sklearn.__version__),
        dataset_version=version.name if version else None,
        dataset_fingerprint=version.fingerprint if version else None,
        fraction=fraction,
        notes=notes,
    )


def _fit(rows: FloatArray, has: NDArray[np.int64], seed: int) -> tuple[Classifier, tuple[float, ...]]:
    """Gradient boosting has no class weights; weighting by class made it worse in the comparison."""
    boosting = GradientBoostingClassifier(random_state=seed)
    boosting.fit(rows, has)
    fitted: Classifier = boosting
    return fitted, tuple(float(weight) for weight in boosting.feature_importances_)


def train_from_dataset(
    dataset_dir: Path, out_path: Path, *, fraction: float = 1.0, seed: int = 0
) -> TrainedModel:
    """Fit on the current version's train split (a seeded ``fraction`` of its problems) and save the model.

    The problems are shuffled once by ``seed`` and the first ``fraction`` of them taken, so for one seed a
    smaller fraction's problems are among a larger one's (a learning curve adds problems, never swaps them).
    """
    if not 0 < fraction <= 1:
        raise ConfigurationError(f"the fraction of train problems must be in (0, 1], not {fraction}")
    store = DatasetDir(dataset_dir)
    version = store.existing_index().version()
    records = [record for record in store.records(version) if record.split == "train"]
    if not records:
        raise DatasetError(f"{dataset_dir}: version {version.name} has no train split to fit on")
    problems = sorted({record.problem_id for record in records})
    random.Random(seed).shuffle(problems)
    chosen = set(problems[: max(1, round(fraction * len(problems)))])
    model = train(
        [record for record in records if record.problem_id in chosen],
        version.label_names,
        seed=seed,
        version=version,
        fraction=fraction,
    )
    model.save(out_path)
    return model


class TrainedDetector:
    """Labels a program with a model :func:`train_from_dataset` saved."""

    name = "trained"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.model = TrainedModel.load(path)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        trained_on = self.model.dataset_version or "an unnamed dataset"
        self.version = f"model file {path.name} sha256 {digest}, trained on {trained_on}"
        """What stored predictions and feedback name the detector by: the exact model file used."""

    def detect(self, source: str) -> Detection:
        """One finding per label the model predicts, with its probability, what the static measure says
        and the features the model leans on most for that label."""
        evidence, found = measure(source), features(source)
        findings = []
        for label, probability in self.model.probabilities_of(found).items():
            if probability < THRESHOLD:
                continue
            parts = [f"{label} predicted with p={probability:.2f}"]
            if label in evidence.measures:
                measured = evidence[label]
                verdict = "violated" if measured.violated else "not violated"
                parts.append(f"the static measure says: {measured.summary} ({verdict})")
            if isinstance(self.model.models[label], bool):
                parts.append("every training program had this label")
            elif strongest := self.model.strongest_features(label):
                values = ", ".join(f"{name}={found.get(name, 0.0):.3g}" for name in strongest)
                parts.append(f"the model leans most on {values}")
            findings.append(Finding(label=label, explanation="; ".join(parts)))
        return Detection(detector=self.name, findings=findings)
