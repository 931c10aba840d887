"""``declean lint``: one C file labelled by the static measures alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from declean.cli.inputs import read_source
from declean.cli.messages import error_line
from declean.errors import DecleanError

console = Console()
errors = Console(stderr=True)


def lint(
    source: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A C source file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print labels and evidence as JSON.")] = False,
) -> None:
    """Label one C file by static measurements alone (no model): the baseline a detector must beat."""
    from declean.principles.verify import measure

    try:
        evidence = measure(read_source(source))
    except DecleanError as error:
        errors.print(error_line(error))
        raise typer.Exit(2) from error
    labels = evidence.violated()
    if as_json:
        payload = {"file": str(source), "labels": labels, "evidence": evidence.model_dump(mode="json")}
        typer.echo(json.dumps(payload, indent=2))
        return
    console.print(f"[bold]{source}[/bold]: {', '.join(labels) or 'clean'}")
    if evidence.parse_errors:
        errors.print("[yellow]warning:[/yellow] tree-sitter could not parse part of the file")
    table = Table("principle", "verdict", "evidence")
    for name, measured in evidence.measures.items():
        verdict = "[red]violated[/red]" if measured.violated else "ok"
        table.add_row(name, verdict, f"{measured.summary} {measured.examples[:3]}")
    console.print(table)
