"""`declean lint`: the no-model detector, on single files and against the hand-labelled sets."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from declean.cli import app
from declean.evaluate.metrics import Case, LabelScores, score
from declean.principles import PRINCIPLES
from declean.principles.verify import detect
from tests import programs
from tests.corpus_index import CorpusProgram, clean_programs, heldout_programs, labeled_programs


def test_lint_prints_labels_and_evidence(tmp_path: Path) -> None:
    source = tmp_path / "chain.c"
    source.write_text(programs.DRY_SRP_MC_NAME)
    result = CliRunner().invoke(app, ["lint", str(source)])
    assert result.exit_code == 0, result.output
    words = " ".join(result.output.split())  # rich wraps lines at the console width
    assert "chain.c: DRY, SRP, MC, NAME" in words
    assert "5 magic literals" in words and "3 of 3 names meaningless" in words


def test_lint_json_is_machine_readable(tmp_path: Path) -> None:
    source = tmp_path / "clean.c"
    source.write_text(programs.CLEAN)
    result = CliRunner().invoke(app, ["lint", str(source), "--json"])
    payload = json.loads(result.output)
    assert payload["labels"] == []
    assert payload["evidence"]["measures"]["SRP"]["values"]["functions"] == 3


def test_clean_corpus_is_judged_clean() -> None:
    from declean.principles.verify import detect

    flagged = {program.name: detect(program.source) for program in clean_programs()}
    assert {name: labels for name, labels in flagged.items() if labels} == {}


def test_precision_and_recall_on_the_labelled_set() -> None:
    """Floors, not targets: the exact figures are printed by bench/lint_accuracy.py."""
    for found in lint_scores(labeled_programs()):
        assert found.precision >= 0.85 and found.recall >= 0.85, found


def test_precision_and_recall_on_the_blind_heldout_set() -> None:
    """The set written without seeing the detector: lower floors, and the honest figures."""
    for found in lint_scores(heldout_programs()):
        assert found.precision >= 0.75 and found.recall >= 0.75, found


def lint_scores(programs: list[CorpusProgram]) -> list[LabelScores]:
    cases = [
        Case(sample_id=p.name, problem_id=p.name, truth=p.labels, predicted=detect(p.source))
        for p in programs
    ]
    return list(score(cases, PRINCIPLES).per_label.values())
