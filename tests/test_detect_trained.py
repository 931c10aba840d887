"""The trained detector on a real dataset: fitted on the train split only, saved and loaded unchanged,
deterministic, on a fraction of the problems, on code that does not compile, and refusing foreign files."""

from __future__ import annotations

import math
from pathlib import Path

import joblib  # type: ignore[import-untyped]
import pytest

from declean.data.build import build_dataset
from declean.data.records import DatasetRecord
from declean.data.store import BuildSettings, DatasetDir, VersionInfo
from declean.detect import Detector, make_detector
from declean.detect.features import features
from declean.detect.trained import TrainedDetector, TrainedModel, train, train_from_dataset
from declean.errors import ConfigurationError
from declean.principles import NO_COMPILE
from declean.sandbox.local import LocalSandbox
from tests.dataset_runs import corpus_problems, procedural_run

PROBLEMS = ("array_stats", "bubble_sort", "caesar_cipher", "calendar_months", "gcd_lcm", "grade_book")
TARGETS = ("DRY", "SRP", "MC", "NAME")


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory, local_sandbox: LocalSandbox) -> Path:
    """A real dataset of six corpus problems (four train, two test) with NO_COMPILE records."""
    base = tmp_path_factory.mktemp("trained")
    run = procedural_run(base / "run", local_sandbox, corpus_problems(PROBLEMS), "20260310T000000Z-t")
    settings = BuildSettings(seed=0, test_size=0.34, no_compile_share=0.2)
    build_dataset([run], base / "dataset", local_sandbox, settings)
    return base / "dataset"


@pytest.fixture(scope="module")
def version(dataset: Path) -> VersionInfo:
    return DatasetDir(dataset).existing_index().version()


@pytest.fixture(scope="module")
def records(dataset: Path, version: VersionInfo) -> list[DatasetRecord]:
    return DatasetDir(dataset).records(version)


@pytest.fixture(scope="module")
def model_file(dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("model") / "trained.joblib"
    train_from_dataset(dataset, path)
    return path


def test_fits_the_compiling_train_records_without_no_compile_as_a_target(
    model_file: Path, version: VersionInfo, records: list[DatasetRecord]
) -> None:
    model = TrainedModel.load(model_file)
    train_records = [record for record in records if record.split == "train"]
    assert NO_COMPILE in version.label_names and any(NO_COMPILE in r.labels for r in train_records)
    assert model.labels == TARGETS and not model.notes
    assert model.problems == tuple(sorted(version.problems["train"])) and model.train_problems == 4
    assert model.train_records == sum(NO_COMPILE not in r.labels for r in train_records)  # broken code: no
    assert (model.dataset_version, model.dataset_fingerprint) == (version.name, version.fingerprint)
    assert model.feature_names == tuple(sorted(features(records[0].code)))
    assert model.sklearn_version and "4 problems" in model.describe()

    def right(split: str) -> float:
        compiling = [r for r in records if r.split == split and NO_COMPILE not in r.labels]
        wanted = [[label for label in TARGETS if label in r.labels] for r in compiling]
        return sum(model.predict(r.code) == w for r, w in zip(compiling, wanted, strict=True)) / len(wanted)

    assert right("train") >= 0.9 and right("test") >= 0.5


def test_the_detector_explains_each_predicted_label(model_file: Path, records: list[DatasetRecord]) -> None:
    detector = TrainedDetector(model_file)
    assert isinstance(detector, Detector) and detector.name == "trained"
    assert isinstance(make_detector("trained", model_file=model_file), TrainedDetector)
    record = next(r for r in records if r.split == "train" and set(r.labels) == {"MC", "NAME"})
    detection = detector.detect(record.code)
    assert detection.detector == "trained" and detection.labels == ["MC", "NAME"]
    mc = detection.findings[0].explanation
    assert mc.startswith("MC predicted with p=") and "the static measure says: " in mc
    assert "magic literals" in mc and "MC." in mc.split("leans most on")[1]


def test_a_saved_model_loads_with_identical_predictions(
    model_file: Path, dataset: Path, records: list[DatasetRecord], tmp_path: Path
) -> None:
    loaded = TrainedModel.load(model_file)
    again = train_from_dataset(dataset, tmp_path / "again.joblib")
    for record in records:
        assert loaded.probabilities(record.code) == again.probabilities(record.code)
    assert loaded.importances == again.importances


def test_training_is_deterministic_for_a_seed(records: list[DatasetRecord], version: VersionInfo) -> None:
    train_records = [record for record in records if record.split == "train"]
    first, second = (train(train_records, version.label_names, seed=7) for _ in range(2))
    assert all(first.probabilities(r.code) == second.probabilities(r.code) for r in records)


def test_a_fraction_fits_on_fewer_train_problems_only(
    dataset: Path, version: VersionInfo, records: list[DatasetRecord], tmp_path: Path
) -> None:
    half = train_from_dataset(dataset, tmp_path / "half.joblib", fraction=0.5, seed=3)
    quarter = train_from_dataset(dataset, tmp_path / "quarter.joblib", fraction=0.25, seed=3)
    assert half.train_problems == 2 and quarter.train_problems == 1 and half.fraction == 0.5
    assert set(quarter.problems) < set(half.problems) < set(version.problems["train"])
    assert half.train_records == sum(
        r.problem_id in half.problems and r.split == "train" and NO_COMPILE not in r.labels for r in records
    )
    with pytest.raises(ConfigurationError, match="fraction"):
        train_from_dataset(dataset, tmp_path / "none.joblib", fraction=0.0)


def test_a_label_of_one_class_is_a_constant_and_said_so(
    records: list[DatasetRecord], version: VersionInfo
) -> None:
    without_srp = [r for r in records if r.split == "train" and "SRP" not in r.labels]
    model = train(without_srp, version.label_names)
    assert model.models["SRP"] is False and model.importances.get("SRP") is None
    assert "SRP never predicted" in model.describe()
    assert all("SRP" not in model.predict(r.code) for r in records)


def test_code_that_does_not_compile_or_parse_has_every_feature(
    records: list[DatasetRecord], model_file: Path
) -> None:
    names = set(features(records[0].code))
    broken = [r.code for r in records if NO_COMPILE in r.labels]
    assert broken
    for source in [*broken, "", "}{", "int main( {\n  x = 3 +;\n", "/* never closed", "\x00é"]:
        found = features(source)
        assert set(found) == names and all(math.isfinite(value) for value in found.values())
        TrainedDetector(model_file).detect(source)


def test_a_corrupt_or_foreign_model_file_is_a_configuration_error(tmp_path: Path) -> None:
    corrupt, foreign, missing = (
        tmp_path / "corrupt.joblib",
        tmp_path / "foreign.joblib",
        tmp_path / "no.joblib",
    )
    corrupt.write_bytes(b"\x80\x04not a pickle at all")
    joblib.dump({"weights": [1, 2, 3]}, foreign)
    for path in (corrupt, foreign, missing):
        with pytest.raises(ConfigurationError, match=str(path)):
            TrainedDetector(path)


def test_the_detector_names_its_exact_model_file_for_stored_feedback(
    model_file: Path, local_sandbox: LocalSandbox
) -> None:
    import hashlib

    from declean.web.checking import check_program

    detector = TrainedDetector(model_file)
    digest = hashlib.sha256(model_file.read_bytes()).hexdigest()[:12]
    assert f"sha256 {digest}" in detector.version and "trained on v1" in detector.version
    result = check_program("int main(void) { return 0; }\n", None, detector, local_sandbox)
    assert result.detector_version.startswith("declean ") and result.detector_version.endswith(
        detector.version
    )
