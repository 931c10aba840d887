"""The clean version is checked before anything is built on it: expected outputs, gcc's bug warnings, a
sanitized run and (when asked) a reviewer model. Each failure goes to the fixer; the rejection names the
check. Real gcc and sandbox, scripted models that fail on any unforeseen call."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from declean import Context, Problem, build_graph
from declean.sandbox.local import LocalSandbox
from declean.testing import FIXER, GENERATOR, ScriptedChatModel, fenced
from tests import adequacy_programs as bugs

REVIEWER = "You review student C programs"
PRIMES = Problem(
    id="primes",
    statement="Read N and print 'Count: ' followed by the number of primes up to and including N.",
    stdin=["7\n", "10\n"],
)
FIXED_PRIMES = bugs.PRIME_COUNT_OFF_BY_ONE.replace("k < n", "k <= n")


@pytest.fixture
def run(local_sandbox: LocalSandbox, tmp_path: Path) -> Any:
    def run(problem: Problem, script: list[tuple[str, str]], **settings: Any) -> dict[str, Any]:
        model = ScriptedChatModel(script=script)
        context = Context(
            llm=model,
            sandbox=local_sandbox,
            principles=[],
            max_fix_attempts=1,
            trace_dir=tmp_path,
            run_id="adequacy",
            **settings,
        )
        out: dict[str, Any] = build_graph().invoke({"problem": problem}, context=context)
        context.trace.close()
        assert model.check_finished() == []
        out["model"] = model
        return out

    return run


def test_a_wrong_output_goes_to_the_fixer_with_the_diff(run: Any) -> None:
    problem = PRIMES.model_copy(update={"expected": ["Count: 4\n", "Count: 4\n"]})
    out = run(problem, [(GENERATOR, fenced(bugs.PRIME_COUNT_OFF_BY_ONE)), (FIXER, fenced(FIXED_PRIMES))])
    [clean] = out["samples"]
    assert clean.code.strip() == FIXED_PRIMES.strip() and clean.fix_attempts == 1
    [request] = out["model"].prompts_with(FIXER)
    assert "stdin case 0" in request and "-Count: 4" in request and "+Count: 3" in request


def test_a_wrong_output_the_fixer_cannot_remove_is_rejected_as_wrong_output(run: Any) -> None:
    problem = PRIMES.model_copy(update={"expected": ["Count: 4\n", "Count: 4\n"]})
    script = [(GENERATOR, fenced(bugs.PRIME_COUNT_OFF_BY_ONE)), (FIXER, fenced(bugs.PRIME_COUNT_OFF_BY_ONE))]
    out = run(problem, script)
    [rejection] = out["rejections"]
    assert (rejection.stage, rejection.reason) == ("clean", "wrong_output")
    assert out["samples"] == []


def test_a_warning_that_signals_a_bug_goes_to_the_fixer(run: Any) -> None:
    problem = Problem(id="stdio", statement="Print a greeting.")
    out = run(
        problem, [(GENERATOR, fenced(bugs.NO_STDIO)), (FIXER, fenced("#include <stdio.h>\n" + bugs.NO_STDIO))]
    )
    [clean] = out["samples"]
    assert clean.fix_attempts == 1
    [request] = out["model"].prompts_with(FIXER)
    assert "point at real bugs" in request and "implicit" in request


def test_undefined_behaviour_is_caught_by_the_sanitized_run(run: Any) -> None:
    problem = Problem(id="factorial", statement="Print n!.", stdin=["5\n", "13\n"])
    out = run(problem, [(GENERATOR, fenced(bugs.SIGNED_OVERFLOW)), (FIXER, fenced(bugs.SIGNED_OVERFLOW))])
    [rejection] = out["rejections"]
    assert rejection.reason == "undefined_behaviour"
    assert "signed integer overflow" in rejection.detail and "stdin case 1" in rejection.detail


def test_the_checks_can_be_turned_off(run: Any) -> None:
    problem = Problem(id="factorial", statement="Print n!.", stdin=["5\n", "13\n"])
    out = run(problem, [(GENERATOR, fenced(bugs.SIGNED_OVERFLOW))], sanitize=False)
    assert [sample.id for sample in out["samples"]] == ["factorial/s0/clean"]


def test_the_reviewer_is_asked_when_no_expected_outputs_exist(run: Any, tmp_path: Path) -> None:
    script = [
        (GENERATOR, fenced(bugs.PRIME_COUNT_OFF_BY_ONE)),
        (REVIEWER, "VERDICT: INADEQUATE\nFor N = 7 it prints 3, but 2, 3, 5 and 7 are 4 primes."),
        (FIXER, fenced(FIXED_PRIMES)),
        (REVIEWER, "VERDICT: ADEQUATE\nnone"),
    ]
    out = run(PRIMES, script, adequacy_check=True)
    [clean] = out["samples"]
    assert clean.code.strip() == FIXED_PRIMES.strip()
    [request] = out["model"].prompts_with(FIXER)
    assert "does not solve the task: For N = 7 it prints 3" in request
    events = [json.loads(line) for line in (tmp_path / "adequacy.jsonl").read_text().splitlines()]
    assert sum(e["event"] == "tool_call" and e["tool"] == "sanitize" for e in events) == 2


def test_an_inadequate_program_the_fixer_cannot_repair_is_rejected(run: Any) -> None:
    script = [
        (GENERATOR, fenced(bugs.PRIME_COUNT_OFF_BY_ONE)),
        (REVIEWER, "VERDICT: INADEQUATE\ncounts below N"),
        (FIXER, fenced(bugs.PRIME_COUNT_OFF_BY_ONE)),
        (REVIEWER, "VERDICT: INADEQUATE\nstill counts below N"),
    ]
    out = run(PRIMES, script, adequacy_check=True)
    [rejection] = out["rejections"]
    assert rejection.reason == "inadequate" and "still counts below N" in rejection.detail
