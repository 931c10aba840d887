"""``declean trace``: see why a run yielded what it did, from its trace file alone. ``--json`` on each."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from declean.cli.messages import error_line
from declean.cli.trace_event import print_event
from declean.errors import DecleanError, TraceNotFoundError
from declean.tracing.diffs import diffs_of, versions_of
from declean.tracing.events import _Event
from declean.tracing.lineage import ProblemLineage, StepView, build_lineage
from declean.tracing.overview import RunInfo, list_runs
from declean.tracing.reader import TraceProblems, find_trace, read_events
from declean.tracing.stats import Percentiles, compute_stats

trace_app = typer.Typer(
    no_args_is_help=True, help="Inspect run traces: lineage, events, diffs, stats, report."
)
console = Console()
errors = Console(stderr=True)

TraceDir = Annotated[Path, typer.Option("--trace-dir", "-d", help="Where the traces are.")]
Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
RunArgument = Annotated[str, typer.Argument(help="Run id (or a unique prefix/suffix), or a trace file.")]
_DIFF_STYLES = {"@@": "cyan", "+": "green", "-": "red", "++": "bold", "--": "bold"}
_LINEAGE_EVENTS = frozenset(
    {"run_start", "route", "model_call", "node_start", "sample_accepted", "sample_rejected", "error"}
)


def _load(run: str, trace_dir: Path, only: frozenset[str] | None = None) -> tuple[Path, list[_Event]]:
    path = find_trace(run, trace_dir)
    problems = TraceProblems()
    events = list(read_events(path, problems, only=only))
    for warning in problems.warnings:
        errors.print(f"[yellow]warning:[/yellow] {path.name}: {warning}")
    return path, events


def _emit_json(payload: Any) -> None:
    if isinstance(payload, BaseModel):
        typer.echo(payload.model_dump_json(indent=2))
    else:
        typer.echo(json.dumps(payload, indent=2, default=lambda m: m.model_dump(mode="json")))


def _fail(error: DecleanError) -> typer.Exit:
    errors.print(error_line(error))
    return typer.Exit(2)


@trace_app.command("list")
def list_command(
    directory: Annotated[Path, typer.Argument(help="Trace directory.")] = Path("traces"),
    as_json: Json = False,
) -> None:
    """Runs, newest first: id, start, models, problems, accepted, rejected by reason, tokens, duration."""
    try:
        runs = list_runs(directory)
    except DecleanError as error:
        raise _fail(error) from error
    for run in runs:
        for warning in run.warnings:
            errors.print(f"[yellow]warning:[/yellow] {run.run_id}: {warning}")
    if as_json:
        _emit_json(runs)
        return
    table = Table(
        "run", "started (UTC)", "models", "problems", "accepted", "rejected", "tokens in/out", "duration"
    )
    for run in runs:
        table.add_row(*_run_row(run))
    console.print(table)


def _run_row(run: RunInfo) -> list[str | Text]:
    started = datetime.fromtimestamp(run.started, UTC).strftime("%Y-%m-%d %H:%M:%S") if run.started else "-"
    status = Text(run.run_id) if run.ended else Text(f"{run.run_id} (no run_end)", style="yellow")
    rejected = ", ".join(f"{reason} {count}" for reason, count in run.rejected.items()) or "-"
    return [
        status,
        started,
        ", ".join(run.models),
        str(run.problems if run.problems is not None else "-"),
        str(run.accepted),
        rejected,
        f"{run.input_tokens}/{run.output_tokens}",
        f"{run.duration_seconds:.1f}s" + (f" ({run.sessions} sessions)" if run.sessions > 1 else ""),
    ]


@trace_app.command("show")
def show_command(
    run: RunArgument,
    problem: Annotated[str | None, typer.Option(help="Only this problem.")] = None,
    sample: Annotated[
        str | None, typer.Option(help="Only this sample: an index (0) or an id (p/s0).")
    ] = None,
    trace_dir: TraceDir = Path("traces"),
    as_json: Json = False,
) -> None:
    """The lineage tree of each problem: every step's verdict, reason, fix attempts, duration and tokens."""
    try:
        _, events = _load(run, trace_dir, only=_LINEAGE_EVENTS)
        lineage = _filter(build_lineage(events), problem, sample)
    except DecleanError as error:
        raise _fail(error) from error
    if as_json:
        _emit_json(lineage)
        return
    for item in lineage:
        console.print(_problem_tree(item))


def _filter(lineage: list[ProblemLineage], problem: str | None, sample: str | None) -> list[ProblemLineage]:
    if sample is not None and not sample.isdigit():
        head, _, index = sample.rstrip("/").partition("/s")
        if problem is not None and problem != head:
            raise TraceNotFoundError(f"--sample {sample} is not a sample of --problem {problem}")
        problem, sample = head, index.split("/")[0]
    chosen = [item for item in lineage if problem is None or item.problem_id == problem]
    if problem is not None and not chosen:
        raise TraceNotFoundError(f"no problem {problem!r} in this run")
    if sample is not None:
        chosen = [
            item.model_copy(update={"samples": [c for c in item.samples if str(c.sample_index) == sample]})
            for item in chosen
        ]
        if not any(item.samples for item in chosen):
            raise TraceNotFoundError(f"no sample {sample!r} in this run")
    return chosen


def _problem_tree(problem: ProblemLineage) -> Tree:
    tree = Tree(Text(problem.problem_id, style="bold"))
    for route in problem.routes:
        tree.add(Text(f"route {route.node} -> {route.goto}: {route.reason}", style="dim"))
    for message in problem.errors:
        tree.add(Text(f"crashed: {message}", style="red"))
    for chain in problem.samples:
        branch = tree.add(Text(f"sample {chain.sample_index}", style="bold"))
        for step in chain.steps:
            node = branch.add(_step_line(step))
            for route in step.routes:
                node.add(Text(f"#{route.seq} {route.node} -> {route.goto}: {route.reason}", style="dim"))
    return tree


def _step_line(step: StepView) -> Text:
    name = "+".join(step.labels) or "clean"
    verdict = Text("accepted" if step.verdict == "accepted" else f"rejected ({step.reason})")
    verdict.stylize("green" if step.verdict == "accepted" else "red")
    line = Text(f"{name}  ").append(verdict)
    extra = f"  {step.strategy}" if step.strategy else ""
    line.append(
        f"{extra}  fixes {step.fix_attempts}  {step.duration_seconds:.2f}s  "
        f"tokens {step.input_tokens}/{step.output_tokens}  [event {step.last_seq}]",
        style="dim",
    )
    if step.detail:
        line.append(f"\n{step.detail[:300]}", style="yellow")
    return line


@trace_app.command("event")
def event_command(
    run: RunArgument,
    seq: Annotated[int, typer.Argument(help="The event's seq number (shown by `show`).")],
    trace_dir: TraceDir = Path("traces"),
    as_json: Json = False,
) -> None:
    """One event whole: model messages readably, compiler diagnostics on the numbered source, run outputs
    beside the reference."""
    try:
        _, events = _load(run, trace_dir)
        matches = [event for event in events if event.seq == seq]
        if not matches:
            raise TraceNotFoundError(f"no event {seq} in this run (0..{len(events) - 1})")
    except DecleanError as error:
        raise _fail(error) from error
    if as_json:
        _emit_json([event.as_written() for event in matches])
        return
    for event in matches:
        print_event(console, event, events)


@trace_app.command("diff")
def diff_command(
    run: RunArgument,
    sample: Annotated[str, typer.Argument(help="A sample id, e.g. vec_add/s0/DRY+SRP (or a rejected one).")],
    trace_dir: TraceDir = Path("traces"),
    as_json: Json = False,
) -> None:
    """Coloured unified diffs between consecutive code versions of the sample's chain."""
    try:
        _, events = _load(run, trace_dir, only=frozenset({"sample_accepted", "sample_rejected"}))
        diffs = diffs_of(versions_of(events, sample))
    except DecleanError as error:
        raise _fail(error) from error
    if as_json:
        _emit_json(diffs)
        return
    for diff in diffs:
        console.print(Text(f"{diff.before} -> {diff.after} ({diff.principle or '?'})", style="bold"))
        for line in diff.diff.splitlines():
            console.print(Text(line, style=_DIFF_STYLES.get(line[:2], _DIFF_STYLES.get(line[:1], ""))))


@trace_app.command("stats")
def stats_command(run: RunArgument, trace_dir: TraceDir = Path("traces"), as_json: Json = False) -> None:
    """Latency percentiles per node and role, fix attempts, rejection reasons, yield per principle, tokens;
    for a run on Ray, what each cluster node did."""
    only = _LINEAGE_EVENTS | {"tool_call", "node_end"}
    try:
        _, events = _load(run, trace_dir, only=only)
        stats = compute_stats(events, build_lineage(events))
    except DecleanError as error:
        raise _fail(error) from error
    if as_json:
        _emit_json(stats)
        return
    for title, groups in (
        ("latency per node (s)", stats.node_latency),
        ("model latency per role (s, cache hits excluded)", stats.role_latency),
        ("sandbox latency per tool (s)", stats.tool_latency),
    ):
        console.print(_latency_table(title, groups))
    yields = Table("stage", "accepted", "rejected", "yield", title="yield per principle")
    for stage, counts in stats.yield_per_principle.items():
        yields.add_row(stage, str(counts.accepted), str(counts.rejected), f"{counts.rate:.0%}")
    console.print(yields)
    tokens = Table("role", "calls", "cached", "failed", "tokens in", "tokens out", title="tokens per role")
    for role, count in stats.tokens_per_role.items():
        tokens.add_row(
            role,
            *map(str, (count.calls, count.cached_calls, count.failed_calls)),
            str(count.input_tokens),
            str(count.output_tokens),
        )
    console.print(tokens)
    console.print(
        "fix attempts per version: " + ", ".join(f"{n}: {c}" for n, c in stats.fix_attempts.items())
    )
    console.print(
        "rejections: " + (", ".join(f"{r} {c}" for r, c in stats.rejection_reasons.items()) or "none")
    )
    if stats.per_host:
        hosts = Table(
            "node", "problems", "model calls", "sandbox calls", "accepted", "events", title="per node"
        )
        for host, done in stats.per_host.items():
            figures = (done.problems, done.model_calls, done.tool_calls, done.accepted_samples, done.events)
            hosts.add_row(host, *map(str, figures))
        console.print(hosts)


def _latency_table(title: str, groups: dict[str, Percentiles]) -> Table:
    table = Table("name", "count", "p50", "p90", "p99", "max", "total", title=title)
    for name, p in groups.items():
        table.add_row(
            name, str(p.count), *(f"{value:.3f}" for value in (p.p50, p.p90, p.p99, p.max, p.total))
        )
    return table


@trace_app.command("report")
def report_command(
    run: RunArgument,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path(
        "report.html"
    ),
    trace_dir: TraceDir = Path("traces"),
) -> None:
    """One self-contained HTML file (inline CSS, no network) with lineage, diffs, rejections and stats."""
    from declean.tracing.report import build_report

    try:
        path = find_trace(run, trace_dir)
        output.write_text(build_report(path), encoding="utf-8")
    except DecleanError as error:
        raise _fail(error) from error
    console.print(f"wrote {output} ({output.stat().st_size / 1e3:.0f} kB) for {path.stem}")
