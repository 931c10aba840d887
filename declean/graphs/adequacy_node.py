"""Is the clean version adequate? Checked before anything is built on it, since its outputs become the
reference every rewrite must reproduce.

In order: the problem's expected outputs (``wrong_output``), gcc's warnings that signal real bugs
(``bug_warning``), a run built with UndefinedBehaviorSanitizer and bounds checks (``undefined_behaviour``),
and, when asked and no expected outputs exist, the judge model's review (``inadequate``). Each failure goes
to the fixer while attempts remain; the rejection names the check the fixer could not satisfy. A version
that passes is measured and accepted in the same node (:func:`~declean.graphs.label_nodes.accept_clean`).
"""

from __future__ import annotations

from typing import Literal

from langgraph.runtime import Runtime
from langgraph.types import Command

from declean.agents import reviewer
from declean.errors import ReplyParseError
from declean.graphs.calls import ModelCallError, call_model, sanitized_run, traced_node
from declean.graphs.context import Context
from declean.graphs.fix_policy import FailureStage, Standing
from declean.graphs.label_nodes import accept_clean
from declean.graphs.outcomes import fix_or_give_up, record_fixed, reject
from declean.graphs.state import SampleState
from declean.tools.adequacy import (
    bug_warnings,
    render_bug_warnings,
    render_wrong_outputs,
    sanitizer_reports,
    wrong_outputs,
)


@traced_node("check")
async def check_clean(
    state: SampleState, runtime: Runtime[Context]
) -> Command[Literal["declean", "fix", "__end__"]]:
    """Run the adequacy checks on a clean version that compiled and ran; if they find nothing, measure
    and accept it (:func:`~declean.graphs.label_nodes.accept_clean`)."""
    problem, context, code = state["problem"], runtime.context, state["candidate"]
    if problem.expected is not None:
        wrong = wrong_outputs(problem.expected, state["outputs"], problem.stdin)
        if wrong:
            report = render_wrong_outputs(wrong)
            standing = Standing(stage=FailureStage.OUTPUT, failures=len(wrong))
            return fix_or_give_up(
                runtime,
                state,
                "check",
                report,
                f"{len(wrong)} wrong output(s)",
                standing=standing,
            )
    if context.bug_warnings or context.sanitize:
        sanitized = await sanitized_run(runtime, state, code, problem.stdin)
        warnings = render_bug_warnings(sanitized.compile, code) if context.bug_warnings else ""
        if warnings:
            standing = Standing(
                stage=FailureStage.BUG_WARNING, failures=max(1, len(bug_warnings(sanitized.compile)))
            )
            return fix_or_give_up(
                runtime,
                state,
                "check",
                warnings,
                "gcc warns of bugs",
                standing=standing,
            )
        reports = sanitizer_reports(sanitized, problem.stdin, code) if context.sanitize else []
        if reports:
            report = "Undefined behaviour found at run time:\n\n" + "\n\n".join(reports)
            standing = Standing(stage=FailureStage.SANITIZER, failures=len(reports))
            return fix_or_give_up(
                runtime,
                state,
                "check",
                report,
                "the sanitizer stopped it",
                standing=standing,
            )
    if context.adequacy_check and problem.expected is None:
        messages = reviewer.build_messages(problem.statement, code, problem.stdin, state["outputs"])
        try:
            verdict = reviewer.parse(await call_model(runtime, state, "check", "judge", messages))
        except ModelCallError as error:
            return reject(runtime, state, "check", "model_error", str(error), code=code)
        except ReplyParseError as error:
            return reject(runtime, state, "check", "judge_unparseable", str(error), code=code, raw=error.raw)
        if not verdict.adequate:
            report = f"A reviewer found that the program does not solve the task: {verdict.reason}"
            standing = Standing(stage=FailureStage.REVIEW, failures=1)
            return fix_or_give_up(
                runtime,
                state,
                "check",
                report,
                "judged inadequate",
                standing=standing,
            )
    record_fixed(runtime, state)
    return await accept_clean(state, runtime)
