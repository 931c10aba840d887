"""``declean run``: a problems file through the graph, with the models resolved from settings."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from pydantic import BaseModel, SecretStr, ValidationError
from rich.console import Console
from rich.table import Table

from declean.errors import ConfigurationError, DecleanError
from declean.principles import PRINCIPLES
from declean.runs import REJECTIONS_FILE, SAMPLES_FILE, RunSummary
from declean.tracing.events import ModelCall, SampleAccepted, SampleRejected

if TYPE_CHECKING:
    from declean.settings import Settings

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
    temperature: Annotated[float, typer.Option(help="Generator temperature.")] = 0.8,
    max_fix_attempts: Annotated[int, typer.Option(min=0, help="Fixer calls per version.")] = 3,
    judge: Annotated[str, typer.Option(help="strict, or llm to ask the judge model.")] = "strict",
    on_rejection: Annotated[str, typer.Option(help="continue or stop the chain.")] = "continue",
    strategy: Annotated[str, typer.Option(help="De-clean by: auto, procedural or llm.")] = "auto",
    level: Annotated[int, typer.Option(min=1, max=3, help="Procedural strength: 1 subtle .. 3 blatant.")] = 2,
    verify: Annotated[bool, typer.Option(help="Check every label statically.")] = True,
    on_collateral: Annotated[
        str, typer.Option(help="reject, or relabel a step that violates more.")
    ] = "reject",
    trace_dir: Annotated[Path, typer.Option(help="Where the run's trace goes.")] = Path("traces"),
) -> None:
    """Generate clean solutions, de-clean them one principle at a time, keep what is verified."""
    from declean.agents.providers import resolve_models
    from declean.graphs.context import Context
    from declean.problems import load_problems
    from declean.runs import run_problems
    from declean.sandbox import get_sandbox

    overrides: dict[str, Any] = {
        "provider": provider,
        "model": model,
        "base_url": base_url,
        "api_key": SecretStr(api_key) if api_key else None,
    }
    try:
        problems = load_problems(problems_file)
        settings = _settings(overrides)
        with closing(get_sandbox(sandbox_backend)) as sandbox:
            if settings.provider == "local":
                console.print("starting the embedded model (first use assembles it from its packages) ...")
            with resolve_models(settings) as models:
                context = Context(
                    llm=models.llm,
                    llms=models.llms,
                    sandbox=sandbox,
                    principles=[p.strip().upper() for p in principles.split(",") if p.strip()],  # type: ignore[misc]
                    samples_per_problem=samples,
                    temperature=temperature,
                    max_fix_attempts=max_fix_attempts,
                    judge_policy=judge,  # type: ignore[arg-type]
                    on_rejection=on_rejection,  # type: ignore[arg-type]
                    strategies=dict.fromkeys(PRINCIPLES, strategy),  # type: ignore[arg-type]
                    level=level,  # type: ignore[arg-type]
                    verify_labels=verify,
                    on_collateral=on_collateral,  # type: ignore[arg-type]
                    trace_dir=trace_dir,
                )
                context.trace.listeners.append(_print_event)
                console.print(
                    f"run [bold]{context.run_id}[/bold]: {len(problems)} problems, "
                    f"model {models.description}, sandbox {sandbox.name}, trace {context.trace.path}"
                )
                summary = run_problems(problems, context, out)
    except DecleanError as error:
        errors.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from error
    _print_summary(summary, out)


def _settings(overrides: dict[str, Any]) -> Settings:
    """The environment's settings with the flags that were given on top; invalid values are refused."""
    from declean.settings import Settings

    try:
        return Settings(**{key: value for key, value in overrides.items() if value is not None})
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise ConfigurationError(f"invalid settings: {problems}") from error


def _print_event(event: BaseModel) -> None:
    """One line per model call and per accepted or rejected version, as they happen."""
    if isinstance(event, ModelCall):
        tokens = f"{event.output_tokens} tokens" if event.output_tokens is not None else "no usage"
        status = f"[red]failed: {event.error}[/red]" if event.error else tokens
        console.print(
            f"  {event.problem_id}/s{event.sample_index} {event.role}: {status}, {event.latency_seconds:.1f}s"
        )
    elif isinstance(event, SampleAccepted):
        labels = "+".join(event.sample["labels"]) or "clean"
        console.print(f"  [green]accepted[/green] {event.sample['id']} ({labels})")
    elif isinstance(event, SampleRejected):
        rejected = event.rejection
        why = f"{rejected['reason']}: {rejected['detail'][:120]}"
        console.print(f"  [yellow]rejected[/yellow] {rejected['sample_id']} ({why})")


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
