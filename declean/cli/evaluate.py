"""``declean eval``: detectors on a dataset split side by side, with 95 % intervals resampling problems."""

from __future__ import annotations

import json
import tempfile
from contextlib import ExitStack, closing
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from declean.cli.detect import ModelFileOption, ModelOption, PromptOption, ProviderOption, SandboxOption
from declean.cli.messages import error_line
from declean.errors import DecleanError

console = Console()
errors = Console(stderr=True)


def evaluate_command(
    dataset: Annotated[Path, typer.Argument(help="A dataset directory (`declean dataset build`).")],
    detector: Annotated[
        list[str] | None,
        typer.Option(
            "--detector", "-d", help="lint, llm, hybrid, trained or package.module:attribute (repeat)."
        ),
    ] = None,
    split: Annotated[str, typer.Option(help="train, validation or test.")] = "test",
    version: Annotated[
        str | None, typer.Option(help="The dataset version (default: the current one).")
    ] = None,
    again: Annotated[
        bool,
        typer.Option("--again", help="Evaluate a test split that was evaluated before (recorded as such)."),
    ] = False,
    report: Annotated[
        Path | None, typer.Option(dir_okay=False, help="Write a self-contained HTML report.")
    ] = None,
    predictions: Annotated[
        Path | None, typer.Option(file_okay=False, help="Where predictions go [DATASET/predictions].")
    ] = None,
    learning_curve: Annotated[
        bool, typer.Option("--learning-curve", help="Also train on 10/25/50/100 % of the train problems.")
    ] = False,
    resamples: Annotated[int, typer.Option(min=100, help="Bootstrap resamples of the problems.")] = 1000,
    prompt: PromptOption = None,
    model_file: ModelFileOption = None,
    provider: ProviderOption = None,
    model: ModelOption = None,
    sandbox_backend: SandboxOption = "local",
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score detectors on a split: Jaccard, precision, recall, F1 per label, micro/macro, exact match."""
    from declean.cli.models import open_models, settings_from
    from declean.data.records import SPLITS
    from declean.detect import MODEL_DETECTORS, make_detector
    from declean.errors import ConfigurationError
    from declean.evaluate.evaluation import evaluate
    from declean.evaluate.report import render_report
    from declean.models.cache import CACHE_FILE, SqliteModelCache
    from declean.sandbox import get_sandbox

    names = detector or ["lint"]
    try:
        if split not in SPLITS:
            raise ConfigurationError(f"unknown split {split!r}: use one of {', '.join(SPLITS)}")
        with ExitStack() as resources:
            chat, cache = None, None
            if any(name in MODEL_DETECTORS for name in names):
                chat = open_models(
                    resources, settings_from({"provider": provider, "model": model}), errors
                ).llm
                cache = resources.enter_context(closing(SqliteModelCache(dataset / CACHE_FILE)))
            detectors = [
                make_detector(name, model=chat, cache=cache, prompt_file=prompt, model_file=model_file)
                for name in names
            ]
            sandbox = resources.enter_context(closing(get_sandbox(sandbox_backend)))
            bar = resources.enter_context(
                Progress(
                    TextColumn("{task.description}"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TimeRemainingColumn(),
                    console=errors,
                    transient=True,
                )
            )
            tasks: dict[str, TaskID] = {}

            def advance(name: str, done: int, total: int) -> None:
                if name not in tasks:
                    tasks[name] = bar.add_task(name, total=total)
                bar.update(tasks[name], completed=done)

            curve_dir = (
                Path(resources.enter_context(tempfile.TemporaryDirectory())) if learning_curve else None
            )
            evaluation = evaluate(
                dataset,
                detectors,
                sandbox,
                split=split,
                version=version,
                again=again,
                resamples=resamples,
                predictions_dir=predictions or dataset / "predictions",
                progress=advance,
                curve_dir=curve_dir,
            )
        if report is not None:
            report.write_text(
                render_report(evaluation.comparison(), evaluation.misclassified()), encoding="utf-8"
            )
    except DecleanError as error:
        errors.print(error_line(error), highlight=False)
        raise typer.Exit(2) from error
    if as_json:
        typer.echo(json.dumps(_as_json(evaluation), indent=2))
        return
    _print(evaluation)
    if report is not None:
        console.print(f"report: {report}")


def _as_json(evaluation: object) -> dict[str, object]:
    from declean.evaluate.evaluation import Evaluation

    assert isinstance(evaluation, Evaluation)
    return {
        "dataset_version": evaluation.version.name,
        "fingerprint": evaluation.version.fingerprint,
        "split": evaluation.split,
        "samples": len(evaluation.records),
        "problems": evaluation.problems,
        "detectors": {
            result.name: {
                "scores": result.scores.model_dump(mode="json"),
                "intervals": result.intervals,
                "seconds_per_sample": result.seconds_per_sample,
                "predictions_file": str(result.predictions_file) if result.predictions_file else None,
                "ledger": result.ledger_entry.model_dump(mode="json") if result.ledger_entry else None,
            }
            for result in evaluation.results
        },
        "learning_curve": [
            {"fraction": p.fraction, "problems": p.problems, "jaccard": p.jaccard} for p in evaluation.curve
        ],
    }


def _print(evaluation: object) -> None:
    from declean.evaluate.evaluation import Evaluation
    from declean.evaluate.table import TextTable, comparison_table

    assert isinstance(evaluation, Evaluation)

    def show(table: TextTable) -> None:
        shown = Table(*table.headers, title=table.title)
        for row in table.rows:
            shown.add_row(*row)
        console.print(shown)

    show(comparison_table(evaluation.comparison()))
    if evaluation.curve:
        labels = list(evaluation.curve[0].jaccard)
        rows = [
            [f"{point.fraction:.0%} ({point.problems})", *(f"{point.jaccard[label]:.2f}" for label in labels)]
            for point in evaluation.curve
        ]
        show(
            TextTable(
                title="learning curve of the trained detector", headers=["train problems", *labels], rows=rows
            )
        )
    for result in evaluation.results:
        if result.predictions_file:
            console.print(f"{result.name}: predictions in {result.predictions_file}", highlight=False)
        if result.ledger_entry:
            console.print(f"{result.name}: recorded in the test-set ledger", highlight=False)
