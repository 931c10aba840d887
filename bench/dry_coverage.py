"""Where the DRY transform applies on the clean corpus (tests/corpus/clean), per level, and why not elsewhere.

Each applied rewrite is one the DRY measure verified (its score rose, no other principle got worse).
Run: .venv/bin/python bench/dry_coverage.py [--reasons]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from declean.principles import apply_transform
from declean.tools.transforms.base import Level
from tests.corpus_index import clean_programs

LEVELS: tuple[Level, ...] = (1, 2, 3)


def main() -> None:
    programs = clean_programs()
    show_reasons = "--reasons" in sys.argv
    for level in LEVELS:
        results = {program.name: apply_transform("DRY", program.source, level) for program in programs}
        applied = [name for name, result in results.items() if result.applied]
        print(f"level {level}: DRY applies to {len(applied)} of {len(programs)} clean programs")
        for name, result in results.items():
            if result.applied:
                print(f"  {name}: {', '.join(location.detail for location in result.locations)}")
            elif show_reasons:
                print(f"  {name}: not applicable: {result.reason}")


if __name__ == "__main__":
    main()
