"""From reviewers' verdicts on one record to one decision (pure: no files, no server).

Each reviewer has one vote. A record is rejected when most reviewers answered no to "adequate?" or
"different enough?"; kept otherwise, with every label most keeping reviewers ticked. A tie (one reviewer
against another) decides nothing: the record stays as it was, unreviewed, and the decision says
``disputed`` so the task is looked at again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from declean.principles import REGISTRY
from declean.review.verdicts import Verdict

Action = Literal["accept", "relabel", "reject", "disputed"]


class Decision(BaseModel):
    """What the verdicts on one record decide."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    action: Action
    labels: list[str]
    """The labels the record carries after the decision (unchanged for ``reject`` and ``disputed``)."""
    reason: str
    """Why: the rejecting answers and comments, the reasons for added labels, or the split votes."""
    reviewers: list[str]


def decide(labels: Sequence[str], verdicts: Sequence[Verdict]) -> Decision:
    """The decision on a record labelled ``labels`` (its current labels) given ``verdicts``."""
    reviewers = sorted({verdict.reviewer for verdict in verdicts})
    votes = latest_per_reviewer(verdicts)
    rejecting = [verdict for verdict in votes if verdict.rejects]
    keeping = [verdict for verdict in votes if not verdict.rejects]
    if 2 * len(rejecting) > len(votes):
        return Decision(
            action="reject", labels=list(labels), reason=_reject_reason(rejecting), reviewers=reviewers
        )
    if 2 * len(rejecting) == len(votes):
        return Decision(
            action="disputed",
            labels=list(labels),
            reason=f"{len(rejecting)} of {len(votes)} reviewers rejected it",
            reviewers=reviewers,
        )
    chosen, split = [], []
    for name in _ordered({label for verdict in keeping for label in verdict.labels} | set(labels)):
        ticks = sum(name in verdict.labels for verdict in keeping)
        if 2 * ticks > len(keeping):
            chosen.append(name)
        elif 2 * ticks == len(keeping):
            split.append(name)
    if split:
        return Decision(
            action="disputed",
            labels=list(labels),
            reason=f"reviewers split on {', '.join(split)}",
            reviewers=reviewers,
        )
    action: Action = "accept" if set(chosen) == set(labels) else "relabel"
    return Decision(
        action=action, labels=chosen, reason=_keep_reason(keeping, labels, chosen), reviewers=reviewers
    )


def latest_per_reviewer(verdicts: Sequence[Verdict]) -> list[Verdict]:
    """One vote per reviewer: their latest annotation of the task."""
    latest: dict[str, Verdict] = {}
    for verdict in sorted(verdicts, key=lambda verdict: (verdict.updated, verdict.annotation_id or 0)):
        latest[verdict.reviewer] = verdict
    return list(latest.values())


def _reject_reason(rejecting: Sequence[Verdict]) -> str:
    parts = []
    for verdict in rejecting:
        why = [
            *(["not an adequate solution"] if verdict.adequate is False else []),
            *(["not different enough from the rest"] if verdict.different is False else []),
        ]
        comment = f": {verdict.comment}" if verdict.comment else ""
        parts.append(f"{verdict.reviewer}: {' and '.join(why)}{comment}")
    return "; ".join(parts)


def _keep_reason(keeping: Sequence[Verdict], before: Sequence[str], after: Sequence[str]) -> str:
    parts = []
    for label in [name for name in after if name not in before]:
        reasons = [verdict.reasons[label] for verdict in keeping if verdict.reasons.get(label)]
        parts.append(f"+{label}" + (f" ({'; '.join(reasons)})" if reasons else ""))
    parts += [f"-{name}" for name in before if name not in after]
    comments = [f"{verdict.reviewer}: {verdict.comment}" for verdict in keeping if verdict.comment]
    return "; ".join(parts + comments)


def _ordered(labels: set[str]) -> list[str]:
    """Registry order first, then labels it does not know (kept visible, never silently dropped)."""
    known = [name for name in REGISTRY.names() if name in labels]
    return known + sorted(labels - set(known))
