"""Real traces for the ``declean trace`` tests and the bench: every one written by the graph in a real run.

No event here is hand-written: each trace comes from :func:`declean.runs.run_problems` with the real
sandbox and a fake model (the deterministic corpus model or a scripted one). Two are then damaged or scaled
the way reality would: :func:`crashed_run` cuts a real trace like ``kill -9`` mid-write, and
:func:`large_trace` repeats the problems of a real trace under new ids up to a thousand samples.

Run ids start with a fixed UTC time so ``declean trace list`` (newest first, by name) has a known order.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from declean.graphs.context import Context
from declean.models.retry import RetryPolicy
from declean.principles import Principle, PrincipleSpec, apply_transform, get
from declean.problems import Problem, load_problems
from declean.runs import run_problems
from declean.samples import JudgePolicy, OnUnclean, RejectionReason, Strategy
from declean.sandbox.base import Sandbox
from declean.testing import (
    DECLEAN,
    FIXER,
    GENERATOR,
    JUDGE,
    FailingSandbox,
    RespondingChatModel,
    ScriptedChatModel,
    ScriptedFailureError,
    fenced,
)
from declean.tools.transforms.base import Level, TransformResult
from tests import adequacy_programs as bugs
from tests import programs
from tests.corpus_index import clean_programs
from tests.corpus_run import read_jsonl, respond, write_problems

NORMAL_RUN_ID = "20260101T000000Z-normal"
CRASHED_RUN_ID = "20260102T000000Z-crashed"
EVERY_REASON_RUN_ID = "20260103T000000Z-every-reason"
STRICT_RUN_ID = "20260103T000100Z-strict"
LARGE_RUN_ID = "20260104T000000Z-large"
RESUMED_RUN_ID = "20260105T000000Z-resumed"
NORMAL_PRINCIPLES: list[Principle] = ["DRY", "SRP", "MC", "NAME"]

Script = Sequence[tuple[str, "str | Exception"]]


def trace_dir(tmp: Path) -> Path:
    """Where every builder here writes its traces."""
    return tmp / "traces"


def out_dir(tmp: Path, run_id: str) -> Path:
    """Where the run ``run_id`` writes samples.jsonl, rejections.jsonl and summary.json."""
    return tmp / "out" / run_id


NORMAL_PROGRAMS = ("array_stats", "calendar_months", "grade_book")
"""Corpus programs whose SRP transform applies (its helpers' jobs can be merged)."""


def normal_run(tmp: Path, sandbox: Sandbox, run_id: str = NORMAL_RUN_ID) -> Path:
    """Three corpus problems through DRY, SRP, MC, NAME with the deterministic corpus model.

    DRY is asked of the model, which echoes the code: each sample's DRY step is rejected as ``unchanged``;
    SRP, MC and NAME are procedural (``auto``), giving the chain clean -> SRP -> SRP+MC -> SRP+MC+NAME
    where SRP applies.
    """
    problems = load_problems(write_problems(tmp / f"{run_id}-problems.jsonl", names=NORMAL_PROGRAMS))
    context = Context(
        label_plan="chain",
        strategies={"DRY": "llm"},
        llm=RespondingChatModel(respond=respond),
        sandbox=sandbox,
        principles=NORMAL_PRINCIPLES,
        trace_dir=trace_dir(tmp),
        run_id=run_id,
    )
    run_problems(problems, context, out_dir(tmp, run_id))
    return trace_dir(tmp) / f"{run_id}.jsonl"


def crashed_run(tmp: Path, sandbox: Sandbox) -> Path:
    """A real normal run's trace as ``kill -9`` mid-write leaves it: no ``run_end``, the last line cut in half
    (without its newline). Its out dir still holds what the finished run wrote."""
    path = normal_run(tmp, sandbox, run_id=CRASHED_RUN_ID)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert json.loads(lines[-1])["event"] == "run_end"
    kept, last = lines[:-2], lines[-2]
    path.write_text("".join(kept) + last[: len(last) // 2], encoding="utf-8")
    return path


# --- one run, every rejection reason --------------------------------------------------------------

EVERY_REASON_PRINCIPLES: list[Principle] = ["DRY", "NAME"]
EVERY_REASON_STRATEGIES: dict[Principle, Strategy] = {"DRY": "procedural", "NAME": "llm"}
"""DRY by its transform (so a program it cannot apply to is ``not_applicable``), NAME by the scripted model
(so its rewrites can be echoes, harmless, too broad, wrong or missing)."""
EVERY_REASON_MAX_FIXES = 2

_DRY_VECTORS = apply_transform("DRY", programs.CLEAN, 2).code or ""
"""The vectors program after the DRY transform: the code every NAME rewrite of a vectors problem gets."""


def _named(code: str) -> str:
    named = apply_transform("NAME", code, 3).code
    assert named is not None
    return named


_NAME_ECHO = _DRY_VECTORS.replace("    ", "\t")
_NAME_COMMENTED = _DRY_VECTORS.replace("int main(void)", "/* entry point */\nint main(void)")
_NAME_AND_MC = apply_transform("MC", _named(_DRY_VECTORS), 3).code or ""
_NAME_WRONG = _named(_DRY_VECTORS.replace('printf(" %d", vector[i]);', 'printf(" %d", vector[i] + 1);'))


@dataclass(frozen=True)
class ReasonCase:
    """One problem of an every-reason run: the model calls it makes, in order, and what it must yield."""

    problem: Problem
    script: Script
    rejected: list[RejectionReason]
    accepted: list[str] = field(default_factory=list)
    """The labels (``clean``, ``DRY``, ``DRY+NAME``) of the samples it must accept."""


def _vectors(problem_id: str) -> Problem:
    return Problem(id=problem_id, statement=programs.VECTORS_STATEMENT)


def _stats(problem_id: str) -> Problem:
    return Problem(id=problem_id, statement=programs.STATS_STATEMENT, stdin=programs.STATS_STDIN)


LLM_JUDGE_CASES: list[ReasonCase] = [
    ReasonCase(
        _vectors("garbage"), [(GENERATOR, "I'm sorry, I can't help with that.")], ["unparseable_reply"]
    ),
    ReasonCase(
        _vectors("broken"),
        [(GENERATOR, fenced(programs.COMPILE_ERROR))]
        + [(FIXER, fenced(programs.COMPILE_ERROR))] * EVERY_REASON_MAX_FIXES,
        ["fixes_exhausted"],
    ),
    ReasonCase(
        _vectors("fixed"),
        [
            (GENERATOR, fenced(programs.COMPILE_ERROR)),
            (FIXER, fenced(programs.CLEAN)),
            (DECLEAN["NAME"], fenced(_named(_DRY_VECTORS))),
        ],
        [],
        ["clean", "DRY", "DRY+NAME"],
    ),
    ReasonCase(
        _stats("stats"),
        [(GENERATOR, fenced(programs.STATS)), (DECLEAN["NAME"], fenced(programs.STATS_NAME))],
        ["not_applicable"],
        ["clean", "NAME"],
    ),
    ReasonCase(
        _vectors("failing"),
        [
            (GENERATOR, fenced(programs.CLEAN)),
            (DECLEAN["NAME"], ScriptedFailureError("HTTP 400 from the server: bad request")),
        ],
        ["model_error"],
        ["clean", "DRY"],
    ),
    ReasonCase(
        _vectors("echo"),
        [(GENERATOR, fenced(programs.CLEAN)), (DECLEAN["NAME"], fenced(_NAME_ECHO))],
        ["unchanged"],
        ["clean", "DRY"],
    ),
    ReasonCase(
        _vectors("commented"),
        [(GENERATOR, fenced(programs.CLEAN)), (DECLEAN["NAME"], fenced(_NAME_COMMENTED))],
        ["not_violated"],
        ["clean", "DRY"],
    ),
    ReasonCase(
        _vectors("inlined"),
        [(GENERATOR, fenced(programs.CLEAN)), (DECLEAN["NAME"], fenced(_NAME_AND_MC))],
        ["collateral"],
        ["clean", "DRY"],
    ),
    ReasonCase(
        _vectors("judged-different"),
        [
            (GENERATOR, fenced(programs.CLEAN)),
            (DECLEAN["NAME"], fenced(_NAME_WRONG)),
            (JUDGE, "VERDICT: DIFFERENT\nEvery number is one too large."),
        ],
        ["judge_rejected"],
        ["clean", "DRY"],
    ),
    ReasonCase(
        _vectors("judged-unsure"),
        [
            (GENERATOR, fenced(programs.CLEAN)),
            (DECLEAN["NAME"], fenced(_NAME_WRONG)),
            (JUDGE, "I think they look similar enough."),
        ],
        ["judge_unparseable"],
        ["clean", "DRY"],
    ),
]
"""The every-reason run (judge policy ``llm``): nine reasons, all but ``output_mismatch``."""


def _broken_transform(source: str, level: Level = 2) -> TransformResult:
    """A transform with a bug: its output misses a semicolon."""
    return TransformResult(principle="BROKEN", level=level, applied=True, code=source.replace(";", "", 1))


BROKEN = PrincipleSpec(
    name="BROKEN",
    title="a transform with a bug",
    definition="Used by the tests only.",
    measure=get("MC").measure,
    transform=_broken_transform,
)
REVIEWER = "You review student C programs"
_ADEQUATE = (REVIEWER, "VERDICT: ADEQUATE\nnone")
_MAGIC_VECTORS = programs.CLEAN.replace("#define VECTOR_LENGTH 4\n\n", "").replace("VECTOR_LENGTH", "4")

STRICT_CASES: list[ReasonCase] = [
    ReasonCase(
        _vectors("mismatch"),
        [(GENERATOR, fenced(programs.CLEAN)), _ADEQUATE, (DECLEAN["NAME"], fenced(_NAME_WRONG))],
        ["output_mismatch", "transform_error"],
        ["clean", "DRY"],
    ),
    ReasonCase(_vectors("unclean"), [(GENERATOR, fenced(_MAGIC_VECTORS)), _ADEQUATE], ["not_clean"]),
    ReasonCase(
        _vectors("wrong").model_copy(update={"expected": ["nothing like it\n"]}),
        [(GENERATOR, fenced(programs.CLEAN))] + [(FIXER, fenced(programs.CLEAN))] * EVERY_REASON_MAX_FIXES,
        ["wrong_output"],
    ),
    ReasonCase(
        _vectors("warned"),
        [(GENERATOR, fenced(bugs.NO_STDIO))] + [(FIXER, fenced(bugs.NO_STDIO))] * EVERY_REASON_MAX_FIXES,
        ["bug_warning"],
    ),
    ReasonCase(
        Problem(id="overflow", statement="Print n!.", stdin=["13\n"]),
        [(GENERATOR, fenced(bugs.SIGNED_OVERFLOW))]
        + [(FIXER, fenced(bugs.SIGNED_OVERFLOW))] * EVERY_REASON_MAX_FIXES,
        ["undefined_behaviour"],
    ),
    ReasonCase(
        _vectors("inadequate"),
        [(GENERATOR, fenced(programs.CLEAN)), (REVIEWER, "VERDICT: INADEQUATE\nno")]
        + [(FIXER, fenced(programs.CLEAN)), (REVIEWER, "VERDICT: INADEQUATE\nstill no")]
        * EVERY_REASON_MAX_FIXES,
        ["inadequate"],
    ),
]
"""The companion run (judge policy ``strict``, unclean clean versions rejected, the adequacy review on, and
a transform with a bug as a third principle): ``output_mismatch``, which the ``llm`` policy never gives (it
asks the judge instead), ``not_clean``, ``transform_error``, and the four adequacy checks' reasons."""
STRICT_PRINCIPLES: list[Principle | PrincipleSpec] = [*EVERY_REASON_PRINCIPLES, BROKEN]


def scripted_run(
    tmp: Path,
    sandbox: Sandbox,
    cases: Sequence[ReasonCase],
    run_id: str,
    judge_policy: JudgePolicy,
    *,
    principles: Sequence[Principle | PrincipleSpec] = EVERY_REASON_PRINCIPLES,
    on_unclean: OnUnclean = "relabel",
    adequacy_check: bool = False,
) -> Path:
    """The cases' problems in one run, one at a time, answered by one script; checks each case's outcome."""
    model = ScriptedChatModel(script=[entry for case in cases for entry in case.script])
    context = Context(
        label_plan="chain",
        llm=model,
        sandbox=sandbox,
        principles=principles,
        strategies={**EVERY_REASON_STRATEGIES, **({"BROKEN": "procedural"} if BROKEN in principles else {})},
        judge_policy=judge_policy,
        on_unclean=on_unclean,
        adequacy_check=adequacy_check,
        max_fix_attempts=EVERY_REASON_MAX_FIXES,
        fix_policy="budget",
        retry=RetryPolicy(max_attempts=1),
        concurrency=1,
        trace_dir=trace_dir(tmp),
        run_id=run_id,
    )
    out = out_dir(tmp, run_id)
    run_problems([case.problem for case in cases], context, out)
    assert not model.check_finished(), model.check_finished()
    samples, rejections = read_jsonl(out / "samples.jsonl"), read_jsonl(out / "rejections.jsonl")
    for case in cases:
        pid = case.problem.id
        assert [r["reason"] for r in rejections if r["problem_id"] == pid] == case.rejected, pid
        assert [s["id"].split("/")[-1] for s in samples if s["problem_id"] == pid] == case.accepted, pid
    return trace_dir(tmp) / f"{run_id}.jsonl"


def every_reason_run(tmp: Path, sandbox: Sandbox) -> Path:
    """The trace of one run rejecting for nine of the sixteen reasons.

    Its companion, :func:`strict_run`, covers the other seven; call both for all sixteen in one directory.
    """
    return scripted_run(tmp, sandbox, LLM_JUDGE_CASES, EVERY_REASON_RUN_ID, "llm")


def strict_run(tmp: Path, sandbox: Sandbox) -> Path:
    """The trace of a run under the ``strict`` judge policy: ``output_mismatch``, ``not_clean``,
    ``transform_error``, ``wrong_output``, ``bug_warning``, ``undefined_behaviour``, ``inadequate``."""
    return scripted_run(
        tmp,
        sandbox,
        STRICT_CASES,
        STRICT_RUN_ID,
        "strict",
        principles=STRICT_PRINCIPLES,
        on_unclean="reject",
        adequacy_check=True,
    )


# --- a large trace --------------------------------------------------------------------------------


def large_trace(
    tmp: Path, sandbox: Sandbox, samples: int = 1000, problems: int = 10, samples_per_problem: int = 2
) -> Path:
    """A ``samples``-sample trace: a scaled copy of a real run's trace.

    A real run (``problems`` corpus problems, ``samples_per_problem`` samples each, SRP, MC and NAME, all
    accepted: about 80 samples) is written first; then its per-problem events are repeated, each copy under
    renamed problem ids (``<id>-copyN``, inside the samples, rejections, their ids and parent ids too),
    whole problems at a time until exactly ``samples`` samples are accepted. ``seq`` is renumbered
    0..n-1; the one ``run_start`` and ``run_end`` keep their place, with the problem and outcome counts
    made to match (the ``usage`` of ``run_end`` stays the real run's).
    """
    corpus = load_problems(write_problems(tmp / "large-problems.jsonl", count=problems))
    context = Context(
        label_plan="chain",
        llm=RespondingChatModel(respond=respond),
        sandbox=sandbox,
        principles=["SRP", "MC", "NAME"],
        samples_per_problem=samples_per_problem,
        trace_dir=tmp / "large-real",
        run_id=LARGE_RUN_ID,
    )
    run_problems(corpus, context, out_dir(tmp, LARGE_RUN_ID))
    real_trace = tmp / "large-real" / f"{LARGE_RUN_ID}.jsonl"
    real = [json.loads(line) for line in real_trace.read_text(encoding="utf-8").splitlines()]
    return scale_trace(real, trace_dir(tmp) / f"{LARGE_RUN_ID}.jsonl", samples)


def scale_trace(events: list[dict[str, Any]], path: Path, samples: int) -> Path:
    """Write ``events`` (one finished session) to ``path`` with problems repeated up to ``samples``."""
    [start] = [e for e in events if e["event"] == "run_start"]
    [end] = [e for e in events if e["event"] == "run_end"]
    by_problem: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        if event.get("problem_id") is not None:
            by_problem.setdefault(event["problem_id"], []).append(event)
    counts = {pid: sum(e["event"] == "sample_accepted" for e in evs) for pid, evs in by_problem.items()}
    # reachable[r]: r samples can be made of whole problems (any number of copies of each)
    reachable = [True] + [False] * samples
    for total in range(1, samples + 1):
        reachable[total] = any(0 < c <= total and reachable[total - c] for c in counts.values())
    if not reachable[samples]:
        raise ValueError(f"cannot make exactly {samples} samples from per-problem counts {counts}")
    chosen: list[tuple[str, int]] = []
    total, copy = 0, 0
    while total < samples:
        for pid, count in counts.items():
            if count > 0 and total + count <= samples and reachable[samples - total - count]:
                chosen.append((pid, copy))
                total += count
        copy += 1
    body: list[dict[str, Any]] = []
    rejected: Counter[str] = Counter()
    for pid, number in chosen:
        new = pid if number == 0 else f"{pid}-copy{number}"
        for event in by_problem[pid]:
            body.append(_renamed(event, pid, new))
            if event["event"] == "sample_rejected":
                rejected[event["rejection"]["reason"]] += 1
    start = {**start, "settings": {**start["settings"], "problems": len(chosen)}}
    end = {**end, "accepted": total, "rejected": dict(sorted(rejected.items()))}
    written = [start, *body, end]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for seq, event in enumerate(written):
            handle.write(json.dumps({**event, "seq": seq}, ensure_ascii=False) + "\n")
    return path


VOLATILE = frozenset({"ts", "latency_seconds", "duration_seconds", "cpu_seconds", "wall_seconds"})
"""Timings, dropped at any depth before the traces are compared: ``ts`` (every event's clock time),
``latency_seconds`` (model_call), ``duration_seconds`` (node_end, tool_call) and the sandbox's measured
``cpu_seconds`` and ``wall_seconds`` (in tool_call results). Nothing else differs between two runs."""


def without_keys(event: Any, keys: AbstractSet[str]) -> Any:
    """A trace event (any JSON value) without ``keys`` at any depth: what stays the same between two runs
    once their times and numbering are left out."""
    if isinstance(event, dict):
        return {key: without_keys(item, keys) for key, item in event.items() if key not in keys}
    if isinstance(event, list):
        return [without_keys(item, keys) for item in event]
    return event


def _renamed(value: Any, old: str, new: str) -> Any:
    """``value`` with the problem id ``old`` replaced by ``new``: as a whole string and as an id prefix."""
    if isinstance(value, dict):
        return {key: _renamed(item, old, new) for key, item in value.items()}
    if isinstance(value, list):
        return [_renamed(item, old, new) for item in value]
    if isinstance(value, str):
        if value == old:
            return new
        if value.startswith(f"{old}/"):
            return new + value[len(old) :]
    return value


# --- a resumed run --------------------------------------------------------------------------------


def resumed_run(tmp: Path, sandbox: Sandbox) -> Path:
    """Two sessions of one run in one trace file.

    The first session runs two corpus problems, but compiling the second one's clean code raises, so that
    problem crashes (an ``error`` event) and stays unfinished; the second session (``resume=True``, same run
    id, the real sandbox) continues it from its checkpoint and finishes it.
    """
    problems = load_problems(write_problems(tmp / "resumed-problems.jsonl", count=2))
    [second] = [program for program in clean_programs() if program.name == problems[1].id]
    sandboxes: list[Sandbox] = [FailingSandbox(sandbox, second.source), sandbox]
    for resume, session_sandbox in zip((False, True), sandboxes, strict=True):
        context = Context(
            label_plan="chain",
            llm=RespondingChatModel(respond=respond),
            sandbox=session_sandbox,
            principles=["MC", "NAME"],
            concurrency=1,
            trace_dir=trace_dir(tmp),
            run_id=RESUMED_RUN_ID,
        )
        run_problems(problems, context, out_dir(tmp, RESUMED_RUN_ID), resume=resume)
    return trace_dir(tmp) / f"{RESUMED_RUN_ID}.jsonl"
