"""Detectors side by side on the team's hand-labelled sets: Jaccard per label and seconds per file.

Sets (tests/corpus): `labeled` (used to tune the measures), `heldout` (blind to the detector), `hard` (blind
to the measures, its misses studied while they were rewritten), `hard2` (never seen while tuning: the
honest one). Detectors: `lint`; `trained`, fitted on the train split of a dataset built here from a
procedural run of the 20 clean corpus programs (none of the sets' programs); with `--model`, `llm` and
`hybrid` on the embedded model (about 15-35 s a file on 2 cores; their replies are cached in
`--cache`, so a second run costs no model time). Truth is the sets' hand labels (NO_COMPILE never occurs:
every program compiles). Prints one table per set, seconds per file as ratios against `lint`, and last
`best_hard2_mean_jaccard=...`.
Run: .venv/bin/python bench/detect_eval.py [--model] [--sets hard,hard2] [--cache /tmp/detect-cache.sqlite]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from contextlib import ExitStack, closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from declean.data.build import build_dataset
from declean.data.store import BuildSettings
from declean.detect import Detector, make_detector
from declean.detect.trained import train_from_dataset
from declean.evaluate.metrics import Case, score
from declean.models.cache import SqliteModelCache
from declean.sandbox import get_sandbox
from tests.corpus_index import (
    CorpusProgram,
    hard2_programs,
    hard_programs,
    heldout_programs,
    labeled_programs,
)
from tests.dataset_runs import corpus_problems, procedural_run

LABELS = ["DRY", "SRP", "MC", "NAME"]
SETS = {
    "labeled": labeled_programs,
    "heldout": heldout_programs,
    "hard": hard_programs,
    "hard2": hard2_programs,
}


def trained_model(work: Path) -> Path:
    with closing(get_sandbox("local")) as sandbox:
        run = procedural_run(work / "run", sandbox, corpus_problems(count=20), "20260501T000000Z-bench")
        build_dataset([run], work / "dataset", sandbox, BuildSettings(test_size=0.2))
    return train_from_dataset(work / "dataset", work / "model.joblib") and work / "model.joblib"


def run_detector(detector: Detector, programs: list[CorpusProgram]) -> tuple[list[Case], float]:
    cases, seconds = [], 0.0
    for program in programs:
        started = time.perf_counter()
        detection = detector.detect(program.source)
        seconds += time.perf_counter() - started
        cases.append(
            Case(
                sample_id=program.name,
                problem_id=program.name,
                truth=program.labels,
                predicted=detection.labels,
            )
        )
    return cases, seconds / len(programs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", action="store_true", help="also the llm and hybrid detectors")
    parser.add_argument("--sets", default="labeled,heldout,hard,hard2")
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "declean-detect-bench.sqlite"
    )
    arguments = parser.parse_args()
    chosen = arguments.sets.split(",")
    with ExitStack() as resources:
        work = Path(resources.enter_context(tempfile.TemporaryDirectory()))
        detectors: list[Detector] = [
            make_detector("lint"),
            make_detector("trained", model_file=trained_model(work)),
        ]
        if arguments.model:
            from declean.models.providers import resolve_models
            from declean.settings import Settings

            model = resources.enter_context(resolve_models(Settings().models())).llm
            cache = resources.enter_context(closing(SqliteModelCache(arguments.cache)))
            detectors += [make_detector(name, model=model, cache=cache) for name in ("llm", "hybrid")]
        means: dict[tuple[str, str], float] = {}
        for set_name in chosen:
            programs = SETS[set_name]()
            print(f"\n{set_name}: {len(programs)} programs")
            print(
                f"{'detector':9} {'DRY':>5} {'SRP':>5} {'MC':>5} {'NAME':>5} {'mean':>5} "
                f"{'s/file':>8} {'vs lint':>8}"
            )
            lint_seconds = None
            for detector in detectors:
                cases, seconds = run_detector(detector, programs)
                scores = score(cases, LABELS)
                jaccards = [scores.per_label[label].jaccard for label in LABELS]
                means[(set_name, detector.name)] = sum(jaccards) / len(jaccards)
                lint_seconds = lint_seconds or seconds
                print(
                    f"{detector.name:9} "
                    + " ".join(f"{value:5.2f}" for value in jaccards)
                    + f" {means[(set_name, detector.name)]:5.2f} {seconds:8.3f}"
                    + f" {seconds / lint_seconds:7.2f}x",
                    flush=True,
                )
    if "hard2" in chosen:
        best = max(
            (name for set_name, name in means if set_name == "hard2"), key=lambda n: means[("hard2", n)]
        )
        print(f"best_hard2_mean_jaccard={means[('hard2', best)]:.2f} ({best})")


if __name__ == "__main__":
    main()
