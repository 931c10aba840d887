"""Every route of the graph, with the scripted model, the real sandbox and the real gcc."""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import json
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from declean import Context, Problem, build_graph
from declean.graphs.fix_policy import FailureStage
from declean.graphs.pipeline import run_samples
from declean.problems import load_problems
from declean.samples import PRINCIPLES, Rejection, Sample
from declean.sandbox.local import LocalSandbox
from declean.sandbox.results import CompiledProgram, CompileResult, RunResult
from declean.testing import (
    DECLEAN,
    FIXER,
    GENERATOR,
    JUDGE,
    InFlight,
    RespondingChatModel,
    SandboxWrapper,
    ScriptedChatModel,
    ScriptedFailureError,
    fenced,
)
from tests import programs
from tests.corpus_run import respond, write_problems
from tests.trace_runs import VOLATILE, without_keys

SNAPSHOT = Path(__file__).parent / "snapshots" / "graph.mmd"
MODEL_ONLY = dict.fromkeys(PRINCIPLES, "llm")
"""These tests script the de-clean model's rewrites, so no procedural transform may pre-empt it."""


@pytest.fixture
def run_graph(local_sandbox: LocalSandbox, tmp_path: Path) -> Callable[..., dict[str, Any]]:
    def run(problem: Problem, model: ScriptedChatModel, **settings: Any) -> dict[str, Any]:
        settings.setdefault("strategies", MODEL_ONLY)
        settings.setdefault("label_plan", "chain")  # the scripts answer the principles in chain order
        context = Context(llm=model, sandbox=local_sandbox, trace_dir=tmp_path, run_id="test", **settings)
        result: dict[str, Any] = asyncio.run(build_graph().ainvoke({"problem": problem}, context=context))
        context.trace.close()
        return result

    return run


def vectors(**fields: Any) -> Problem:
    return Problem(id="vectors", statement=programs.VECTORS_STATEMENT, **fields)


def labels_of(samples: list[Sample]) -> list[list[str]]:
    return [list(sample.labels) for sample in samples]


def reasons_of(rejections: list[Rejection]) -> list[tuple[str | None, str]]:
    return [(rejection.principle, rejection.reason) for rejection in rejections]


def test_full_chain_accumulates_labels(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    """[] -> [DRY] -> [DRY, SRP] -> [DRY, SRP, MC] -> [DRY, SRP, MC, NAME], each from the previous code."""
    model = scripted(
        [
            (GENERATOR, fenced(programs.CLEAN)),
            (DECLEAN["DRY"], fenced(programs.DRY)),
            (DECLEAN["SRP"], f"```C\n{programs.DRY_SRP}```"),
            (DECLEAN["MC"], programs.DRY_SRP_MC),
            (DECLEAN["NAME"], fenced(programs.DRY_SRP_MC_NAME, before="Sure! Renamed everything.")),
        ]
    )
    out = run_graph(vectors(), model)
    samples: list[Sample] = out["samples"]
    assert labels_of(samples) == [
        [],
        ["DRY"],
        ["DRY", "SRP"],
        ["DRY", "SRP", "MC"],
        ["DRY", "SRP", "MC", "NAME"],
    ]
    assert out["rejections"] == []
    assert [s.parent_id for s in samples] == [None, *[s.id for s in samples[:-1]]]
    assert samples[0].id == "vectors/s0/clean" and samples[-1].id == "vectors/s0/DRY+SRP+MC+NAME"
    assert all(s.outputs == [programs.VECTORS_OUTPUT] for s in samples)
    assert samples[3].code.strip() == programs.DRY_SRP_MC.strip()
    assert [step.verdict for step in samples[-1].lineage] == [None, "exact", "exact", "exact", "exact"]
    assert set(samples[-1].prompt_hashes) == {
        "generator",
        "declean_dry",
        "declean_srp",
        "declean_mc",
        "declean_name",
    }
    # Each rewrite was asked of the code accepted just before it.
    assert programs.DRY.strip() in model.prompts_with(DECLEAN["SRP"])[0]
    assert programs.DRY_SRP_MC.strip() in model.prompts_with(DECLEAN["NAME"])[0]
    assert model.call_kwargs[0]["temperature"] == 0.0, (
        "a problem's first sample is the generator's best guess"
    )


def test_compile_error_goes_to_fixer_with_diagnostics(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    model = scripted([(GENERATOR, fenced(programs.COMPILE_ERROR)), (FIXER, fenced(programs.CLEAN))])
    out = run_graph(vectors(), model, principles=[])
    assert labels_of(out["samples"]) == [[]]
    assert out["samples"][0].fix_attempts == 1
    assert out["samples"][0].lineage[0].fix_attempts == 1
    fixer_prompt = model.prompts_with(FIXER)[0]
    assert "line 27" in fixer_prompt and "expected '='" in fixer_prompt
    assert "int sum[VECTOR_LENGTH]\n" in fixer_prompt
    assert set(out["samples"][0].prompt_hashes) == {"generator", "fixer"}


def test_fixes_exhausted_abandons_the_sample(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    model = scripted(
        [
            (GENERATOR, fenced(programs.COMPILE_ERROR)),
            (FIXER, fenced(programs.COMPILE_ERROR)),
            (FIXER, fenced(programs.COMPILE_ERROR)),
        ]
    )
    out = run_graph(vectors(), model, max_fix_attempts=2, fix_policy="budget")
    assert out["samples"] == []
    [rejection] = out["rejections"]
    assert (rejection.stage, rejection.reason) == ("clean", "fixes_exhausted")
    assert "after 2 fix attempts" in rejection.detail and "line 27" in rejection.detail
    assert rejection.code is not None and "int sum[VECTOR_LENGTH]\n" in rejection.code


def test_a_fix_that_gets_nowhere_is_not_asked_again(scripted, run_graph, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Under the default ``progress`` policy the fixer's second call is made only if its first got the
    candidate closer; the same compile error again ends the sample with two of three attempts unspent."""
    model = scripted([(GENERATOR, fenced(programs.COMPILE_ERROR)), (FIXER, fenced(programs.COMPILE_ERROR))])
    out = run_graph(vectors(), model, max_fix_attempts=3)
    [rejection] = out["rejections"]
    assert (rejection.stage, rejection.reason) == ("clean", "fixes_exhausted")
    assert "fix attempt 1 made no progress" in rejection.detail
    assert "2 attempt(s) left unspent" in rejection.detail and "line 27" in rejection.detail


def test_a_run_stops_asking_the_fixer_about_failures_it_never_gets_closer_on(
    scripted, local_sandbox, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """One run (one context), four problems whose program does not compile: the fixer returns the same
    error for the first three; the fourth is not sent to it. A program that crashes (another check) still
    is, and the fixer's success there keeps that check open."""
    broken = [(GENERATOR, fenced(programs.COMPILE_ERROR)), (FIXER, fenced(programs.COMPILE_ERROR))]
    model = scripted(
        [
            *broken,
            *broken,
            *broken,
            (GENERATOR, fenced(programs.COMPILE_ERROR)),
            (GENERATOR, fenced(programs.CRASHES)),
            (FIXER, fenced(programs.CLEAN)),
        ]
    )
    context = Context(llm=model, sandbox=local_sandbox, principles=[], trace_dir=tmp_path, max_fix_attempts=3)
    graph = build_graph()

    def problem(ident: str) -> Problem:
        return Problem(id=ident, statement=programs.VECTORS_STATEMENT)

    outs = [
        asyncio.run(graph.ainvoke({"problem": problem(f"p{index}")}, context=context)) for index in range(5)
    ]
    details = [out["rejections"][0].detail for out in outs[:4]]
    assert all("fix attempt 1 made no progress" in detail for detail in details[:3])
    assert "3 of 3 fixer calls on compile check failures got nowhere in this run" in details[3]
    assert "(after 0 fix attempts" not in details[3] and len(model.prompts_with(FIXER)) == 4
    assert labels_of(outs[4]["samples"]) == [[]] and outs[4]["samples"][0].fix_attempts == 1
    assert context.fix_ledger.pays(FailureStage.RUN) and not context.fix_ledger.pays(FailureStage.COMPILE)


def test_a_fix_that_gets_closer_is_given_its_next_attempt(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    """From a compile error to a crash is progress (it compiles now), so the fixer is asked again."""
    model = scripted(
        [
            (GENERATOR, fenced(programs.COMPILE_ERROR)),
            (FIXER, fenced(programs.CRASHES)),
            (FIXER, fenced(programs.CLEAN)),
        ]
    )
    out = run_graph(vectors(), model, principles=[], max_fix_attempts=3)
    assert labels_of(out["samples"]) == [[]] and out["samples"][0].fix_attempts == 2
    assert "killed by signal SIGSEGV" in model.prompts_with(FIXER)[1]


def test_runtime_crash_goes_to_fixer(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    model = scripted([(GENERATOR, fenced(programs.CRASHES)), (FIXER, fenced(programs.CLEAN))])
    out = run_graph(vectors(), model, principles=[])
    assert labels_of(out["samples"]) == [[]]
    assert "killed by signal SIGSEGV" in model.prompts_with(FIXER)[0]


def test_judge_fast_path_needs_no_model(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    """Output equal up to whitespace: accepted without any judge call, even under the llm policy."""
    model = scripted(
        [(GENERATOR, fenced(programs.CLEAN)), (DECLEAN["DRY"], fenced(programs.DRY_WIDER_SPACING))]
    )
    out = run_graph(vectors(), model, principles=["DRY"], judge_policy="llm")
    assert labels_of(out["samples"]) == [[], ["DRY"]]
    assert out["samples"][1].lineage[-1].verdict == "whitespace"
    assert model.prompts_with(JUDGE) == []


def test_strict_policy_rejects_different_output_without_model(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    model = scripted([(GENERATOR, fenced(programs.CLEAN)), (DECLEAN["DRY"], fenced(programs.WRONG_OUTPUT))])
    out = run_graph(vectors(), model, principles=["DRY"], judge_policy="strict")
    assert labels_of(out["samples"]) == [[]]
    [rejection] = out["rejections"]
    assert (rejection.principle, rejection.reason) == ("DRY", "output_mismatch")
    assert "sum: 12 23 34 45" in rejection.detail
    assert rejection.sample_id == "vectors/s0/DRY"


@pytest.mark.parametrize(
    ("reply", "accepted", "reason"),
    [
        ("VERDICT: EQUIVALENT\nSame values.", True, None),
        ("VERDICT: DIFFERENT\nThe sums are off by one.", False, "judge_rejected"),
        ("I think they look similar enough.", False, "judge_unparseable"),
    ],
)
def test_llm_policy_follows_the_parsed_verdict(scripted, run_graph, reply, accepted, reason) -> None:  # type: ignore[no-untyped-def]
    model = scripted(
        [
            (GENERATOR, fenced(programs.CLEAN)),
            (DECLEAN["DRY"], fenced(programs.WRONG_OUTPUT)),
            (JUDGE, reply),
        ]
    )
    # The "equivalent" verdict is wrong on purpose here; only the judge's routing is under test.
    out = run_graph(vectors(), model, principles=["DRY"], judge_policy="llm", verify_labels=False)
    judge_prompt = model.prompts_with(JUDGE)[0]
    assert "sum: 11 22 33 44" in judge_prompt and "sum: 12 23 34 45" in judge_prompt
    if accepted:
        assert labels_of(out["samples"]) == [[], ["DRY"]]
        assert out["samples"][1].lineage[-1].verdict == "llm"
    else:
        assert reasons_of(out["rejections"]) == [("DRY", reason)]
    if reason == "judge_unparseable":
        assert out["rejections"][0].raw_reply == reply


def test_unchanged_rewrite_is_rejected(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    """An echo of the input (reformatted only) is never accepted as a violation."""
    echoed = programs.CLEAN.replace("    ", "\t")
    model = scripted([(GENERATOR, fenced(programs.CLEAN)), (DECLEAN["NAME"], fenced(echoed))])
    out = run_graph(vectors(), model, principles=["NAME"])
    assert labels_of(out["samples"]) == [[]]
    assert reasons_of(out["rejections"]) == [("NAME", "unchanged")]


def test_rejection_continues_from_last_accepted_code(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    model = scripted(
        [
            (GENERATOR, fenced(programs.CLEAN)),
            (DECLEAN["DRY"], fenced(programs.CLEAN)),
            (DECLEAN["SRP"], fenced(programs.SRP_FROM_CLEAN)),
        ]
    )
    out = run_graph(vectors(), model, principles=["DRY", "SRP"], verify_labels=False)
    assert labels_of(out["samples"]) == [[], ["SRP"]]
    assert out["samples"][1].parent_id == "vectors/s0/clean"
    assert programs.CLEAN.strip() in model.prompts_with(DECLEAN["SRP"])[0]
    assert reasons_of(out["rejections"]) == [("DRY", "unchanged")]


def test_stop_policy_ends_the_chain_at_first_rejection(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    model = scripted([(GENERATOR, fenced(programs.CLEAN)), (DECLEAN["DRY"], fenced(programs.WRONG_OUTPUT))])
    out = run_graph(vectors(), model, principles=["DRY", "SRP"], on_rejection="stop")
    assert labels_of(out["samples"]) == [[]]
    assert reasons_of(out["rejections"]) == [("DRY", "output_mismatch")]


def test_rewrite_that_fails_to_compile_is_fixed_then_judged(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    broken = programs.DRY.replace('printf("sum:");', 'printf("sum:")')
    model = scripted(
        [
            (GENERATOR, fenced(programs.CLEAN)),
            (DECLEAN["DRY"], fenced(broken)),
            (FIXER, fenced(programs.DRY)),
        ]
    )
    out = run_graph(vectors(), model, principles=["DRY"])
    assert labels_of(out["samples"]) == [[], ["DRY"]]
    assert out["samples"][1].fix_attempts == 1
    assert set(out["samples"][1].prompt_hashes) == {"generator", "declean_dry", "fixer"}


def test_several_stdin_cases_make_the_reference(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    problem = Problem(id="stats", statement=programs.STATS_STATEMENT, stdin=programs.STATS_STDIN)
    model = scripted([(GENERATOR, fenced(programs.STATS)), (DECLEAN["NAME"], fenced(programs.STATS_NAME))])
    out = run_graph(problem, model, principles=["NAME"])
    clean, named = out["samples"]
    assert clean.outputs == programs.STATS_OUTPUTS == named.outputs
    assert clean.stdin == programs.STATS_STDIN
    assert named.labels == ["NAME"]


class FirstCaseSlowest(SandboxWrapper):
    """Runs the first stdin case last: it waits until every other case has started (or a second passed),
    so the cases of one program finish out of their order when they run together."""

    def __init__(self, inner: LocalSandbox, first: str) -> None:
        super().__init__(inner)
        self.first, self.flight = first, InFlight()
        self.others_started = threading.Semaphore(0)

    def run(self, program: CompiledProgram, stdin: str = "") -> RunResult:
        with self.flight:
            if stdin == self.first:
                for _ in range(2):
                    self.others_started.acquire(timeout=1.0)
            else:
                self.others_started.release()
            return super().run(program, stdin)


def test_the_stdin_cases_run_together_and_are_traced_in_their_order(
    scripted: Callable[[list[tuple[str, str]]], ScriptedChatModel],
    tmp_path: Path,
    local_sandbox: LocalSandbox,
) -> None:
    problem = Problem(id="stats", statement=programs.STATS_STATEMENT, stdin=programs.STATS_STDIN)
    sandbox = FirstCaseSlowest(local_sandbox, first=programs.STATS_STDIN[0])
    context = Context(
        llm=scripted([(GENERATOR, fenced(programs.STATS))]),
        sandbox=sandbox,
        concurrency=3,
        principles=["NAME"],
        strategies={"NAME": "procedural"},
        trace_dir=tmp_path,
        run_id="cases",
    )
    out = asyncio.run(build_graph().ainvoke({"problem": problem}, context=context))
    context.trace.close()
    assert out["samples"][0].outputs == programs.STATS_OUTPUTS
    assert sandbox.flight.peak == 3
    events = [json.loads(line) for line in (tmp_path / "cases.jsonl").read_text().splitlines()]
    runs = [
        event["inputs"]["stdin"]
        for event in events
        if event["event"] == "tool_call" and event["tool"] == "run"
    ]
    assert runs[:3] == programs.STATS_STDIN
    [sanitize] = [event for event in events if event["event"] == "tool_call" and event["tool"] == "sanitize"]
    assert [run["stdout"] for run in sanitize["result"]["runs"]] == programs.STATS_OUTPUTS


def test_given_solution_skips_generation(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    model = scripted(
        [(DECLEAN["MC"], fenced(programs.CLEAN.replace("VECTOR_LENGTH", "4").replace("#define 4 4\n", "")))]
    )
    out = run_graph(vectors(solution=programs.CLEAN), model, principles=["MC"], samples_per_problem=3)
    assert labels_of(out["samples"]) == [[], ["MC"]]
    assert out["samples"][0].lineage[0].made_by == "given"
    assert out["samples"][0].prompt_hashes == {}
    assert model.prompts_with(GENERATOR) == []


def test_samples_fan_out_per_problem(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    model = scripted([(GENERATOR, fenced(programs.CLEAN)), (GENERATOR, fenced(programs.CLEAN))])
    out = run_graph(vectors(), model, principles=[], samples_per_problem=2)
    assert sorted(s.id for s in out["samples"]) == ["vectors/s0/clean", "vectors/s1/clean"]
    assert sorted(kwargs["temperature"] for kwargs in model.call_kwargs) == [0.0, 0.8]


def test_a_set_temperature_holds_for_every_sample(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    model = scripted([(GENERATOR, fenced(programs.CLEAN)), (GENERATOR, fenced(programs.CLEAN))])
    run_graph(vectors(), model, principles=[], samples_per_problem=2, temperature=0.5)
    assert [kwargs["temperature"] for kwargs in model.call_kwargs] == [0.5, 0.5]


def test_garbage_generator_reply_is_recorded_with_raw_text(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    model = scripted([(GENERATOR, "I'm sorry, I can't help with that.")])
    out = run_graph(vectors(), model)
    [rejection] = out["rejections"]
    assert (rejection.stage, rejection.reason) == ("clean", "unparseable_reply")
    assert rejection.raw_reply == "I'm sorry, I can't help with that."


def test_model_error_is_recorded_and_the_run_goes_on(scripted, run_graph) -> None:  # type: ignore[no-untyped-def]
    model = scripted(
        [
            (GENERATOR, fenced(programs.CLEAN)),
            (DECLEAN["DRY"], ScriptedFailureError("HTTP 500 from the server")),
            (DECLEAN["SRP"], fenced(programs.SRP_FROM_CLEAN)),
        ]
    )
    out = run_graph(vectors(), model, principles=["DRY", "SRP"], verify_labels=False)
    assert labels_of(out["samples"]) == [[], ["SRP"]]
    [rejection] = out["rejections"]
    assert rejection.reason == "model_error" and "HTTP 500" in rejection.detail


def test_per_role_models_are_used(local_sandbox: LocalSandbox, tmp_path: Path, scripted) -> None:  # type: ignore[no-untyped-def]
    shared = scripted([(GENERATOR, fenced(programs.CLEAN))])
    rewriter = scripted([(DECLEAN["DRY"], fenced(programs.DRY))])
    context = Context(
        llm=shared,
        llms={"declean": rewriter},
        strategies=MODEL_ONLY,
        sandbox=local_sandbox,
        trace_dir=tmp_path,
        principles=["DRY"],
    )
    out = asyncio.run(build_graph().ainvoke({"problem": vectors()}, context=context))
    assert labels_of(out["samples"]) == [[], ["DRY"]]


def test_trace_records_every_step_and_no_secret(scripted, run_graph, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    secret = "sk-test-0123456789abcdefSECRET"
    monkeypatch.setenv("DECLEAN_API_KEY", secret)
    model = scripted(
        [
            (GENERATOR, fenced(programs.CLEAN, after=f"My key is {secret}")),
            (DECLEAN["DRY"], fenced(programs.DRY)),
        ]
    )
    run_graph(vectors(), model, principles=["DRY"])
    text = (tmp_path / "test.jsonl").read_text()
    assert secret not in text and "[REDACTED]" in text
    events = [json.loads(line) for line in text.splitlines()]
    kinds = {event["event"] for event in events}
    assert {"node_start", "node_end", "model_call", "tool_call", "route", "sample_accepted"} <= kinds
    assert [e["seq"] for e in events] == list(range(len(events)))
    calls = [e for e in events if e["event"] == "model_call"]
    assert [c["role"] for c in calls] == ["generator", "declean"]
    assert calls[0]["input_tokens"] > 0 and calls[0]["messages"][0]["role"] == "system"
    compiles = [e for e in events if e["event"] == "tool_call" and e["tool"] == "compile"]
    clean = next(e["sample"]["code"] for e in events if e["event"] == "sample_accepted")
    assert clean.strip() == programs.CLEAN.strip()
    assert compiles[0]["inputs"]["code_sha256"] == hashlib.sha256(clean.encode()).hexdigest()[:16]
    assert all(e["problem_id"] == "vectors" for e in events)
    routes = [(e["node"], e["goto"]) for e in events if e["event"] == "route"]
    assert ("fan_out", "sample") in routes and ("judge", "__end__") in routes


def test_node_events_name_programs_by_hash_and_never_copy_them(scripted, run_graph, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Each program's text is in the events that decide about it (the sample, a failed compile); node
    events and successful compiles name it by a hash that matches those events, and samples and planned
    steps by id."""
    model = scripted(
        [
            (GENERATOR, fenced(programs.COMPILE_ERROR)),
            (FIXER, fenced(programs.CLEAN)),
            (DECLEAN["DRY"], fenced(programs.DRY)),
        ]
    )
    run_graph(vectors(), model, principles=["DRY"])
    events = [json.loads(line) for line in (tmp_path / "test.jsonl").read_text().splitlines()]
    node_events = [e for e in events if e["event"] in ("node_start", "node_end")]
    compiles = [e for e in events if e["event"] == "tool_call" and e["tool"] == "compile"]
    failed, *succeeded = compiles
    assert failed["inputs"]["code"] == programs.COMPILE_ERROR and failed["result"]["diagnostics"]
    compiled = {
        hashlib.sha256(e["sample"]["code"].encode()).hexdigest()[:16]: e["sample"]["code"]
        for e in events
        if e["event"] == "sample_accepted"
    }
    compiled[hashlib.sha256(programs.COMPILE_ERROR.encode()).hexdigest()[:16]] = programs.COMPILE_ERROR
    assert len(compiled) == 3
    assert [e["inputs"]["code_sha256"] for e in succeeded] == list(compiled)[:2]
    assert "code" not in succeeded[0]["inputs"]
    named = [e["inputs"]["candidate"] for e in node_events if "candidate" in e.get("inputs", {})]
    named += [
        e["outputs"]["update"]["candidate"]
        for e in node_events
        if "candidate" in e.get("outputs", {}).get("update", {})
    ]
    assert named and {reference["code_sha256"] for reference in named} == set(compiled)
    for reference in named:
        code = compiled[reference["code_sha256"]]
        assert (reference["chars"], reference["lines"]) == (len(code), code.count("\n") + 1)
    for event in node_events:
        text = json.dumps(event)
        assert "add_vectors(const int" not in text and "#include" not in text
    ends = [e["outputs"]["update"] for e in node_events if e["event"] == "node_end"]
    [report] = [update["failure"] for update in ends if "failure" in update]
    fixer_prompt = model.prompts_with(FIXER)[0]
    assert report["first_line"] in fixer_prompt and report["chars"] > len(report["first_line"])
    accepted = [e for e in node_events if e["node"] == "check" and e["event"] == "node_end"]
    update = accepted[0]["outputs"]["update"]
    assert update["samples"] == ["vectors/s0/clean"]
    assert update["pending"] == ["DRY from vectors/s0/clean"]
    assert all(e["v"] == 2 for e in events)


def test_graph_shape_matches_snapshot() -> None:
    """The drawn graph (every node and every declared route) is reviewed when it changes."""
    drawn = build_graph().get_graph(xray=True).draw_mermaid()
    if not SNAPSHOT.exists():
        SNAPSHOT.write_text(drawn)
        pytest.fail("snapshot written; review tests/snapshots/graph.mmd and re-run")
    assert drawn == SNAPSHOT.read_text()


def test_graph_mounts_as_a_subgraph_of_another_app(scripted, local_sandbox, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An agent app adds the compiled graph as one node of its own graph; the keys it shares flow through."""
    from typing import TypedDict

    from langgraph.graph import END, START, StateGraph

    from declean.graphs.context import Context as DecleanContext

    class AppState(TypedDict, total=False):
        problem: Problem
        samples: list[Sample]
        rejections: list[Rejection]

    app = StateGraph(AppState, context_schema=DecleanContext)
    app.add_node("make_dataset", build_graph())
    app.add_edge(START, "make_dataset")
    app.add_edge("make_dataset", END)
    model = scripted([(GENERATOR, fenced(programs.CLEAN))])
    context = DecleanContext(llm=model, sandbox=local_sandbox, trace_dir=tmp_path, principles=[])
    out = asyncio.run(app.compile().ainvoke({"problem": vectors()}, context=context))
    assert [s.id for s in out["samples"]] == ["vectors/s0/clean"]


NAME_FROM_CLEAN = programs.CLEAN.replace("left", "a").replace("right", "b").replace("add_vectors", "f1")
SCRIPT = """
from declean import Context, Problem, build_graph
from declean.sandbox import get_sandbox
from declean.testing import GENERATOR, ScriptedChatModel, fenced
from tests import programs

model = ScriptedChatModel(script=[(GENERATOR, fenced(programs.CLEAN))])
with get_sandbox("local") as sandbox:
    context = Context(llm=model, sandbox=sandbox, principles=["MC", "NAME"], trace_dir=None)
    out = build_graph().invoke({"problem": Problem(id="p", statement="vectors")}, context=context)
print([sample.id for sample in out["samples"]], model.check_finished())
"""


def test_invoke_works_from_a_plain_script() -> None:
    """No event loop of the caller's: the synchronous API is the first thing a new user tries."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=root, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last == "['p/s0/clean', 'p/s0/MC', 'p/s0/MC+NAME', 'p/s0/NAME'] []", "every subset, by default"


def echoing_dry_then_naming(sandbox: LocalSandbox, trace_dir: Path) -> Context:
    """A run of DRY then NAME whose model writes the clean program, echoes it as the DRY rewrite (rejected
    as unchanged) and answers the NAME rewrite: a sample, a rejection, a sample."""
    model = ScriptedChatModel(
        script=[
            (GENERATOR, fenced(programs.CLEAN)),
            (DECLEAN["DRY"], fenced(programs.CLEAN)),
            (DECLEAN["NAME"], fenced(NAME_FROM_CLEAN)),
        ]
    )
    return Context(
        llm=model,
        sandbox=sandbox,
        principles=["DRY", "NAME"],
        strategies=MODEL_ONLY,
        label_plan="chain",
        trace_dir=trace_dir,
    )


def test_stream_and_astream_yield_each_decided_version(local_sandbox: LocalSandbox, tmp_path: Path) -> None:
    def context() -> Context:
        return echoing_dry_then_naming(local_sandbox, tmp_path)

    graph = build_graph()
    synchronous = list(graph.stream({"problem": vectors()}, context=context(), stream_mode="custom"))

    async def collect() -> list[Any]:
        return [
            e async for e in graph.astream({"problem": vectors()}, context=context(), stream_mode="custom")
        ]

    asynchronous = asyncio.run(collect())
    for events in (synchronous, asynchronous):
        assert [event["event"] for event in events] == ["sample", "rejection", "sample"]
        assert events[0]["sample"].id == "vectors/s0/clean"
        assert (events[1]["rejection"].principle, events[1]["rejection"].reason) == ("DRY", "unchanged")
        assert events[2]["sample"].labels == ["NAME"]


def test_a_graph_that_keeps_sample_events_in_the_subgraphs_decides_the_same(
    local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    """``stream_sample_events=False`` (what ``run_problems`` builds): the same samples and rejections, the
    events only in the samples' own namespaces."""

    def context() -> Context:
        return echoing_dry_then_naming(local_sandbox, tmp_path)

    quiet = build_graph(stream_sample_events=False)
    relayed = asyncio.run(build_graph().ainvoke({"problem": vectors()}, context=context()))
    kept = asyncio.run(quiet.ainvoke({"problem": vectors()}, context=context()))
    assert [sample.id for sample in kept["samples"]] == ["vectors/s0/clean", "vectors/s0/NAME"]
    assert kept["samples"] == relayed["samples"]
    assert [(r.principle, r.reason) for r in kept["rejections"]] == [("DRY", "unchanged")]

    async def collect(subgraphs: bool) -> list[Any]:
        stream = quiet.astream(
            {"problem": vectors()}, context=context(), stream_mode="custom", subgraphs=subgraphs
        )
        return [event async for event in stream]

    assert asyncio.run(collect(subgraphs=False)) == []
    nested = asyncio.run(collect(subgraphs=True))
    assert [event["event"] for _, event in nested] == ["sample", "rejection", "sample"]
    assert all(namespace and namespace[0].startswith("sample:") for namespace, _ in nested)


def test_samples_run_without_the_problem_graph_come_out_as_the_graph_gives_them(
    local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    """``run_samples`` (what ``run_problems`` does when it keeps no checkpoints): the problem graph's
    samples, rejections and calls in the graph's order, and the same trace events, for three samples."""
    [problem] = load_problems(write_problems(tmp_path / "problems.jsonl", count=1))

    def context(name: str) -> Context:
        return Context(
            llm=RespondingChatModel(respond=respond),
            sandbox=local_sandbox,
            principles=["DRY", "NAME"],
            strategies={"DRY": "llm", "NAME": "procedural"},
            samples_per_problem=3,
            trace_dir=tmp_path / name,
            run_id="r",
        )

    by_graph, direct = context("graph"), context("direct")
    expected = asyncio.run(build_graph().ainvoke({"problem": problem}, context=by_graph))
    got = asyncio.run(run_samples(problem, direct, {}))
    by_graph.trace.close()
    direct.trace.close()

    assert [sample.id for sample in got["samples"]] == [
        f"{problem.id}/s{index}/{version}" for index in range(3) for version in ("clean", "NAME")
    ]
    assert got["samples"] == expected["samples"]
    assert got["rejections"] == expected["rejections"] and len(got["rejections"]) == 3
    assert got["calls"] == expected["calls"] and len(got["calls"]) == 6

    def events(name: str) -> list[str]:
        [trace] = (tmp_path / name).glob("*.jsonl")
        lines = trace.read_text(encoding="utf-8").splitlines()
        volatile = VOLATILE | {"seq"}  # three samples at once: their events interleave as they please
        return sorted(json.dumps(without_keys(json.loads(line), volatile), sort_keys=True) for line in lines)

    assert events("direct") == events("graph")
    assert any('"node": "fan_out"' in event for event in events("direct"))


def test_a_sample_that_raises_stops_its_siblings_when_run_without_the_problem_graph(
    local_sandbox: LocalSandbox, tmp_path: Path
) -> None:
    """As the graph cancels a superstep's other tasks when one raises, ``run_samples`` cancels the other
    samples: none of them asks the sandbox for anything after the failure."""
    [problem] = load_problems(write_problems(tmp_path / "problems.jsonl", count=1))
    compiles = itertools.count()
    failed_at: list[float] = []
    started_after: list[str] = []

    class FirstCompileFails(SandboxWrapper):
        def compile(self, source: str, *, extra_flags: Sequence[str] = ()) -> CompileResult:
            self._note("compile")
            if next(compiles) == 0:
                time.sleep(0.05)  # the other sample's compile is under way in its own thread by now
                failed_at.append(time.monotonic())
                raise RuntimeError("the sandbox lost its connection")
            return super().compile(source, extra_flags=extra_flags)

        def run(self, program: CompiledProgram, stdin: str = "") -> RunResult:
            self._note("run")
            return super().run(program, stdin)

        def _note(self, call: str) -> None:
            if failed_at:
                started_after.append(call)

    context = Context(
        llm=RespondingChatModel(respond=respond),
        sandbox=FirstCompileFails(local_sandbox),
        principles=["NAME"],
        samples_per_problem=2,
        trace_dir=None,
    )

    async def in_an_apps_loop() -> None:
        with pytest.raises(RuntimeError, match="lost its connection"):
            await run_samples(problem, context, {})
        await asyncio.sleep(0.5)  # the loop goes on: a sample left running would compile and run now

    asyncio.run(in_an_apps_loop())
    assert failed_at and started_after == []


def test_model_calls_carry_langsmith_run_names_tags_and_metadata(
    scripted, local_sandbox: LocalSandbox, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from langchain_core.callbacks import BaseCallbackHandler

    class Seen(BaseCallbackHandler):
        def __init__(self) -> None:
            self.starts: list[dict[str, Any]] = []

        def on_chat_model_start(self, serialized: Any, messages: Any, **kwargs: Any) -> None:
            self.starts.append(kwargs)

    model = scripted([(GENERATOR, fenced(programs.CLEAN)), (DECLEAN["NAME"], fenced(NAME_FROM_CLEAN))])
    seen = Seen()
    context = Context(
        llm=model, sandbox=local_sandbox, principles=["NAME"], strategies=MODEL_ONLY, trace_dir=tmp_path
    )
    build_graph().invoke({"problem": vectors()}, {"callbacks": [seen]}, context=context)
    generator, rewriter = seen.starts
    assert generator["name"] == "declean.generator" and "role:generator" in generator["tags"]
    assert rewriter["name"] == "declean.declean" and "node:declean" in rewriter["tags"]
    assert rewriter["metadata"]["problem_id"] == "vectors" and rewriter["metadata"]["principle"] == "NAME"
    assert rewriter["metadata"]["declean_role"] == "declean" and rewriter["metadata"]["sample_index"] == 0
    assert rewriter["metadata"]["langgraph_node"] == "declean"  # LangGraph's own metadata is kept


def test_a_graph_without_a_trace_file_tells_its_listeners_what_the_file_would_hold(
    scripted: Callable[[list[tuple[str, str]]], ScriptedChatModel],
    local_sandbox: LocalSandbox,
    tmp_path: Path,
) -> None:
    """Without a trace file the graph skips building events nobody reads, but a listener still hears every
    one, as the file would have it (times and numbering aside)."""
    problem = vectors(solution=programs.CLEAN)
    settings: dict[str, Any] = {
        "sandbox": local_sandbox,
        "principles": ["NAME", "MC"],
        "strategies": {"NAME": "procedural", "MC": "procedural"},
        "run_id": "t",
    }
    varying = {"ts", "seq", "run_id", "duration_seconds", "cpu_seconds", "wall_seconds"}

    filed = Context(llm=scripted([]), trace_dir=tmp_path, **settings)
    asyncio.run(build_graph().ainvoke({"problem": problem}, context=filed))
    filed.trace.close()
    lines = (tmp_path / "t.jsonl").read_text().splitlines()
    written = [without_keys(json.loads(line), varying) for line in lines]

    heard: list[dict[str, Any]] = []
    unfiled = Context(llm=scripted([]), trace_dir=None, **settings)
    assert not unfiled.trace.active
    unfiled.trace.listeners.append(lambda event: heard.append(without_keys(event.as_written(), varying)))
    assert unfiled.trace.active
    out = asyncio.run(build_graph().ainvoke({"problem": problem}, context=unfiled))

    assert out["samples"][0].id == "vectors/s0/clean" and len(out["samples"]) > 1
    kinds = {event["event"] for event in written}
    assert {"node_start", "node_end", "tool_call", "route", "sample_accepted"} <= kinds
    assert heard == written
