"""``declean dataset build``: runs (and feedback exports) in, a new dataset version out.

Order of work: read the runs (complete problems only) and feedback directories (:mod:`declean.data.feedback`),
compile the natural ``NO_COMPILE`` candidates and the feedback records,
deduplicate (an earlier version's records first, so they are the ones kept), fill the ``NO_COMPILE`` share
with verified breakages, split by problem, then write the version aside and commit it
(:mod:`declean.data.store`). Content that equals the current version's makes no new version.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from declean.data.dedup import deduplicate
from declean.data.feedback import is_feedback_dir, read_feedback, stale_feedback
from declean.data.no_compile import break_samples, verify_feedback, verify_natural
from declean.data.publish import content_fingerprint, publish, reviewed_count, split_counts
from declean.data.records import SPLITS, DatasetRecord, Split
from declean.data.runs import RunContents, read_run
from declean.data.split import split_by_problem
from declean.data.store import (
    DEDUP_FILE,
    NEAR_PROBLEMS_FILE,
    NO_COMPILE_REJECTED_FILE,
    BuildSettings,
    DatasetDir,
    DatasetIndex,
    NoCompileStats,
    RunSource,
    VersionInfo,
)
from declean.errors import DatasetError
from declean.principles import NO_COMPILE, REGISTRY
from declean.sandbox.base import Sandbox


@dataclass
class BuildOutcome:
    """What a build did."""

    index: DatasetIndex
    version: VersionInfo
    """The current version: the new one, or the unchanged previous one."""
    created: bool
    """False when the runs added nothing and the current version stays."""
    warnings: list[str] = field(default_factory=list)


def build_dataset(
    run_dirs: Sequence[Path],
    out: Path,
    sandbox: Sandbox,
    settings: BuildSettings | None = None,
    *,
    name: str | None = None,
    workers: int = 2,
    log: Callable[[str], None] = lambda _: None,
) -> BuildOutcome:
    """Build a new version of the dataset in ``out`` from ``run_dirs`` (and the current version, if any)."""
    settings = settings or BuildSettings()
    _check(settings)
    store = DatasetDir(out)
    index = store.load_index()
    previous = index.version() if index.current else None
    label_names = list(REGISTRY.names())
    runs, warnings = _read_runs(run_dirs, log)
    earlier = store.records(previous) if previous is not None else []
    # Rejected records stay rejected: a run read again must not bring them back as new.
    rejected = store.rejected(previous) if previous is not None else []
    known = {record.id for record in [*earlier, *rejected]}
    new_samples = _new_samples(runs, known, warnings)
    _check_labels(runs, label_names)
    warnings += stale_feedback([record for run in runs for record in run.samples], earlier)
    candidates = [r for run in runs for r in run.natural_errors if r.id not in known]
    natural = verify_natural(candidates, sandbox, workers=workers)
    log(f"natural compile errors: {len(natural.records)} of {len(candidates)} candidates are gcc errors")
    feedback = verify_feedback([r for r in new_samples if r.source == "feedback"], sandbox, workers=workers)
    verified = {record.id: record for record in feedback.records}
    new_samples = [verified.get(r.id, r) for r in new_samples if r.source != "feedback" or r.id in verified]
    warnings += [f"left out feedback record {attempt.id}: {attempt.reason}" for attempt in feedback.rejected]
    if feedback.compiles:
        log(f"feedback: {len(feedback.records)} of {feedback.compiles} new records agree with gcc")

    carried = [record for record in earlier if record.source != "breakage"]
    dedup = deduplicate([*carried, *new_samples, *natural.records], settings.near_duplicate_threshold)
    log(
        f"deduplicated: kept {len(dedup.kept)}, dropped {len(dedup.dropped)} ({_counts_text(dedup.counts())})"
    )
    if not dedup.kept:
        raise DatasetError("nothing to build: the runs hold no accepted sample of a complete problem")

    kept, surplus = _natural_within_share(dedup.kept, settings, known)
    warnings += [f"left out natural NO_COMPILE record {record_id} (over the share)" for record_id in surplus]
    parents = [record for record in kept if record.source == "accepted"]
    target = _no_compile_target(kept, settings.no_compile_share)
    have = sum(NO_COMPILE in record.labels for record in kept)
    from_feedback = sum(NO_COMPILE in record.labels and record.source == "feedback" for record in kept)
    earlier_breakages = [record for record in earlier if record.source == "breakage"]
    broken = break_samples(
        parents, max(0, target - have), sandbox, seed=settings.seed, known=earlier_breakages, workers=workers
    )
    if len(broken.records) < target - have:
        warnings.append(f"NO_COMPILE: {have + len(broken.records)} records, short of the {target} asked for")
    records = [*kept, *broken.records]
    log(
        f"NO_COMPILE: {have - from_feedback} natural, {from_feedback} feedback, "
        f"{len(broken.records)} breakages ({broken.compiles} compiles)"
    )

    fixed, closed = _earlier_splits(earlier, settings, warnings)
    assignment, report = split_by_problem(
        records,
        label_names,
        test_size=settings.test_size,
        validation_size=settings.validation_size,
        seed=settings.seed,
        linked=[pair.problems for pair in dedup.cross_problem],
        fixed=fixed,
        closed=closed,
    )
    records = sorted(
        (record.model_copy(update={"split": assignment[record.problem_id]}) for record in records),
        key=lambda record: (SPLITS.index(record.split or "train"), record.problem_id, record.id),
    )
    fingerprint = content_fingerprint(records, rejected)
    if previous is not None and previous.fingerprint == fingerprint:
        log(f"unchanged: the runs add nothing to {previous.name}")
        return BuildOutcome(index=index, version=previous, created=False, warnings=warnings)

    version = VersionInfo(
        name=f"v{len(index.versions) + 1}",
        fingerprint=fingerprint,
        created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        parent=previous.name if previous is not None else None,
        label_names=label_names,
        runs=_sources(previous, runs),
        settings=settings,
        records=len(records),
        counts=split_counts(records, label_names),
        problems={
            split: sorted({r.problem_id for r in records if r.split == split})
            for split in SPLITS
            if any(r.split == split for r in records)
        },
        split=report,
        dedup=dedup.counts(),
        no_compile=NoCompileStats(
            target=target,
            natural=have - from_feedback,
            breakage=len(broken.records),
            by_kind=_kinds(broken.records),
            natural_not_compile_errors=len(natural.rejected),
            breakages_turned_down=len(broken.rejected),
            feedback=from_feedback,
            feedback_turned_down=len(feedback.rejected),
            compiles=natural.compiles + feedback.compiles + broken.compiles,
        ),
        warnings=warnings,
        reviewed=reviewed_count(records),
        rejected=len(rejected),
    )
    new_index = DatasetIndex(current=version.name, versions=[*index.versions, version])
    publish(
        store,
        new_index,
        records,
        rejected=rejected,
        side_files={
            DEDUP_FILE: [entry.model_dump_json() for entry in dedup.dropped],
            NEAR_PROBLEMS_FILE: [pair.model_dump_json() for pair in dedup.cross_problem],
            NO_COMPILE_REJECTED_FILE: [
                attempt.model_dump_json()
                for attempt in [*natural.rejected, *feedback.rejected, *broken.rejected]
            ],
        },
        name=name,
    )
    log(f"wrote {version.name}: {version.records} records in {out}")
    return BuildOutcome(index=new_index, version=version, created=True, warnings=warnings)


def _check(settings: BuildSettings) -> None:
    if not 0.0 <= settings.no_compile_share < 1.0:
        raise DatasetError(f"the NO_COMPILE share must be in [0, 1), not {settings.no_compile_share}")
    if not 0.0 < settings.near_duplicate_threshold <= 1.0:
        raise DatasetError(
            f"the near-duplicate threshold must be in (0, 1], not {settings.near_duplicate_threshold}"
        )


def _read_runs(run_dirs: Sequence[Path], log: Callable[[str], None]) -> tuple[list[RunContents], list[str]]:
    if not run_dirs:
        raise DatasetError("no run directory given")
    runs: list[RunContents] = []
    warnings: list[str] = []
    seen: dict[str, Path] = {}
    for path in run_dirs:
        run = read_feedback(path) if is_feedback_dir(path) else read_run(path)
        if run.run_id in seen:
            warnings.append(f"{path}: run {run.run_id} was already read from {seen[run.run_id]}")
            continue
        seen[run.run_id] = path
        warnings += run.warnings
        runs.append(run)
        log(
            f"read {path}: {len(run.samples)} samples, "
            f"{len(run.natural_errors)} natural compile-error candidates"
        )
    return runs, warnings


def _new_samples(runs: Sequence[RunContents], known: set[str], warnings: list[str]) -> list[DatasetRecord]:
    """The runs' samples no earlier version holds; a record id given twice (two exports of one program)
    is read once, from the first input."""
    found: dict[str, DatasetRecord] = {}
    for run in runs:
        for record in run.samples:
            if record.id in found and record.id not in known:
                warnings.append(f"{run.path}: {record.id} was already read from {found[record.id].run_id}")
            elif record.id not in known:
                found[record.id] = record
    return list(found.values())


def _check_labels(runs: Sequence[RunContents], label_names: Sequence[str]) -> None:
    for run in runs:
        for record in run.samples:
            unknown = sorted(set(record.labels) - set(label_names))
            if unknown:
                raise DatasetError(
                    f"{run.path}: sample {record.sample_id} has label(s) {', '.join(unknown)} that no "
                    f"registered principle has (known: {', '.join(label_names)}); register them first"
                )


def _no_compile_target(records: Sequence[DatasetRecord], share: float) -> int:
    others = sum(NO_COMPILE not in record.labels for record in records)
    return round(share / (1.0 - share) * others) if share > 0 else 0


def _natural_within_share(
    records: list[DatasetRecord], settings: BuildSettings, known: set[str]
) -> tuple[list[DatasetRecord], list[str]]:
    """Natural records beyond the share are left out: an earlier version's first, then a seeded choice."""
    target = _no_compile_target(records, settings.no_compile_share)
    natural = [record for record in records if record.source == "natural"]
    if len(natural) <= target:
        return records, []
    rng = random.Random(f"natural/{settings.seed}")
    order = sorted(natural, key=lambda record: (record.id not in known, rng.random()))
    surplus = {record.id for record in order[target:]}
    return [record for record in records if record.id not in surplus], sorted(surplus)


def _earlier_splits(
    earlier: Sequence[DatasetRecord], settings: BuildSettings, warnings: list[str]
) -> tuple[dict[str, Split], frozenset[Split]]:
    fixed: dict[str, Split] = {}
    for record in earlier:
        if record.split is not None:
            fixed[record.problem_id] = record.split
    if settings.fresh_test:
        if not earlier:
            warnings.append("--fresh-test: there is no earlier version; the test split is new anyway")
        fixed = {problem: "validation" if split == "test" else split for problem, split in fixed.items()}
    return fixed, frozenset()


def _sources(previous: VersionInfo | None, runs: Sequence[RunContents]) -> list[RunSource]:
    sources = {source.run_id: source for source in (previous.runs if previous is not None else [])}
    for run in runs:
        sources[run.run_id] = RunSource(
            run_id=run.run_id,
            path=str(run.path),
            settings=dict(run.settings),
            samples=len(run.samples),
            natural_candidates=len(run.natural_errors),
        )
    return list(sources.values())


def _kinds(records: Sequence[DatasetRecord]) -> dict[str, int]:
    kinds = Counter(
        record.no_compile.kind for record in records if record.no_compile and record.no_compile.kind
    )
    return dict(sorted(kinds.items()))


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{kind} {count}" for kind, count in counts.items())
