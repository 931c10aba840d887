"""What a run depends on, injected through LangGraph's ``context_schema``; nothing is built at import time."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from langchain_core.language_models import BaseChatModel
from langchain_core.rate_limiters import BaseRateLimiter

from declean.agents.cache import ModelCache
from declean.agents.retry import RetryPolicy
from declean.errors import ConfigurationError
from declean.graphs.throttle import InFlightLimit
from declean.samples import DEFAULT_PRINCIPLE_ORDER, PRINCIPLES, ROLES, Principle, Role, Strategy
from declean.sandbox.base import Sandbox
from declean.tools.transforms.base import Level
from declean.tools.verify import DEFAULT_THRESHOLDS, Thresholds
from declean.tracing.writer import NullTraceWriter, TraceWriter

JudgePolicy = Literal["strict", "llm"]
OnRejection = Literal["continue", "stop"]
OnCollateral = Literal["reject", "relabel"]


def new_run_id() -> str:
    """Sortable and unique: ``20261128T031500Z-1a2b3c``."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"


@dataclass(kw_only=True)
class Context:
    """The dependencies and settings of a run. Pass it as ``graph.invoke(input, context=Context(...))``."""

    llm: BaseChatModel
    """The chat model for every role that ``llms`` does not override."""
    sandbox: Sandbox
    """Where every version of the code is compiled and run."""
    llms: Mapping[Role, BaseChatModel] = field(default_factory=dict)
    """Per-role overrides: ``generator``, ``fixer``, ``declean``, ``judge``."""
    principles: Sequence[Principle] = DEFAULT_PRINCIPLE_ORDER
    """The de-clean chain, applied in this order."""
    samples_per_problem: int = 1
    """Clean solutions generated per problem (one when the problem gives its solution)."""
    temperature: float = 0.8
    """Generator sampling temperature, so several samples of one problem differ."""
    max_fix_attempts: int = 3
    """Fixer calls allowed per code version before it is abandoned."""
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
    thresholds: Thresholds = DEFAULT_THRESHOLDS
    """Where the static measurements start to mean a violation."""
    trace_dir: Path | None = Path("traces")
    """Where ``<run_id>.jsonl`` is written; ``None`` writes no trace."""
    run_id: str = field(default_factory=new_run_id)
    """Names the trace file and appears in every event."""
    tracer: TraceWriter | None = None
    """The trace writer; built from ``trace_dir`` and ``run_id`` when not given."""
    concurrency: int = 4
    """Model calls and sandbox runs in flight at once, over every problem and sample sharing this context."""
    cache: ModelCache | None = None
    """Replies of earlier identical calls; ``None`` asks the model every time."""
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    """How transient model failures (429, 5xx, timeouts, lost connections) are retried."""
    rate_limiter: BaseRateLimiter | None = None
    """Paces the calls sent to the provider (cache hits are not paced)."""
    model_concurrency: int | None = None
    """A tighter cap on model calls alone, for a provider that serves one request at a time (the embedded
    model); ``None``: model calls share the ``concurrency`` slots only."""
    in_flight: InFlightLimit = field(init=False)
    """The ``concurrency`` slots, shared by every node of the run."""
    model_slots: InFlightLimit | None = field(init=False)
    """The ``model_concurrency`` slots, when set."""

    def __post_init__(self) -> None:
        self._validate()
        self.in_flight = InFlightLimit(self.concurrency)
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

    def strategy_for(self, principle: Principle) -> Strategy:
        """The configured strategy, ``auto`` by default."""
        return self.strategies.get(principle, "auto")

    def model_for(self, role: Role) -> BaseChatModel:
        """The role's own model when one is configured, else the shared one."""
        return self.llms.get(role, self.llm)

    def _validate(self) -> None:
        unknown_roles = set(self.llms) - set(ROLES)
        if unknown_roles:
            raise ConfigurationError(f"unknown model roles {sorted(unknown_roles)}: use {list(ROLES)}")
        unknown = [p for p in self.principles if p not in PRINCIPLES]
        if unknown:
            raise ConfigurationError(f"unknown principles {unknown}: use {list(PRINCIPLES)}")
        if len(set(self.principles)) != len(self.principles):
            raise ConfigurationError(f"principles repeat: {list(self.principles)}")
        if self.samples_per_problem < 1:
            raise ConfigurationError("samples_per_problem must be at least 1")
        if self.max_fix_attempts < 0:
            raise ConfigurationError("max_fix_attempts must be 0 or more")
        if self.judge_policy not in ("strict", "llm"):
            raise ConfigurationError(f"judge_policy must be strict or llm, not {self.judge_policy!r}")
        bad_strategies = {s for s in self.strategies.values() if s not in ("procedural", "llm", "auto")}
        if bad_strategies or set(self.strategies) - set(PRINCIPLES):
            raise ConfigurationError(
                f"strategies must map principles to procedural, llm or auto: {self.strategies}"
            )
        if self.level not in (1, 2, 3):
            raise ConfigurationError(f"level must be 1, 2 or 3, not {self.level!r}")
        if self.on_collateral not in ("reject", "relabel"):
            raise ConfigurationError(f"on_collateral must be reject or relabel, not {self.on_collateral!r}")
        if self.on_rejection not in ("continue", "stop"):
            raise ConfigurationError(f"on_rejection must be continue or stop, not {self.on_rejection!r}")
