"""``declean run``: a problems file through the graph, with the models resolved from settings."""

from __future__ import annotations

import asyncio
import os
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
import yaml
from pydantic import SecretStr, ValidationError
from rich.console import Console
from rich.table import Table

from declean.cli.messages import error_line
from declean.cli.models import settings_from
from declean.cli.progress import RunProgress
from declean.errors import ConfigurationError, DecleanError
from declean.models.usage import Price, PriceTable, RunUsage
from declean.runs.options import Placement, RunOptions, RunSpec, open_run
from declean.runs.output import REJECTIONS_FILE, SAMPLES_FILE, SUMMARY_FILE

if TYPE_CHECKING:
    from declean.problems import Problem
    from declean.runs import RunSummary

console = Console()
errors = Console(stderr=True)


def run(
    problems_file: Annotated[Path, typer.Argument(help="Problems file (.yaml, .yml or .jsonl).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output directory.")] = Path("out"),
    provider: Annotated[
        str | None, typer.Option(help="local (embedded model), openai, openai-compatible [DECLEAN_PROVIDER].")
    ] = None,
    model: Annotated[str | None, typer.Option(help="Model name [DECLEAN_MODEL].")] = None,
    base_url: Annotated[
        str | None, typer.Option(help="OpenAI-compatible endpoint [DECLEAN_BASE_URL].")
    ] = None,
    api_key: Annotated[
        str | None, typer.Option(help="API key [DECLEAN_API_KEY].", show_default=False)
    ] = None,
    sandbox_backend: Annotated[str, typer.Option("--sandbox", help="auto, local or docker.")] = "local",
    samples: Annotated[int, typer.Option(min=1, help="Clean samples per problem.")] = 1,
    principles: Annotated[str, typer.Option(help="De-clean chain, comma-separated.")] = "DRY,SRP,MC,NAME",
    temperature: Annotated[
        float | None,
        typer.Option(
            min=0,
            help="Generator temperature for every sample [default: a problem's first sample greedy, "
            "the others 0.8].",
            show_default=False,
        ),
    ] = None,
    max_fix_attempts: Annotated[int, typer.Option(min=0, help="Fixer calls per version, at most.")] = 3,
    fix_policy: Annotated[
        str,
        typer.Option(
            help="progress: after the first, a fixer call only when the last one got closer; budget: all."
        ),
    ] = "progress",
    judge: Annotated[str, typer.Option(help="strict, or llm to ask the judge model.")] = "strict",
    on_rejection: Annotated[str, typer.Option(help="continue or stop the chain.")] = "continue",
    strategy: Annotated[str, typer.Option(help="De-clean by: auto, procedural or llm.")] = "auto",
    level: Annotated[int, typer.Option(min=1, max=3, help="Procedural strength: 1 subtle .. 3 blatant.")] = 2,
    verify: Annotated[bool, typer.Option(help="Check every label statically.")] = True,
    on_collateral: Annotated[
        str, typer.Option(help="reject, or relabel a step that violates more.")
    ] = "reject",
    on_unclean: Annotated[
        str, typer.Option(help="A clean version with violations: repair, relabel or reject it.")
    ] = "relabel",
    adequacy_check: Annotated[
        bool,
        typer.Option(help="Ask the judge model whether a clean version without expected outputs solves it."),
    ] = False,
    sanitize: Annotated[
        bool,
        typer.Option(
            help="Run the clean version under UBSan and bounds checks too; reports go to the fixer."
        ),
    ] = True,
    bug_warnings: Annotated[
        bool,
        typer.Option(help="gcc warnings that signal real bugs are failures the fixer sees (clean version)."),
    ] = True,
    label_plan: Annotated[
        str, typer.Option(help="Label sets per sample: chain, balanced (shuffled order) or all-subsets.")
    ] = "all-subsets",
    trace_dir: Annotated[Path, typer.Option(help="Where the run's trace goes.")] = Path("traces"),
    resume: Annotated[bool, typer.Option(help="Continue the run recorded in --out (after a crash).")] = False,
    restart: Annotated[
        bool, typer.Option(help="Replace the results in --out with a new run (the model cache is kept).")
    ] = False,
    concurrency: Annotated[
        int, typer.Option(min=1, help="Model calls and sandbox runs in flight at once.")
    ] = 4,
    cache: Annotated[
        str | None,
        typer.Option(
            help="Model-call cache shared by runs: a file, or postgresql://... [DECLEAN_CACHE]; "
            "default --out/cache.sqlite."
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Ask the model every call, cache nothing.")
    ] = False,
    checkpoint_url: Annotated[
        str | None,
        typer.Option(help="postgresql://... to checkpoint there instead of --out [DECLEAN_CHECKPOINT_URL]."),
    ] = None,
    requests_per_minute: Annotated[
        float | None, typer.Option(help="Pace model requests to the provider [DECLEAN_REQUESTS_PER_MINUTE].")
    ] = None,
    retries: Annotated[int, typer.Option(min=0, help="Retries of a model call on 429, 5xx, timeouts.")] = 4,
    prices: Annotated[
        Path | None,
        typer.Option(
            exists=True, dir_okay=False, help="YAML/JSON: model -> input/output price per 1M tokens."
        ),
    ] = None,
    progress: Annotated[str, typer.Option(help="auto, rich, plain or off.")] = "auto",
    executor: Annotated[
        str, typer.Option(help="local (this process) or ray (the workers of a Ray cluster).")
    ] = "local",
    ray_address: Annotated[
        str | None,
        typer.Option(
            help="--executor ray: the cluster (auto, or HOST:PORT of its head); unset: the one on this "
            "machine, else a new one [RAY_ADDRESS].",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1, help="--executor ray: worker processes [default: one per node].", show_default=False
        ),
    ] = None,
) -> None:
    """Generate clean solutions, de-clean them one principle at a time, keep what is verified."""
    overrides: dict[str, Any] = {
        "provider": provider,
        "model": model,
        "base_url": base_url,
        "api_key": SecretStr(api_key) if api_key else None,
        "checkpoint_url": checkpoint_url,
        "cache": cache,
        "requests_per_minute": requests_per_minute,
    }
    try:
        options = RunOptions.from_flags(
            principles=[p.strip().upper() for p in principles.split(",") if p.strip()],
            samples=samples,
            temperature=temperature,
            max_fix_attempts=max_fix_attempts,
            fix_policy=fix_policy,
            judge=judge,
            on_rejection=on_rejection,
            strategy=strategy,
            level=level,
            verify=verify,
            on_collateral=on_collateral,
            on_unclean=on_unclean,
            label_plan=label_plan,
            adequacy_check=adequacy_check,
            sanitize=sanitize,
            bug_warnings=bug_warnings,
            trace_dir=trace_dir,
            concurrency=concurrency,
            retries=retries,
            sandbox_backend=sandbox_backend,
            progress=progress,
        )
        placement = Placement.from_flags(executor=executor, ray_address=ray_address, workers=workers)
        summary = _run(
            problems_file, out, overrides, options, placement, resume, restart, not no_cache, prices
        )
    except DecleanError as error:
        errors.print(error_line(error))
        raise typer.Exit(2) from error
    except KeyboardInterrupt as interrupt:
        errors.print(f"[yellow]interrupted:[/yellow] continue with the same command and --resume --out {out}")
        raise typer.Exit(130) from interrupt
    _print_summary(summary, out, options.principles)


def _run(
    problems_file: Path,
    out: Path,
    overrides: dict[str, Any],
    options: RunOptions,
    placement: Placement,
    resume: bool,
    restart: bool,
    use_cache: bool,
    prices_file: Path | None,
) -> RunSummary:
    from declean.graphs.context import new_run_id
    from declean.problems import load_problems

    if resume and restart:
        raise ConfigurationError("--resume and --restart exclude each other")
    problems = load_problems(problems_file)
    settings = settings_from(overrides)
    prices = _load_prices(prices_file) if prices_file else settings.prices
    run_id = _resumed_run_id(out) if resume else new_run_id()
    spec = RunSpec(options=options, settings=settings, run_id=run_id, out_dir=out, use_cache=use_cache)
    cache = "off" if not use_cache else _public_location(spec.cache_location())
    with ExitStack() as resources:
        done_before = _done_count(out) if resume else 0
        if placement.executor == "ray":
            return _run_on_ray(
                resources, problems, spec, placement, cache, prices, resume, restart, done_before
            )
        from declean.runs import run_problems

        opened = open_run(resources, spec, on_model_start=_announce_model_start)
        context = opened.context
        display = resources.enter_context(
            RunProgress(len(problems), console=console, mode=options.progress, already_done=done_before)
        )
        context.trace.listeners.append(display.event)
        console.print(
            f"run [bold]{context.run_id}[/bold]{' (resumed)' if resume else ''}: {len(problems)} problems, "
            f"model {opened.models_description}, sandbox {context.sandbox.name}, "
            f"concurrency {options.concurrency}, cache {cache}, trace {context.trace.path}"
        )
        return run_problems(
            problems,
            context,
            out,
            resume=resume,
            restart=restart,
            checkpoint_url=settings.checkpoint_url,
            prices=prices,
            on_problem_done=lambda record: display.problem_done(
                record.problem_id, crashed=record.status == "crashed"
            ),
        )


def _run_on_ray(
    resources: ExitStack,
    problems: list[Problem],
    spec: RunSpec,
    placement: Placement,
    cache: str,
    prices: PriceTable | None,
    resume: bool,
    restart: bool,
    done_before: int,
) -> RunSummary:
    from declean.cluster import RayExecutor
    from declean.runs.runner import drive
    from declean.tracing.writer import TraceWriter

    options = spec.options
    trace = TraceWriter(options.trace_dir / f"{spec.run_id}.jsonl", spec.run_id)
    executor = RayExecutor(spec, address=placement.ray_address, workers=placement.workers, trace=trace)
    display = resources.enter_context(
        RunProgress(len(problems), console=console, mode=options.progress, already_done=done_before)
    )
    trace.listeners.append(display.event)
    where = (
        placement.ray_address
        or os.environ.get("RAY_ADDRESS")
        or "the cluster on this machine, else a new one"
    )
    console.print(
        f"run [bold]{spec.run_id}[/bold]{' (resumed)' if resume else ''}: {len(problems)} problems on Ray "
        f"({where}), "
        f"concurrency {options.concurrency} over the cluster, cache {cache}, trace {trace.path}"
    )
    return asyncio.run(
        drive(
            problems,
            executor,
            spec.out_dir,
            run_id=spec.run_id,
            trace=trace,
            resume=resume,
            restart=restart,
            checkpoint_url=spec.settings.checkpoint_url,
            prices=prices,
            on_problem_done=lambda record: display.problem_done(
                record.problem_id, crashed=record.status == "crashed"
            ),
        )
    )


def _announce_model_start() -> None:
    console.print("starting the embedded model (first use assembles it from its packages) ...")


def _public_location(location: str | Path | None) -> str:
    """A cache location for the banner: a URL without its password."""
    from declean.models.postgres_cache import public_location

    text = str(location)
    return public_location(text) if text.startswith(("postgresql://", "postgres://")) else text


def _resumed_run_id(out: Path) -> str:
    from declean.runs import MANIFEST_FILE, RunManifest

    manifest = RunManifest.load(out)
    if manifest is None:
        raise ConfigurationError(f"--resume: {out} holds no run (no {MANIFEST_FILE}); run without --resume")
    return manifest.run_id


def _done_count(out: Path) -> int:
    from declean.runs import OutputDir

    return sum(record.status == "done" for record in OutputDir(out).records().values())


def _load_prices(path: Path) -> dict[str, Price]:
    from pydantic import TypeAdapter

    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return TypeAdapter(dict[str, Price]).validate_python(raw)
    except (yaml.YAMLError, ValidationError) as error:
        expected = "model: {input_per_million, output_per_million}"
        raise ConfigurationError(f"{path}: not a price table ({expected}): {error}") from error


def _print_summary(summary: RunSummary, out: Path, principles: list[str]) -> None:
    table = Table("label", "accepted", "rejected (by reason)", title="samples per label")
    for label in ["clean", *principles]:
        reasons = {r: n for (stage, r), n in summary.rejected.items() if stage == label}
        detail = ", ".join(f"{reason} {count}" for reason, count in sorted(reasons.items())) or "-"
        table.add_row(label, str(summary.accepted[label]), detail)
    console.print(table)
    console.print(_usage_table(summary.usage))
    console.print(
        f"{summary.accepted_samples} samples accepted ({summary.done_problems} of {summary.problems} "
        f"problems done) in {summary.duration_seconds:.1f}s; written to {out / SAMPLES_FILE} and "
        f"{out / REJECTIONS_FILE}, totals in {out / SUMMARY_FILE}"
    )
    if summary.failed_problems:
        errors.print(
            f"[red]problems that crashed (see the trace; --resume retries them):[/red] "
            f"{', '.join(summary.failed_problems)}"
        )


def _usage_table(usage: RunUsage) -> Table:
    table = Table("role", "calls", "cached", "failed", "tokens in", "tokens out", title="model calls")
    for role, count in [*sorted(usage.by_role.items()), ("total", usage.total)]:
        table.add_row(
            role,
            str(count.calls),
            str(count.cached_calls),
            str(count.failed_calls),
            str(count.input_tokens),
            str(count.output_tokens),
        )
    if usage.cost is not None:
        unpriced = f" (no price for {', '.join(usage.unpriced_models)})" if usage.unpriced_models else ""
        table.caption = f"cost of the paid calls: {usage.cost:.4f}{unpriced}"
    return table
