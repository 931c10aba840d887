"""What a dataset holds: one record per program, with its labels and where it came from."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from declean.errors import DatasetError
from declean.samples import Step

RecordSource = Literal["accepted", "breakage", "natural", "feedback"]
"""``accepted``: a sample a run accepted; ``breakage``: an accepted sample broken on purpose so it does not
compile; ``natural``: a version a model wrote that never compiled (a ``fixes_exhausted`` rejection);
``feedback``: a student's own program, labelled by the student through the web app (human-labelled, not yet
reviewed; :mod:`declean.data.feedback`)."""

ReviewStatus = Literal["accepted", "relabelled", "rejected"]
"""What people decided about a record: its labels are right, they were corrected, or it does not belong in
the dataset (an inadequate solution, too close to others)."""

Split = Literal["train", "validation", "test"]
SPLITS: tuple[Split, ...] = ("train", "validation", "test")


class NoCompile(BaseModel):
    """Why a ``NO_COMPILE`` record does not compile: the breakage applied, and gcc's verdict on it."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    origin: Literal["breakage", "natural", "feedback"]
    """Broken on purpose by :mod:`declean.tools.breakage`, written that way by a model, or a student's program
    the student labelled ``NO_COMPILE``."""
    kind: str | None = None
    """The breakage (``missing_semicolon``, ``wrong_argument_count``...); ``None`` for natural errors."""
    line: int | None = None
    """The line of the breakage in the parent's code, or of gcc's first error."""
    description: str = ""
    """What was broken, in words."""
    compiler_error: str
    """gcc's first error line, from the sandbox compile that verified the record."""


class ReviewMark(BaseModel):
    """The review decision a record carries (:mod:`declean.review`; every decision is in ``review.jsonl``)."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    status: ReviewStatus
    reviewers: list[str]
    """Who decided (Label Studio e-mails, or the app's reviewer names)."""
    when: str
    """ISO 8601 time of the decision."""
    labels_before: list[str]
    """The labels before the decision (the pipeline's, for a record's first review)."""
    reason: str = ""
    """Why it was rejected, or the reviewers' comment."""


class DatasetRecord(BaseModel):
    """One program of a dataset with its labels and its provenance."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    id: str
    """``<run id>/<sample id>`` for a run's samples, ``<parent id>/NO_COMPILE:<kind>`` for a breakage,
    ``<run id>/<sample id>/natural`` for a natural compile error, ``feedback/<code sha256[:12]>`` for a
    student's program: unique across the dataset's versions."""
    problem_id: str
    """The problem it solves; a split never holds a problem another split holds."""
    statement: str
    """The problem statement."""
    code: str
    """The C source."""
    labels: list[str]
    """Every principle the code violates, ``NO_COMPILE`` included; ``[]`` for clean code."""
    source: RecordSource
    """How the record was made."""
    run_id: str
    """The run it comes from (for feedback: the export, ``feedback-<time>``)."""
    sample_id: str
    """Its id in that run (``samples.jsonl`` or, for natural errors, ``rejections.jsonl``; for feedback, the
    feedback row id)."""
    parent_id: str | None = None
    """The dataset record it was rewritten or broken from (``None`` for clean code and natural errors)."""
    models: dict[str, str] = Field(default_factory=dict)
    """Role -> the model the run used for it; for feedback, ``detector`` -> the detector whose labels the
    student corrected (name, version, model)."""
    prompt_hashes: dict[str, str] = Field(default_factory=dict)
    """Prompt name -> hash of every template that contributed to the code; for feedback, ``detector`` -> the
    detector's prompt hash."""
    lineage: list[Step] = Field(default_factory=list)
    """Every step from the clean version to this code: who made it, strategy, level, labels added."""
    stdin: list[str] = Field(default_factory=list)
    """The stdin cases the code was run on."""
    outputs: list[str] = Field(default_factory=list)
    """Its stdout on each case (empty for code that does not compile)."""
    no_compile: NoCompile | None = None
    """Why the code does not compile, for ``NO_COMPILE`` records."""
    split: Split | None = None
    """The split the record belongs to, once the dataset is split."""
    review: ReviewMark | None = None
    """The latest review decision; ``None`` until someone reviewed the record."""

    def label_key(self) -> frozenset[str]:
        """The label set: only records with the same one can be duplicates of each other."""
        return frozenset(self.labels)


def invalid_line(path: Path, number: int, what: str, error: ValidationError) -> DatasetError:
    """The error for line ``number`` of ``path`` that is not a valid ``what``: names file, line and field."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "the line"
    return DatasetError(f"{path}:{number}: not a {what} ({where}: {first['msg']})")


def numbered_lines(path: Path, warnings: list[str]) -> Iterator[tuple[int, str]]:
    """The non-blank complete lines of a JSON Lines file, numbered from 1; nothing for a missing file. A
    last line cut short by a crash is skipped and named in ``warnings``; text that is not UTF-8 is a
    :class:`DatasetError`."""
    if not path.exists():
        return
    try:
        with path.open("r", encoding="utf-8", newline="\n") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.endswith("\n"):
                    warnings.append(f"{path}:{number}: skipped a partial last line (a write was cut short)")
                    return
                if line.strip():
                    yield number, line
    except UnicodeDecodeError as error:
        raise DatasetError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from error
