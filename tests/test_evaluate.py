"""``declean eval`` on a real dataset: detectors side by side, predictions kept, the ledger's refusal and
``--again``, the learning curve, and a self-contained HTML report."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from declean.data.build import build_dataset
from declean.data.ledger import Ledger
from declean.data.store import BuildSettings
from declean.detect.lint import LintDetector
from declean.detect.llm import LLMDetector
from declean.errors import TestSetReusedError
from declean.evaluate.evaluation import Prediction, evaluate
from declean.evaluate.report import render_report
from declean.sandbox.local import LocalSandbox
from declean.testing import DETECT, RespondingChatModel
from tests.dataset_runs import corpus_problems, procedural_run
from tests.test_cli_errors import declean

NAMES = ("array_stats", "bubble_sort", "gcd_lcm", "grade_book", "caesar_cipher", "calendar_months")


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory, local_sandbox: LocalSandbox) -> Path:
    base = tmp_path_factory.mktemp("eval")
    run = procedural_run(base / "run", local_sandbox, corpus_problems(NAMES), "20260601T000000Z-eval")
    build_dataset([run], base / "dataset", local_sandbox, BuildSettings(seed=2, no_compile_share=0.15))
    return base / "dataset"


def says_mc(messages: list[dict[str, Any]]) -> str:
    """A model that flags MC in every program, with a location, as JSON."""
    assert DETECT in str(messages[0]["content"])
    return (
        '{"DRY": {"violated": false}, "SRP": {"violated": false}, "NAME": {"violated": false},'
        ' "MC": {"violated": true, "explanation": "a bare number", "function": "main", "lines": [3, 4]}}'
    )


def copy(dataset: Path, tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "dataset"
    shutil.copytree(dataset, target)
    return target


def test_detectors_side_by_side_with_predictions_kept_and_the_ledger_written(
    dataset: Path, local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    data = copy(dataset, tmp_path)
    model = RespondingChatModel(respond=says_mc)
    detectors = [LintDetector(), LLMDetector(model)]
    evaluation = evaluate(
        data, detectors, local_sandbox, split="test", predictions_dir=tmp_path / "p", resamples=200
    )
    lint, llm = evaluation.results
    assert model.calls == len(evaluation.records)
    assert lint.scores.per_label["NO_COMPILE"].jaccard == 1.0  # the compiler decides it, for every detector
    assert llm.scores.per_label["NO_COMPILE"].jaccard == 1.0
    mc = llm.scores.per_label["MC"]
    assert mc.recall == 1.0 and mc.predicted == len(evaluation.records)
    assert llm.scores.per_label["DRY"].predicted == 0
    assert all(low <= high for low, high in llm.intervals.values())
    assert lint.predictions_file is not None and llm.predictions_file is not None
    stored = [Prediction.model_validate_json(line) for line in llm.predictions_file.read_text().splitlines()]
    assert [p.sample_id for p in stored] == [r.id for r in evaluation.records]
    assert {(p.dataset_version, p.detector, p.model, p.split) for p in stored} == {
        (evaluation.version.name, "llm", "RespondingChatModel", "test")
    }
    assert all(p.prompt_hash and p.raw_reply for p in stored)
    entries = Ledger(data).entries()
    assert [(e.detector, e.split, e.again) for e in entries] == [
        ("lint", "test", False),
        ("llm", "test", False),
    ]
    assert entries[0].scores["jaccard_MC"] == round(lint.scores.per_label["MC"].jaccard, 4)

    with pytest.raises(TestSetReusedError, match="already evaluated 2 time"):
        evaluate(data, [LintDetector()], local_sandbox, split="test")
    again = evaluate(data, [LintDetector()], local_sandbox, split="test", again=True, resamples=100)
    assert again.results[0].ledger_entry is not None and again.results[0].ledger_entry.again
    train = evaluate(data, [LintDetector()], local_sandbox, split="train", resamples=100)
    assert train.results[0].ledger_entry is None and len(Ledger(data).entries()) == 3


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.svgs = 0
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.svgs += tag == "svg"
        for name, value in attrs:
            if name in ("src", "href") and value and re.match(r"(https?:)?//", value):
                self.external.append(value)


def test_the_report_is_one_self_contained_page_with_a_chart_per_label(
    dataset: Path, local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    data = copy(dataset, tmp_path)
    model = RespondingChatModel(respond=says_mc)
    evaluation = evaluate(
        data,
        [LintDetector(), LLMDetector(model)],
        local_sandbox,
        split="train",
        resamples=100,
        curve_dir=tmp_path,
    )
    assert [point.fraction for point in evaluation.curve] == [0.1, 0.25, 0.5, 1.0]
    assert evaluation.curve[-1].problems >= evaluation.curve[0].problems
    page = render_report(evaluation.comparison(), evaluation.misclassified())
    parsed = _Page()
    parsed.feed(page)
    assert parsed.svgs == len(evaluation.labels) + 1  # one chart per label and the learning curve
    assert parsed.external == [] and "<script" not in page and "@import" not in page
    assert "#include &lt;stdio.h&gt;" in page and "#include <stdio.h>" not in page  # code is escaped
    assert "llm: misclassified samples" in page and "a bare number" in page


def test_declean_eval_on_the_command_line(dataset: Path, tmp_path: Path) -> None:
    data = copy(dataset, tmp_path)
    model_file = tmp_path / "model.joblib"
    trained = declean("detect", "train", str(data), "--out", str(model_file), cwd=tmp_path)
    assert trained.returncode == 0, trained.stderr
    result = declean(
        "eval",
        str(data),
        "-d",
        "lint",
        "-d",
        "trained",
        "--model-file",
        str(model_file),
        "--json",
        "--report",
        str(tmp_path / "eval.html"),
        "--resamples",
        "200",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert set(found["detectors"]) == {"lint", "trained"} and found["split"] == "test"
    for name in ("lint", "trained"):
        scores = found["detectors"][name]
        assert set(scores["scores"]["per_label"]) == {"DRY", "SRP", "MC", "NAME", "NO_COMPILE"}
        assert "DRY.jaccard" in scores["intervals"] and scores["ledger"]["detector"] == name
        assert Path(scores["predictions_file"]).exists()
    assert (tmp_path / "eval.html").read_text().count("<svg") == 5
    refused = declean("eval", str(data), "-d", "lint", cwd=tmp_path)
    assert refused.returncode == 2 and "pass --again" in " ".join(refused.stderr.split())
    table = declean("eval", str(data), "-d", "lint", "--again", "--resamples", "100", cwd=tmp_path)
    assert table.returncode == 0 and "Jaccard per label" in table.stdout
    bad = declean("eval", str(data), "--split", "dev", cwd=tmp_path)
    assert bad.returncode == 2 and "unknown split 'dev'" in bad.stderr
