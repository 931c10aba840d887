"""Label shares and phi of a procedural run on programs nobody here wrote, per label plan.

Every program of `tests/corpus/clean` and `tests/corpus/real` becomes a problem with its own solution; the
run uses procedural transforms only (a model call would fail the script), at level 2, with the real
sandbox. Prints, per plan: de-cleaned samples, each label's share, the largest |phi| and the phi matrix,
and the rejection reasons. Targets (issue 13): shares within 35-65 %, |phi| <= 0.2.
Run: .venv/bin/python bench/label_balance.py [--plans chain,balanced,all-subsets] [--level 2]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from declean import Context, Problem
from declean.runs import run_problems
from declean.sandbox import get_sandbox
from declean.testing import ScriptedChatModel
from tests.corpus_index import clean_programs, real_programs

PRINCIPLES = ["DRY", "SRP", "MC", "NAME"]


def problems() -> list[Problem]:
    corpus = [*clean_programs(), *real_programs()]
    return [
        Problem(
            id=program.name,
            statement=f"The program {program.name}.",
            stdin=program.stdin,
            solution=program.source,
        )
        for program in corpus
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", default="chain,balanced,all-subsets")
    parser.add_argument("--level", type=int, default=2)
    args = parser.parse_args()
    todo = problems()
    with closing(get_sandbox("local")) as sandbox, tempfile.TemporaryDirectory() as scratch:
        for plan in args.plans.split(","):
            out = Path(scratch) / plan
            context = Context(
                llm=ScriptedChatModel(),
                sandbox=sandbox,
                principles=PRINCIPLES,
                strategies=dict.fromkeys(PRINCIPLES, "procedural"),
                label_plan=plan,  # type: ignore[arg-type]
                level=args.level,  # type: ignore[arg-type]
                trace_dir=None,
                concurrency=2,
            )
            started = time.monotonic()
            run_problems(todo, context, out)
            summary = json.loads((out / "summary.json").read_text())
            balance = summary["label_balance"]
            reasons = Counter(
                json.loads(line)["reason"] for line in (out / "rejections.jsonl").read_text().splitlines()
            )
            shares = ", ".join(f"{label} {share:.2f}" for label, share in balance["shares"].items())
            phis = [abs(value) for value in balance["phi"].values() if value is not None]
            took = time.monotonic() - started
            print(f"{plan}: {len(todo)} programs, {balance['samples']} de-cleaned samples in {took:.0f}s")
            print(f"  shares: {shares}; max |phi| {max(phis, default=0):.3f}")
            print(f"  phi: {balance['phi']}")
            print(f"  rejections: {dict(reasons.most_common())}")


if __name__ == "__main__":
    main()
