"""The code versions of a chain and the unified diffs between consecutive ones."""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterable

from pydantic import BaseModel

from declean.errors import TraceNotFoundError
from declean.tracing.events import SampleAccepted, SampleRejected, _Event


class Version(BaseModel):
    """One version of a sample's code."""

    sample_id: str
    labels: list[str]
    code: str
    accepted: bool
    """``False`` for a rejected rewrite (the last version of a chain asked about by its rejected id)."""
    reason: str | None = None
    """Why a rejected version was rejected."""


class VersionDiff(BaseModel):
    """The change from one version to the next."""

    before: str
    after: str
    principle: str | None
    diff: str
    """Unified diff of the C source, ``---`` before, ``+++`` after."""


def versions_of(events: Iterable[_Event], sample_id: str) -> list[Version]:
    """Clean to ``sample_id``, following parents; a rejected id ends with the rejected code."""
    accepted: dict[str, dict[str, object]] = {}
    rejected: dict[str, dict[str, object]] = {}
    for event in events:
        if isinstance(event, SampleAccepted):
            accepted[str(event.sample["id"])] = event.sample
        elif isinstance(event, SampleRejected):
            rejected[str(event.rejection["sample_id"])] = event.rejection
    chain: list[Version] = []
    current: str | None = sample_id
    if sample_id not in accepted:
        if sample_id not in rejected:
            known = ", ".join(sorted(accepted)[:5])
            raise TraceNotFoundError(f"no sample {sample_id!r} in this run (some ids: {known})")
        rejection = rejected[sample_id]
        if rejection.get("code") is None:
            raise TraceNotFoundError(
                f"{sample_id} was rejected ({rejection['reason']}) before any code was written: no diff"
            )
        labels = [label for label in sample_id.rsplit("/", 1)[-1].split("+") if label != "clean"]
        chain.append(
            Version(
                sample_id=sample_id,
                labels=labels,
                code=str(rejection["code"]),
                accepted=False,
                reason=str(rejection["reason"]),
            )
        )
        prefix = sample_id.rsplit("/", 1)[0]
        current = f"{prefix}/{'+'.join(labels[:-1]) or 'clean'}"
        while current is not None and current not in accepted:
            # A rejected step is based on the last accepted version: drop labels until one exists.
            head, _, tail = current.rpartition("/")
            current = f"{head}/{'+'.join(tail.split('+')[:-1]) or 'clean'}" if tail != "clean" else None
    while current is not None and current in accepted:
        sample = accepted[current]
        chain.append(
            Version(sample_id=current, labels=list(sample["labels"]), code=str(sample["code"]), accepted=True)  # type: ignore[call-overload]
        )
        parent = sample.get("parent_id")
        current = str(parent) if parent else None
    return list(reversed(chain))


def diffs_of(versions: list[Version]) -> list[VersionDiff]:
    """Unified diffs between consecutive versions."""
    diffs = []
    for before, after in itertools.pairwise(versions):
        lines = difflib.unified_diff(
            before.code.splitlines(keepends=True),
            after.code.splitlines(keepends=True),
            fromfile=before.sample_id,
            tofile=after.sample_id,
        )
        new = [label for label in after.labels if label not in before.labels]
        diffs.append(
            VersionDiff(
                before=before.sample_id,
                after=after.sample_id,
                principle=new[0] if new else None,
                diff="".join(
                    line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                    for line in lines
                ),
            )
        )
    return diffs
