"""``declean trace report``: one self-contained HTML page for one run's trace.

The page holds the run header, a summary, the lineage of every sample (each step with its verdict, facts,
route decisions and the diff from its base version), the rejections and the statistics. It needs no server
and no network (inline CSS, no external reference) and no JavaScript: collapsing uses ``<details>``; a small
inline script only adds a filter. Raw node payloads are not embedded, so a large run stays a light page.

This module only gathers plain data (pydantic models); the Jinja2 templates in ``templates/`` turn it into
HTML with autoescaping on, so every value from the trace is escaped by the engine on its way into the page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from declean.tracing.diffs import diffs_of, versions_of
from declean.tracing.events import RunEnd, RunStart, SampleAccepted, SampleRejected, _Event
from declean.tracing.lineage import ProblemLineage, build_lineage
from declean.tracing.overview import RunInfo, run_info
from declean.tracing.reader import TraceProblems, read_events
from declean.tracing.report_model import (
    Cell,
    ProblemEntry,
    RejectionRow,
    ReportData,
    SampleEntry,
    StepCode,
    StepEntry,
    StepKey,
    Table,
    TitledTable,
)
from declean.tracing.stats import Percentiles, TraceStats, compute_stats

Outcome = SampleAccepted | SampleRejected

OPEN_STEPS = 300
"""Problems start expanded up to this many steps in all; a larger run starts collapsed, so it opens fast."""

TEMPLATE = "report.html.j2"


def build_report(path: Path) -> str:
    """The HTML report of the trace at ``path`` (read once; the header counts come from a light pass)."""
    return render_report(report_data(path))


def report_data(path: Path) -> ReportData:
    """What the report of the trace at ``path`` shows."""
    problems = TraceProblems()
    events = list(read_events(path, problems))
    info = run_info(path)
    lineage = build_lineage(events)
    codes = step_codes(events)
    return ReportData(
        info=info,
        facts=Table(
            headers=["run id", "models", "started (UTC)", "sessions", "trace"],
            rows=[
                [
                    info.run_id,
                    ", ".join(info.models) or "unknown",
                    _utc(info.started),
                    info.sessions,
                    info.path,
                ]
            ],
            cls="facts-table",
        ),
        settings=Table(
            headers=["setting", "value"],
            rows=[[name, _plain(value)] for name, value in _settings(events).items()],
        ),
        warnings=problems.warnings,
        summary=summary_table(info, lineage, _usage(events)),
        problems=[_problem_entry(problem, codes) for problem in lineage],
        expanded=sum(len(chain.steps) for problem in lineage for chain in problem.samples) <= OPEN_STEPS,
        rejections=[_rejection_row(rejection) for rejection in _rejections(events)],
        stats=stats_tables(compute_stats(events, lineage)),
    )


def render_report(data: ReportData) -> str:
    """The page: ``data`` through the report template."""
    return report_environment().get_template(TEMPLATE).render(data=data)


@cache
def report_environment() -> Environment:
    """The report's templates (package files), with every value escaped and an undefined name an error."""
    environment = Environment(
        loader=PackageLoader("declean.tracing", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(seconds=seconds, thousands="{:,}".format, ident=ident)
    environment.globals.update(anchor=anchor)
    environment.tests.update(
        numeric=lambda value: isinstance(value, int | float) and not isinstance(value, bool)
    )
    return environment


def seconds(value: float) -> str:
    """A duration: seconds with two decimals, plus h/m/s when long."""
    if value < 60:
        return f"{value:.2f} s"
    minutes, rest = divmod(int(value), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{value:.0f} s ({hours}h {minutes:02d}m {rest:02d}s)"


def ident(text: str) -> str:
    """``text`` without whitespace, for an element id."""
    return "_".join(text.split())


def anchor(verdict: str, sample_id: str) -> str:
    """The stable element id of a step (a rejected and an accepted step may share a sample id)."""
    return f"step-{verdict}-{ident(sample_id)}"


def step_codes(events: Sequence[_Event]) -> dict[StepKey, StepCode]:
    """The diff of every accepted step and every rejected step with code from its base version.

    Outcomes are grouped by sample first, so each ``versions_of`` call scans only its own sample's few
    outcome events: linear in the trace.
    """
    groups: defaultdict[tuple[str | None, int | None], list[Outcome]] = defaultdict(list)
    for event in events:
        if isinstance(event, Outcome):
            groups[(event.problem_id, event.sample_index)].append(event)
    codes: dict[StepKey, StepCode] = {}
    for group in groups.values():
        for event in group:
            if isinstance(event, SampleAccepted):
                key: StepKey = (str(event.sample["id"]), True)
            elif event.rejection.get("code") is not None:
                key = (str(event.rejection["sample_id"]), False)
            else:
                continue
            versions = versions_of(group, key[0])
            if versions and versions[-1].accepted == key[1]:
                codes[key] = (
                    StepCode(diff=diffs_of(versions[-2:])[0])
                    if len(versions) > 1
                    else StepCode(code=versions[-1].code)
                )
    return codes


def _problem_entry(problem: ProblemLineage, codes: dict[StepKey, StepCode]) -> ProblemEntry:
    steps = [step for chain in problem.samples for step in chain.steps]
    return ProblemEntry(
        problem_id=problem.problem_id,
        samples=[
            SampleEntry(
                index=chain.sample_index,
                search=" ".join([chain.problem_id, *(step.sample_id for step in chain.steps)]).lower(),
                steps=[
                    StepEntry(step=step, code=codes.get((step.sample_id, step.verdict == "accepted")))
                    for step in chain.steps
                ],
            )
            for chain in problem.samples
        ],
        accepted=sum(step.verdict == "accepted" for step in steps),
        rejected=sum(step.verdict == "rejected" for step in steps),
        routes=problem.routes,
        errors=problem.errors,
    )


def _settings(events: Sequence[_Event]) -> dict[str, Any]:
    """The settings of the last session."""
    starts = [event for event in events if isinstance(event, RunStart)]
    return starts[-1].settings if starts else {}


def _usage(events: Sequence[_Event]) -> dict[str, Any]:
    """The token accounting of the last ``run_end``, if any."""
    ends = [event for event in events if isinstance(event, RunEnd)]
    return ends[-1].usage if ends else {}


def _rejections(events: Sequence[_Event]) -> list[dict[str, Any]]:
    """Every rejection once (a step repeated after a resume keeps its last record), in trace order."""
    latest: dict[str, dict[str, Any]] = {}
    for event in events:
        if isinstance(event, SampleRejected):
            latest.pop(str(event.rejection.get("sample_id")), None)
            latest[str(event.rejection.get("sample_id"))] = event.rejection
    return list(latest.values())


def _rejection_row(rejection: dict[str, Any]) -> RejectionRow:
    return RejectionRow(
        sample_id=str(rejection.get("sample_id")),
        stage=f"{rejection.get('stage')} / {rejection.get('principle') or '-'}",
        reason=str(rejection.get("reason")),
        detail=str(rejection.get("detail") or ""),
    )


def _utc(timestamp: float | None) -> str:
    return (
        "unknown"
        if timestamp is None
        else datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="seconds")
    )


def _plain(value: object) -> str:
    """A setting's value in one line."""
    if isinstance(value, dict):
        return ", ".join(f"{key}={_plain(item)}" for key, item in value.items()) or "-"
    if isinstance(value, list):
        return ", ".join(map(_plain, value)) or "-"
    return str(value)


def summary_table(info: RunInfo, lineage: Sequence[ProblemLineage], usage: dict[str, Any]) -> Table:
    """The run in numbers."""
    samples = sum(len(problem.samples) for problem in lineage)
    rejected = ", ".join(f"{reason}: {count}" for reason, count in info.rejected.items()) or "none"
    rows: list[list[Cell]] = [
        ["problems", info.problems if info.problems is not None else len(lineage)],
        ["problems seen in the trace", len(lineage)],
        ["samples (generations)", samples],
        ["accepted samples", info.accepted],
        ["rejected versions", sum(info.rejected.values())],
        ["rejected by reason", rejected],
        ["tokens in", info.input_tokens],
        ["tokens out", info.output_tokens],
        ["model calls", info.model_calls],
        ["cached model calls", info.cached_calls],
        ["duration (all sessions)", seconds(info.duration_seconds)],
    ]
    if usage.get("cost") is not None:
        rows.append(["cost", f"{usage['cost']:.4f}"])
    return Table(headers=["", "value"], rows=rows)


def _latency(title: str, key: str, groups: dict[str, Percentiles]) -> TitledTable:
    rows: list[list[Cell]] = [
        [name, p.count, *(f"{value:.3f}" for value in (p.p50, p.p90, p.p99, p.max, p.total))]
        for name, p in groups.items()
    ]
    headers = [key, "count", "p50", "p90", "p99", "max", "total"]
    return TitledTable(
        title=title, table=Table(headers=headers, rows=rows, cls="latency", id=f"latency-{key}")
    )


def stats_tables(stats: TraceStats) -> list[TitledTable]:
    """Latencies, fix attempts, rejection reasons, yield and tokens as tables."""
    yields: list[list[Cell]] = [
        [stage, y.accepted, y.rejected, f"{y.rate:.0%}"] for stage, y in stats.yield_per_principle.items()
    ]
    tokens: list[list[Cell]] = [
        [role, t.calls, t.cached_calls, t.failed_calls, t.input_tokens, t.output_tokens]
        for role, t in stats.tokens_per_role.items()
    ]
    return [
        _latency("latency per node (s)", "node", stats.node_latency),
        _latency("model latency per role (s, cache hits excluded)", "role", stats.role_latency),
        _latency("sandbox latency per tool (s)", "tool", stats.tool_latency),
        TitledTable(
            title="fix attempts per version",
            table=Table(
                headers=["fixer calls", "versions"],
                rows=[[attempts, count] for attempts, count in stats.fix_attempts.items()],
                id="fix-attempts",
            ),
        ),
        TitledTable(
            title="rejection reasons",
            table=Table(
                headers=["reason", "steps"],
                rows=[[reason, count] for reason, count in stats.rejection_reasons.items()],
                id="rejection-reasons",
            ),
        ),
        TitledTable(
            title="yield per principle",
            table=Table(headers=["stage", "accepted", "rejected", "yield"], rows=yields, id="yield"),
        ),
        TitledTable(
            title="tokens per role",
            table=Table(
                headers=["role", "calls", "cached", "failed", "tokens in", "tokens out"],
                rows=tokens,
                id="tokens",
            ),
        ),
    ]
