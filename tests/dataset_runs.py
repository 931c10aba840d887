"""Real runs for the dataset tests: every run directory here is written by :func:`declean.runs.run_problems`
with the real sandbox. Problems carry their corpus solutions and every principle is procedural, so the
scripted model must never be called; one run asks a scripted generator and fixer that only ever write code
gcc rejects, which gives natural ``NO_COMPILE`` candidates (``fixes_exhausted``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from declean.graphs.context import Context
from declean.problems import Problem
from declean.runs import run_problems
from declean.samples import LabelPlan
from declean.sandbox.base import Sandbox
from declean.testing import FIXER, GENERATOR, ScriptedChatModel, fenced
from tests import programs
from tests.corpus_index import CorpusProgram, clean_programs

PRINCIPLES = ["DRY", "SRP", "MC", "NAME"]


def corpus_problems(names: Sequence[str] | None = None, count: int = 6) -> list[Problem]:
    """Clean corpus programs as problems with their solutions given."""
    chosen = [p for p in clean_programs() if names is None or p.name in names]
    return [_problem(program) for program in (chosen if names else chosen[:count])]


def _problem(program: CorpusProgram) -> Problem:
    statement = f"Write the corpus program `{program.name}`: it reads stdin and prints its report."
    return Problem(id=program.name, statement=statement, stdin=program.stdin, solution=program.source)


def procedural_run(
    out: Path,
    sandbox: Sandbox,
    problems: Sequence[Problem],
    run_id: str,
    *,
    label_plan: LabelPlan = "all-subsets",
    level: int = 2,
) -> Path:
    """A run of given solutions through procedural transforms only: no model call is allowed."""
    model = ScriptedChatModel(script=[])
    context = Context(
        llm=model,
        sandbox=sandbox,
        principles=PRINCIPLES,
        strategies=dict.fromkeys(PRINCIPLES, "procedural"),
        label_plan=label_plan,
        level=level,
        run_id=run_id,
        trace_dir=out.parent / "traces",
    )
    run_problems(list(problems), context, out)
    assert not model.check_finished(), model.check_finished()
    return out


def natural_errors_run(out: Path, sandbox: Sandbox, run_id: str, max_fix_attempts: int = 2) -> Path:
    """One problem whose generator and fixer only write a program with a missing semicolon."""
    script = [(GENERATOR, fenced(programs.COMPILE_ERROR))] + [(FIXER, fenced(programs.COMPILE_ERROR))] * (
        max_fix_attempts
    )
    model = ScriptedChatModel(script=list(script))
    problem = Problem(id="broken_vectors", statement=programs.VECTORS_STATEMENT)
    context = Context(
        llm=model,
        sandbox=sandbox,
        principles=PRINCIPLES,
        max_fix_attempts=max_fix_attempts,
        fix_policy="budget",
        run_id=run_id,
        trace_dir=out.parent / "traces",
    )
    run_problems([problem], context, out)
    assert not model.check_finished(), model.check_finished()
    return out


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
