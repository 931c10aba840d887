"""What a run depends on, injected through LangGraph's ``context_schema``; nothing is built at import time."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from langchain_core.language_models import BaseChatModel
from langchain_core.rate_limiters import BaseRateLimiter
from pydantic import ConfigDict, Field, SkipValidation, ValidationError, field_validator, model_validator
from pydantic.dataclasses import dataclass

from declean.errors import ConfigurationError
from declean.graphs.fix_policy import FixLedger, FixPolicy
from declean.graphs.throttle import InFlightLimit, Slots
from declean.models.cache import ModelCache
from declean.models.retry import RetryPolicy
from declean.principles import DEFAULT_PRINCIPLE_ORDER, REGISTRY, Principle, PrincipleSpec
from declean.samples import JudgePolicy, LabelPlan, OnCollateral, OnRejection, OnUnclean, Role, Strategy
from declean.sandbox.base import Sandbox
from declean.tools.transforms.base import Level
from declean.tracing.writer import NullTraceWriter, TraceWriter

BEST_GUESS_TEMPERATURE = 0.0
"""The generator's temperature for a problem's first sample, unless ``temperature`` is set: greedy."""
VARIETY_TEMPERATURE = 0.8
"""Its temperature for the later samples of a problem, so they differ from the first."""


def new_run_id() -> str:
    """Sortable and unique: ``20261128T031500Z-1a2b3c``."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"


@dataclass(kw_only=True, config=ConfigDict(arbitrary_types_allowed=True))
class Context:
    """The dependencies and settings of a run. Pass it as ``graph.invoke(input, context=Context(...))``.

    Validated on construction (pydantic): a wrong value is a :class:`ConfigurationError` naming the field.
    """

    llm: BaseChatModel
    """The chat model for every role that ``llms`` does not override."""
    sandbox: Annotated[Sandbox, SkipValidation]
    """Where every version of the code is compiled and run."""
    llms: Mapping[Role, BaseChatModel] = field(default_factory=dict)
    """Per-role overrides: ``generator``, ``fixer``, ``declean``, ``judge``."""
    principles: Sequence[Principle | Annotated[PrincipleSpec, SkipValidation]] = DEFAULT_PRINCIPLE_ORDER
    """The de-clean chain, applied in this order: registered names, or specs (``declean.principles``)."""
    samples_per_problem: int = Field(default=1, ge=1)
    """Clean solutions generated per problem (one when the problem gives its solution)."""
    temperature: float | None = Field(default=None, ge=0)
    """Generator sampling temperature for every sample; ``None`` (default): each problem's first sample
    greedy, its best guess, and the others at :data:`VARIETY_TEMPERATURE` so they differ (see
    :meth:`generator_temperature`)."""
    max_fix_attempts: int = Field(default=3, ge=0)
    """Fixer calls allowed per code version before it is abandoned."""
    fix_policy: FixPolicy = "progress"
    """``progress``: after the first, another fixer call only when the last one got the candidate closer
    to acceptance (:mod:`declean.graphs.fix_policy`); ``budget``: every call ``max_fix_attempts`` allows."""
    judge_policy: JudgePolicy = "strict"
    """When outputs differ beyond whitespace: ``strict`` rejects, ``llm`` asks the judge model."""
    on_rejection: OnRejection = "continue"
    """After a rejected de-clean step: ``continue`` from the last accepted code, or ``stop`` the chain."""
    strategies: Mapping[Principle, Strategy] = field(default_factory=dict)
    """De-clean strategy per principle; a principle not listed uses ``auto``."""
    level: Level = 2
    """Strength of procedural transforms: 1 subtle, 2 clear, 3 blatant."""
    verify_labels: bool = True
    """Check every de-clean step statically: the target must be violated, the others untouched."""
    on_collateral: OnCollateral = "reject"
    """A step that also violated another principle: ``reject`` it, or ``relabel`` it with both."""
    bug_warnings: bool = True
    """gcc warnings that signal real bugs (incompatible pointer types, implicit declarations, uninitialised
    use, format mismatches, a missing return, ...) are failures the fixer sees, for the clean version."""
    sanitize: bool = True
    """The clean version is also built with UndefinedBehaviorSanitizer and bounds checks and run on every
    stdin case; what they report is a failure the fixer sees."""
    adequacy_check: bool = False
    """For a problem without expected outputs, ask the judge model whether the clean version solves it."""
    on_unclean: OnUnclean = "relabel"
    """A clean candidate the measures find violations in: ``repair`` (the fixer is asked to remove exactly
    them), ``relabel`` (accepted, labelled with them) or ``reject`` (``not_clean``)."""
    label_plan: LabelPlan = "all-subsets"
    """Which principle sets each clean sample is de-cleaned into: ``chain`` (prefixes of ``principles``),
    ``balanced`` (the same, in an order shuffled per sample) or ``all-subsets``."""
    trace_dir: Path | None = Path("traces")
    """Where ``<run_id>.jsonl`` is written; ``None`` writes no trace."""
    run_id: str = field(default_factory=new_run_id)
    """Names the trace file and appears in every event."""
    tracer: Annotated[TraceWriter | None, SkipValidation] = None
    """The trace writer; built from ``trace_dir`` and ``run_id`` when not given."""
    concurrency: int = Field(default=4, ge=1)
    """Model calls and sandbox runs in flight at once, over every problem and sample sharing this context."""
    slots: Annotated[Slots | None, SkipValidation] = None
    """A bound on work in flight shared with other processes (a cluster's); ``None``: this context's own
    ``concurrency`` slots."""
    cache: Annotated[ModelCache | None, SkipValidation] = None
    """Replies of earlier identical calls; ``None`` asks the model every time."""
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    """How transient model failures (429, 5xx, timeouts, lost connections) are retried."""
    rate_limiter: BaseRateLimiter | None = None
    """Paces the calls sent to the provider (cache hits are not paced)."""
    model_concurrency: int | None = Field(default=None, ge=1)
    """A tighter cap on model calls alone, for a provider that serves one request at a time (the embedded
    model); ``None``: model calls share the ``concurrency`` slots only."""
    chain: tuple[Annotated[PrincipleSpec, SkipValidation], ...] = field(init=False)
    """``principles`` resolved to their specs."""
    watched: tuple[Annotated[PrincipleSpec, SkipValidation], ...] = field(init=False)
    """The measured principles every step is checked against: the registry's and the chain's own."""
    in_flight: Annotated[Slots, SkipValidation] = field(init=False)
    """The ``concurrency`` slots (or ``slots``), shared by every node of the run."""
    model_slots: Annotated[InFlightLimit | None, SkipValidation] = field(init=False)
    """The ``model_concurrency`` slots, when set."""
    fix_ledger: Annotated[FixLedger, SkipValidation] = field(init=False)
    """What the run's fixer calls achieved per stage, so it stops asking where they never pay."""

    @field_validator("principles")
    @classmethod
    def _chain_can_be_applied(
        cls, principles: Sequence[Principle | PrincipleSpec]
    ) -> Sequence[Principle | PrincipleSpec]:
        specs = REGISTRY.resolve(principles)
        names = [spec.name for spec in specs]
        if len(set(names)) != len(names):
            raise ValueError(f"principles repeat: {names}")
        cannot = [spec.name for spec in specs if not spec.can_declean]
        if cannot:
            raise ValueError(f"{cannot} cannot be a de-clean step (no transform and no prompt)")
        return principles

    @model_validator(mode="after")
    def _strategies_name_chain_principles(self) -> Context:
        chain = {spec.name for spec in REGISTRY.resolve(self.principles)}
        unknown = set(self.strategies) - chain - set(REGISTRY.names())
        if unknown:
            raise ValueError(f"strategies name unknown principles {sorted(unknown)}")
        return self

    def __post_init__(self) -> None:
        self.chain = REGISTRY.resolve(self.principles)
        self.watched = (
            *REGISTRY.measured(),
            *(spec for spec in self.chain if spec.measure is not None and spec.name not in REGISTRY),
        )
        self.in_flight = InFlightLimit(self.concurrency) if self.slots is None else self.slots
        self.fix_ledger = FixLedger()
        self.model_slots = None if self.model_concurrency is None else InFlightLimit(self.model_concurrency)
        if self.tracer is None:
            self.tracer = (
                NullTraceWriter()
                if self.trace_dir is None
                else TraceWriter(self.trace_dir / f"{self.run_id}.jsonl", self.run_id)
            )

    @property
    def trace(self) -> TraceWriter:
        """The trace writer (always set after construction)."""
        assert self.tracer is not None
        return self.tracer

    def generator_temperature(self, sample_index: int) -> float:
        """The generator's temperature for a problem's ``sample_index``-th sample.

        Unless set, the first is greedy: on the embedded model greedy first programs were right for 3 of
        the README job's 10 generated problems, against 1 at 0.2 and 0 at 0.8 (``bench/generator_pass.py``),
        as pass@1 is best at low temperatures and pass@k at higher ones (Chen et al., 2021)."""
        if self.temperature is not None:
            return self.temperature
        return BEST_GUESS_TEMPERATURE if sample_index == 0 else VARIETY_TEMPERATURE

    def strategy_for(self, principle: Principle) -> Strategy:
        """The configured strategy, ``auto`` by default."""
        return self.strategies.get(principle, "auto")

    def model_for(self, role: Role) -> BaseChatModel:
        """The role's own model when one is configured, else the shared one."""
        return self.llms.get(role, self.llm)

    def spec(self, principle: Principle) -> PrincipleSpec:
        """The spec named ``principle``, in the chain or among the watched ones."""
        return next(spec for spec in (*self.chain, *self.watched) if spec.name == principle)


def _raising_configuration_errors(init: Callable[..., None]) -> Callable[..., None]:
    """Pydantic's validation errors of ``Context(...)`` as one :class:`ConfigurationError`."""

    @functools.wraps(init)
    def validated(self: Context, *args: Any, **kwargs: Any) -> None:
        try:
            init(self, *args, **kwargs)
        except ValidationError as error:
            problems = "; ".join(
                (f"{'.'.join(map(str, e['loc']))}: " if e["loc"] else "")
                + e["msg"].removeprefix("Value error, ")
                + (f" (got {e['input']!r})" if e["type"] != "value_error" else "")
                for e in error.errors(include_url=False)
            )
            raise ConfigurationError(f"invalid Context: {problems}") from None

    return validated


Context.__init__ = _raising_configuration_errors(Context.__init__)  # type: ignore[method-assign]
