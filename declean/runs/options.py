"""The flags of ``declean run`` that shape the graph's work, validated before any model or server starts, and
how a process turns them into a run's context (:func:`open_run`)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack, closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from declean.errors import ConfigurationError
from declean.graphs.fix_policy import FixPolicy
from declean.samples import JudgePolicy, LabelPlan, OnCollateral, OnRejection, OnUnclean, Strategy
from declean.settings import Settings

if TYPE_CHECKING:
    from langchain_core.rate_limiters import BaseRateLimiter

    from declean.graphs.context import Context
    from declean.graphs.throttle import Slots
    from declean.tracing.writer import TraceWriter


class RunOptions(BaseModel):
    """The flags that shape the graph's work, validated before any model or server starts."""

    model_config = ConfigDict(frozen=True)

    principles: list[str]
    samples: int
    temperature: float | None
    max_fix_attempts: int
    fix_policy: FixPolicy
    judge: JudgePolicy
    on_rejection: OnRejection
    strategy: Strategy
    level: Literal[1, 2, 3]
    verify: bool
    on_collateral: OnCollateral
    on_unclean: OnUnclean
    label_plan: LabelPlan
    adequacy_check: bool
    sanitize: bool
    bug_warnings: bool
    trace_dir: Path
    concurrency: int
    retries: int
    sandbox_backend: Literal["auto", "local", "docker"]
    progress: Literal["auto", "rich", "plain", "off"]

    @field_validator("principles")
    @classmethod
    def _known_and_applicable(cls, principles: list[str]) -> list[str]:
        from declean.principles import REGISTRY

        if not principles:
            raise ValueError("name at least one principle")
        specs = REGISTRY.resolve(principles)
        cannot = [spec.name for spec in specs if not spec.can_declean]
        if cannot:
            raise ValueError(f"{', '.join(cannot)} cannot be a de-clean step")
        if len(set(principles)) != len(principles):
            raise ValueError(f"{','.join(principles)} repeats a principle")
        return principles

    @classmethod
    def from_flags(cls, **flags: Any) -> RunOptions:
        """The options, or one :class:`ConfigurationError` naming every bad flag."""
        return _from_flags(cls, flags)


Flags = TypeVar("Flags", bound=BaseModel)


def _from_flags(model: type[Flags], flags: dict[str, Any]) -> Flags:
    try:
        return model(**flags)
    except ValidationError as error:
        problems = "; ".join(f"--{_flag(e['loc'][0])}: {_plain(e['msg'])}" for e in error.errors())
        raise ConfigurationError(problems) from None


def _flag(field: object) -> str:
    """The command-line flag of an option field."""
    return {"sandbox_backend": "sandbox", "samples": "samples"}.get(str(field), str(field).replace("_", "-"))


def _plain(message: str) -> str:
    """Pydantic's message without its ``Value error, `` prefix."""
    return message.removeprefix("Value error, ")


class Placement(BaseModel):
    """Where a run's problems are worked on (``--executor``, ``--ray-address``, ``--workers``)."""

    model_config = ConfigDict(frozen=True)

    executor: Literal["local", "ray"]
    ray_address: str | None = None
    """The Ray cluster: ``auto``, or its head's ``HOST:PORT``; ``None``: ``RAY_ADDRESS``, else the cluster
    started on this machine, else a Ray instance started here for the run (Ray's ``ray.init`` rules)."""
    workers: int | None = None
    """Ray worker processes; ``None``: one per node of the cluster."""

    @classmethod
    def from_flags(cls, **flags: Any) -> Placement:
        """The placement, or one :class:`ConfigurationError` naming every bad flag."""
        placement = _from_flags(cls, flags)
        if placement.executor == "local" and (placement.ray_address or placement.workers):
            raise ConfigurationError("--ray-address and --workers need --executor ray")
        return placement


class RunSpec(BaseModel):
    """Everything a process needs to set up a run's context: the driver's own (``--executor local``) or
    each cluster worker's (``--executor ray``), so every worker works exactly as a local run would."""

    model_config = ConfigDict(frozen=True)

    options: RunOptions
    settings: Settings
    """Model, cache and checkpoint settings; the API key travels inside, never printed."""
    run_id: str
    out_dir: Path
    use_cache: bool
    """``False`` for ``--no-cache``."""

    def cache_location(self) -> str | Path | None:
        """Where the model-call cache is: ``--cache``, else ``--out/cache.sqlite``; ``None`` without one."""
        from declean.models.cache import CACHE_FILE

        if not self.use_cache:
            return None
        return self.settings.cache or self.out_dir / CACHE_FILE


@dataclass(frozen=True)
class OpenedRun:
    """A run's context with what was opened for it (closed by the ``ExitStack`` given to :func:`open_run`)."""

    context: Context
    models_description: str
    """Provider and model names (never the key)."""


def open_run(
    resources: ExitStack,
    spec: RunSpec,
    *,
    on_model_start: Callable[[], None] | None = None,
    tracer: TraceWriter | None = None,
    slots: Slots | None = None,
    rate_limiter: BaseRateLimiter | None = None,
) -> OpenedRun:
    """Open the sandbox (its start-up probe included), the models and the cache, closed with ``resources``,
    and build the run's context. ``tracer``, ``slots`` and ``rate_limiter`` replace the ones made for one
    process (a cluster worker traces for its driver and shares the cluster's bound and pace)."""
    from langchain_core.rate_limiters import InMemoryRateLimiter

    from declean.graphs.context import Context
    from declean.models.cache import open_model_cache
    from declean.models.providers import resolve_models
    from declean.models.retry import RetryPolicy
    from declean.sandbox import get_sandbox

    options, settings = spec.options, spec.settings
    sandbox = resources.enter_context(closing(get_sandbox(options.sandbox_backend)))
    if settings.provider == "local" and on_model_start is not None:
        on_model_start()
    models = resources.enter_context(resolve_models(settings.models()))
    location = spec.cache_location()
    model_cache = resources.enter_context(closing(open_model_cache(location))) if location else None
    pace = settings.requests_per_minute
    if rate_limiter is None and pace:
        rate_limiter = InMemoryRateLimiter(requests_per_second=pace / 60, check_every_n_seconds=0.05)
    context = Context(
        llm=models.llm,
        llms=models.llms,
        sandbox=sandbox,
        principles=options.principles,
        samples_per_problem=options.samples,
        temperature=options.temperature,
        max_fix_attempts=options.max_fix_attempts,
        fix_policy=options.fix_policy,
        judge_policy=options.judge,
        on_rejection=options.on_rejection,
        strategies=dict.fromkeys(options.principles, options.strategy),
        level=options.level,
        verify_labels=options.verify,
        on_collateral=options.on_collateral,
        on_unclean=options.on_unclean,
        label_plan=options.label_plan,
        adequacy_check=options.adequacy_check,
        sanitize=options.sanitize,
        bug_warnings=options.bug_warnings,
        trace_dir=options.trace_dir,
        tracer=tracer,
        concurrency=options.concurrency,
        slots=slots,
        cache=model_cache,
        retry=RetryPolicy(max_attempts=options.retries + 1),
        rate_limiter=rate_limiter,
        model_concurrency=models.parallel_requests,
        run_id=spec.run_id,
    )
    return OpenedRun(context=context, models_description=models.description)
