"""``NO_COMPILE`` records: accepted samples broken on purpose, and versions models wrote that never compiled.

Both kinds are kept only when a real compile in the sandbox fails with a located gcc *error*: a warning, a
timeout, a link error or a sandbox failure never makes a ``NO_COMPILE`` label. Students' programs from
feedback are held to the same rule both ways: labelled ``NO_COMPILE`` only if gcc fails with an error, and
not labelled so only if it does not.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict

from declean.data.records import DatasetRecord, NoCompile
from declean.principles import NO_COMPILE
from declean.principles.verify import detect, measure
from declean.sandbox.base import Sandbox
from declean.sandbox.results import CompileResult
from declean.tools.breakage import BREAKAGE_KINDS, Breakage, BreakageKind, break_code

MAX_CANDIDATES_PER_PARENT = 6
"""Breakages compiled for one parent before it is passed over (nearly every first one fails as meant)."""


class NoCompileAttempt(BaseModel):
    """A candidate that was compiled and not kept: one line of ``no_compile_rejected.jsonl``."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    id: str
    origin: str
    reason: str
    """Why it was not kept, e.g. ``compiled without errors`` or ``only a link error``."""


@dataclass
class NoCompileResult:
    """The verified records and every candidate turned down."""

    records: list[DatasetRecord] = field(default_factory=list)
    rejected: list[NoCompileAttempt] = field(default_factory=list)
    compiles: int = 0


def compile_error(result: CompileResult) -> str | None:
    """gcc's first located error when the compile failed because of the code; ``None`` otherwise."""
    errors = result.code_errors()
    return f"line {errors[0].line}: {errors[0].message}" if errors else None


def verify_natural(
    candidates: Sequence[DatasetRecord], sandbox: Sandbox, *, workers: int = 2
) -> NoCompileResult:
    """The natural candidates gcc really rejects, labelled ``NO_COMPILE`` plus what the measures find."""
    result = NoCompileResult()
    compiled = _compile_all(sandbox, [candidate.code for candidate in candidates], workers)
    result.compiles += len(candidates)
    for candidate, outcome in zip(candidates, compiled, strict=True):
        error = compile_error(outcome)
        if error is None:
            reason = "compiled without errors" if outcome.ok else _not_an_error(outcome)
            result.rejected.append(NoCompileAttempt(id=candidate.id, origin="natural", reason=reason))
            continue
        labels, description = _measured_labels(candidate.code)
        result.records.append(
            candidate.model_copy(
                update={
                    "labels": [*labels, NO_COMPILE],
                    "no_compile": NoCompile(
                        origin="natural",
                        line=_error_line(outcome),
                        description=description,
                        compiler_error=error,
                    ),
                }
            )
        )
    return result


def verify_feedback(
    records: Sequence[DatasetRecord], sandbox: Sandbox, *, workers: int = 2
) -> NoCompileResult:
    """The feedback records whose ``NO_COMPILE`` label (or its absence) gcc agrees with; ``NO_COMPILE`` ones
    get their compiler error. The rest are turned down: the student's other labels are not checked here."""
    result = NoCompileResult()
    compiled = _compile_all(sandbox, [record.code for record in records], workers)
    result.compiles += len(records)
    for record, outcome in zip(records, compiled, strict=True):
        error = compile_error(outcome)
        if NO_COMPILE in record.labels and error is None:
            reason = "labelled NO_COMPILE, but " + (
                "it compiled without errors" if outcome.ok else _not_an_error(outcome)
            )
        elif NO_COMPILE not in record.labels and error is not None:
            reason = f"not labelled NO_COMPILE, but gcc rejects it ({error})"
        else:
            no_compile = None
            if error is not None:
                no_compile = NoCompile(
                    origin="feedback",
                    line=_error_line(outcome),
                    description="a student's program, labelled NO_COMPILE by the student",
                    compiler_error=error,
                )
            result.records.append(record.model_copy(update={"no_compile": no_compile}))
            continue
        result.rejected.append(NoCompileAttempt(id=record.id, origin="feedback", reason=reason))
    return result


def break_samples(
    parents: Sequence[DatasetRecord],
    count: int,
    sandbox: Sandbox,
    *,
    seed: int,
    known: Iterable[DatasetRecord] = (),
    workers: int = 2,
) -> NoCompileResult:
    """``count`` breakages of ``parents``, spread over problems and breakage kinds, each verified by a
    compile. ``known`` breakages (an earlier version's, already verified) of parents still present come
    first, as they are, so a new version keeps them."""
    result = NoCompileResult()
    present = {parent.id for parent in parents}
    result.records = [r for r in known if r.no_compile is not None and r.parent_id in present][:count]
    used = {record.parent_id for record in result.records}
    rng = random.Random(f"no-compile/{seed}")
    queue = [parent for parent in _spread(parents, rng) if parent.id not in used]
    kinds = list(BREAKAGE_KINDS)
    rng.shuffle(kinds)
    position = 0
    while len(result.records) < count and position < len(queue):
        batch = queue[position : position + max(workers, count - len(result.records))]
        plans = [
            (parent, _candidates(parent, kinds[(position + offset) % len(kinds)], seed))
            for offset, parent in enumerate(batch)
        ]
        position += len(batch)
        for record in _verify_plans(plans, sandbox, workers, result):
            if len(result.records) < count:
                result.records.append(record)
    return result


def _spread(parents: Sequence[DatasetRecord], rng: random.Random) -> list[DatasetRecord]:
    """Parents in an order that visits every problem before any twice, each problem's order shuffled."""
    by_problem: dict[str, list[DatasetRecord]] = {}
    for parent in parents:
        if NO_COMPILE not in parent.labels:
            by_problem.setdefault(parent.problem_id, []).append(parent)
    problems = sorted(by_problem)
    rng.shuffle(problems)
    for members in by_problem.values():
        rng.shuffle(members)
    order: list[DatasetRecord] = []
    depth = 0
    while len(order) < sum(len(members) for members in by_problem.values()):
        order += [by_problem[problem][depth] for problem in problems if depth < len(by_problem[problem])]
        depth += 1
    return order


def _candidates(parent: DatasetRecord, preferred: BreakageKind, seed: int) -> Iterator[Breakage]:
    """The preferred kind's breakages first, then the other kinds', computed only when asked for: on the
    whole corpus the first breakage already fails to compile, so the other kinds are rarely looked at."""
    key = f"{seed}/{parent.id}"
    for kind in (preferred, *(kind for kind in BREAKAGE_KINDS if kind != preferred)):
        yield from break_code(parent.code, key, kinds=(kind,))


def _verify_plans(
    plans: list[tuple[DatasetRecord, Iterator[Breakage]]],
    sandbox: Sandbox,
    workers: int,
    result: NoCompileResult,
) -> list[DatasetRecord]:
    """Compile each parent's candidates in order (parents in parallel); the first real error wins."""

    def first_error(
        plan: tuple[DatasetRecord, Iterator[Breakage]],
    ) -> tuple[DatasetRecord | None, list[NoCompileAttempt]]:
        parent, candidates = plan
        turned_down: list[NoCompileAttempt] = []
        for breakage in itertools.islice(candidates, MAX_CANDIDATES_PER_PARENT):
            outcome = sandbox.compile(breakage.code)
            error = compile_error(outcome)
            if error is not None:
                return _broken(parent, breakage, error), turned_down
            reason = "compiled without errors" if outcome.ok else _not_an_error(outcome)
            turned_down.append(
                NoCompileAttempt(
                    id=f"{parent.id}/NO_COMPILE:{breakage.kind}", origin="breakage", reason=reason
                )
            )
        return None, turned_down

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        found = list(pool.map(first_error, plans))
    kept = []
    for record, turned_down in found:
        result.rejected += turned_down
        result.compiles += len(turned_down) + (record is not None)
        if record is not None:
            kept.append(record)
    return kept


def _broken(parent: DatasetRecord, breakage: Breakage, error: str) -> DatasetRecord:
    return DatasetRecord(
        id=f"{parent.id}/NO_COMPILE:{breakage.kind}",
        problem_id=parent.problem_id,
        statement=parent.statement,
        code=breakage.code,
        labels=[*parent.labels, NO_COMPILE],
        source="breakage",
        run_id=parent.run_id,
        sample_id=parent.sample_id,
        parent_id=parent.id,
        models=parent.models,
        prompt_hashes=parent.prompt_hashes,
        lineage=parent.lineage,
        stdin=parent.stdin,
        no_compile=NoCompile(
            origin="breakage",
            kind=breakage.kind,
            line=breakage.line,
            description=breakage.description,
            compiler_error=error,
        ),
    )


def _compile_all(sandbox: Sandbox, sources: Sequence[str], workers: int) -> list[CompileResult]:
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(sandbox.compile, sources))


def _measured_labels(code: str) -> tuple[list[str], str]:
    if measure(code).parse_errors:
        return [], "written by a model; other labels not measured (the code does not parse)"
    labels = list(detect(code))
    found = ", ".join(labels) or "none"
    return labels, f"written by a model; other labels measured on the code: {found}"


def _error_line(outcome: CompileResult) -> int | None:
    return next((error.line for error in outcome.errors if error.line is not None), None)


def _not_an_error(outcome: CompileResult) -> str:
    if outcome.timed_out:
        return "the compile timed out"
    if outcome.errors:
        return "only a link error"
    return outcome.failure_reason() or "no located gcc error"
