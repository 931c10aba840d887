"""The ``declean`` command: the only place (with ``runs.py``) that talks to a person, files and settings."""

from __future__ import annotations

import logging
import sys
from contextlib import closing
from pathlib import Path
from typing import Annotated

import structlog
import typer
from pydantic import SecretStr
from rich.console import Console
from rich.table import Table

from declean.errors import DecleanError
from declean.problems import Problem
from declean.runs import REJECTIONS_FILE, SAMPLES_FILE, RunSummary
from declean.samples import PRINCIPLES, Rejection, Sample
from declean.sandbox import get_sandbox
from declean.sandbox.results import CompileAndRunResult

app = typer.Typer(no_args_is_help=True, help="Verified, labeled code-quality datasets of C programs.")
sandbox_app = typer.Typer(no_args_is_help=True, help="Compile and run C in the sandbox.")
app.add_typer(sandbox_app, name="sandbox")

console = Console()
errors = Console(stderr=True)

BackendOption = Annotated[
    str, typer.Option("--backend", "-b", help="Sandbox backend: auto (Docker if it answers), local, docker.")
]


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log debug events.")] = False) -> None:
    """Logs go to stderr, so stdout stays clean for --json."""
    level = logging.DEBUG if verbose else logging.WARNING
    structlog.configure(
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
    )


@app.command("run")
def run(
    problems_file: Annotated[Path, typer.Argument(help="Problems file (.yaml, .yml or .jsonl).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output directory.")] = Path("out"),
    base_url: Annotated[
        str | None, typer.Option(help="OpenAI-compatible endpoint [DECLEAN_BASE_URL].")
    ] = None,
    model: Annotated[str | None, typer.Option(help="Model name [DECLEAN_MODEL].")] = None,
    api_key: Annotated[
        str | None, typer.Option(help="API key [DECLEAN_API_KEY].", show_default=False)
    ] = None,
    sandbox_backend: Annotated[str, typer.Option("--sandbox", help="auto, local or docker.")] = "local",
    samples: Annotated[int, typer.Option(min=1, help="Clean samples per problem.")] = 1,
    principles: Annotated[str, typer.Option(help="De-clean chain, comma-separated.")] = "DRY,SRP,MC,NAME",
    temperature: Annotated[float, typer.Option(help="Generator temperature.")] = 0.8,
    max_fix_attempts: Annotated[int, typer.Option(min=0, help="Fixer calls per version.")] = 3,
    judge: Annotated[str, typer.Option(help="strict, or llm to ask the judge model.")] = "strict",
    on_rejection: Annotated[str, typer.Option(help="continue or stop the chain.")] = "continue",
    trace_dir: Annotated[Path, typer.Option(help="Where the run's trace goes.")] = Path("traces"),
) -> None:
    """Generate clean solutions, de-clean them one principle at a time, keep what is verified."""
    from declean.agents.providers import chat_model_from_settings
    from declean.graphs.context import Context
    from declean.problems import load_problems
    from declean.runs import run_problems
    from declean.settings import Settings

    overrides = {"base_url": base_url, "model": model, "api_key": SecretStr(api_key) if api_key else None}
    try:
        problems = load_problems(problems_file)
        settings = Settings().model_copy(update={k: v for k, v in overrides.items() if v is not None})
        llm = chat_model_from_settings(settings)
        with closing(get_sandbox(sandbox_backend)) as sandbox:
            context = Context(
                llm=llm,
                sandbox=sandbox,
                principles=[p.strip().upper() for p in principles.split(",") if p.strip()],  # type: ignore[misc]
                samples_per_problem=samples,
                temperature=temperature,
                max_fix_attempts=max_fix_attempts,
                judge_policy=judge,  # type: ignore[arg-type]
                on_rejection=on_rejection,  # type: ignore[arg-type]
                trace_dir=trace_dir,
            )
            console.print(
                f"run [bold]{context.run_id}[/bold]: {len(problems)} problems, trace {context.trace.path}"
            )
            summary = run_problems(problems, context, out, on_problem_done=_print_progress)
    except DecleanError as error:
        errors.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from error
    _print_summary(summary, out)


def _print_progress(problem: Problem, samples: list[Sample], rejections: list[Rejection]) -> None:
    reasons = ", ".join(sorted({r.reason for r in rejections})) or "none"
    console.print(f"  {problem.id}: {len(samples)} accepted, {len(rejections)} rejected ({reasons})")


def _print_summary(summary: RunSummary, out: Path) -> None:
    table = Table("label", "accepted", "rejected (by reason)", title="samples per label")
    for label in ["clean", *PRINCIPLES]:
        reasons = {r: n for (stage, r), n in summary.rejected.items() if stage == label}
        detail = ", ".join(f"{reason} {count}" for reason, count in sorted(reasons.items())) or "-"
        table.add_row(label, str(summary.accepted[label]), detail)
    console.print(table)
    console.print(
        f"{summary.accepted_samples} samples accepted in {summary.duration_seconds:.1f}s; "
        f"written to {out / SAMPLES_FILE} and {out / REJECTIONS_FILE}"
    )
    if summary.failed_problems:
        errors.print(
            f"[red]problems that crashed (see the trace):[/red] {', '.join(summary.failed_problems)}"
        )


@sandbox_app.command("run")
def sandbox_run(
    source: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A C source file.")],
    stdin: Annotated[
        list[Path] | None,
        typer.Option("--stdin", exists=True, dir_okay=False, help="A stdin case (repeat for several)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    backend: BackendOption = "local",
) -> None:
    """Compile FILE.c and run it once per stdin case, inside the sandbox."""
    cases = [path.read_text() for path in stdin] if stdin else [""]
    try:
        with closing(get_sandbox(backend)) as sandbox:
            result = sandbox.compile_and_run(source.read_text(), cases)
    except DecleanError as error:
        errors.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from error
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        _print_result(source, cases, result)
    raise typer.Exit(0 if result.ok else 1)


@sandbox_app.command("image")
def sandbox_image(
    tag: Annotated[str | None, typer.Option(help="Image tag to build.")] = None,
    mirror: Annotated[str | None, typer.Option(help="Debian mirror (default: the one apt uses).")] = None,
) -> None:
    """Build the Docker gcc image without a registry (debootstrap + docker import; needs root)."""
    from declean.sandbox.image import DEFAULT_IMAGE, build_image

    try:
        built = build_image(tag or DEFAULT_IMAGE, mirror=mirror, log=errors.print)
    except DecleanError as error:
        errors.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from error
    console.print(f"built image [bold]{built}[/bold]")


def _print_result(source: Path, cases: list[str], result: CompileAndRunResult) -> None:
    compiled = result.compile
    verdict = "[green]ok[/green]" if compiled.ok else f"[red]{compiled.failure_reason()}[/red]"
    console.print(f"[bold]{source}[/bold] compile: {verdict} ({compiled.wall_seconds * 1000:.0f} ms)")
    if compiled.stderr.strip():
        console.print(compiled.stderr.rstrip(), markup=False, highlight=False)
    if not result.runs:
        return
    table = Table("case", "stdin", "status", "cpu ms", "wall ms", "stdout")
    for index, (stdin, run) in enumerate(zip(cases, result.runs, strict=True)):
        status = "[green]ok[/green]" if run.ok else f"[red]{run.failure_reason()}[/red]"
        stdout = run.stdout + ("…[truncated]" if run.stdout_truncated else "")
        table.add_row(
            str(index),
            _preview(stdin),
            status,
            f"{run.cpu_seconds * 1000:.0f}",
            f"{run.wall_seconds * 1000:.0f}",
            _preview(stdout, 400),
        )
    console.print(table)


def _preview(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
