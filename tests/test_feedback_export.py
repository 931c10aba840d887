"""``declean feedback export`` and feedback directories in ``declean dataset build``: a real SQLite
``FeedbackStore``, a real run, the real sandbox."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import declean.data.feedback as feedback_module
from declean.cli.app import app
from declean.data.build import build_dataset
from declean.data.feedback import FEEDBACK_MANIFEST, RECORDS_FILE, export_feedback
from declean.data.feedback_store import Feedback, FeedbackStore, code_hash
from declean.data.records import DatasetRecord
from declean.data.store import BuildSettings, DatasetDir
from declean.errors import DatasetError
from declean.principles import NO_COMPILE
from declean.sandbox.local import LocalSandbox
from tests import programs
from tests.dataset_runs import corpus_problems, procedural_run

RUN_ID = "20260405T000000Z-feedback-test"
DOES_NOT_COMPILE = programs.STATS.replace("long total = 0;", "long total = 0")
"""A student's program with a missing semicolon, labelled without NO_COMPILE."""
FIRST_EXPORT = dt.datetime(2026, 4, 6, 9, 30, tzinfo=dt.UTC)
LATER_EXPORT = dt.datetime(2026, 4, 7, 9, 30, tzinfo=dt.UTC)

pytestmark = pytest.mark.usefixtures("offline_datasets")


def opinion(code: str, corrected: list[str], *, who: str = "anonymous:s1", comment: str = "") -> Feedback:
    return Feedback(
        who=who,
        code=code,
        detector="static",
        detector_version="0.1.0",
        model="qwen2.5-coder",
        prompt_hash="ab" * 32,
        predicted=["DRY"],
        agree={"DRY": "DRY" in corrected},
        corrected=corrected,
        comment=comment,
    )


def key(code: str) -> str:
    return f"feedback/{code_hash(code)[:12]}"


def make_store(path: Path) -> FeedbackStore:
    """Rows 1-8: clean, relabelled, NO_COMPILE, an unknown label, two rows on one program, and two whose
    NO_COMPILE label gcc contradicts."""
    store = FeedbackStore(path)
    store.add(opinion(programs.CLEAN, []))
    store.add(opinion(programs.DRY, ["SRP", "DRY"]))  # registry order is DRY, SRP
    store.add(opinion(programs.COMPILE_ERROR, [NO_COMPILE]))
    store.add(opinion(programs.SRP_FROM_CLEAN, ["SRP", "FOO"]))
    store.add(opinion(programs.STATS_NAME, ["NAME", "MC"], who="huggingface:alice", comment="my own code"))
    store.add(opinion(programs.STATS_NAME, ["NAME"], who="anonymous:s2"))
    store.add(opinion(programs.STATS, [NO_COMPILE]))  # compiles
    store.add(opinion(DOES_NOT_COMPILE, ["DRY"]))  # gcc rejects it
    return store


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, local_sandbox: LocalSandbox) -> Path:
    base = tmp_path_factory.mktemp("feedback-run")
    return procedural_run(base / "run", local_sandbox, corpus_problems(("array_stats", "gcd_lcm")), RUN_ID)


def read_records(directory: Path) -> list[DatasetRecord]:
    text = (directory / RECORDS_FILE).read_text(encoding="utf-8")
    return [DatasetRecord.model_validate_json(line) for line in text.splitlines()]


def test_export_writes_one_record_per_program_with_the_students_labels(tmp_path: Path) -> None:
    make_store(tmp_path / "feedback.sqlite")
    out = tmp_path / "fb"
    exported = export_feedback(tmp_path / "feedback.sqlite", out, now=FIRST_EXPORT)

    manifest = json.loads((out / FEEDBACK_MANIFEST).read_text(encoding="utf-8"))
    assert manifest["kind"] == "declean-feedback" and manifest["format"] == 1
    assert manifest["export_id"] == "feedback-20260406T093000Z"
    assert manifest["created"] == "2026-04-06T09:30:00+00:00"
    assert manifest["source_db"] == str((tmp_path / "feedback.sqlite").resolve())
    assert manifest["counts"] == {
        "rows": 8,
        "records": 6,
        "unknown_labels": 1,
        "no_code": 0,
        "superseded": 1,
    }
    assert len(manifest["warnings"]) == 1 and manifest["warnings"][0].startswith("feedback row 4: skipped")
    assert "FOO" in manifest["warnings"][0]

    records = read_records(out)
    assert records == exported.records
    by_code = {record.code: record for record in records}
    assert by_code[programs.CLEAN].labels == []
    assert by_code[programs.DRY].labels == ["DRY", "SRP"]
    assert by_code[programs.COMPILE_ERROR].labels == [NO_COMPILE]
    assert programs.SRP_FROM_CLEAN not in by_code
    latest = by_code[programs.STATS_NAME]
    assert latest.labels == ["NAME"] and latest.sample_id == "6"  # the later row on the same program wins
    for record in records:
        assert record.source == "feedback" and record.id == record.problem_id == key(record.code)
        assert record.run_id == "feedback-20260406T093000Z"
        assert record.models == {"detector": "static 0.1.0 (qwen2.5-coder)"}
        assert record.prompt_hashes == {"detector": "ab" * 32}
        assert record.lineage == [] and record.parent_id is None and record.statement
    assert [int(record.sample_id) for record in records] == [1, 2, 3, 6, 7, 8]
    text = (out / RECORDS_FILE).read_text(encoding="utf-8")
    assert "alice" not in text and "my own code" not in text  # who and comments stay in the database

    again = export_feedback(tmp_path / "feedback.sqlite", out, now=LATER_EXPORT)
    assert [record.id for record in again.records] == [record.id for record in records]
    assert read_records(out)[0].run_id == "feedback-20260407T093000Z"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["fb", "feedback.sqlite"]  # no leftovers


def test_export_refuses_what_it_cannot_use_and_writes_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite"
    with pytest.raises(DatasetError, match=r"missing.sqlite: no such feedback database"):
        export_feedback(missing, tmp_path / "fb")
    assert not missing.exists() and not (tmp_path / "fb").exists()

    not_sqlite = tmp_path / "notes.sqlite"
    not_sqlite.write_text("not a database\n")
    with pytest.raises(DatasetError, match=r"notes.sqlite: not a declean feedback database"):
        export_feedback(not_sqlite, tmp_path / "fb")

    make_store(tmp_path / "feedback.sqlite")
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    (run_dir / "run.json").write_text("{}")
    with pytest.raises(DatasetError, match=r"run: exists and is not a feedback directory"):
        export_feedback(tmp_path / "feedback.sqlite", run_dir)
    assert [path.name for path in run_dir.iterdir()] == ["run.json"]


def test_a_crash_mid_export_leaves_the_previous_export_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store(tmp_path / "feedback.sqlite")
    out = tmp_path / "fb"
    export_feedback(tmp_path / "feedback.sqlite", out, now=FIRST_EXPORT)
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    store.add(opinion(programs.DRY_SRP, ["DRY", "SRP"]))
    real_write = feedback_module._write_synced

    def dying_write(path: Path, text: str) -> None:
        real_write(path, text)
        if path.name == RECORDS_FILE:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(feedback_module, "_write_synced", dying_write)
    with pytest.raises(OSError, match="No space"):
        export_feedback(tmp_path / "feedback.sqlite", out, now=LATER_EXPORT)
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["fb", "feedback.sqlite"]


def test_a_build_takes_the_feedback_as_new_records_and_a_rebuild_adds_nothing(
    run: Path, local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    db = tmp_path / "feedback.sqlite"
    store = make_store(db)
    fb = tmp_path / "fb"
    export_feedback(db, fb, now=FIRST_EXPORT)
    copy = export_feedback(db, tmp_path / "fb-copy", now=LATER_EXPORT).path  # the same programs again
    out = tmp_path / "dataset"
    settings = BuildSettings(seed=2, no_compile_share=0.2)
    outcome = build_dataset([run, fb, copy], out, local_sandbox, settings)
    assert outcome.created and outcome.version.name == "v1"
    assert (
        f"{copy}: {key(programs.CLEAN)} was already read from feedback-20260406T093000Z" in outcome.warnings
    )
    records = {record.id: record for record in DatasetDir(out).records(outcome.version)}
    feedback = {record_id: record for record_id, record in records.items() if record.source == "feedback"}
    assert set(feedback) == {
        key(code) for code in (programs.CLEAN, programs.DRY, programs.COMPILE_ERROR, programs.STATS_NAME)
    }
    assert feedback[key(programs.DRY)].labels == ["DRY", "SRP"]
    assert feedback[key(programs.STATS_NAME)].labels == ["NAME"]
    broken = feedback[key(programs.COMPILE_ERROR)]
    assert broken.labels == [NO_COMPILE] and broken.no_compile is not None
    assert broken.no_compile.origin == "feedback" and "line" in broken.no_compile.compiler_error
    assert all(record.split is not None for record in feedback.values())
    assert any(record.run_id == RUN_ID for record in records.values())
    # gcc contradicts two students: a program that compiles labelled NO_COMPILE, one that does not without it.
    for code, reason in (
        (programs.STATS, "labelled NO_COMPILE, but it compiled"),
        (DOES_NOT_COMPILE, "not labelled NO_COMPILE, but gcc rejects it (line 8"),
    ):
        assert key(code) not in records
        assert any(
            warning.startswith(f"left out feedback record {key(code)}: {reason}")
            for warning in outcome.warnings
        )
    stats = outcome.version.no_compile
    assert stats.feedback == 1 and stats.feedback_turned_down == 2 and stats.natural == 0
    have = sum(NO_COMPILE in record.labels for record in records.values())
    assert have == stats.feedback + stats.breakage
    source = next(item for item in outcome.version.runs if item.run_id == "feedback-20260406T093000Z")
    assert source.settings["kind"] == "feedback" and source.samples == 6
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "from 1\nrun(s) and 2 feedback export(s)" in card
    assert "4 records (`source: feedback`) are students' own programs" in card
    assert "2 feedback records were left out because gcc contradicted" in " ".join(card.split())

    export_feedback(db, fb, now=LATER_EXPORT)
    again = build_dataset([run, fb], out, local_sandbox, settings)
    assert not again.created and again.version.name == "v1"

    store.add(opinion(programs.DRY, ["DRY"], who="anonymous:s3"))  # a later opinion on a program v1 holds
    export_feedback(db, fb, now=LATER_EXPORT)
    relabelled = build_dataset([run, fb], out, local_sandbox, settings)
    assert not relabelled.created
    assert any(
        warning.startswith(f"{key(programs.DRY)}: feedback row 9 labels it DRY, the dataset keeps row 2's")
        for warning in relabelled.warnings
    )

    store.add(opinion(programs.DRY_SRP_MC, ["DRY", "SRP", "MC"]))
    export_feedback(db, fb, now=LATER_EXPORT)
    grown = build_dataset([run, fb], out, local_sandbox, settings)
    assert grown.created and grown.version.name == "v2"
    after = {record.id: record for record in DatasetDir(out).records(grown.version)}
    assert after[key(programs.DRY_SRP_MC)].labels == ["DRY", "SRP", "MC"]
    assert after[key(programs.DRY)].labels == ["DRY", "SRP"]  # the dataset kept v1's labels
    assert {record_id: record.split for record_id, record in after.items() if record_id in records} == {
        record_id: record.split for record_id, record in records.items() if record_id in after
    }


@pytest.mark.parametrize("case", ["not JSON", "not a record", "another source", "repeated id", "manifest"])
def test_a_malformed_feedback_directory_is_one_error_naming_file_and_line(
    case: str, local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    make_store(tmp_path / "feedback.sqlite")
    fb = tmp_path / "fb"
    export_feedback(tmp_path / "feedback.sqlite", fb, now=FIRST_EXPORT)
    path = fb / RECORDS_FILE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if case == "not JSON":
        lines[1] = "{not json}\n"
        expected = f"{path}:2: not a dataset record"
    elif case == "not a record":
        lines[1] = lines[1].replace('"labels":', '"labels": 7, "x":', 1)
        expected = f"{path}:2: not a dataset record (labels:"
    elif case == "another source":
        lines[2] = lines[2].replace('"source":"feedback"', '"source":"accepted"', 1)
        expected = f"{path}:3: not a feedback record (source 'accepted')"
    elif case == "repeated id":
        lines.append(lines[0])
        expected = f"{path}:7: record {json.loads(lines[0])['id']} repeats line 1"
    else:
        (fb / FEEDBACK_MANIFEST).write_text('{"kind": "declean-feedback", "format": 99}')
        expected = f"{fb / FEEDBACK_MANIFEST}: made by a newer declean (feedback format 99)"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DatasetError) as raised:
        build_dataset([fb], tmp_path / "dataset", local_sandbox)
    assert str(raised.value).startswith(expected), str(raised.value)
    assert not (tmp_path / "dataset").exists()


def test_the_export_command(tmp_path: Path) -> None:
    make_store(tmp_path / "feedback.sqlite")
    runner = CliRunner()
    out = tmp_path / "fb"
    result = runner.invoke(
        app, ["feedback", "export", "--db", str(tmp_path / "feedback.sqlite"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "6 records from 8 feedback rows (1 superseded" in " ".join(result.stdout.split())
    assert "warning: feedback row 4: skipped" in result.stderr
    assert len(read_records(out)) == 6

    missing = runner.invoke(
        app, ["feedback", "export", "--db", str(tmp_path / "gone.sqlite"), "--out", str(out)]
    )
    assert missing.exit_code == 2
    assert [line for line in missing.stderr.splitlines() if line.startswith("error:")] == [
        missing.stderr.strip().splitlines()[0]
    ]
    assert "gone.sqlite: no such feedback database" in " ".join(missing.stderr.split())
    assert "Traceback" not in missing.output and len(read_records(out)) == 6
    assert not (tmp_path / "gone.sqlite").exists()
