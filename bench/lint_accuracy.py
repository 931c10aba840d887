"""Precision and recall of `declean lint` per label on the hand-labelled sets in tests/corpus.

`labeled/` was used to set the thresholds; `heldout/` was written blind to the detector, so its figures
are the honest ones. Run: .venv/bin/python bench/lint_accuracy.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from declean.principles.verify import detect
from declean.tools.lint_accuracy import score_detector
from tests.corpus_index import CorpusProgram, heldout_programs, labeled_programs


def report(title: str, programs: list[CorpusProgram]) -> None:
    scores = score_detector((program.source, program.labels) for program in programs)
    print(f"{title}: {len(programs)} hand-labelled programs")
    print(f"{'label':6} {'precision':>9} {'recall':>7}  tp fp fn")
    for score in scores:
        print(
            f"{score.label:6} {score.precision:9.2f} {score.recall:7.2f}  "
            f"{score.true_positives:2} {score.false_positives:2} {score.false_negatives:2}"
        )
    for program in programs:
        found = detect(program.source)
        if sorted(found) != sorted(program.labels):
            print(f"  miss: {program.name}: labelled {program.labels}, detected {found}")


def main() -> None:
    report("labeled (used to set the thresholds)", labeled_programs())
    report("heldout (written blind to the detector)", heldout_programs())


if __name__ == "__main__":
    main()
