"""``declean trace stats``: where a run's time, tokens and samples went."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, Field

from declean.tracing.events import ModelCall, NodeEnd, SampleAccepted, ToolCall, _Event
from declean.tracing.lineage import ProblemLineage


class Percentiles(BaseModel):
    """A latency distribution, in seconds."""

    count: int
    p50: float
    p90: float
    p99: float
    max: float
    total: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Percentiles:
        """Nearest-rank percentiles of ``values`` (zeros when empty)."""
        ordered = sorted(values)
        if not ordered:
            return cls(count=0, p50=0.0, p90=0.0, p99=0.0, max=0.0, total=0.0)

        def rank(fraction: float) -> float:
            return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]

        return cls(
            count=len(ordered),
            p50=rank(0.5),
            p90=rank(0.9),
            p99=rank(0.99),
            max=ordered[-1],
            total=sum(ordered),
        )


class RoleTokens(BaseModel):
    calls: int = 0
    cached_calls: int = 0
    failed_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0


class PrincipleYield(BaseModel):
    accepted: int = 0
    rejected: int = 0

    @property
    def rate(self) -> float:
        """Accepted steps over attempted ones."""
        attempted = self.accepted + self.rejected
        return self.accepted / attempted if attempted else 0.0


class HostCounts(BaseModel):
    """What one cluster node did in a run (``--executor ray``)."""

    problems: int = 0
    """Problems it worked on (a problem retried after a lost worker counts on both nodes)."""
    model_calls: int = 0
    tool_calls: int = 0
    """Compiles and runs in its sandbox."""
    accepted_samples: int = 0
    events: int = 0


class TraceStats(BaseModel):
    """Latencies, fix attempts, rejections, yield and tokens of one run."""

    node_latency: dict[str, Percentiles] = Field(default_factory=dict)
    role_latency: dict[str, Percentiles] = Field(default_factory=dict)
    tool_latency: dict[str, Percentiles] = Field(default_factory=dict)
    fix_attempts: dict[int, int] = Field(default_factory=dict)
    """Versions by the fixer calls they took (accepted and rejected steps alike)."""
    rejection_reasons: dict[str, int] = Field(default_factory=dict)
    yield_per_principle: dict[str, PrincipleYield] = Field(default_factory=dict)
    """``clean`` for the generated versions, then each principle's de-clean steps."""
    tokens_per_role: dict[str, RoleTokens] = Field(default_factory=dict)
    per_host: dict[str, HostCounts] = Field(default_factory=dict)
    """Per cluster node, for a run on Ray; empty for a local run."""


def compute_stats(events: Iterable[_Event], lineage: Sequence[ProblemLineage]) -> TraceStats:
    """The statistics of a run from its events (timings, tokens) and its lineage (outcomes)."""
    nodes: defaultdict[str, list[float]] = defaultdict(list)
    roles: defaultdict[str, list[float]] = defaultdict(list)
    tools: defaultdict[str, list[float]] = defaultdict(list)
    tokens: defaultdict[str, RoleTokens] = defaultdict(RoleTokens)
    hosts: defaultdict[str, HostCounts] = defaultdict(HostCounts)
    host_problems: defaultdict[str, set[str]] = defaultdict(set)
    for event in events:
        if event.host is not None:
            _count_on_host(hosts[event.host], event)
            if event.problem_id is not None:
                host_problems[event.host].add(event.problem_id)
        if isinstance(event, NodeEnd):
            nodes[event.node].append(event.duration_seconds)
        elif isinstance(event, ToolCall):
            tools[event.tool].append(event.duration_seconds)
        elif isinstance(event, ModelCall):
            count = tokens[event.role]
            count.calls += 1
            count.cached_calls += event.cached
            count.failed_calls += event.error is not None
            count.input_tokens += event.input_tokens or 0
            count.output_tokens += event.output_tokens or 0
            if not event.cached:
                roles[event.role].append(event.latency_seconds)
    fixes: Counter[int] = Counter()
    reasons: Counter[str] = Counter()
    yields: defaultdict[str, PrincipleYield] = defaultdict(PrincipleYield)
    for step in (step for problem in lineage for chain in problem.samples for step in chain.steps):
        fixes[step.fix_attempts] += 1
        stage = yields[step.principle or "clean"]
        if step.verdict == "accepted":
            stage.accepted += 1
        else:
            stage.rejected += 1
            reasons[step.reason] += 1
    return TraceStats(
        node_latency={name: Percentiles.of(values) for name, values in sorted(nodes.items())},
        role_latency={name: Percentiles.of(values) for name, values in sorted(roles.items())},
        tool_latency={name: Percentiles.of(values) for name, values in sorted(tools.items())},
        fix_attempts=dict(sorted(fixes.items())),
        rejection_reasons=dict(reasons.most_common()),
        yield_per_principle=dict(yields),
        tokens_per_role=dict(sorted(tokens.items())),
        per_host={
            host: counts.model_copy(update={"problems": len(host_problems[host])})
            for host, counts in sorted(hosts.items())
        },
    )


def _count_on_host(counts: HostCounts, event: _Event) -> None:
    counts.events += 1
    counts.model_calls += isinstance(event, ModelCall)
    counts.tool_calls += isinstance(event, ToolCall)
    counts.accepted_samples += isinstance(event, SampleAccepted)
