"""``declean detect``: label one C file (``declean detect FILE.c``) or train the ``trained`` detector
(``declean detect train DATASET --out model.joblib``)."""

from __future__ import annotations

import json
from contextlib import ExitStack, closing
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from typer._click.core import Context as ClickContext  # typer 0.29 ships its own click
from typer.core import TyperGroup

from declean.cli.messages import error_line
from declean.errors import DecleanError

console = Console()
errors = Console(stderr=True)


class _FileOrSubcommand(TyperGroup):
    """``declean detect FILE.c`` runs the hidden ``file`` command; ``declean detect train ...`` trains."""

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["file", *args]
        return super().parse_args(ctx, args)


detect_app = typer.Typer(
    cls=_FileOrSubcommand,
    no_args_is_help=True,
    help="Label a C file: NO_COMPILE from a real compile, the principles from a detector.",
)

DetectorOption = Annotated[
    str, typer.Option("--detector", "-d", help="lint, llm, hybrid, trained, or package.module:attribute.")
]
PromptOption = Annotated[
    Path | None, typer.Option("--prompt", exists=True, dir_okay=False, help="Your own detection prompt file.")
]
ModelFileOption = Annotated[
    Path | None, typer.Option("--model-file", dir_okay=False, help="The trained detector's model file.")
]
ProviderOption = Annotated[
    str | None, typer.Option(help="local (embedded model), openai, openai-compatible [DECLEAN_PROVIDER].")
]
ModelOption = Annotated[str | None, typer.Option("--model", help="Model name [DECLEAN_MODEL].")]
SandboxOption = Annotated[
    str, typer.Option("--sandbox", help="Where the file is compiled: local, docker, auto.")
]


@detect_app.command("file", hidden=True)
def detect_file_command(
    source: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A C source file.")],
    detector: DetectorOption = "lint",
    prompt: PromptOption = None,
    model_file: ModelFileOption = None,
    provider: ProviderOption = None,
    model: ModelOption = None,
    sandbox_backend: SandboxOption = "local",
    as_json: Annotated[bool, typer.Option("--json", help="Print the detection as JSON.")] = False,
) -> None:
    """Compile FILE.c in the sandbox (NO_COMPILE is gcc's verdict), then ask the detector for the rest."""
    from declean.cli.inputs import read_source
    from declean.cli.models import open_models, settings_from
    from declean.detect import MODEL_DETECTORS, make_detector
    from declean.detect.compiled import detect_file
    from declean.sandbox import get_sandbox

    try:
        code = read_source(source)
        with ExitStack() as resources:
            chat = None
            if detector in MODEL_DETECTORS:
                settings = settings_from({"provider": provider, "model": model})
                chat = open_models(resources, settings, errors).llm
            found = make_detector(detector, model=chat, prompt_file=prompt, model_file=model_file)
            sandbox = resources.enter_context(closing(get_sandbox(sandbox_backend)))
            detection = detect_file(found, code, sandbox)
    except DecleanError as error:
        errors.print(error_line(error), highlight=False)
        raise typer.Exit(2) from error
    if as_json:
        typer.echo(json.dumps({"file": str(source), **detection.model_dump(mode="json")}, indent=2))
        return
    console.print(f"[bold]{source}[/bold] ({detection.detector}): {', '.join(detection.labels) or 'clean'}")
    table = Table("label", "where", "why")
    for finding in detection.findings:
        where = "; ".join(location.describe() for location in finding.locations)
        table.add_row(finding.label, where or "-", finding.explanation)
    if detection.findings:
        console.print(table)
    if detection.parse_error:
        errors.print(f"[yellow]warning:[/yellow] {detection.parse_error} (raw reply kept in --json)")


@detect_app.command("train")
def train_command(
    dataset: Annotated[Path, typer.Argument(help="A dataset directory (`declean dataset build`).")],
    out: Annotated[Path, typer.Option("--out", "-o", dir_okay=False, help="Where to save the model.")],
    fraction: Annotated[float, typer.Option(help="Share of the train problems to fit on.")] = 1.0,
    seed: Annotated[int, typer.Option(help="Seed of the fraction's choice and the classifier.")] = 0,
) -> None:
    """Fit the trained detector on the current version's train split and save it."""
    from declean.detect.trained import train_from_dataset

    try:
        trained = train_from_dataset(dataset, out, fraction=fraction, seed=seed)
    except DecleanError as error:
        errors.print(error_line(error), highlight=False)
        raise typer.Exit(2) from error
    console.print(f"saved {out}: {trained.describe()}")
