"""``declean dataset build`` on real runs: merge, NO_COMPILE, split, export, card, versions, atomicity."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from declean.data.build import build_dataset
from declean.data.no_compile import compile_error
from declean.data.store import FORMAT, BuildSettings, DatasetDir
from declean.errors import DatasetError
from declean.principles import NO_COMPILE, REGISTRY
from declean.sandbox.local import LocalSandbox
from tests.dataset_runs import corpus_problems, natural_errors_run, procedural_run

RUN_A = "20260301T000000Z-a"
RUN_B = "20260302T000000Z-b"
RUN_N = "20260303T000000Z-natural"
FIRST = ("array_stats", "bank_account", "binary_search", "bubble_sort", "caesar_cipher")
SECOND = ("calendar_months", "factorial_table", "gcd_lcm", "grade_book")


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, local_sandbox: LocalSandbox) -> dict[str, Path]:
    """Three real runs, made once: five problems, four more problems, and one natural compile error."""
    base = tmp_path_factory.mktemp("runs")
    return {
        "a": procedural_run(base / "a", local_sandbox, corpus_problems(FIRST), RUN_A),
        "b": procedural_run(base / "b", local_sandbox, corpus_problems(SECOND), RUN_B, label_plan="balanced"),
        "n": natural_errors_run(base / "n", local_sandbox, RUN_N),
    }


pytestmark = pytest.mark.usefixtures("offline_datasets")


def load(path: Path, name: str | None = None):  # type: ignore[no-untyped-def]
    import datasets

    return datasets.load_dataset(str(path), name, cache_dir=str(path.parent / "hf-cache"))


def test_a_build_merges_runs_keeps_provenance_and_loads_with_datasets(
    runs: dict[str, Path], local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    out = tmp_path / "dataset"
    outcome = build_dataset([runs["a"], runs["b"], runs["n"]], out, local_sandbox, BuildSettings(seed=3))
    assert outcome.created and outcome.version.name == "v1"
    records = DatasetDir(out).records(outcome.version)
    assert {record.run_id for record in records} == {RUN_A, RUN_B, RUN_N}
    accepted = [record for record in records if record.source == "accepted"]
    for record in accepted:
        assert record.id.startswith(f"{record.run_id}/{record.problem_id}/")
        assert set(record.models) == {"generator", "fixer", "declean", "judge"}
        assert record.lineage[0].made_by == "given"
        assert all(step.strategy == "procedural" and step.level == 2 for step in record.lineage[1:])
        if record.lineage[1:]:
            assert record.parent_id is not None and record.parent_id.startswith(record.run_id)

    dataset = load(out)
    assert set(dataset) == set(outcome.version.splits()) == {"train", "test"}
    labels = dataset["train"].features["labels"]
    assert labels.feature.names == list(REGISTRY.names())
    assert sum(len(split) for split in dataset.values()) == len(records)
    by_id = {record.id: record for record in records}
    for split in dataset:
        for row in dataset[split]:
            record = by_id[row["id"]]
            assert [labels.feature.int2str(value) for value in row["labels"]] == record.labels
            assert record.split == split and row["code"] == record.code


def test_no_problem_is_in_two_splits_and_the_split_is_balanced(
    runs: dict[str, Path], local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    outcome = build_dataset([runs["a"], runs["b"]], tmp_path / "d", local_sandbox, BuildSettings(seed=1))
    records = DatasetDir(tmp_path / "d").records(outcome.version)
    split_of: dict[str, set[str | None]] = {}
    for record in records:
        split_of.setdefault(record.problem_id, set()).add(record.split)
    assert all(len(splits) == 1 for splits in split_of.values())
    assert set(outcome.version.problems) == {"train", "test"}
    assert outcome.version.split.largest_difference < 0.5  # nine problems only: the bound is for 50+


def test_every_no_compile_record_really_fails_to_compile_with_an_error(
    runs: dict[str, Path], local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    outcome = build_dataset(
        [runs["a"], runs["n"]], tmp_path / "d", local_sandbox, BuildSettings(no_compile_share=0.2)
    )
    records = DatasetDir(tmp_path / "d").records(outcome.version)
    broken = [record for record in records if NO_COMPILE in record.labels]
    by_id = {record.id: record for record in records}
    assert len(broken) == round(0.2 / 0.8 * (len(records) - len(broken)))
    assert {record.source for record in broken} == {"breakage", "natural"}
    for record in broken:
        result = local_sandbox.compile(record.code)
        assert compile_error(result) is not None, record.id
        assert record.no_compile is not None and record.no_compile.compiler_error
        if record.source == "breakage":
            parent = by_id[record.parent_id or ""]
            assert record.labels == [*parent.labels, NO_COMPILE]
            assert record.problem_id == parent.problem_id and record.split == parent.split
            assert record.no_compile.kind and record.no_compile.line
            assert local_sandbox.compile(parent.code).ok
    natural = [record for record in broken if record.source == "natural"]
    assert len(natural) == 1 and natural[0].statement and natural[0].no_compile is not None
    assert natural[0].no_compile.origin == "natural" and "line" in natural[0].no_compile.compiler_error
    assert outcome.version.no_compile.natural == 1
    assert sum(outcome.version.no_compile.by_kind.values()) == outcome.version.no_compile.breakage


def test_the_card_has_the_hub_metadata_and_says_how_the_data_was_made(
    runs: dict[str, Path], local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    out = tmp_path / "d"
    outcome = build_dataset([runs["a"], runs["n"]], out, local_sandbox, BuildSettings(license="cc-by-4.0"))
    card = (out / "README.md").read_text(encoding="utf-8")
    front = yaml.safe_load(card.split("---\n")[1])
    assert front["task_categories"] == ["text-classification"]
    assert front["task_ids"] == ["multi-label-classification"]
    assert front["license"] == "cc-by-4.0" and front["size_categories"] == ["n<1K"]
    configs = {config["config_name"]: config for config in front["configs"]}
    assert set(configs) == {"default", "v1"}
    assert [item["split"] for item in configs["default"]["data_files"]] == outcome.version.splits()
    for item in configs["v1"]["data_files"]:
        assert (out / item["path"]).exists()
    for needle in (RUN_A, RUN_N, "Deduplication", "NO_COMPILE", "push_to_hub", "ledger.jsonl"):
        assert needle in card
    assert (out / "versions" / "v1" / "README.md").read_text(encoding="utf-8") == card


def test_more_runs_make_a_new_version_and_the_old_one_stays_readable(
    runs: dict[str, Path], local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    out = tmp_path / "d"
    first = build_dataset([runs["a"]], out, local_sandbox, BuildSettings(seed=2))
    v1_records = {record.id: record for record in DatasetDir(out).records(first.version)}
    second = build_dataset([runs["b"]], out, local_sandbox, BuildSettings(seed=2))
    assert second.created and second.version.name == "v2" and second.version.parent == "v1"
    v2_records = {record.id: record for record in DatasetDir(out).records(second.version)}
    assert set(v1_records) <= set(v2_records)  # the earlier records, NO_COMPILE ones included, are kept
    for record_id, record in v1_records.items():
        assert v2_records[record_id].split == record.split  # a problem never changes split
    assert len(load(out, "v1")["train"]) == first.version.counts["train"]["records"]
    assert len(load(out)["train"]) == second.version.counts["train"]["records"]

    again = build_dataset([runs["a"], runs["b"]], out, local_sandbox, BuildSettings(seed=2))
    assert not again.created and again.version.name == "v2"
    assert DatasetDir(out).load_index().current == "v2"


def test_fresh_test_moves_earlier_test_problems_to_validation(
    runs: dict[str, Path], local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    out = tmp_path / "d"
    first = build_dataset([runs["a"]], out, local_sandbox, BuildSettings(seed=4))
    second = build_dataset([runs["b"]], out, local_sandbox, BuildSettings(seed=4, fresh_test=True))
    assert set(second.version.problems["validation"]) == set(first.version.problems["test"])
    assert set(second.version.problems["test"]) <= set(SECOND)
    assert set(second.version.problems["train"]) >= set(first.version.problems["train"])


def test_a_failure_mid_build_leaves_the_previous_version_whole(
    runs: dict[str, Path], local_sandbox: LocalSandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "d"
    build_dataset([runs["a"]], out, local_sandbox)
    before = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    import declean.data.publish as publish_module

    real_write = publish_module.write_split
    written: list[str] = []

    def failing_write(*args: object, **kwargs: object) -> None:
        real_write(*args, **kwargs)  # type: ignore[arg-type]
        written.append("split")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(publish_module, "write_split", failing_write)
    with pytest.raises(OSError, match="No space"):
        build_dataset([runs["b"]], out, local_sandbox)
    assert written == ["split"]
    after = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    assert after == before  # nothing half-written, no staging directory left
    assert DatasetDir(out).load_index().current == "v1"
    assert len(load(out)["train"]) > 0


def test_kill_9_during_a_build_leaves_the_previous_version_and_the_next_build_cleans_up(
    runs: dict[str, Path], local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "d"
    build_dataset([runs["a"]], out, local_sandbox)
    index_before = (out / "dataset.json").read_bytes()
    card_before = (out / "README.md").read_bytes()
    command = [sys.executable, "-m", "declean", "dataset", "build", str(runs["b"]), "--out", str(out)]
    command += ["--no-compile-share", "0.5"]  # many compiles: a wide window to be killed in
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(out.glob(".building-*")) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    killed = process.poll() is None
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert killed, "the build finished before it could be killed"
    assert (out / "dataset.json").read_bytes() == index_before
    assert (out / "README.md").read_bytes() == card_before
    assert len(load(out)["train"]) > 0
    outcome = build_dataset([runs["b"]], out, local_sandbox)
    assert outcome.version.name == "v2"
    assert not list(out.glob(".building-*"))
    assert sorted(path.name for path in (out / "versions").iterdir()) == ["v1", "v2"]


def test_a_dataset_made_by_a_newer_format_is_refused(local_sandbox: LocalSandbox, tmp_path: Path) -> None:
    out = tmp_path / "d"
    out.mkdir()
    (out / "dataset.json").write_text(f'{{"format": {FORMAT + 1}, "current": "v9", "versions": []}}')
    with pytest.raises(DatasetError, match=r"dataset.json: made by a newer declean \(dataset format 2\)"):
        DatasetDir(out).load_index()


def test_nothing_is_written_when_the_runs_hold_nothing(
    runs: dict[str, Path], local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    empty = tmp_path / "empty-run"
    shutil.copytree(runs["a"], empty)
    (empty / "samples.jsonl").unlink()
    with pytest.raises(DatasetError, match="nothing to build"):
        build_dataset([empty], tmp_path / "d", local_sandbox)
    assert not (tmp_path / "d").exists()
