"""The run's closing numbers, counted from the output files themselves, so a resumed run's summary covers
every session and always agrees with ``samples.jsonl``; written to ``summary.json`` as well."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from declean.models.usage import PriceTable, RunUsage
from declean.principles import REGISTRY
from declean.problems import Problem
from declean.runs.balance import LabelBalance, label_balance
from declean.runs.output import SUMMARY_FILE, OutputDir, complete_lines


@dataclass
class RunSummary:
    """Counts for the closing table and ``summary.json``."""

    problems: int = 0
    done_problems: int = 0
    failed_problems: list[str] = field(default_factory=list)
    """Problems whose graph raised (see the trace); a resumed run tries them again."""
    errors: dict[str, str] = field(default_factory=dict)
    """What each failed problem raised."""
    unfinished_problems: int = 0
    """Problems not reached (the run was interrupted)."""
    accepted: Counter[str] = field(default_factory=Counter)
    """Accepted samples by label (``clean`` for label-free ones); a sample counts under each of its labels."""
    rejected: Counter[tuple[str, str]] = field(default_factory=Counter)
    """Rejections by (principle or ``clean``, reason)."""
    accepted_samples: int = 0
    """Accepted samples, clean and de-cleaned."""
    duration_seconds: float = 0.0
    """This session's wall time."""
    usage: RunUsage = field(default_factory=RunUsage)
    peak_in_flight: int = 0
    """The most model calls and sandbox runs that were in flight at once in this session."""
    balance: LabelBalance | None = None
    """Label shares and pairwise phi over the de-cleaned samples."""

    def rejected_by_reason(self) -> dict[str, int]:
        """Rejections by reason over every stage."""
        totals: Counter[str] = Counter()
        for (_, reason), count in self.rejected.items():
            totals[reason] += count
        return dict(sorted(totals.items()))

    def write(self, out_dir: Path, run_id: str) -> None:
        """``summary.json``, replaced atomically."""
        payload: dict[str, Any] = {
            "run_id": run_id,
            "problems": self.problems,
            "done_problems": self.done_problems,
            "failed_problems": self.failed_problems,
            "errors": self.errors,
            "unfinished_problems": self.unfinished_problems,
            "accepted_samples": self.accepted_samples,
            "accepted_by_label": dict(sorted(self.accepted.items())),
            "rejected_by_reason": self.rejected_by_reason(),
            "rejected_by_stage": _by_stage(self.rejected),
            "usage": self.usage.model_dump(mode="json"),
            "duration_seconds": round(self.duration_seconds, 3),
            "peak_in_flight": self.peak_in_flight,
            "label_balance": self.balance.model_dump(mode="json") if self.balance else None,
        }
        out_dir.mkdir(parents=True, exist_ok=True)
        partial = out_dir / f".{SUMMARY_FILE}.partial"
        with partial.open("w", encoding="utf-8") as handle:
            json.dump(payload, handle, indent=2)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(out_dir / SUMMARY_FILE)


def summarize(
    output: OutputDir, problems: Sequence[Problem], prices: PriceTable | None, duration_seconds: float
) -> RunSummary:
    """Count what ``output`` holds for ``problems``, streaming the files."""
    summary = RunSummary(problems=len(problems), duration_seconds=duration_seconds)
    decleaned: list[list[str]] = []
    for line in complete_lines(output.samples):
        sample = json.loads(line)
        summary.accepted_samples += 1
        summary.accepted.update(sample["labels"] or ["clean"])
        if sample.get("parent_id") is not None:
            decleaned.append(sample["labels"])
    seen = {label for labels in decleaned for label in labels}
    known = [name for name in REGISTRY.names() if name in seen]
    summary.balance = label_balance(decleaned, [*known, *sorted(seen - set(known))])
    for line in complete_lines(output.rejections):
        rejection = json.loads(line)
        summary.rejected[(rejection["principle"] or "clean", rejection["reason"])] += 1
    records = output.records()
    usage = RunUsage()
    for problem in problems:
        record = records.get(problem.id)
        if record is None:
            summary.unfinished_problems += 1
        elif record.status == "crashed":
            summary.failed_problems.append(problem.id)
            summary.errors[problem.id] = record.error or "unknown"
        else:
            summary.done_problems += 1
            usage.add(record.calls)
    summary.usage = usage.priced(prices)
    return summary


def _by_stage(rejected: Counter[tuple[str, str]]) -> dict[str, dict[str, int]]:
    stages: dict[str, dict[str, int]] = {}
    for (stage, reason), count in sorted(rejected.items()):
        stages.setdefault(stage, {})[reason] = count
    return stages
