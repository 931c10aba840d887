"""When another fixer call pays: the fixer is asked again only while its attempts get somewhere.

A candidate that fails stands somewhere on the way to being accepted: it fails to compile, compiles but
fails to run, runs but prints the wrong output, prints the right output but gcc warns of bugs, or the
sanitizer stops it; and at that stage it has some number of failures (errors, failing stdin cases,
warnings). Under the ``progress`` policy a first attempt is always made (while ``max_fix_attempts``
allows), and a further one only when the last attempt's candidate stands higher than the one before: a
later stage, or the same stage with fewer failures. On the embedded 1.5B model a fixer that returns a
program with as many wrong outputs as before went on to fix none of them in two more attempts (every
``wrong_output`` rejection of the README job), so those calls are saved; a model that makes progress keeps
its attempts. ``budget`` spends every attempt ``max_fix_attempts`` allows, as before.

The run learns too (``progress`` only): a :class:`FixLedger` shared by every problem of the run records,
per stage, whether each fixer call got its candidate closer. Once the fixer has been given
:data:`LEARNING_CALLS` failures of one stage and made progress on none, it is not asked about that stage
again in the run: on the README job its 12 calls (300 of 494 model seconds) on wrong outputs, bug warnings
and compile errors of the generator's programs gave no sample. One call that gets closer keeps the stage
open for the rest of the run.
"""

from __future__ import annotations

import threading
from collections import Counter
from enum import IntEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from declean.samples import RejectionReason

FixPolicy = Literal["progress", "budget"]
"""``progress``: another attempt only when the last one got closer; ``budget``: every allowed attempt."""


class FailureStage(IntEnum):
    """How far a candidate got before it failed, in the order the graph checks."""

    COMPILE = 0
    RUN = 1
    OUTPUT = 2
    BUG_WARNING = 3
    SANITIZER = 4
    REVIEW = 5
    """The judge model found it does not solve the task (``adequacy_check``)."""
    REPAIR = 6
    """A repair of an unclean clean version changed its output."""


GIVEN_UP_AS: dict[FailureStage, RejectionReason] = {
    FailureStage.COMPILE: "fixes_exhausted",
    FailureStage.RUN: "fixes_exhausted",
    FailureStage.OUTPUT: "wrong_output",
    FailureStage.BUG_WARNING: "bug_warning",
    FailureStage.SANITIZER: "undefined_behaviour",
    FailureStage.REVIEW: "inadequate",
    FailureStage.REPAIR: "fixes_exhausted",
}
"""The rejection reason of a candidate the fixer gave up on at each stage."""


class Standing(BaseModel):
    """Where a failing candidate stands: the stage it failed at and how many failures it had there."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    stage: FailureStage
    """The check it failed."""
    failures: int
    """Errors, failing stdin cases, warnings or reports at that stage (at least 1)."""

    def beats(self, other: Standing) -> bool:
        """Closer to acceptance than ``other``: a later stage, or fewer failures at the same one."""
        if self.stage != other.stage:
            return self.stage > other.stage
        return self.failures < other.failures

    def describe(self) -> str:
        """``2 failure(s) at the output check``."""
        return f"{self.failures} failure(s) at the {_stage_name(self.stage)}"


LEARNING_CALLS = 3
"""Fixer calls on failures of one stage after which, none having got closer, the run stops asking."""


class FixLedger:
    """What the fixer's calls achieved in one run, per stage: shared by its problems (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: Counter[FailureStage] = Counter()
        self._closer: Counter[FailureStage] = Counter()

    def record(self, given: Standing, closer: bool) -> None:
        """A fixer call was given a candidate standing at ``given``; its reply got ``closer`` or not."""
        with self._lock:
            self._calls[given.stage] += 1
            self._closer[given.stage] += closer

    def pays(self, stage: FailureStage) -> bool:
        """Still worth asking the fixer about a failure at ``stage``."""
        with self._lock:
            return self._closer[stage] > 0 or self._calls[stage] < LEARNING_CALLS

    def summary(self, stage: FailureStage) -> str:
        """``3 of 3 calls on output check failures got nowhere``."""
        with self._lock:
            calls, closer = self._calls[stage], self._closer[stage]
        return f"{calls - closer} of {calls} fixer calls on {_stage_name(stage)} failures got nowhere"


def _stage_name(stage: FailureStage) -> str:
    return f"{stage.name.lower().replace('_', ' ')} check"


def why_stop(
    policy: FixPolicy,
    attempts: int,
    limit: int,
    now: Standing,
    before: Standing | None,
    *,
    ledger: FixLedger | None = None,
) -> str | None:
    """Why no further fixer call is made for a candidate standing at ``now`` after ``attempts`` calls
    (``before``: where the candidate stood before the last call; ``ledger``: what the run's fixer calls
    achieved so far); ``None`` when one is made."""
    if attempts >= limit:
        return f"after {attempts} fix attempts"
    if policy == "progress" and attempts > 0 and before is not None and not now.beats(before):
        return (
            f"fix attempt {attempts} made no progress ({now.describe()}, {before.describe()} before); "
            f"{limit - attempts} attempt(s) left unspent"
        )
    if policy == "progress" and ledger is not None and not ledger.pays(now.stage):
        return f"{ledger.summary(now.stage)} in this run, so the fixer is not asked again for them"
    return None
