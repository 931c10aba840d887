"""``declean review``: push a dataset to Label Studio, pull the reviewers' decisions, see how they agree."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer
from rich.console import Console
from rich.table import Table

from declean.cli.messages import error_line
from declean.errors import DecleanError

if TYPE_CHECKING:
    from declean.review.label_studio import LabelStudioConnection
    from declean.review.stats import Agreement

review_app = typer.Typer(no_args_is_help=True, help="Human review of a dataset in Label Studio.")
console = Console()
errors = Console(stderr=True)

DatasetArgument = Annotated[Path, typer.Argument(help="A dataset directory made by `declean dataset build`.")]
UrlOption = Annotated[
    str | None,
    typer.Option(
        "--url", help="Label Studio's address [env LABEL_STUDIO_URL; default http://127.0.0.1:8080]."
    ),
]
TokenOption = Annotated[
    str | None,
    typer.Option(
        "--token",
        help="A personal access or legacy token [env LABEL_STUDIO_API_KEY, which keeps it out of `ps`].",
        show_default=False,
    ),
]
ProjectOption = Annotated[
    str | None, typer.Option("--project", help="The project's title [default: 'declean: <dataset name>'].")
]


def _fail(error: DecleanError) -> typer.Exit:
    errors.print(error_line(error), highlight=False)
    return typer.Exit(2)


def _connect(url: str | None, token: str | None) -> LabelStudioConnection:
    from declean.review.label_studio import LabelStudioConnection

    connection = LabelStudioConnection(url, token)
    user = connection.whoami()
    errors.print(f"Label Studio at {connection.url} as {user}", highlight=False)
    return connection


@review_app.command("push")
def push(
    dataset: DatasetArgument,
    url: UrlOption = None,
    token: TokenOption = None,
    project: ProjectOption = None,
    split: Annotated[
        Literal["train", "validation", "test"], typer.Option(help="The split to review.")
    ] = "train",
    only: Annotated[
        Literal["all", "unreviewed"], typer.Option(help="`unreviewed`: leave out records with a decision.")
    ] = "all",
) -> None:
    """Create or update a Label Studio project with the split's records (never a task twice)."""
    from declean.review.push import push_dataset

    try:
        outcome = push_dataset(
            dataset, _connect(url, token), project=project, split=split, only_unreviewed=only == "unreviewed"
        )
    except DecleanError as error:
        raise _fail(error) from error
    made = "created" if outcome.project_created else "updated" if outcome.config_updated else "found"
    console.print(
        f"project {outcome.project_id} ({made}): {outcome.imported} tasks imported, "
        f"{outcome.predictions_added} predictions added, {outcome.unchanged} unchanged"
        + (f", {outcome.skipped_reviewed} reviewed records left out" if outcome.skipped_reviewed else "")
    )


@review_app.command("pull")
def pull(
    dataset: DatasetArgument,
    url: UrlOption = None,
    token: TokenOption = None,
    project: ProjectOption = None,
    from_export: Annotated[
        Path | None,
        typer.Option("--from-export", help="A Label Studio JSON export file instead of the server."),
    ] = None,
) -> None:
    """Apply reviewers' decisions: accept, reject, relabel; each one in review.jsonl, a new version made."""
    from declean.review.pull import pull_from_export, pull_from_label_studio

    try:
        if from_export is not None:
            outcome = pull_from_export(dataset, from_export)
        else:
            outcome = pull_from_label_studio(dataset, _connect(url, token), project=project)
    except DecleanError as error:
        raise _fail(error) from error
    for warning in outcome.warnings:
        errors.print(f"[yellow]warning:[/yellow] {warning}", highlight=False)
    counts = ", ".join(f"{action} {count}" for action, count in sorted(outcome.counts().items())) or "none"
    made = f"new version {outcome.version}" if outcome.created else f"version {outcome.version} unchanged"
    console.print(f"{dataset}: decisions {counts}; {outcome.unchanged} tasks already applied; {made}")


@review_app.command("stats")
def stats(
    dataset: DatasetArgument,
    as_json: Annotated[bool, typer.Option("--json", help="Print everything as JSON.")] = False,
) -> None:
    """Reviewed share, reviewer-vs-pipeline and inter-annotator agreement, what reviewers reject most."""
    from declean.review.stats import review_stats

    try:
        result = review_stats(dataset)
    except DecleanError as error:
        raise _fail(error) from error
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
        return
    splits = ", ".join(f"{split} {done}/{total}" for split, (done, total) in result.by_split.items())
    actions = ", ".join(f"{action} {count}" for action, count in result.actions.items()) or "none"
    console.print(
        f"{dataset} {result.version}: {result.reviewed} of {result.records} records reviewed "
        f"({result.share * 100:.0f}%; {splits}); decisions: {actions}; "
        f"{len(result.reviewers)} reviewers, {result.multi_reviewed} records reviewed by two or more"
    )
    if not result.actions:
        console.print("nothing reviewed yet: `declean review push`, annotate, then `declean review pull`")
        return
    console.print(_agreement_table("Reviewer vs pipeline", result.pipeline))
    if result.multi_reviewed:
        console.print(_agreement_table("Reviewer vs reviewer (pairs)", result.inter_annotator))
    rows = [row for row in result.rejections if row.rejected or row.relabelled][:15]
    if not rows:
        console.print("no rejections and no relabels")
        return
    table = Table(
        "facet", "value", "reviewed", "rejected", "relabelled", title="What reviewers reject or relabel"
    )
    for row in rows:
        table.add_row(
            row.facet,
            row.value,
            str(row.reviewed),
            f"{row.rejected} ({row.rate * 100:.0f}%)",
            f"{row.relabelled} ({row.relabel_rate * 100:.0f}%)",
        )
    console.print(table)


def _agreement_table(title: str, rows: list[Agreement]) -> Table:
    table = Table("question", "pairs", "agreement", "Cohen's kappa", title=title)
    for row in rows:
        agreement = "n/a" if row.agreement is None else f"{row.agreement * 100:.0f}%"
        kappa = "n/a" if row.kappa is None else f"{row.kappa:.2f}"
        table.add_row(row.question, str(row.pairs), agreement, kappa)
    return table
