"""Deduplication on a real run with planted duplicates: exact, re-spaced, renamed and near copies are
dropped in favour of the earliest; contrastive pairs and other problems' copies are kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from declean.data.build import build_dataset
from declean.data.dedup import deduplicate
from declean.data.records import DatasetRecord
from declean.data.store import BuildSettings, DatasetDir
from declean.data.tokens import jaccard, token_view
from declean.runs.output import ProblemRecord
from declean.samples import Sample
from declean.sandbox.local import LocalSandbox
from declean.tools.cparse import Edit, apply_edits, descendants_of_type, parse, text
from tests.dataset_runs import corpus_problems, procedural_run

RUN = "20260310T000000Z-planted"


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory, local_sandbox: LocalSandbox) -> Path:
    base = tmp_path_factory.mktemp("planted")
    run = procedural_run(base / "run", local_sandbox, corpus_problems(("array_stats", "grade_book")), RUN)
    samples = [Sample.model_validate_json(line) for line in (run / "samples.jsonl").read_text().splitlines()]
    clean = next(s for s in samples if s.problem_id == "array_stats" and not s.labels)
    name = next(s for s in samples if s.problem_id == "array_stats" and s.labels == ["NAME"])
    copies = {
        "exact": clean.code,
        "respaced": respaced(clean.code),
        "renamed": renamed(clean.code),
        "near": clean.code.replace("printf(", "fprintf(stdout, ", 1),
    }
    lines = [
        clean.model_copy(update={"id": f"array_stats/s9/planted-{kind}", "code": code}).model_dump_json()
        for kind, code in copies.items()
    ]
    lines.append(clean.model_copy(update={"id": "twin/s0/clean", "problem_id": "twin"}).model_dump_json())
    with (run / "samples.jsonl").open("a", encoding="utf-8") as handle:
        handle.write("".join(line + "\n" for line in lines))
    with (run / "problems.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(
            ProblemRecord(problem_id="twin", status="done", statement="twin").model_dump_json() + "\n"
        )
    assert name.code != clean.code
    return run


def respaced(code: str) -> str:
    """Tabs for indentation, a blank line after each statement and a comment on every brace."""
    code = code.replace("    ", "\t").replace(";\n", ";\n\n")
    return code.replace("{\n", "{ /* opens */\n")


def renamed(code: str) -> str:
    """Two local names changed everywhere they name something (strings and comments untouched)."""
    names = {"count": "how_many", "values": "numbers"}
    identifiers = descendants_of_type(parse(code).root_node, "identifier")
    edits = [
        Edit(node.start_byte, node.end_byte, names[text(node)]) for node in identifiers if text(node) in names
    ]
    assert len(edits) > 10
    return apply_edits(code, edits)


def test_planted_duplicates_are_dropped_for_the_earliest_and_listed(
    planted: Path, local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    out = tmp_path / "d"
    outcome = build_dataset([planted], out, local_sandbox, BuildSettings(no_compile_share=0))
    dropped = {
        entry["dropped"]: entry
        for entry in map(json.loads, (out / "versions/v1/dedup.jsonl").read_text().splitlines())
    }
    clean_id = f"{RUN}/array_stats/s0/clean"
    expected = {"exact": "exact", "respaced": "exact", "renamed": "renamed", "near": "near"}
    for kind, how in expected.items():
        entry = dropped.pop(f"{RUN}/array_stats/s9/planted-{kind}")
        assert entry["kept"] == clean_id and entry["kind"] == how
        assert (entry["similarity"] == 1.0) == (how != "near")
        assert entry["similarity"] >= 0.85
    assert not dropped  # nothing else was dropped: every de-cleaned sample has its own label set
    records = DatasetDir(out).records(outcome.version)
    ids = {record.id for record in records}
    assert clean_id in ids and f"{RUN}/array_stats/s0/NAME" in ids  # a contrastive pair, both kept
    assert f"{RUN}/twin/s0/clean" in ids  # another problem's copy is kept...
    pairs = [json.loads(line) for line in (out / "versions/v1/near_problems.jsonl").read_text().splitlines()]
    assert [(p["first"], p["second"], p["similarity"]) for p in pairs] == [
        (clean_id, f"{RUN}/twin/s0/clean", 1.0)
    ]
    split = {record.problem_id: record.split for record in records}
    assert split["twin"] == split["array_stats"]  # ...reported, and split with its twin
    assert outcome.version.dedup == {"exact": 2, "renamed": 1, "near": 1, "cross_problem_pairs": 1}


def test_the_near_copy_is_near_and_a_changed_program_is_not() -> None:
    code = corpus_problems(("array_stats",))[0].solution or ""
    near = code.replace("printf(", "fprintf(stdout, ", 1)
    assert 0.85 <= jaccard(token_view(code).shingles, token_view(near).shingles) < 1.0
    other = corpus_problems(("grade_book",))[0].solution or ""
    assert jaccard(token_view(code).shingles, token_view(other).shingles) < 0.3


def record(record_id: str, problem: str, code: str, labels: list[str] | None = None) -> DatasetRecord:
    return DatasetRecord(
        id=record_id,
        problem_id=problem,
        statement="s",
        code=code,
        labels=labels or [],
        source="accepted",
        run_id="r",
        sample_id=record_id,
    )


def test_the_earliest_record_of_a_cluster_is_kept_whatever_its_id() -> None:
    code = corpus_problems(("bubble_sort",))[0].solution or ""
    result = deduplicate([record("z-first", "p", code), record("a-second", "p", code + "\n/* again */\n")])
    assert [kept.id for kept in result.kept] == ["z-first"]
    assert result.dropped[0].kept == "z-first"


def test_a_threshold_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError, match="threshold"):
        deduplicate([], threshold=1.5)
