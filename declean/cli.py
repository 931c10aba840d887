"""The ``declean`` command: the only place (with ``runs.py``) that talks to a person, files and settings."""

from __future__ import annotations

import json
import logging
import sys
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import structlog
import typer
from rich.console import Console
from rich.table import Table

from declean.cli_run import run as run_command
from declean.cli_trace import trace_app
from declean.errors import DecleanError
from declean.principles import PRINCIPLES
from declean.sandbox import get_sandbox
from declean.sandbox.results import CompileAndRunResult

if TYPE_CHECKING:
    from declean.agents.cache import SqliteModelCache

app = typer.Typer(no_args_is_help=True, help="Verified, labeled code-quality datasets of C programs.")
sandbox_app = typer.Typer(no_args_is_help=True, help="Compile and run C in the sandbox.")
app.add_typer(sandbox_app, name="sandbox")
cache_app = typer.Typer(no_args_is_help=True, help="The model-call cache of a run's output directory.")
app.add_typer(cache_app, name="cache")
app.add_typer(trace_app, name="trace")
app.command("run")(run_command)

console = Console()
errors = Console(stderr=True)

OutDirArgument = Annotated[Path, typer.Argument(help="The run's output directory.")]
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


@app.command("lint")
def lint(
    source: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A C source file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print labels and evidence as JSON.")] = False,
) -> None:
    """Label one C file by static measurements alone (no model): the baseline a detector must beat."""
    from declean.tools.metrics import measure
    from declean.tools.verify import DEFAULT_THRESHOLDS, verdicts

    evidence = measure(source.read_text())
    found = verdicts(evidence, DEFAULT_THRESHOLDS)
    labels = [principle for principle in PRINCIPLES if found[principle]]
    if as_json:
        payload = {"file": str(source), "labels": labels, "evidence": evidence.model_dump(mode="json")}
        typer.echo(json.dumps(payload, indent=2))
        return
    console.print(f"[bold]{source}[/bold]: {', '.join(labels) or 'clean'}")
    if evidence.parse_errors:
        errors.print("[yellow]warning:[/yellow] tree-sitter could not parse part of the file")
    table = Table("principle", "verdict", "evidence")
    mc, name, dry, srp = evidence.MC, evidence.NAME, evidence.DRY, evidence.SRP
    rows = {
        "DRY": f"{dry.duplicated_tokens} repeated tokens in {dry.duplicate_blocks} blocks {dry.examples[:2]}",
        "SRP": f"longest function {srp.longest_function}: {srp.longest_statements} statements, "
        f"{srp.max_branches} branches (of {srp.functions} functions)",
        "MC": f"{mc.magic_literals} magic literals, {mc.named_constants} named constants {mc.examples[:3]}",
        "NAME": f"{name.meaningless} of {name.declared} names meaningless {name.examples[:5]}",
    }
    for principle in PRINCIPLES:
        table.add_row(principle, "[red]violated[/red]" if found[principle] else "ok", rows[principle])
    console.print(table)


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


@cache_app.command("info")
def cache_info(out: OutDirArgument = Path("out")) -> None:
    """How many model replies the cache in OUT holds."""
    with _existing_cache(out) as cache:
        count = len(cache)
    size = sum(p.stat().st_size for p in cache.path.parent.glob(f"{cache.path.name}*"))
    console.print(f"{cache.path}: {count} cached replies, {size / 1e6:.1f} MB")


@cache_app.command("clear")
def cache_clear(out: OutDirArgument = Path("out")) -> None:
    """Forget every cached reply in OUT: the next run asks the model again."""
    with _existing_cache(out) as cache:
        removed = cache.clear()
    console.print(f"removed {removed} cached replies from {cache.path}")


def _existing_cache(out: Path) -> SqliteModelCache:
    """The cache of OUT; a missing one is said and ends the command (never created by looking)."""
    from declean.agents.cache import CACHE_FILE, SqliteModelCache

    path = out / CACHE_FILE
    if not path.exists():
        console.print(f"no cache at {path}")
        raise typer.Exit(0)
    return SqliteModelCache(path)


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
