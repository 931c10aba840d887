"""``declean feedback``: students' feedback from the web app, turned into candidate dataset records."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from declean.cli.messages import error_line
from declean.errors import DecleanError

feedback_app = typer.Typer(
    no_args_is_help=True, help="Students' feedback on the web app's labels: the dataset's next records."
)
console = Console()
errors = Console(stderr=True)


@feedback_app.command("export")
def export(
    db: Annotated[Path, typer.Option("--db", help="The web app's feedback SQLite file (opened read-only).")],
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="The feedback directory to write (an earlier export there is replaced)."
        ),
    ],
) -> None:
    """One candidate record per student program (its latest labels), for `declean dataset build`."""
    from declean.data.feedback import export_feedback

    try:
        exported = export_feedback(db, out)
    except DecleanError as error:
        errors.print(error_line(error), highlight=False)
        raise typer.Exit(2) from error
    for warning in exported.manifest.warnings:
        errors.print(f"[yellow]warning:[/yellow] {warning}", highlight=False)
    counts = exported.manifest.counts
    skipped = counts.unknown_labels + counts.no_code
    console.print(
        f"{out}: {counts.records} records from {counts.rows} feedback rows "
        f"({counts.superseded} superseded by a later row on the same program, {skipped} skipped); "
        f"add it to `declean dataset build` beside the run directories",
        highlight=False,
    )
