"""Every procedural transform x level on the real corpus (``tests/corpus/real``): applied / not applicable /
failed per principle x level, each failure, and the time taken.

Run from the repository root: ``.venv/bin/python bench/transforms_real.py`` (``--reasons`` also lists the
not-applicable reasons).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from declean.sandbox.local import LocalSandbox
from tests.real_grid import PROGRAMS, grid, summary


def main() -> None:
    started = time.perf_counter()
    with LocalSandbox() as sandbox:
        outcomes = grid(sandbox)
    elapsed = time.perf_counter() - started
    print(f"{len(PROGRAMS)} programs, {len(outcomes)} outcomes, {elapsed:.1f} s")
    print(summary(outcomes))
    if "--reasons" in sys.argv[1:]:
        reasons = Counter(
            (o.principle, o.detail.split(" (")[0]) for o in outcomes if o.status == "not_applicable"
        )
        for (principle, reason), count in sorted(reasons.items()):
            print(f"{count:>4}  {principle:<5} {reason}")


if __name__ == "__main__":
    main()
