"""``declean trace report``: the HTML page of a real run's trace, as headless Chromium renders it.

The traces come from whole runs of the graph (the deterministic corpus model, the real sandbox) with
principles DRY (the model echoes its input: rejected as ``unchanged``), then SRP, MC and NAME (procedural:
accepted). Chromium is required where ``DECLEAN_REQUIRE_CHROMIUM=1``; elsewhere its absence skips.

A hostile run puts markup into every place model-written or user-given text reaches the page (a model
reply, a model error, the judge's reason, the code and its diff, the problem statement, the problem and run
ids): the page must show it as text and never let it become an element.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from declean import Context
from declean.models.retry import RetryPolicy
from declean.principles import Principle, apply_transform
from declean.problems import Problem, load_problems
from declean.runs import run_problems
from declean.sandbox.local import LocalSandbox
from declean.testing import (
    DECLEAN,
    GENERATOR,
    JUDGE,
    RespondingChatModel,
    ScriptedChatModel,
    ScriptedFailureError,
    fenced,
)
from declean.tracing.report import build_report, report_environment
from tests import programs, trace_runs
from tests.corpus_run import read_jsonl, respond, write_problems
from tests.dom_tree import Element, parse
from tests.web_support import chromium_path

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
    problems = load_problems(write_problems(tmp / "problems.jsonl", names=trace_runs.NORMAL_PROGRAMS))
    context = Context(
        label_plan="chain",
        strategies={"DRY": "llm"},  # the model echoes: rejected as unchanged
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
    return chromium_path("to render the report")


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
    assert {"generate", "compile_and_run"} <= nodes
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
    assert json.loads(lines[-1])["event"] == "run_end"
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


PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</textarea>"]
HOSTILE = " ".join(PAYLOADS)
HOSTILE_RUN_ID = f"run {HOSTILE}"
HOSTILE_PROBLEM_ID = f"judged {HOSTILE}"
"""Problem ids are checked when a problems file is loaded, so the hostile one is put into the trace after
the run (as an edited or foreign trace would have it); the run id likewise."""


def _wrong_rename_with_comment() -> str:
    """A NAME rewrite of the DRY vectors program whose output is off by one, with markup in a comment."""
    dry = apply_transform("DRY", programs.CLEAN, 2).code
    assert dry is not None
    named = apply_transform(
        "NAME", dry.replace('printf(" %d", vector[i]);', 'printf(" %d", vector[i] + 1);'), 3
    ).code
    assert named is not None
    return named.replace("int main(void)", f"/* {HOSTILE} */\nint main(void)")


def _renamed(value: object, old: str, new: str) -> object:
    """``value`` with the string ``old`` replaced by ``new``: as a whole string and as an id prefix."""
    if isinstance(value, dict):
        return {key: _renamed(item, old, new) for key, item in value.items()}
    if isinstance(value, list):
        return [_renamed(item, old, new) for item in value]
    if value == old:
        return new
    if isinstance(value, str) and value.startswith(f"{old}/"):
        return new + value[len(old) :]
    return value


@pytest.fixture(scope="module")
def hostile_trace(tmp_path_factory: pytest.TempPathFactory, local_sandbox: LocalSandbox) -> Path:
    """A real run whose model writes markup: in the judge's reason and the rewrite (``judge_rejected``), in
    its error (``model_error``) and as its whole reply (``unparseable_reply``); every statement holds it too.
    """
    tmp = tmp_path_factory.mktemp("hostile-run")
    statement = f"{programs.VECTORS_STATEMENT}\n{HOSTILE}"
    problems = [Problem(id=name, statement=statement) for name in ("judged", "failing", "garbage")]
    model = ScriptedChatModel(
        script=[
            (GENERATOR, fenced(programs.CLEAN)),
            (DECLEAN["NAME"], fenced(_wrong_rename_with_comment())),
            (JUDGE, f"VERDICT: DIFFERENT\n{HOSTILE}"),
            (GENERATOR, fenced(programs.CLEAN)),
            (DECLEAN["NAME"], ScriptedFailureError(HOSTILE)),
            (GENERATOR, HOSTILE),
        ]
    )
    context = Context(
        label_plan="chain",
        llm=model,
        sandbox=local_sandbox,
        principles=["DRY", "NAME"],
        strategies={"DRY": "procedural", "NAME": "llm"},
        judge_policy="llm",
        max_fix_attempts=1,
        retry=RetryPolicy(max_attempts=1),
        concurrency=1,
        trace_dir=tmp / "traces",
        run_id="hostile",
    )
    run_problems(problems, context, tmp / "out")
    assert not model.check_finished(), model.check_finished()
    reasons = [rejection["reason"] for rejection in read_jsonl(tmp / "out" / "rejections.jsonl")]
    assert reasons == ["judge_rejected", "model_error", "unparseable_reply"]
    lines = (tmp / "traces" / "hostile.jsonl").read_text(encoding="utf-8").splitlines()
    events = [
        _renamed(_renamed(json.loads(line), "judged", HOSTILE_PROBLEM_ID), "hostile", HOSTILE_RUN_ID)
        for line in lines
    ]
    trace = tmp / "hostile.jsonl"
    trace.write_text("".join(json.dumps(event) + "\n" for event in events), encoding="utf-8")
    return trace


def assert_shown_as_text(dom: Element) -> None:
    """The hostile text is in the page as text, where it belongs, and made no element or attribute."""
    assert not dom.find_all("img") and not dom.find_all("textarea")
    [script] = dom.find_all("script")
    assert "alert" not in script.text()
    assert not [name for element in dom.iter() for name in element.attrs if name.startswith("on")]

    assert dom.find_all("title")[0].text() == f"declean run {HOSTILE_RUN_ID}"
    assert dom.by_id("run-id").text() == HOSTILE_RUN_ID
    [problem] = dom.find_all("details", cls="problem", data_problem_id=HOSTILE_PROBLEM_ID)
    assert problem.find_all("summary")[0].text().startswith(HOSTILE_PROBLEM_ID)
    rejected = f"{HOSTILE_PROBLEM_ID}/s0/DRY+NAME"
    [step] = problem.find_all("li", cls="rejected", data_sample_id=rejected)
    assert step.find_all(cls="detail")[0].text().endswith(f"judge: {HOSTILE}")
    assert f"+/* {HOSTILE} */\n" in [span.text() for span in step.find_all("span", cls="add")]

    rows = {
        row.attrs["data-sample-id"]: row for row in dom.by_id("rejections").find_all("tr", cls="rejection")
    }
    assert set(rows) == {rejected, "failing/s0/DRY+NAME", "garbage/s0/clean"}
    [link] = rows[rejected].find_all("a")
    assert link.text() == rejected and link.attrs["href"] == f"#{step.attrs['id']}"
    assert rows[rejected].find_all(cls="detail")[0].text().endswith(f"judge: {HOSTILE}")
    assert HOSTILE in rows["failing/s0/DRY+NAME"].find_all(cls="detail")[0].text()


def test_hostile_text_is_escaped_in_the_page_source(hostile_trace: Path, tmp_path: Path) -> None:
    _, source = write_report(hostile_trace, tmp_path)

    for payload in PAYLOADS:
        assert payload not in source
    assert "<img" not in source and source.count("<script") == 1 and "</textarea" not in source
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source and "&lt;/textarea&gt;" in source
    assert "&gt;&lt;img src=x onerror=alert(1)&gt;" in source
    assert_shown_as_text(parse(source))


def test_hostile_text_renders_as_text_in_chromium(hostile_trace: Path, chromium: str, tmp_path: Path) -> None:
    page, _ = write_report(hostile_trace, tmp_path)
    dom = render(chromium, page, tmp_path / "profile")

    assert_shown_as_text(dom)
    assert "hidden" not in dom.by_id("tools").attrs  # the page's own script still ran


def test_every_template_is_autoescaped_and_none_turns_escaping_off() -> None:
    environment = report_environment()
    assert environment.autoescape is True
    names = environment.list_templates()
    assert "report.html.j2" in names
    assert environment.loader is not None
    for name in names:
        source, _, _ = environment.loader.get_source(environment, name)
        assert not re.search(r"\|\s*safe\b|autoescape\s+false|Markup", source), name
