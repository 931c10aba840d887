"""Throughput of whole runs at concurrency 1 and at concurrency 16: does the orchestration overlap waiting?

A fake model with a fixed latency (default 100 ms) answers the generator with the corpus program its
statement names; ``principles=["NAME"]`` (a procedural transform, so one model call per problem), one
sample per problem, a fresh model cache per run as ``declean run`` has by default (every call misses;
``--no-cache`` runs without, which also checkpoints every step of a sample), no trace. On 2 cores gcc
cannot run 16-wide, so the headline figure uses a sandbox that sleeps a fixed time (default 20 ms) per
compile and per run and answers with results recorded from the real ``LocalSandbox`` during an untimed
warm-up run (compiles by source, runs by binary hash and stdin), so every output the graph checks is
real. Each side runs --rounds times, alternating; the median counts. The event loop's CPU time per problem
is printed too (its thread's, so not the sandbox's or the cache's threads): the pipeline's Python runs
there, on one core, so at --concurrency the wall time cannot fall below problems x that CPU time, and the
share of the wall it takes says how far the machine's speed, rather than the waiting, decides the ratio.
Because a VM's speed drifts by tens of percent within minutes, one more untimed run at --concurrency counts
the Python calls the loop's thread makes per problem (``sys.setprofile``): a figure that does not drift,
for comparing two versions of the pipeline. For information the same ratio is then measured once with the
real sandbox, which is CPU-bound here. Last line: ``ratio=<throughput at --concurrency / throughput at
1>`` (ideal: --concurrency).

    .venv/bin/python bench/concurrency.py --problems 32 --latency 0.1 --concurrency 16
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack, closing
from pathlib import Path
from types import FrameType

from _common import describe, latency_model, timed_run, write_problems

from declean.graphs.context import Context
from declean.models.cache import CACHE_FILE, SqliteModelCache
from declean.problems import Problem
from declean.sandbox.base import Sandbox
from declean.sandbox.local import LocalSandbox
from declean.testing import ReplaySandbox, ResultTable


class Runner:
    """Runs the problems with a fresh model, context and output directory each time."""

    def __init__(self, problems: list[Problem], latency: float, scratch: Path, use_cache: bool) -> None:
        self.problems, self.latency, self.scratch, self.use_cache = problems, latency, scratch, use_cache
        self.count = 0
        self.cpu_seconds = 0.0
        """The CPU time of the last run's event loop (this thread's: ``run_problems`` runs it here)."""

    def run(self, sandbox: Sandbox, concurrency: int, label: str) -> float:
        """Wall-clock seconds of one run; prints its outcome."""
        self.count += 1
        model = latency_model(self.latency)
        out_dir = self.scratch / f"out-{self.count}"
        with ExitStack() as resources:
            cache = (
                resources.enter_context(closing(SqliteModelCache(out_dir / CACHE_FILE)))
                if self.use_cache
                else None
            )
            context = Context(
                llm=model,
                sandbox=sandbox,
                concurrency=concurrency,
                cache=cache,
                trace_dir=None,
                principles=["NAME"],
                samples_per_problem=1,
            )
            cpu_before = time.thread_time()
            summary, seconds = timed_run(self.problems, context, out_dir)
            self.cpu_seconds = time.thread_time() - cpu_before
        rate = len(self.problems) / seconds
        cpu_ms = self.cpu_seconds / len(self.problems) * 1000
        print(
            f"  {label:<24} concurrency={concurrency:<3} {seconds:6.2f}s {rate:6.2f} problems/s"
            f" loop_cpu={cpu_ms:5.1f}ms/problem model_calls={model.calls} {describe(summary)}"
        )
        if summary.done_problems != len(self.problems):
            raise RuntimeError(f"{label}: only {summary.done_problems} problems finished")
        return seconds


def calls_per_problem(runner: Runner, sandbox: Sandbox, concurrency: int) -> float:
    """Python function calls the event loop's thread makes per problem in one (untimed) run: the
    profiler hook sees only the thread it is set on, the one ``run_problems`` runs its loop on."""
    calls = 0

    def count(_frame: FrameType, event: str, _arg: object) -> None:
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        runner.run(sandbox, concurrency, "calls counted")
    finally:
        sys.setprofile(None)
    return calls / len(runner.problems)


def alternate(
    runner: Runner, sandbox: Sandbox, concurrency: int, rounds: int
) -> tuple[list[float], list[float], list[float]]:
    """``rounds`` runs at 1 and at ``concurrency``, taking turns to go first: the wall seconds of each
    side, and the CPU seconds of the concurrent side's runs."""
    serial: list[float] = []
    wide: list[float] = []
    wide_cpu: list[float] = []
    for round_index in range(rounds):
        label = f"round {round_index + 1}"
        sides = [1, concurrency] if round_index % 2 == 0 else [concurrency, 1]
        for side in sides:
            seconds = runner.run(sandbox, side, label)
            if side == 1:
                serial.append(seconds)
            else:
                wide.append(seconds)
                wide_cpu.append(runner.cpu_seconds)
    return serial, wide, wide_cpu


def real_sandbox_ratio(runner: Runner, real: LocalSandbox, concurrency: int) -> float:
    """The same ratio, measured once with the real sandbox (for information: bounded by the cores)."""
    print(f"real LocalSandbox (gcc and the programs on {os.cpu_count()} cores: CPU-bound here):")
    problems = len(runner.problems)
    serial = problems / runner.run(real, 1, "real")
    wide = problems / runner.run(real, concurrency, "real")
    print(
        f"  throughput: {serial:.2f} problems/s at 1, {wide:.2f} problems/s at "
        f"{concurrency}: x{wide / serial:.2f} (for information; bounded by the cores)"
    )
    return wide / serial


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--problems", type=int, default=32, help="problems per run (default 32)")
    parser.add_argument("--latency", type=float, default=0.1, help="model latency in seconds (default 0.1)")
    parser.add_argument("--concurrency", type=int, default=16, help="the concurrent side (default 16)")
    parser.add_argument(
        "--sandbox-latency", type=float, default=0.02, help="fixed sandbox seconds per call (default 0.02)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds per side (default 3)")
    parser.add_argument("--skip-real", action="store_true", help="skip the real-sandbox comparison")
    parser.add_argument("--no-cache", action="store_true", help="run without the model cache")
    args = parser.parse_args(argv)
    if args.problems < 1 or args.concurrency < 1 or args.rounds < 1 or args.latency < 0:
        parser.error("--problems, --concurrency and --rounds must be at least 1, --latency not negative")

    real = LocalSandbox()
    try:
        with tempfile.TemporaryDirectory(prefix="declean-bench-") as directory:
            scratch = Path(directory)
            problems = write_problems(scratch / "problems.jsonl", args.problems)
            runner = Runner(problems, args.latency, scratch, use_cache=not args.no_cache)
            table = ResultTable()
            fixed = ReplaySandbox(real, table, args.sandbox_latency)
            print(
                f"problems={args.problems} latency={args.latency * 1000:.0f}ms "
                f"sandbox_latency={args.sandbox_latency * 1000:.0f}ms rounds={args.rounds} "
                f"cache={'off' if args.no_cache else 'on'} "
                f"cpus={os.cpu_count()}"
            )
            print("warm-up (untimed; records the real sandbox's results):")
            runner.run(fixed, min(4, args.concurrency), "warm-up")
            print(f"  recorded {len(table.compiles)} compiles and {len(table.runs)} runs")
            fixed.misses = 0

            print(f"fixed-latency sandbox ({args.sandbox_latency * 1000:.0f} ms per compile or run):")
            serial_seconds, wide_seconds, wide_cpu = alternate(runner, fixed, args.concurrency, args.rounds)
            serial = args.problems / statistics.median(serial_seconds)
            wide = args.problems / statistics.median(wide_seconds)
            ratio = wide / serial
            print(f"  table misses while timing: {fixed.misses} (0 means every sandbox call cost the same)")
            print(
                f"  median throughput: {serial:.2f} problems/s at 1, {wide:.2f} problems/s at "
                f"{args.concurrency}: x{ratio:.2f} (ideal x{args.concurrency}, target "
                f">= x{0.85 * args.concurrency:.1f})"
            )
            cpu_ms = statistics.median(wide_cpu) / args.problems * 1000
            busy = statistics.median(wide_cpu) / statistics.median(wide_seconds)
            print(
                f"  the event loop's CPU per problem at {args.concurrency}: {cpu_ms:.1f} ms (median), busy "
                f"{busy:.0%} of the wall: the share the machine's speed, not the waiting, decides"
            )

            calls = calls_per_problem(runner, fixed, args.concurrency)
            print(f"  Python calls on the event loop's thread per problem at {args.concurrency}: {calls:.0f}")

            real_ratio = None if args.skip_real else real_sandbox_ratio(runner, real, args.concurrency)
    finally:
        real.close()

    print(f"throughput1={serial:.3f}")
    print(f"throughput{args.concurrency}={wide:.3f}")
    print(f"misses={fixed.misses}")
    print(f"loop_cpu_ms_per_problem={cpu_ms:.2f}")
    print(f"calls_per_problem={calls:.0f}")
    if real_ratio is not None:
        print(f"real_sandbox_ratio={real_ratio:.3f}")
    print(f"ratio={ratio:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
