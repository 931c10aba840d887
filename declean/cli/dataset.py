"""``declean dataset``: build versioned datasets from runs, describe them, compare versions."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from declean.cli.messages import error_line
from declean.errors import DecleanError

dataset_app = typer.Typer(
    no_args_is_help=True, help="Versioned, deduplicated, split datasets made from runs."
)
console = Console()
errors = Console(stderr=True)

DatasetDirArgument = Annotated[
    Path, typer.Argument(help="A dataset directory made by `declean dataset build`.")
]


@dataset_app.command("build")
def build(
    runs: Annotated[
        list[Path],
        typer.Argument(
            help="Run directories written by `declean run`, and feedback directories written by "
            "`declean feedback export` (students' labelled programs).",
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="The dataset directory (a new version if it exists).")
    ],
    near_dup_threshold: Annotated[
        float, typer.Option(help="Token 5-gram Jaccard at which two programs are near duplicates.")
    ] = 0.85,
    test_size: Annotated[float, typer.Option(help="Share of the records in the test split.")] = 0.5,
    validation_size: Annotated[
        float, typer.Option(help="Share of the records in the validation split.")
    ] = 0.0,
    seed: Annotated[int, typer.Option(help="Seed of the split search and the NO_COMPILE choices.")] = 0,
    no_compile_share: Annotated[float, typer.Option(help="Share of the records labelled NO_COMPILE.")] = 0.12,
    fresh_test: Annotated[
        bool, typer.Option("--fresh-test", help="Move earlier versions' test problems to validation.")
    ] = False,
    license_id: Annotated[
        str, typer.Option("--license", help="The card's licence identifier.")
    ] = "apache-2.0",
    sandbox_backend: Annotated[
        str, typer.Option("--sandbox", help="Where NO_COMPILE candidates are compiled: local, docker, auto.")
    ] = "local",
) -> None:
    """Merge runs into a new dataset version: deduplicated, with NO_COMPILE records, split by problem."""
    from declean.data.build import build_dataset
    from declean.data.store import BuildSettings
    from declean.sandbox import get_sandbox

    try:
        settings = BuildSettings(
            near_duplicate_threshold=near_dup_threshold,
            test_size=test_size,
            validation_size=validation_size,
            seed=seed,
            no_compile_share=no_compile_share,
            fresh_test=fresh_test,
            license=license_id,
        )
        with closing(get_sandbox(sandbox_backend)) as sandbox:
            outcome = build_dataset(
                runs, out, sandbox, settings, log=lambda line: errors.print(line, markup=False)
            )
    except DecleanError as error:
        errors.print(error_line(error), markup=True, highlight=False)
        raise typer.Exit(2) from error
    for warning in outcome.warnings:
        errors.print(f"[yellow]warning:[/yellow] {warning}", highlight=False)
    version = outcome.version
    if not outcome.created:
        console.print(f"{out}: unchanged, still {version.name} ({version.records} records)")
        return
    sizes = ", ".join(f"{split} {version.counts[split]['records']}" for split in version.splits())
    console.print(
        f"{out}: [bold]{version.name}[/bold], {version.records} records ({sizes}), "
        f"largest label-share difference {version.split.largest_difference * 100:.1f} points"
    )


def _progress(line: str) -> None:
    errors.print(line, markup=False, highlight=False)


@dataset_app.command("info")
def info(
    dataset: DatasetDirArgument,
    version: Annotated[
        str | None, typer.Option(help="The version to describe (default: the current one).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print everything as JSON.")] = False,
) -> None:
    """Versions, counts per label and split, label co-occurrence, dedup and NO_COMPILE numbers, the ledger."""
    from declean.data.info import dataset_info

    try:
        described = dataset_info(dataset, version)
    except DecleanError as error:
        errors.print(error_line(error), highlight=False)
        raise typer.Exit(2) from error
    if as_json:
        typer.echo(described.model_dump_json(indent=2))
        return
    chosen = described.version
    versions = Table(
        "version", "built", "made by", "records", "reviewed", "rejected", "parent", "runs", title=f"{dataset}"
    )
    for item in described.versions:
        marker = " (current)" if item.name == described.current else ""
        versions.add_row(
            item.name + marker,
            item.created,
            item.made_by,
            str(item.records),
            str(item.reviewed),
            str(item.rejected),
            item.parent or "",
            str(len(item.runs)),
        )
    console.print(versions)
    columns = [*chosen.label_names, "clean", "records"]
    counts = Table("split", "problems", *columns, title=f"{chosen.name}: records per label and split")
    for split in chosen.splits():
        row = chosen.counts[split]
        counts.add_row(
            split, str(len(chosen.problems[split])), *(str(row.get(label, 0)) for label in columns)
        )
    console.print(counts)
    console.print(
        f"split: seed {chosen.split.seed}, largest label-share difference "
        f"{chosen.split.largest_difference * 100:.1f} points ({chosen.split.largest_difference_label or '-'})"
    )
    pairs = Table("labels", "phi", title="label co-occurrence (phi over all records)")
    for pair, phi in described.co_occurrence.phi.items():
        pairs.add_row(pair, "-" if phi is None else f"{phi:+.2f}")
    console.print(pairs)
    console.print("dedup: " + ", ".join(f"{kind} {count}" for kind, count in chosen.dedup.items()))
    nc = chosen.no_compile
    console.print(
        f"NO_COMPILE: {nc.natural} natural, {nc.breakage} breakages "
        f"({', '.join(f'{kind} {count}' for kind, count in nc.by_kind.items()) or 'none'}); "
        f"turned down: {nc.breakages_turned_down} breakages, {nc.natural_not_compile_errors} natural"
    )
    ledger = Table("when", "version", "split", "detector", "model", "again", title="ledger")
    for entry in described.ledger:
        ledger.add_row(
            entry.when, entry.version, entry.split, entry.detector, entry.model or "", str(entry.again)
        )
    console.print(ledger if described.ledger else "ledger: no split evaluated yet")


@dataset_app.command("diff")
def diff(
    dataset: DatasetDirArgument,
    before: Annotated[
        str | None, typer.Argument(help="The older version (default: the current's parent).")
    ] = None,
    after: Annotated[str | None, typer.Argument(help="The newer version (default: the current one).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the difference as JSON.")] = False,
) -> None:
    """What changed between two versions: records added, removed, relabelled or moved between splits."""
    from declean.data.diff import diff_versions
    from declean.data.store import DatasetDir
    from declean.errors import DatasetError

    try:
        store = DatasetDir(dataset)
        index = store.existing_index()
        newer = index.version(after)
        older_name = before or newer.parent
        if older_name is None:
            raise DatasetError(f"{newer.name} is the first version: name two versions to compare")
        older = index.version(older_name)
        changes = diff_versions(older.name, store.records(older), newer.name, store.records(newer))
    except DecleanError as error:
        errors.print(error_line(error), highlight=False)
        raise typer.Exit(2) from error
    if as_json:
        typer.echo(changes.model_dump_json(indent=2))
        return
    console.print(
        f"{changes.before} -> {changes.after}: {len(changes.added)} added, {len(changes.removed)} removed, "
        f"{len(changes.relabelled)} relabelled, {len(changes.moved)} moved between splits, "
        f"{len(changes.new_problems)} new problems"
    )
    table = Table("label", changes.before, changes.after, "change")
    for label, (was, now) in changes.label_counts.items():
        table.add_row(label, str(was), str(now), f"{now - was:+d}")
    console.print(table)
    for record_id, (was_split, now_split) in changes.moved.items():
        console.print(f"moved {record_id}: {was_split} -> {now_split}", markup=False)
