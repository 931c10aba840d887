"""The report page's data, as its Jinja2 templates read it: plain pydantic models, no HTML."""

from __future__ import annotations

from typing import Literal, NamedTuple

from pydantic import BaseModel

from declean.tracing.diffs import VersionDiff
from declean.tracing.lineage import RouteView, StepView
from declean.tracing.overview import RunInfo

StepKey = tuple[str, bool]
"""A step's sample id and whether it was accepted."""
Cell = str | int | float
LineKind = Literal["file", "hunk", "add", "del", "ctx"]


class DiffLine(NamedTuple):
    """One line of a unified diff and its kind, which colours it."""

    kind: LineKind
    text: str


class StepCode(BaseModel):
    """What a step's code looks like in the report: a diff from its base, or the whole code (no base)."""

    diff: VersionDiff | None = None
    code: str | None = None

    @property
    def lines(self) -> list[DiffLine]:
        """The diff's lines, each with its kind."""
        return [DiffLine(_kind(line), line) for line in (self.diff.diff if self.diff else "").splitlines()]


def _kind(line: str) -> LineKind:
    if line.startswith(("+++", "---")):
        return "file"
    if line.startswith("@@"):
        return "hunk"
    if line.startswith("+"):
        return "add"
    if line.startswith("-"):
        return "del"
    return "ctx"


class Table(BaseModel):
    """A table with a header row; numbers are right-aligned."""

    headers: list[str]
    rows: list[list[Cell]]
    id: str | None = None
    cls: str | None = None


class TitledTable(BaseModel):
    """A statistics table under its heading."""

    title: str
    table: Table


class StepEntry(BaseModel):
    """A step and its code, if it has any."""

    step: StepView
    code: StepCode | None = None


class SampleEntry(BaseModel):
    """One sample's steps, in chain order."""

    index: int
    search: str
    """Lower-cased problem and step ids, for the filter box."""
    steps: list[StepEntry]


class ProblemEntry(BaseModel):
    """One problem: its samples and what happened at the problem level."""

    problem_id: str
    samples: list[SampleEntry]
    accepted: int
    """Accepted steps, over all samples."""
    rejected: int
    routes: list[RouteView]
    errors: list[str]


class RejectionRow(BaseModel):
    """One row of the rejections table."""

    sample_id: str
    stage: str
    """``stage / principle``."""
    reason: str
    detail: str


class ReportData(BaseModel):
    """Everything the page shows, as the template reads it."""

    info: RunInfo
    facts: Table
    settings: Table
    warnings: list[str]
    summary: Table
    problems: list[ProblemEntry]
    expanded: bool
    """Whether problems start open (see :data:`OPEN_STEPS`)."""
    rejections: list[RejectionRow]
    stats: list[TitledTable]
