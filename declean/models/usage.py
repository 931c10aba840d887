"""Token accounting: what each model call used, summed per role, per node, per run, and priced.

Every model call leaves a :class:`CallUsage` in the graph state, so the totals survive a resume with the
checkpoints: a problem finished before a crash keeps its calls in its final state. A call answered from the
cache keeps the tokens of the call it replays (the data still cost them once) and is marked ``cached``, so
``paid`` counts only what was sent to a provider in the sessions that made those calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Self

from pydantic import BaseModel, ConfigDict, Field


class CallUsage(BaseModel):
    """One model call as the accounting sees it."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    role: str
    """The agent role: ``generator``, ``fixer``, ``declean`` or ``judge``."""
    node: str
    """The graph node that made the call."""
    model: str
    """The model's class and name."""
    input_tokens: int = 0
    output_tokens: int = 0
    cached: bool = False
    """Answered from the cache: counted in the totals, not in ``paid``."""
    failed: bool = False
    """No reply (after every retry); the provider may still have charged for attempts."""


class TokenCount(BaseModel):
    """Calls and tokens of a group of calls."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    calls: int = 0
    cached_calls: int = 0
    failed_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0

    def add(self, call: CallUsage) -> None:
        """Count one call."""
        self.calls += 1
        self.cached_calls += call.cached
        self.failed_calls += call.failed
        self.input_tokens += call.input_tokens
        self.output_tokens += call.output_tokens

    @classmethod
    def of(cls, calls: Iterable[CallUsage]) -> Self:
        """The count of ``calls``."""
        count = cls()
        for call in calls:
            count.add(call)
        return count


class Price(BaseModel):
    """What a model costs, in any currency, per million tokens."""

    input_per_million: float = Field(ge=0)
    output_per_million: float = Field(ge=0)


PriceTable = Mapping[str, Price]
"""Model name (as in the trace, e.g. ``ChatOpenAI:gpt-4o-mini``, or just ``gpt-4o-mini``) -> price."""


class RunUsage(BaseModel):
    """Token accounting of a run: totals, per role, per node, per model, what was paid, and a cost."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    total: TokenCount = Field(default_factory=TokenCount)
    """Every call, cached replays included: what the data cost to make."""
    paid: TokenCount = Field(default_factory=TokenCount)
    """Calls sent to a provider (not answered from the cache)."""
    by_role: dict[str, TokenCount] = Field(default_factory=dict)
    by_node: dict[str, TokenCount] = Field(default_factory=dict)
    by_model: dict[str, TokenCount] = Field(default_factory=dict)
    paid_by_model: dict[str, TokenCount] = Field(default_factory=dict)
    """What the cost is computed from."""
    cost: float | None = None
    """Cost of the paid calls by the price table; ``None`` without one."""
    unpriced_models: list[str] = Field(default_factory=list)
    """Models that were paid for but have no price in the table."""

    def add(self, calls: Iterable[CallUsage]) -> None:
        """Count more calls."""
        for call in calls:
            self.total.add(call)
            if not call.cached:
                self.paid.add(call)
                self.paid_by_model.setdefault(call.model, TokenCount()).add(call)
            for groups, key in (
                (self.by_role, call.role),
                (self.by_node, call.node),
                (self.by_model, call.model),
            ):
                groups.setdefault(key, TokenCount()).add(call)

    def priced(self, prices: PriceTable | None) -> Self:
        """A copy with ``cost`` filled from ``prices`` (paid calls only)."""
        if not prices:
            return self.model_copy(update={"cost": None, "unpriced_models": []})
        cost, unpriced = 0.0, []
        for model, paid in sorted(self.paid_by_model.items()):
            price = prices.get(model) or prices.get(model.split(":", 1)[-1])
            if price is None:
                unpriced.append(model)
                continue
            cost += paid.input_tokens * price.input_per_million / 1e6
            cost += paid.output_tokens * price.output_per_million / 1e6
        return self.model_copy(update={"cost": cost, "unpriced_models": unpriced})
