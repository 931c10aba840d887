"""``declean trace list/show/event/diff/stats`` on real traces (``tests/trace_runs.py``), text and ``--json``.

Every trace here was written by the graph in a real run with the real sandbox; the expected values come
from the run's own output files (samples.jsonl, rejections.jsonl, summary.json) and the trace lines.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import Any, get_args

import pytest
from typer.testing import CliRunner, Result

from declean.cli import app
from declean.principles import Principle
from declean.samples import RejectionReason
from declean.sandbox.local import LocalSandbox
from tests import trace_runs
from tests.corpus_run import read_jsonl

ALL_REASONS: set[str] = set(get_args(RejectionReason))
CUT_SHORT = re.compile(r"line (\d+) is cut short")
_STEP = re.compile(r"^[│ ]   [├└]── (\S+)  (accepted|rejected \((\w+)\))")
_SAMPLE = re.compile(r"^[├└]── sample (\d+)$")


def trace(*args: str) -> Result:
    """``declean trace ...`` in-process, wide enough that rich wraps nothing that matters."""
    return CliRunner().invoke(app, ["trace", *args], env={"COLUMNS": "200"})


def ok(*args: str) -> Result:
    result = trace(*args)
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result


def as_json(*args: str) -> Any:
    return json.loads(ok(*args, "--json").stdout)


def flat(text: str) -> str:
    """Text with box-drawing borders removed and whitespace collapsed (wrapped lines join back up)."""
    return " ".join(re.sub(r"[│┃╭╮╰╯─━┏┓┗┛┡┩└┘┌┐╇╈┳┻╋┣┫]", " ", text).split())


def events_of(path: Path) -> list[dict[str, Any]]:
    """The complete lines of a trace file."""
    text = path.read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines(keepends=True) if line.endswith("\n")]


@dataclass(frozen=True)
class Run:
    """A run's trace and its output directory."""

    trace: Path
    out: Path

    @property
    def run_id(self) -> str:
        return self.trace.stem

    @property
    def directory(self) -> str:
        return str(self.trace.parent)

    def samples(self) -> list[dict[str, Any]]:
        return read_jsonl(self.out / "samples.jsonl")

    def rejections(self) -> list[dict[str, Any]]:
        return read_jsonl(self.out / "rejections.jsonl")

    def events(self) -> list[dict[str, Any]]:
        return events_of(self.trace)


def made(tmp: Path, trace_path: Path) -> Run:
    return Run(trace=trace_path, out=trace_runs.out_dir(tmp, trace_path.stem))


@dataclass(frozen=True)
class NormalRuns:
    normal: Run
    crashed: Run


@dataclass(frozen=True)
class ReasonRuns:
    llm: Run
    strict: Run


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, local_sandbox: LocalSandbox) -> NormalRuns:
    tmp = tmp_path_factory.mktemp("runs")
    normal = made(tmp, trace_runs.normal_run(tmp, local_sandbox))
    return NormalRuns(normal=normal, crashed=made(tmp, trace_runs.crashed_run(tmp, local_sandbox)))


@pytest.fixture(scope="module")
def reasons(tmp_path_factory: pytest.TempPathFactory, local_sandbox: LocalSandbox) -> ReasonRuns:
    tmp = tmp_path_factory.mktemp("reasons")
    llm = made(tmp, trace_runs.every_reason_run(tmp, local_sandbox))
    return ReasonRuns(llm=llm, strict=made(tmp, trace_runs.strict_run(tmp, local_sandbox)))


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory, local_sandbox: LocalSandbox) -> Path:
    return trace_runs.large_trace(tmp_path_factory.mktemp("large"), local_sandbox, samples=1000)


@pytest.fixture(scope="module")
def resumed(tmp_path_factory: pytest.TempPathFactory, local_sandbox: LocalSandbox) -> Run:
    tmp = tmp_path_factory.mktemp("resumed")
    return made(tmp, trace_runs.resumed_run(tmp, local_sandbox))


# --- what the output files say the lineage is -----------------------------------------------------

Step = tuple[str, str]
"""``(sample id, "accepted" or "rejected (reason)")``."""


def expected_chains(run: Run, principles: list[Principle]) -> dict[tuple[str, int], list[Step]]:
    """Each sample's steps in chain order, from samples.jsonl and rejections.jsonl alone."""
    samples, rejections = run.samples(), run.rejections()
    keys = list(dict.fromkeys((r["problem_id"], r["sample_index"]) for r in [*samples, *rejections]))
    chains: dict[tuple[str, int], list[Step]] = {}
    for key in keys:
        mine = [s for s in samples if (s["problem_id"], s["sample_index"]) == key]
        refused = [r for r in rejections if (r["problem_id"], r["sample_index"]) == key]
        steps: list[Step] = [(s["id"], "accepted") for s in mine if s["parent_id"] is None]
        steps += [(r["sample_id"], f"rejected ({r['reason']})") for r in refused if r["stage"] == "clean"]
        for principle in principles:
            steps += [(s["id"], "accepted") for s in mine if s["lineage"][-1]["principle"] == principle]
            steps += [
                (r["sample_id"], f"rejected ({r['reason']})") for r in refused if r["principle"] == principle
            ]
        chains[key] = steps
    return chains


def shown_chains(text: str) -> dict[tuple[str, int], list[tuple[str, str]]]:
    """``(labels or clean, verdict)`` of each step, per sample, as ``declean trace show`` prints them."""
    chains: dict[tuple[str, int], list[tuple[str, str]]] = {}
    problem, current = "", None
    for line in text.splitlines():
        if line and line[0] not in "│├└ ":
            problem = line.strip()
        elif match := _SAMPLE.match(line):
            current = chains.setdefault((problem, int(match.group(1))), [])
        elif (match := _STEP.match(line)) and current is not None:
            current.append((match.group(1), match.group(2)))
    return chains


def labels_of(sample_id: str) -> str:
    return sample_id.rsplit("/", 1)[-1]


# --- list -----------------------------------------------------------------------------------------


def test_list_shows_runs_newest_first_and_marks_the_crashed_one(runs: NormalRuns) -> None:
    text = ok("list", runs.normal.directory).stdout
    lines = [line for line in text.splitlines() if "Z-" in line]
    assert [trace_runs.CRASHED_RUN_ID in line for line in lines] == [True, False]
    assert trace_runs.NORMAL_RUN_ID in lines[1] and "(no run_end)" not in lines[1]
    assert "(no run_end)" in lines[0]
    listed = as_json("list", runs.normal.directory)
    assert [run["run_id"] for run in listed] == [trace_runs.CRASHED_RUN_ID, trace_runs.NORMAL_RUN_ID]


def test_list_warns_about_the_cut_short_line(runs: NormalRuns) -> None:
    result = ok("list", runs.normal.directory)
    assert "cut short" in result.stderr + result.stdout


def test_list_json_counts_equal_the_run_outputs(runs: NormalRuns) -> None:
    listed = {run["run_id"]: run for run in as_json("list", runs.normal.directory)}
    for run in (runs.normal, runs.crashed):
        info = listed[run.run_id]
        calls = [e for e in run.events() if e["event"] == "model_call"]
        usage = json.loads((run.out / "summary.json").read_text())["usage"]["total"]
        assert info["accepted"] == len(run.samples()) == 12
        assert info["rejected"] == dict(Counter(r["reason"] for r in run.rejections())) == {"unchanged": 3}
        assert info["input_tokens"] == sum(c["input_tokens"] for c in calls) == usage["input_tokens"]
        assert info["output_tokens"] == sum(c["output_tokens"] for c in calls) == usage["output_tokens"]
        assert info["model_calls"] == len(calls) == usage["calls"]
        assert info["problems"] == 3 and info["sessions"] == 1
        assert info["models"] == ["RespondingChatModel"]
    assert listed[runs.normal.run_id]["ended"] is True and listed[runs.normal.run_id]["warnings"] == []
    crashed = listed[runs.crashed.run_id]
    assert crashed["ended"] is False
    [warning] = crashed["warnings"]
    cut = CUT_SHORT.search(warning)
    assert cut is not None and int(cut.group(1)) == runs.crashed.trace.read_text().count("\n") + 1


# --- show -----------------------------------------------------------------------------------------


def test_show_prints_every_step_of_every_sample_in_chain_order(runs: NormalRuns) -> None:
    expected = expected_chains(runs.normal, trace_runs.NORMAL_PRINCIPLES)
    assert len(expected) == 3
    shown = shown_chains(ok("show", runs.normal.run_id, "-d", runs.normal.directory).stdout)
    assert shown == {
        key: [(labels_of(sample_id), verdict) for sample_id, verdict in steps]
        for key, steps in expected.items()
    }
    for steps in shown.values():
        assert steps == [
            ("clean", "accepted"),
            ("DRY", "rejected (unchanged)"),
            ("SRP", "accepted"),
            ("SRP+MC", "accepted"),
            ("SRP+MC+NAME", "accepted"),
        ]


def test_show_json_holds_each_accepted_and_rejected_id_once_in_chain_order(runs: NormalRuns) -> None:
    lineage = as_json("show", runs.normal.run_id, "-d", runs.normal.directory)
    expected = expected_chains(runs.normal, trace_runs.NORMAL_PRINCIPLES)
    chains = {
        (problem["problem_id"], chain["sample_index"]): [
            (
                step["sample_id"],
                "accepted" if step["verdict"] == "accepted" else f"rejected ({step['reason']})",
            )
            for step in chain["steps"]
        ]
        for problem in lineage
        for chain in problem["samples"]
    }
    assert chains == expected
    ids = [
        step["sample_id"] for problem in lineage for chain in problem["samples"] for step in chain["steps"]
    ]
    assert Counter(ids) == Counter(
        [s["id"] for s in runs.normal.samples()] + [r["sample_id"] for r in runs.normal.rejections()]
    )
    assert max(Counter(ids).values()) == 1
    events = {e["seq"]: e for e in runs.normal.events()}
    for problem in lineage:
        for chain in problem["samples"]:
            for step in chain["steps"]:
                decided = events[step["last_seq"]]
                if decided["event"] == "sample_accepted":
                    assert decided["sample"]["id"] == step["sample_id"]
                else:
                    assert decided["rejection"]["sample_id"] == step["sample_id"]


def test_show_filters_by_problem_and_sample(runs: NormalRuns) -> None:
    first, second = (
        problem["problem_id"]
        for problem in as_json("show", runs.normal.run_id, "-d", runs.normal.directory)[:2]
    )
    args = ("show", runs.normal.run_id, "-d", runs.normal.directory)
    text = ok(*args, "--problem", first, "--sample", "0").stdout
    assert text.splitlines()[0] == first and second not in text
    assert list(shown_chains(text)) == [(first, 0)]
    [only] = as_json(*args, "--problem", first, "--sample", "0")
    assert only["problem_id"] == first and [chain["sample_index"] for chain in only["samples"]] == [0]
    assert as_json(*args, "--sample", f"{first}/s0") == [only]
    assert as_json(*args, "--sample", f"{first}/s0/SRP+MC") == [only]


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--problem", "no_such_problem"], "no problem 'no_such_problem'"),
        (["--sample", "7"], "no sample '7'"),
    ],
)
def test_show_of_something_not_in_the_run_exits_2(runs: NormalRuns, flags: list[str], message: str) -> None:
    result = trace("show", runs.normal.run_id, "-d", runs.normal.directory, *flags)
    assert result.exit_code == 2
    assert message in flat(result.stderr) and result.stdout == ""


def test_show_of_an_unknown_run_exits_2(runs: NormalRuns) -> None:
    result = trace("show", "no-such-run", "-d", runs.normal.directory)
    assert result.exit_code == 2 and "no run 'no-such-run'" in flat(result.stderr)


# --- every rejection reason: show and stats -------------------------------------------------------


def test_every_reason_run_shows_nine_reasons_and_its_companion_the_other_seven(reasons: ReasonRuns) -> None:
    shown: set[str] = set()
    for run, count in ((reasons.llm, 9), (reasons.strict, 7)):
        text = ok("show", run.run_id, "-d", run.directory).stdout
        found = set(re.findall(r"rejected \((\w+)\)", text))
        assert found == {r["reason"] for r in run.rejections()} and len(found) == count
        assert shown_chains(text) == {
            key: [(labels_of(sample_id), verdict) for sample_id, verdict in steps]
            for key, steps in expected_chains(run, [*trace_runs.EVERY_REASON_PRINCIPLES, "BROKEN"]).items()
        }
        stats_text = flat(ok("stats", run.run_id, "-d", run.directory).stdout)
        assert all(f"{reason} 1" in stats_text.split("rejections:")[1] for reason in found)
        shown |= found
    assert shown == ALL_REASONS


def test_show_prints_the_detail_of_each_rejection(reasons: ReasonRuns) -> None:
    text = flat(ok("show", reasons.llm.run_id, "-d", reasons.llm.directory).stdout)
    assert "no DRY transform applies: no helper is called two or more times" in text
    assert "HTTP 400 from the server" in text
    assert "also violates MC" in text
    assert "after 2 fix attempts" in text
    lineage = as_json("show", reasons.llm.run_id, "-d", reasons.llm.directory, "--problem", "broken")
    [step] = lineage[0]["samples"][0]["steps"]
    assert (step["reason"], step["fix_attempts"]) == ("fixes_exhausted", 2)
    [fixed] = as_json("show", reasons.llm.run_id, "-d", reasons.llm.directory, "--problem", "fixed")
    assert [s["fix_attempts"] for s in fixed["samples"][0]["steps"]] == [1, 0, 0]


def test_stats_json_agrees_with_the_trace_and_the_outputs(reasons: ReasonRuns) -> None:
    run = reasons.llm
    stats = as_json("stats", run.run_id, "-d", run.directory)
    events = run.events()
    node_ends = Counter(e["node"] for e in events if e["event"] == "node_end")
    assert {"compile_and_run", "generate", "declean", "judge", "fix"} <= set(stats["node_latency"])
    assert {node: p["count"] for node, p in stats["node_latency"].items()} == dict(node_ends)
    for p in stats["node_latency"].values():
        assert 0 <= p["p50"] <= p["p90"] <= p["p99"] <= p["max"] <= p["total"]
    tools = Counter(e["tool"] for e in events if e["event"] == "tool_call")
    assert {tool: p["count"] for tool, p in stats["tool_latency"].items()} == dict(tools) != {}
    calls = [e for e in events if e["event"] == "model_call"]
    expected_tokens: dict[str, dict[str, int]] = {}
    for call in calls:
        count = expected_tokens.setdefault(
            call["role"],
            {"calls": 0, "cached_calls": 0, "failed_calls": 0, "input_tokens": 0, "output_tokens": 0},
        )
        count["calls"] += 1
        count["cached_calls"] += call["cached"]
        count["failed_calls"] += call["error"] is not None
        count["input_tokens"] += call["input_tokens"] or 0
        count["output_tokens"] += call["output_tokens"] or 0
    assert stats["tokens_per_role"] == expected_tokens
    assert set(expected_tokens) == {"generator", "fixer", "declean", "judge"}
    assert expected_tokens["declean"]["failed_calls"] == 1
    assert {role: p["count"] for role, p in stats["role_latency"].items()} == Counter(
        c["role"] for c in calls
    )
    samples, rejections = run.samples(), run.rejections()
    stages = ["clean", *trace_runs.EVERY_REASON_PRINCIPLES]
    expected_yield = {
        stage: {
            "accepted": sum((s["lineage"][-1]["principle"] or "clean") == stage for s in samples),
            "rejected": sum((r["principle"] or "clean") == stage for r in rejections),
        }
        for stage in stages
    }
    assert stats["yield_per_principle"] == expected_yield
    assert stats["rejection_reasons"] == dict(Counter(r["reason"] for r in rejections))
    assert sum(stats["fix_attempts"].values()) == len(samples) + len(rejections)
    assert stats["fix_attempts"] == {"0": len(samples) + len(rejections) - 2, "1": 1, "2": 1}


def test_stats_text_prints_every_table(reasons: ReasonRuns) -> None:
    text = flat(ok("stats", reasons.llm.run_id, "-d", reasons.llm.directory).stdout)
    for title in (
        "latency per node",
        "model latency per role",
        "sandbox latency per tool",
        "yield per principle",
    ):
        assert title in text
    assert "tokens per role" in text and "fix attempts per version: 0:" in text
    stats = as_json("stats", reasons.llm.run_id, "-d", reasons.llm.directory)
    for stage, counts in stats["yield_per_principle"].items():
        rate = round(100 * counts["accepted"] / (counts["accepted"] + counts["rejected"]))
        assert f"{stage} {counts['accepted']} {counts['rejected']} {rate}%" in text


# --- event ----------------------------------------------------------------------------------------


def seq_of(run: Run, problem: str, event: str, **fields: Any) -> dict[str, Any]:
    """The first event of ``problem`` of that type whose fields match."""
    return next(
        e
        for e in run.events()
        if e["event"] == event
        and e["problem_id"] == problem
        and all(e.get(k) == v for k, v in fields.items())
    )


def test_event_of_a_model_call_shows_its_messages_and_reply(reasons: ReasonRuns) -> None:
    run = reasons.llm
    call = seq_of(run, "judged-different", "model_call", role="judge")
    raw = ok("event", run.run_id, str(call["seq"]), "-d", run.directory).stdout
    text = flat(raw)
    assert f"#{call['seq']} model_call judged-different/s0" in text
    assert "judge via ScriptedChatModel in node judge" in text
    assert [line.split()[1] for line in raw.splitlines() if line.startswith("╭─ ")] == [
        *(message["role"] for message in call["messages"]),
        "reply",
    ]
    for message in call["messages"]:
        assert flat(message["content"]) in text
    assert "reply VERDICT: DIFFERENT Every number is one too large." in text


def test_event_of_a_failed_model_call_shows_its_error(reasons: ReasonRuns) -> None:
    run = reasons.llm
    call = seq_of(run, "failing", "model_call", role="declean")
    assert call["reply"] is None
    raw = ok("event", run.run_id, str(call["seq"]), "-d", run.directory).stdout
    assert "error: failed after 1 attempt(s): ScriptedFailureError: HTTP 400 from the server" in flat(raw)
    assert "╭─ reply" not in raw and "╭─ human" in raw


def test_event_of_a_failed_compile_puts_each_diagnostic_under_its_numbered_line(reasons: ReasonRuns) -> None:
    run = reasons.llm
    call = next(
        e
        for e in run.events()
        if e["event"] == "tool_call" and e["tool"] == "compile" and e["problem_id"] == "broken"
    )
    diagnostics = call["result"]["diagnostics"]
    assert call["result"]["exit_code"] != 0
    assert diagnostics and diagnostics[0]["line"] == 27 and "expected '='" in diagnostics[0]["message"]
    lines = ok("event", run.run_id, str(call["seq"]), "-d", run.directory).stdout.splitlines()
    assert f"failed ({len(diagnostics)} diagnostics)" in lines[1]
    source = call["inputs"]["code"].splitlines()
    width = len(str(len(source)))
    numbered = [line for line in lines if re.match(r"^ *\d+ [|>] ", line)]
    assert len(numbered) == len(source)
    for number, (line, code) in enumerate(zip(numbered, source, strict=True), start=1):
        marked = any(d["line"] == number for d in diagnostics)
        assert line.rstrip() == f"{number:>{width}} {'>' if marked else '|'} {code}".rstrip()
    at = lines.index(next(line for line in lines if line.startswith(f"{27:>{width}} > ")))
    under = [d for d in diagnostics if d["line"] == 27]
    for offset, diagnostic in enumerate(under, start=1):
        shown = lines[at + offset]
        assert shown.strip() == f"^ {diagnostic['severity']}: {diagnostic['message']}"
        assert shown.index("^") == width + 3 + diagnostic["column"] - 1


def test_event_of_a_successful_compile_says_compiled(reasons: ReasonRuns) -> None:
    run = reasons.llm
    call = [e for e in run.events() if e["event"] == "tool_call" and e["tool"] == "compile"][-1]
    assert call["result"]["exit_code"] == 0 and call["result"]["program"] is not None
    assert "code" not in call["inputs"], "a program that compiled is named by its hash"
    carried = [e["sample"]["code"] for e in run.events() if e["event"] == "sample_accepted"]
    carried += [e["rejection"]["code"] for e in run.events() if e["event"] == "sample_rejected"]
    [source] = {
        code
        for code in carried
        if code and sha256(code.encode()).hexdigest()[:16] == call["inputs"]["code_sha256"]
    }
    text = ok("event", run.run_id, str(call["seq"]), "-d", run.directory).stdout
    assert "compile on local: compiled" in text.splitlines()[1]
    numbered = [line for line in text.splitlines() if re.match(r"^ *\d+ [|>] ", line)]
    assert len(numbered) == len(source.splitlines()) == call["inputs"]["lines"] - source.endswith("\n")


def test_event_of_a_run_shows_the_output_beside_the_reference(reasons: ReasonRuns) -> None:
    run = reasons.llm
    wrong = [
        e
        for e in run.events()
        if e["event"] == "tool_call" and e["tool"] == "run" and e["problem_id"] == "judged-different"
    ][-1]
    assert wrong["result"]["stdout"].startswith("first: 2 3 4 5")
    text = ok("event", run.run_id, str(wrong["seq"]), "-d", run.directory).stdout
    assert "output" in text and "reference (clean version)" in text
    rows = [flat(line) for line in text.splitlines() if "│" in line and "first:" in line]
    assert rows == ["1 first: 2 3 4 5 first: 1 2 3 4"]
    assert "3 sum: 12 23 34 45 sum: 11 22 33 44" in flat(text)


def test_event_of_an_unknown_seq_exits_2(reasons: ReasonRuns) -> None:
    count = len(reasons.llm.events())
    result = trace("event", reasons.llm.run_id, str(count + 5), "-d", reasons.llm.directory)
    assert result.exit_code == 2 and f"no event {count + 5} in this run (0..{count - 1})" in flat(
        result.stderr
    )


def test_event_json_is_the_event_as_written(reasons: ReasonRuns) -> None:
    run = reasons.llm
    for event in (
        seq_of(run, "broken", "tool_call", tool="compile"),
        seq_of(run, "judged-unsure", "model_call", role="judge"),
        seq_of(run, "stats", "sample_rejected"),
    ):
        assert as_json("event", run.run_id, str(event["seq"]), "-d", run.directory) == [event]


# --- diff -----------------------------------------------------------------------------------------


def chain_ids(samples: list[dict[str, Any]], last: str) -> list[str]:
    by_id = {sample["id"]: sample for sample in samples}
    ids: list[str] = []
    current: str | None = last
    while current is not None:
        ids.append(current)
        current = by_id[current]["parent_id"]
    return list(reversed(ids))


def assert_diff_lines(diff: dict[str, Any]) -> None:
    lines = diff["diff"].splitlines()
    assert lines[:2] == [f"--- {diff['before']}", f"+++ {diff['after']}"]
    assert any(line.startswith("+") and not line.startswith("+++") for line in lines)
    assert any(line.startswith("-") and not line.startswith("---") for line in lines)
    assert any(line.startswith("@@") for line in lines)


def test_diff_of_an_accepted_chain_has_one_diff_per_step(runs: NormalRuns) -> None:
    run = runs.normal
    samples = run.samples()
    last = next(s["id"] for s in samples if s["labels"] == ["SRP", "MC", "NAME"])
    ids = chain_ids(samples, last)
    assert [labels_of(i) for i in ids] == ["clean", "SRP", "SRP+MC", "SRP+MC+NAME"]
    diffs = as_json("diff", run.run_id, last, "-d", run.directory)
    assert [(d["before"], d["after"], d["principle"]) for d in diffs] == [
        (ids[0], ids[1], "SRP"),
        (ids[1], ids[2], "MC"),
        (ids[2], ids[3], "NAME"),
    ]
    for diff in diffs:
        assert_diff_lines(diff)
    text = ok("diff", run.run_id, last, "-d", run.directory).stdout
    headers = [line for line in text.splitlines() if " -> " in line]
    assert headers == [f"{d['before']} -> {d['after']} ({d['principle']})" for d in diffs]
    assert text.count("\n+++ ") + text.startswith("+++ ") == 3


def test_diff_of_a_rejected_version_ends_with_its_code(reasons: ReasonRuns, runs: NormalRuns) -> None:
    run = reasons.llm
    [rejection] = [r for r in run.rejections() if r["reason"] == "collateral"]
    diffs = as_json("diff", run.run_id, rejection["sample_id"], "-d", run.directory)
    assert [(d["before"], d["after"], d["principle"]) for d in diffs] == [
        ("inlined/s0/clean", "inlined/s0/DRY", "DRY"),
        ("inlined/s0/DRY", "inlined/s0/DRY+NAME", "NAME"),
    ]
    assert_diff_lines(diffs[-1])
    added = "".join(line[1:] + "\n" for line in diffs[-1]["diff"].splitlines()[2:] if line.startswith("+"))
    assert all(line in rejection["code"] for line in added.splitlines())
    # The normal run's DRY rewrite echoed the clean code: the diff exists and is empty.
    echoed = runs.normal.rejections()[0]["sample_id"]
    [diff] = as_json("diff", runs.normal.run_id, echoed, "-d", runs.normal.directory)
    assert (labels_of(diff["before"]), labels_of(diff["after"]), diff["diff"]) == ("clean", "DRY", "")


def test_diff_of_an_unknown_id_exits_2(runs: NormalRuns) -> None:
    result = trace("diff", runs.normal.run_id, "nothing/s0/DRY", "-d", runs.normal.directory)
    assert result.exit_code == 2 and "no sample 'nothing/s0/DRY'" in flat(result.stderr)


# --- a crashed trace ------------------------------------------------------------------------------


def test_every_command_reads_a_crashed_trace_and_warns(runs: NormalRuns) -> None:
    run = runs.crashed
    line = run.trace.read_text().count("\n") + 1
    events = run.events()
    assert events[-1]["event"] != "run_end"
    last = next(s["id"] for s in run.samples() if len(s["labels"]) == 3)
    for args in (
        ("show", run.run_id),
        ("show", run.run_id, "--json"),
        ("stats", run.run_id),
        ("stats", run.run_id, "--json"),
        ("event", run.run_id, str(events[-1]["seq"])),
        ("event", run.run_id, "0", "--json"),
        ("diff", run.run_id, last),
        ("diff", run.run_id, last, "--json"),
    ):
        result = ok(*args, "-d", run.directory)
        assert f"line {line} is cut short" in flat(result.stderr), args
        assert "cut short" not in result.stdout
    assert len(as_json("show", run.run_id, "-d", run.directory)) == 3


# --- a large trace --------------------------------------------------------------------------------


def test_large_trace_lists_shows_and_counts_a_thousand_samples(large: Path) -> None:
    directory = str(large.parent)
    [info] = as_json("list", directory)
    assert (info["accepted"], info["ended"], info["warnings"]) == (1000, True, [])
    assert " 1000 " in flat(ok("list", directory).stdout)
    lineage = as_json("show", large.stem, "-d", directory)
    steps = [step for problem in lineage for chain in problem["samples"] for step in chain["steps"]]
    assert sum(step["verdict"] == "accepted" for step in steps) == 1000
    assert len({step["sample_id"] for step in steps}) == len(steps)
    assert len(lineage) == info["problems"]
    assert ok("show", large.stem, "-d", directory).stdout.count("sample 0") == len(lineage)
    stats = as_json("stats", large.stem, "-d", directory)
    assert sum(counts["accepted"] for counts in stats["yield_per_principle"].values()) == 1000
    assert "yield per principle" in ok("stats", large.stem, "-d", directory).stdout
    seqs = [event["seq"] for event in events_of(large)]
    assert seqs == list(range(len(seqs)))


# --- a resumed run --------------------------------------------------------------------------------


def test_resumed_run_lists_two_sessions_and_keeps_seq_unique(resumed: Run) -> None:
    events = resumed.events()
    assert [e["seq"] for e in events] == list(range(len(events)))
    starts = [e for e in events if e["event"] == "run_start"]
    assert [s["settings"]["resumed"] for s in starts] == [False, True]
    assert any(e["event"] == "error" for e in events)
    [info] = as_json("list", resumed.directory)
    assert (info["sessions"], info["ended"], info["accepted"]) == (2, True, len(resumed.samples()))
    assert "(2 sessions)" in flat(ok("list", resumed.directory).stdout)
    lineage = as_json("show", resumed.run_id, "-d", resumed.directory)
    crashed = [problem for problem in lineage if problem["errors"]]
    assert len(crashed) == 1 and "sandbox lost its connection" in crashed[0]["errors"][0]
    assert [step["sample_id"] for step in crashed[0]["samples"][0]["steps"]] == [
        s["id"] for s in resumed.samples() if s["problem_id"] == crashed[0]["problem_id"]
    ]
    assert "crashed: RuntimeError: sandbox lost its connection" in flat(
        ok("show", resumed.run_id, "-d", resumed.directory).stdout
    )
