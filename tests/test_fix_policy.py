"""The fix policy on its own: which standing beats which, and when another fixer call is made."""

from __future__ import annotations

import asyncio

import pytest
from langgraph.graph import END
from langgraph.runtime import Runtime

from declean import Context, Problem
from declean.graphs.fix_policy import LEARNING_CALLS, FailureStage, FixLedger, Standing, why_stop
from declean.graphs.sample_nodes import fix
from declean.graphs.state import SampleState
from declean.sandbox.local import LocalSandbox
from declean.testing import ScriptedChatModel
from tests import programs


def at(stage: FailureStage, failures: int) -> Standing:
    return Standing(stage=stage, failures=failures)


@pytest.mark.parametrize(
    ("now", "before", "closer"),
    [
        (at(FailureStage.RUN, 3), at(FailureStage.COMPILE, 1), True),
        (at(FailureStage.OUTPUT, 5), at(FailureStage.RUN, 1), True),
        (at(FailureStage.OUTPUT, 1), at(FailureStage.OUTPUT, 2), True),
        (at(FailureStage.OUTPUT, 2), at(FailureStage.OUTPUT, 2), False),
        (at(FailureStage.OUTPUT, 3), at(FailureStage.OUTPUT, 2), False),
        (at(FailureStage.COMPILE, 1), at(FailureStage.SANITIZER, 4), False),
    ],
)
def test_closer_means_a_later_check_or_fewer_failures_at_the_same_one(
    now: Standing, before: Standing, closer: bool
) -> None:
    assert now.beats(before) is closer


def test_the_first_attempt_is_always_made_and_the_budget_always_ends_it() -> None:
    wrong = at(FailureStage.OUTPUT, 2)
    assert why_stop("progress", 0, 3, wrong, None) is None
    assert why_stop("progress", 0, 3, wrong, at(FailureStage.OUTPUT, 1)) is None
    assert why_stop("progress", 0, 0, wrong, None) == "after 0 fix attempts"
    assert why_stop("budget", 3, 3, wrong, at(FailureStage.COMPILE, 1)) == "after 3 fix attempts"
    assert why_stop("progress", 3, 3, wrong, at(FailureStage.COMPILE, 1)) == "after 3 fix attempts"


def test_progress_stops_where_budget_goes_on() -> None:
    same = at(FailureStage.OUTPUT, 2)
    assert why_stop("budget", 1, 3, same, same) is None
    stop = why_stop("progress", 1, 3, same, same)
    assert stop is not None and "made no progress" in stop and "2 attempt(s) left unspent" in stop
    assert "2 failure(s) at the output check" in stop
    assert why_stop("progress", 1, 3, at(FailureStage.BUG_WARNING, 4), same) is None


def test_the_ledger_closes_a_stage_after_calls_that_got_nowhere_and_one_success_keeps_it_open() -> None:
    ledger = FixLedger()
    wrong = at(FailureStage.OUTPUT, 2)
    for _ in range(LEARNING_CALLS - 1):
        ledger.record(wrong, closer=False)
    assert ledger.pays(FailureStage.OUTPUT)
    ledger.record(wrong, closer=False)
    assert not ledger.pays(FailureStage.OUTPUT) and ledger.pays(FailureStage.COMPILE)
    stop = why_stop("progress", 0, 3, wrong, None, ledger=ledger)
    assert stop == (
        f"{LEARNING_CALLS} of {LEARNING_CALLS} fixer calls on output check failures got nowhere in this "
        "run, so the fixer is not asked again for them"
    )
    assert why_stop("budget", 0, 3, wrong, None, ledger=ledger) is None
    compile_error = at(FailureStage.COMPILE, 1)
    ledger.record(compile_error, closer=True)
    for _ in range(10):
        ledger.record(compile_error, closer=False)
    assert ledger.pays(FailureStage.COMPILE)


def test_a_fix_asked_for_before_the_run_learnt_is_not_made(local_sandbox: LocalSandbox) -> None:
    """Several candidates can wait for the model while the ledger closes a stage: the fix node looks again
    and gives the candidate up as its check would have (no model call: the script is empty)."""
    context = Context(llm=ScriptedChatModel(script=[]), sandbox=local_sandbox, principles=[], trace_dir=None)
    wrong = at(FailureStage.OUTPUT, 1)
    for _ in range(LEARNING_CALLS):
        context.fix_ledger.record(wrong, closer=False)
    state = SampleState(
        problem=Problem(id="vectors", statement=programs.VECTORS_STATEMENT),
        sample_index=0,
        stage="clean",
        candidate=programs.CLEAN,
        failure="The program prints the wrong output:\n...",
        standing=wrong,
        fix_attempts=0,
        samples=[],
        rejections=[],
        calls=[],
    )
    command = asyncio.run(fix(state, Runtime(context=context, stream_writer=lambda _: None)))
    assert command.goto == END
    [rejection] = (command.update or {})["rejections"]
    assert (rejection.reason, rejection.code) == ("wrong_output", programs.CLEAN)
    assert rejection.detail.startswith("3 of 3 fixer calls on output check failures got nowhere in this run")
