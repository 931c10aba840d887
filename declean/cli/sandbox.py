"""``declean sandbox``: compile and run C in the sandbox, build the Docker image."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from declean.cli.inputs import read_source
from declean.cli.messages import error_line
from declean.errors import DecleanError
from declean.sandbox import get_sandbox
from declean.sandbox.results import CompileAndRunResult

sandbox_app = typer.Typer(no_args_is_help=True, help="Compile and run C in the sandbox.")
console = Console()
errors = Console(stderr=True)

BackendOption = Annotated[
    str, typer.Option("--backend", "-b", help="Sandbox backend: auto (Docker if it answers), local, docker.")
]


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
    try:
        cases = [read_source(path) for path in stdin] if stdin else [""]
        code = read_source(source)
        with closing(get_sandbox(backend)) as sandbox:
            result = sandbox.compile_and_run(code, cases)
    except DecleanError as error:
        errors.print(error_line(error))
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
        errors.print(error_line(error))
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
