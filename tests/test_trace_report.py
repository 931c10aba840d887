"""``declean trace report``: the HTML page of a real run's trace, as headless Chromium renders it.

The traces come from whole runs of the graph (the deterministic corpus model, the real sandbox) with
principles DRY (the model echoes its input: rejected as ``unchanged``), then SRP, MC and NAME (procedural:
accepted). Chromium is required where ``DECLEAN_REQUIRE_CHROMIUM=1``; elsewhere its absence skips.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from declean import Context
from declean.principles import Principle
from declean.problems import load_problems
from declean.runs import run_problems
from declean.sandbox.local import LocalSandbox
from declean.tracing.report import build_report
from tests.corpus_run import read_jsonl, respond, write_problems
from tests.dom_tree import Element, parse
from tests.fakes import RespondingChatModel

PRINCIPLES: list[Principle] = ["DRY", "SRP", "MC", "NAME"]


@dataclass
class TracedRun:
    """A finished run: its trace and what it wrote to its output directory."""

    trace: Path
    problem_ids: list[str]
    samples: list[dict[str, object]]
    rejections: list[dict[str, object]]


@pytest.fixture(scope="module")
def traced_run(tmp_path_factory: pytest.TempPathFactory, local_sandbox: LocalSandbox) -> TracedRun:
    tmp = tmp_path_factory.mktemp("report-run")
    problems = load_problems(write_problems(tmp / "problems.jsonl", count=3))
    context = Context(
        llm=RespondingChatModel(respond=respond),
        sandbox=local_sandbox,
        principles=PRINCIPLES,
        trace_dir=tmp / "traces",
    )
    run_problems(problems, context, tmp / "out")
    [trace] = (tmp / "traces").glob("*.jsonl")
    return TracedRun(
        trace=trace,
        problem_ids=[problem.id for problem in problems],
        samples=read_jsonl(tmp / "out" / "samples.jsonl"),
        rejections=read_jsonl(tmp / "out" / "rejections.jsonl"),
    )


@pytest.fixture(scope="module")
def chromium() -> str:
    binary = shutil.which("chromium")
    if binary is None:
        if os.environ.get("DECLEAN_REQUIRE_CHROMIUM") == "1":
            pytest.fail("DECLEAN_REQUIRE_CHROMIUM=1 but no `chromium` on PATH (apt-get install chromium)")
        pytest.skip("no `chromium` on PATH (apt-get install chromium) to render the report")
    return binary


def render(chromium: str, page: Path, profile: Path) -> Element:
    """The DOM Chromium builds from ``page`` (scripts run), parsed."""
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--dump-dom",
        page.resolve().as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0 and "</html>" in done.stdout, done.stderr[-2000:]
    return parse(done.stdout)


def write_report(trace: Path, tmp_path: Path) -> tuple[Path, str]:
    page = tmp_path / "report.html"
    source = build_report(trace)
    page.write_text(source, encoding="utf-8")
    return page, source


def test_the_rendered_page_shows_the_run_its_lineage_diffs_rejections_and_stats(
    traced_run: TracedRun, chromium: str, tmp_path: Path
) -> None:
    page, _ = write_report(traced_run.trace, tmp_path)
    dom = render(chromium, page, tmp_path / "profile")

    assert dom.by_id("run-id").text() == traced_run.trace.stem
    assert "ended" in dom.find_all(cls="status")[0].text()
    lineage = dom.by_id("lineage")
    assert [p.attrs["data-problem-id"] for p in lineage.find_all(cls="problem")] == traced_run.problem_ids
    for problem_id in traced_run.problem_ids:
        assert problem_id in dom.by_id(f"problem-{problem_id}").find_all("summary")[0].text()

    accepted = {step.attrs["data-sample-id"]: step for step in lineage.find_all("li", cls="accepted")}
    assert set(accepted) == {str(sample["id"]) for sample in traced_run.samples}
    assert {s.attrs["data-sample-id"] for s in lineage.find_all("li", cls="rejected")} == {
        str(rejection["sample_id"]) for rejection in traced_run.rejections
    }
    chain = [s.attrs["data-sample-id"].split("/")[-1] for s in lineage.find_all("li", cls="step")][:5]
    assert chain == ["clean", "DRY", "SRP", "SRP+MC", "SRP+MC+NAME"]
    assert "procedural" in accepted[f"{traced_run.problem_ids[0]}/s0/SRP"].text()

    rows = {
        row.attrs["data-sample-id"]: row for row in dom.by_id("rejections").find_all("tr", cls="rejection")
    }
    assert len(traced_run.rejections) == 3 and set(rows) == {
        str(r["sample_id"]) for r in traced_run.rejections
    }
    for rejection in traced_run.rejections:
        row = rows[str(rejection["sample_id"])]
        assert row.find_all(cls="reason")[0].text() == rejection["reason"] == "unchanged"
        assert str(rejection["detail"]) in row.text()

    diffs = lineage.find_all("pre", cls="diff")
    assert any(d.find_all("span", cls="add") and d.find_all("span", cls="del") for d in diffs)
    assert any(span.text().startswith("+") for d in diffs for span in d.find_all("span", cls="add"))

    stats = dom.by_id("stats")
    nodes = {row.find_all("td")[0].text() for row in stats.by_id("latency-node").find_all("tr")[1:]}
    assert {"generate", "compile", "run"} <= nodes
    assert {"compile", "run"} <= {
        r.find_all("td")[0].text() for r in stats.by_id("latency-tool").find_all("tr")[1:]
    }
    assert "unchanged" in stats.by_id("rejection-reasons").text()
    assert "NAME" in stats.by_id("yield").text() and "generator" in stats.by_id("tokens").text()
    summary = {
        row.find_all("td")[0].text(): row.find_all("td")[1].text()
        for row in dom.by_id("summary").find_all("tr")[1:]
    }
    assert summary["problems"] == "3" and summary["rejected by reason"] == "unchanged: 3"
    assert summary["accepted samples"] == str(len(traced_run.samples))

    text = dom.text()
    assert "#include <stdio.h>" in text
    assert not dom.find_all("stdio.h")
    assert "hidden" not in dom.by_id("tools").attrs  # the filter's script ran


def test_the_page_is_self_contained_and_escapes_the_code(traced_run: TracedRun, tmp_path: Path) -> None:
    _, source = write_report(traced_run.trace, tmp_path)

    references = re.findall(r"""(?:src|href)\s*=\s*["']?([^"'\s>]*)""", source, flags=re.IGNORECASE)
    references += re.findall(r"""url\(\s*["']?([^"')\s]*)""", source, flags=re.IGNORECASE)
    assert references and all(ref.startswith("#") for ref in references), references
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", source, flags=re.IGNORECASE)
    assert "#include &lt;stdio.h&gt;" in source and "<stdio.h>" not in source
    assert "<script src" not in source and "<link" not in source
    tree = parse(source)
    assert tree.find_all("details") and tree.by_id("tools").attrs.get("hidden") is not None


def test_a_crashed_run_says_so_and_reports_the_cut_line(
    traced_run: TracedRun, chromium: str, tmp_path: Path
) -> None:
    lines = traced_run.trace.read_text(encoding="utf-8").splitlines(keepends=True)
    assert '"event": "run_end"' in lines[-1]
    kept, last = lines[:-2], lines[-2]
    crashed = tmp_path / traced_run.trace.name
    crashed.write_text("".join(kept) + last[: len(last) // 2], encoding="utf-8")

    page, _ = write_report(crashed, tmp_path)
    dom = render(chromium, page, tmp_path / "profile")

    assert "no run_end: crashed or still running" in dom.find_all(cls="status")[0].text()
    [warning] = dom.by_id("warnings").find_all("li")
    assert f"line {len(kept) + 1} is cut short" in warning.text()
    assert dom.by_id("run-id").text() == traced_run.trace.stem
    steps = {s.attrs["data-sample-id"] for s in dom.by_id("lineage").find_all("li", cls="step")}
    assert {str(sample["id"]) for sample in traced_run.samples} <= steps
