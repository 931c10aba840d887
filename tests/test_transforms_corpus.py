"""Every procedural transform on every clean corpus program, alone and chained in every order.

For each applied step: the result compiles in the real sandbox, prints exactly the reference output on
every stdin case, its verifier confirms the target principle, and no other principle is violated.
Where a transform does not apply it must say why.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
from dataclasses import dataclass

import pytest

from declean.principles import PRINCIPLES, Principle, apply_transform
from declean.principles.verify import check_step
from declean.sandbox.local import LocalSandbox
from declean.tools.transforms.base import Level
from tests.corpus_index import CorpusProgram, clean_programs

PROGRAMS = clean_programs()
_outputs: dict[tuple[str, tuple[str, ...]], list[str] | str] = {}
_lock = threading.Lock()


def outputs(sandbox: LocalSandbox, source: str, stdin: list[str]) -> list[str] | str:
    """Stdout per case, or the failure reason; memoised, since chains share their prefixes."""
    key = (hashlib.sha256(source.encode()).hexdigest(), tuple(stdin))
    with _lock:
        if key in _outputs:
            return _outputs[key]
    result = sandbox.compile_and_run(source, stdin)
    value: list[str] | str = (
        [run.stdout for run in result.runs] if result.ok else str(result.failure_reason())
    )
    with _lock:
        _outputs[key] = value
    return value


@dataclass(frozen=True)
class StepOutcome:
    applied: bool
    code: str


def step(
    sandbox: LocalSandbox,
    program: CorpusProgram,
    *,
    code: str,
    labels: list[Principle],
    principle: Principle,
    level: Level,
) -> StepOutcome:
    """Apply one transform and assert everything the module docstring promises."""
    result = apply_transform(principle, code, level)
    if not result.applied:
        assert result.reason, f"{principle} on {program.name}: not applicable without a reason"
        return StepOutcome(applied=False, code=code)
    assert result.code is not None and result.locations, (
        f"{principle} on {program.name}: no code or no locations"
    )
    reference = outputs(sandbox, program.source, program.stdin)
    assert outputs(sandbox, result.code, program.stdin) == reference, f"{principle} changed {program.name}"
    check = check_step(principle, code, result.code, labelled=labels)
    assert check.verified, f"{principle} on {program.name} (after {labels}): {check.explain()}"
    assert check.collateral == [], f"{principle} on {program.name} (after {labels}): {check.explain()}"
    return StepOutcome(applied=True, code=result.code)


@pytest.mark.parametrize("level", [1, 2, 3])
@pytest.mark.parametrize("principle", PRINCIPLES)
@pytest.mark.parametrize("program", PROGRAMS, ids=[p.name for p in PROGRAMS])
def test_single_transform(
    local_sandbox: LocalSandbox, program: CorpusProgram, principle: Principle, level: Level
) -> None:
    step(local_sandbox, program, code=program.source, labels=[], principle=principle, level=level)


@pytest.mark.parametrize("program", PROGRAMS, ids=[p.name for p in PROGRAMS])
def test_chains_in_every_order(local_sandbox: LocalSandbox, program: CorpusProgram) -> None:
    for order in itertools.permutations(PRINCIPLES):
        code, labels = program.source, list[Principle]()
        for principle in order:
            outcome = step(local_sandbox, program, code=code, labels=labels, principle=principle, level=2)
            if outcome.applied:
                code, labels = outcome.code, [*labels, principle]


MINIMUM_SHARE_APPLIED = {"NAME": 0.9, "MC": 0.8, "SRP": 0.4, "DRY": 0.7}
"""DRY copies a helper called twice into its call sites, or writes one pass of a loop out before the loop
(the second form), so 14 of the 20 programs at least; the rest have no pass large enough to count as
repeated logic. SRP needs
helpers called once whose jobs, merged into one function, make it mix two jobs: in many clean programs
the helpers that could be inlined only print or compute too little for a second job (9 of 20)."""


def test_every_transform_applies_where_it_should() -> None:
    for principle in PRINCIPLES:
        applied = [p.name for p in PROGRAMS if apply_transform(principle, p.source, 2).applied]
        assert len(applied) >= MINIMUM_SHARE_APPLIED[principle] * len(PROGRAMS), f"{principle}: {applied}"
