"""``declean trace report``: one self-contained HTML page for one run's trace.

The page holds the run header, a summary, the lineage of every sample (each step with its verdict, facts,
route decisions and the diff from its base version), the rejections and the statistics. It needs no server
and no network (inline CSS, no external reference) and no JavaScript: collapsing uses ``<details>``; a small
inline script only adds a filter. Raw node payloads are not embedded, so a large run stays a light page.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from declean.tracing.diffs import diffs_of, versions_of
from declean.tracing.events import RunEnd, RunStart, SampleAccepted, SampleRejected, _Event
from declean.tracing.lineage import ProblemLineage, SampleChain, build_lineage
from declean.tracing.overview import RunInfo, run_info
from declean.tracing.reader import TraceProblems, read_events
from declean.tracing.report_html import (
    Html,
    StepCode,
    anchor,
    chain_html,
    esc,
    page,
    seconds,
    step_html,
    table,
)
from declean.tracing.stats import Percentiles, TraceStats, compute_stats

OPEN_STEPS = 300
"""Problems start expanded up to this many steps in all; a larger run starts collapsed, so it opens fast."""

Outcome = SampleAccepted | SampleRejected
StepKey = tuple[str, bool]
"""A step's sample id and whether it was accepted."""


def build_report(path: Path) -> str:
    """The HTML report of the trace at ``path`` (read once; the header counts come from a light pass)."""
    problems = TraceProblems()
    events = list(read_events(path, problems))
    info = run_info(path)
    lineage = build_lineage(events)
    stats = compute_stats(events, lineage)
    body = "\n".join(
        (
            header_html(info, _settings(events), problems.warnings),
            '<nav><a href="#summary">summary</a><a href="#lineage">lineage</a>'
            '<a href="#rejections">rejections</a><a href="#stats">statistics</a></nav>',
            summary_html(info, lineage, _usage(events)),
            lineage_html(lineage, step_codes(events)),
            rejections_html(_rejections(events)),
            stats_html(stats),
        )
    )
    return page(f"declean run {info.run_id}", body)


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


def _utc(timestamp: float | None) -> str:
    return (
        "unknown"
        if timestamp is None
        else datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="seconds")
    )


def header_html(info: RunInfo, settings: dict[str, Any], warnings: Sequence[str]) -> str:
    """Run id, models, start, sessions, whether it ended, the reading warnings and the settings."""
    status = (
        '<p class="status ended">ended (run_end written)</p>'
        if info.ended
        else '<p class="status crashed">no run_end: crashed or still running</p>'
    )
    facts = table(
        ["run id", "models", "started (UTC)", "sessions", "trace"],
        [[info.run_id, ", ".join(info.models) or "unknown", _utc(info.started), info.sessions, info.path]],
        'class="facts-table"',
    )
    items = "".join(f"<li>{esc(warning)}</li>" for warning in warnings)
    shown = table(["setting", "value"], [[name, _plain(value)] for name, value in settings.items()])
    return (
        f'<header id="header"><h1>declean run <code id="run-id">{esc(info.run_id)}</code></h1>{status}{facts}'
        + (f'<ul id="warnings" class="warnings">{items}</ul>' if warnings else "")
        + f'<details id="settings"><summary>settings of the last session</summary>{shown}</details></header>'
    )


def _plain(value: object) -> str:
    """A setting's value in one line."""
    if isinstance(value, dict):
        return ", ".join(f"{key}={_plain(item)}" for key, item in value.items()) or "-"
    if isinstance(value, list):
        return ", ".join(map(_plain, value)) or "-"
    return str(value)


def summary_html(info: RunInfo, lineage: Sequence[ProblemLineage], usage: dict[str, Any]) -> str:
    """The run in numbers."""
    samples = sum(len(problem.samples) for problem in lineage)
    rejected = ", ".join(f"{reason}: {count}" for reason, count in info.rejected.items()) or "none"
    rows: list[list[object]] = [
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
    return f'<section id="summary"><h2>Summary</h2>{table(["", "value"], rows)}</section>'


def lineage_html(lineage: Sequence[ProblemLineage], codes: dict[StepKey, StepCode]) -> str:
    """Per problem, per sample, every step in order."""
    tools = (
        '<div id="tools" hidden>'
        '<input id="filter" type="search" placeholder="filter by problem or sample id">'
        ' <label><input id="only-rejected" type="checkbox"> only samples with a rejection</label>'
        ' <button id="expand" type="button">expand all</button>'
        ' <button id="collapse" type="button">collapse all</button></div>'
    )
    steps = sum(len(chain.steps) for problem in lineage for chain in problem.samples)
    opened = " open" if steps <= OPEN_STEPS else ""
    problems = "".join(_problem_html(problem, codes, opened) for problem in lineage)
    return f'<section id="lineage"><h2>Lineage</h2>{tools}{problems or "<p>no samples</p>"}</section>'


def _problem_html(problem: ProblemLineage, codes: dict[StepKey, StepCode], opened: str) -> str:
    verdicts = Counter(step.verdict for chain in problem.samples for step in chain.steps)
    errors = "".join(f"<li>{esc(error)}</li>" for error in problem.errors)
    routes = "".join(
        f"<li>{esc(route.node)} → {esc(route.goto)}: {esc(route.reason)}</li>" for route in problem.routes
    )
    return (
        f'<details class="problem" id="problem-{esc("_".join(problem.problem_id.split()))}"'
        f' data-problem-id="{esc(problem.problem_id)}"{opened}>'
        f"<summary><code>{esc(problem.problem_id)}</code>"
        f" — {len(problem.samples)} sample(s), {verdicts['accepted']} accepted step(s),"
        f" {verdicts['rejected']} rejected</summary>"
        + (f'<ul class="errors">{errors}</ul>' if errors else "")
        + (
            f'<details class="routes"><summary>problem routes</summary><ul>{routes}</ul></details>'
            if routes
            else ""
        )
        + "".join(_sample_html(chain, codes) for chain in problem.samples)
        + "</details>"
    )


def _sample_html(chain: SampleChain, codes: dict[StepKey, StepCode]) -> str:
    search = " ".join([chain.problem_id, *(step.sample_id for step in chain.steps)]).lower()
    steps = "".join(
        step_html(step, codes.get((step.sample_id, step.verdict == "accepted"))) for step in chain.steps
    )
    return (
        f'<section class="sample" data-search="{esc(search)}"><h4>sample {chain.sample_index}</h4>'
        f'{chain_html(chain.steps)}<ol class="steps">{steps}</ol></section>'
    )


def rejections_html(rejections: Sequence[dict[str, Any]]) -> str:
    """Every rejected version: where, why, and the details in words."""
    rows = []
    for rejection in rejections:
        sample_id = str(rejection.get("sample_id"))
        link = Html(f'<a href="#{esc(anchor("rejected", sample_id))}">{esc(sample_id)}</a>')
        stage = f"{rejection.get('stage')} / {rejection.get('principle') or '-'}"
        rows.append(
            f'<tr class="rejection" data-sample-id="{esc(sample_id)}"><td>{link}</td><td>{esc(stage)}</td>'
            f'<td class="reason">{esc(rejection.get("reason"))}</td>'
            f'<td class="detail">{esc(rejection.get("detail") or "")}</td></tr>'
        )
    head = (
        "<thead><tr><th>sample id</th><th>stage / principle</th><th>reason</th><th>detail</th></tr></thead>"
    )
    content = f"<table>{head}<tbody>{''.join(rows)}</tbody></table>" if rows else "<p>no rejections</p>"
    return f'<section id="rejections"><h2>Rejections ({len(rows)})</h2>{content}</section>'


def _latency(title: str, key: str, groups: dict[str, Percentiles]) -> str:
    rows = [
        [name, p.count, *(f"{value:.3f}" for value in (p.p50, p.p90, p.p99, p.max, p.total))]
        for name, p in groups.items()
    ]
    headers = [key, "count", "p50", "p90", "p99", "max", "total"]
    return f"<h3>{esc(title)}</h3>" + table(headers, rows, f'class="latency" id="latency-{key}"')


def stats_html(stats: TraceStats) -> str:
    """Latencies, fix attempts, rejection reasons, yield and tokens as tables."""
    yields = [
        [stage, y.accepted, y.rejected, f"{y.rate:.0%}"] for stage, y in stats.yield_per_principle.items()
    ]
    tokens = [
        [role, t.calls, t.cached_calls, t.failed_calls, t.input_tokens, t.output_tokens]
        for role, t in stats.tokens_per_role.items()
    ]
    parts = [
        _latency("latency per node (s)", "node", stats.node_latency),
        _latency("model latency per role (s, cache hits excluded)", "role", stats.role_latency),
        _latency("sandbox latency per tool (s)", "tool", stats.tool_latency),
        "<h3>fix attempts per version</h3>"
        + table(["fixer calls", "versions"], list(stats.fix_attempts.items()), 'id="fix-attempts"'),
        "<h3>rejection reasons</h3>"
        + table(["reason", "steps"], list(stats.rejection_reasons.items()), 'id="rejection-reasons"'),
        "<h3>yield per principle</h3>"
        + table(["stage", "accepted", "rejected", "yield"], yields, 'id="yield"'),
        "<h3>tokens per role</h3>"
        + table(["role", "calls", "cached", "failed", "tokens in", "tokens out"], tokens, 'id="tokens"'),
    ]
    return f'<section id="stats"><h2>Statistics</h2>{"".join(parts)}</section>'
