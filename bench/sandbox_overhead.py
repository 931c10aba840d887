"""Overhead of the local sandbox: compile + run of a realistic program, sandboxed vs bare host gcc.

Each round compiles ``bench/programs/stats.c`` and runs it on one stdin case twice: once through
``LocalSandbox.compile_and_run`` and once with the bare host gcc (same ``DEFAULT_COMPILE_FLAGS`` and
``-lm``) plus a plain ``subprocess`` run in a fresh temporary directory. The order alternates every round so
neither side always runs on a warmer cache; a few warm-up rounds are discarded. Prints the median and p90
of each side, and as the last line ``ratio=<sandboxed median / bare median>``.

    .venv/bin/python bench/sandbox_overhead.py --rounds 40
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from declean.sandbox.base import DEFAULT_COMPILE_FLAGS
from declean.sandbox.local import LocalSandbox

PROGRAM = Path(__file__).parent / "programs" / "stats.c"


def sandboxed(sandbox: LocalSandbox, source: str, stdin: str) -> str:
    """Compile and run inside the local sandbox; return the program's stdout."""
    result = sandbox.compile_and_run(source, [stdin])
    if not result.ok:
        raise RuntimeError(f"sandboxed run failed: {result.failure_reason()}")
    return result.runs[0].stdout


def bare(source: str, stdin: str) -> str:
    """Compile with the host gcc and run the binary in a fresh temporary directory; return its stdout."""
    with tempfile.TemporaryDirectory(prefix="declean-bench-") as directory:
        workdir = Path(directory)
        (workdir / "main.c").write_text(source)
        subprocess.run(
            ["gcc", *DEFAULT_COMPILE_FLAGS, "-o", "prog", "main.c", "-lm"],
            cwd=workdir,
            check=True,
            capture_output=True,
            timeout=60,
        )
        completed = subprocess.run(
            [str(workdir / "prog")],
            cwd=workdir,
            input=stdin.encode(),
            check=True,
            capture_output=True,
            timeout=60,
        )
        return completed.stdout.decode()


def timed(action: Callable[[], str]) -> tuple[float, str]:
    """Wall-clock seconds of one call, and what it returned."""
    started = time.perf_counter()
    output = action()
    return time.perf_counter() - started, output


def percentile(samples: list[float], fraction: float) -> float:
    """The ``fraction`` quantile (nearest rank) of ``samples``."""
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=40, help="measured rounds (default 40)")
    parser.add_argument("--warmup", type=int, default=3, help="discarded warm-up rounds (default 3)")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.warmup < 0:
        parser.error("--rounds must be at least 1 and --warmup not negative")

    source = PROGRAM.read_text()
    generator = random.Random(7)
    stdin = " ".join(str(generator.randint(1, 100_000)) for _ in range(2000)) + "\n"
    sandbox = LocalSandbox()
    sides: dict[str, Callable[[], str]] = {
        "sandboxed": lambda: sandboxed(sandbox, source, stdin),
        "bare": lambda: bare(source, stdin),
    }
    samples: dict[str, list[float]] = {name: [] for name in sides}
    try:
        for round_index in range(args.warmup + args.rounds):
            order = list(sides) if round_index % 2 == 0 else list(reversed(sides))
            outputs = {}
            for name in order:
                seconds, outputs[name] = timed(sides[name])
                if round_index >= args.warmup:
                    samples[name].append(seconds)
            if outputs["sandboxed"] != outputs["bare"]:
                raise RuntimeError("the sandboxed and the bare run printed different output")
    finally:
        sandbox.close()

    lines = sum(1 for _ in PROGRAM.open())
    print(f"program={PROGRAM.name} lines={lines} rounds={args.rounds} warmup={args.warmup}")
    for name, values in samples.items():
        print(
            f"{name:<9} median={statistics.median(values) * 1000:.1f}ms "
            f"p90={percentile(values, 0.9) * 1000:.1f}ms "
            f"min={min(values) * 1000:.1f}ms max={max(values) * 1000:.1f}ms"
        )
    ratio = statistics.median(samples["sandboxed"]) / statistics.median(samples["bare"])
    print(f"ratio={ratio:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
