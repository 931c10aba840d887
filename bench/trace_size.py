"""Trace bytes per accepted sample on a fixed, deterministic run, by event type.

The run: --problems corpus problems, the deterministic corpus model (``tests.corpus_run.respond``), the
real ``LocalSandbox``, all four principles, one sample per problem and the ``--label-plan`` given (the same
on both sides of a comparison: ``chain`` by default, which every declean version has). Run it on two
checkouts to compare them. Last line: ``bytes_per_sample=<trace bytes / accepted samples>``.

    .venv/bin/python bench/trace_size.py [--problems 10] [--label-plan chain]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

from _common import ALL_PRINCIPLES, latency_model, timed_run, write_problems

from declean.graphs.context import Context
from declean.sandbox.local import LocalSandbox


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--problems", type=int, default=10)
    parser.add_argument("--label-plan", default="chain")
    parser.add_argument("--keep", type=Path, help="copy the trace to this file")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="trace-size-") as scratch, LocalSandbox() as sandbox:
        base = Path(scratch)
        problems = write_problems(base / "problems.jsonl", options.problems)
        context = Context(
            llm=latency_model(0.0),
            sandbox=sandbox,
            principles=ALL_PRINCIPLES,
            label_plan=options.label_plan,  # type: ignore[arg-type]
            cache=None,
            trace_dir=base / "traces",
        )
        summary, _ = timed_run(problems, context, base / "out")
        if options.keep:
            options.keep.write_bytes(context.trace.path.read_bytes())
        sizes: Counter[str] = Counter()
        counts: Counter[str] = Counter()
        for line in context.trace.path.read_bytes().splitlines(keepends=True):
            event = json.loads(line)
            kind = event["event"] + (f":{event['tool']}" if event["event"] == "tool_call" else "")
            sizes[kind] += len(line)
            counts[kind] += 1
    total, accepted = sum(sizes.values()), summary.accepted_samples
    print(
        f"problems={options.problems} label_plan={options.label_plan} accepted={accepted} trace_bytes={total}"
    )
    for kind, size in sizes.most_common():
        print(f"  {kind:<20} {counts[kind]:>5} events {size:>9} bytes  {size / accepted:>7.0f} per sample")
    print(f"bytes_per_sample={total / accepted:.0f}")


if __name__ == "__main__":
    main()
