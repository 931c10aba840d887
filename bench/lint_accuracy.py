"""Jaccard, precision and recall of `declean lint` per label on the hand-labelled sets in tests/corpus.

`labeled/` was used to set the thresholds; `heldout/` was written blind to the detector, and `hard/`
(clean traps, one subtle violation, two violations) blind to the measures, though its misses were studied
while the measures were rewritten; `hard2/` was written afterwards and never seen while tuning, so its
figures are the honest ones. Jaccard per label is TP / (TP + FP + FN), as the seed study scored its detector.
Run: .venv/bin/python bench/lint_accuracy.py [--misses]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from declean.evaluate.metrics import Case, score
from declean.principles import PRINCIPLES
from declean.principles.verify import detect
from tests.corpus_index import (
    CorpusProgram,
    hard2_programs,
    hard_programs,
    heldout_programs,
    labeled_programs,
)


def report(title: str, programs: list[CorpusProgram], show_misses: bool) -> None:
    cases = [
        Case(sample_id=p.name, problem_id=p.name, truth=p.labels, predicted=detect(p.source))
        for p in programs
    ]
    scores = score(cases, PRINCIPLES)
    print(f"{title}: {len(programs)} hand-labelled programs")
    print(f"{'label':6} {'jaccard':>7} {'precision':>9} {'recall':>7}  tp fp fn")
    for label, found in scores.per_label.items():
        counts = found.counts
        print(
            f"{label:6} {found.jaccard:7.2f} {found.precision:9.2f} {found.recall:7.2f}  "
            f"{counts.tp:2} {counts.fp:2} {counts.fn:2}"
        )
    if not show_misses:
        return
    for program in programs:
        found = detect(program.source)
        if sorted(found) != sorted(program.labels):
            print(f"  miss: {program.name}: labelled {program.labels}, detected {found}")


def main() -> None:
    show_misses = "--misses" in sys.argv
    report("labeled (used to set the thresholds)", labeled_programs(), show_misses)
    report("heldout (written blind to the detector)", heldout_programs(), show_misses)
    report(
        "hard (written blind to the measures; its misses were studied while tuning)",
        hard_programs(),
        show_misses,
    )
    report("hard2 (written blind, never seen while tuning)", hard2_programs(), show_misses)


if __name__ == "__main__":
    main()
