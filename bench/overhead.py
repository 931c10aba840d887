"""Orchestration overhead of a whole run: wall time against the time spent inside the sandbox, and peak
memory against the number of problems.

The fake model answers instantly (zero latency), so apart from the sandbox every second of the run is the
pipeline's own: graph steps, checkpoints, static verification, transforms, the trace, the output files.
Settings are a user's: all four principles, one sample per problem, concurrency 1 (so the sandbox times
add up to wall time), a fresh model cache as ``declean run`` has by default, the real trace writer into a
temporary directory, the real ``LocalSandbox`` wrapped to add up the wall time spent inside ``compile``
and ``run``. A small untimed warm-up run comes first (imports, first parses). Then peak memory: runs of
--memory-sizes problems (the corpus repeated with suffixed ids), each in a fresh subprocess (``--memory-
child N``) that reports its ``ru_maxrss``. ``--profile`` adds one more run under cProfile and prints the
top entries. Last line: ``ratio=<run wall time / time inside the sandbox>`` (target <= 1.2).

    .venv/bin/python bench/overhead.py [--problems 20] [--memory-sizes 10 100] [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any, TypeVar

from _common import ALL_PRINCIPLES, ROOT, describe, latency_model, timed_run, write_problems

from declean.graphs.context import Context
from declean.models.cache import CACHE_FILE, SqliteModelCache
from declean.problems import Problem
from declean.runs import RunSummary
from declean.sandbox.local import LocalSandbox
from declean.testing import RecordingSandbox, ReplaySandbox, RespondingChatModel

MIB = 1024 * 1024
Result = TypeVar("Result")


def user_run(
    problems: list[Problem], sandbox: RecordingSandbox, scratch: Path, name: str
) -> tuple[RunSummary, float, RespondingChatModel, Path]:
    """One run as a user makes it (trace written); its summary, wall seconds, model and trace file."""
    model = latency_model(0.0)
    out_dir = scratch / f"out-{name}"
    with closing(SqliteModelCache(out_dir / CACHE_FILE)) as cache:
        context = Context(
            llm=model,
            sandbox=sandbox,
            concurrency=1,
            cache=cache,
            trace_dir=scratch / f"traces-{name}",
            principles=ALL_PRINCIPLES,
            samples_per_problem=1,
        )
        summary, seconds = timed_run(problems, context, out_dir)
    if summary.done_problems != len(problems):
        raise RuntimeError(f"{name}: only {summary.done_problems} of {len(problems)} problems finished")
    return summary, seconds, model, context.trace.path


def memory_child(count: int) -> int:
    """Run ``count`` problems in this (fresh) process and print its peak resident set (and the peak
    before the run, after the imports). The sandbox replays what the real one answered the first time a
    program came (the problems cycle through the 20 corpus programs), so a thousand problems take minutes
    and the figure is the pipeline's memory, not gcc's."""
    before_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sandbox = LocalSandbox()
    try:
        with tempfile.TemporaryDirectory(prefix="declean-bench-") as directory:
            scratch = Path(directory)
            problems = write_problems(scratch / "problems.jsonl", count)
            replay = RecordingSandbox(ReplaySandbox(sandbox))
            summary, seconds, _, _ = user_run(problems, replay, scratch, "memory")
    finally:
        sandbox.close()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"seconds={seconds:.3f} accepted={summary.accepted_samples}")
    resident_kib = int(Path("/proc/self/statm").read_text().split()[1]) * resource.getpagesize() // 1024
    print(f"imports_kib={before_kib}")
    print(f"end_rss_kib={resident_kib}")
    print(f"maxrss_kib={peak_kib}")
    return 0


def measure_memory(count: int) -> tuple[float, float, float, float]:
    """Peak MiB, peak MiB before the run (imports), resident MiB after it and wall seconds of a
    ``--memory-child count`` subprocess."""
    completed = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--memory-child", str(count)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"memory child {count} failed:\n{completed.stdout}\n{completed.stderr}")
    figures = dict(line.split("=", 1) for line in completed.stdout.split() if "=" in line)
    peak, imports, end = (
        int(figures[key]) * 1024 / MIB for key in ("maxrss_kib", "imports_kib", "end_rss_kib")
    )
    return peak, imports, end, float(figures["seconds"])


async def _inline(function: Callable[..., Result], /, *args: Any, **kwargs: Any) -> Result:
    """``asyncio.to_thread`` done on the calling thread, so cProfile (one thread only) sees the work."""
    return function(*args, **kwargs)


def profile(problems: list[Problem], sandbox: RecordingSandbox, scratch: Path) -> None:
    """One more run under cProfile; prints the top 25 entries by cumulative and 15 by own time."""
    original = asyncio.to_thread
    asyncio.to_thread = _inline
    profiler = cProfile.Profile()
    try:
        profiler.enable()
        _, seconds, _, _ = user_run(problems, sandbox, scratch, "profile")
        profiler.disable()
    finally:
        asyncio.to_thread = original
    print(
        f"\nprofiled run: {seconds:.2f}s wall (slower under the profiler), {sandbox.seconds:.2f}s inside the "
        "sandbox; asyncio.to_thread ran inline so that work (sandbox, transforms, output files) is seen"
    )
    areas: dict[str, float] = {}
    idle = 0.0
    for (filename, _, function), (_, _, own, _, callers) in pstats.Stats(profiler).stats.items():  # type: ignore[attr-defined]
        area = _area(filename, function)
        areas[area] = areas.get(area, 0.0) + own
        if filename.endswith("selectors.py") and function == "select":
            idle += sum(entry[3] for caller, entry in callers.items() if caller[2] == "_run_once")
    for order, count in (("cumulative", 25), ("tottime", 15)):
        stream = io.StringIO()
        stats = pstats.Stats(profiler, stream=stream)
        stats.strip_dirs().sort_stats(order).print_stats(count)
        body = stream.getvalue()
        print(f"\ntop {count} by {order}:")
        print(body[body.index("ncalls") :].rstrip() if "ncalls" in body else body.rstrip())
    print("\nown time by file or package (top 15; the epoll wait includes the sandbox's own waits):")
    for area, own in sorted(areas.items(), key=lambda item: -item[1])[:15]:
        print(f"  {own:7.3f}s  {area}")
    print(
        f"event loop idle (waiting for the checkpointer's aiosqlite thread, as to_thread ran inline): "
        f"{idle:.3f}s"
    )


def _area(filename: str, function: str) -> str:
    """Where a profiled function lives: a declean file, a site package, a stdlib module or a builtin."""
    if filename == "~":
        return f"builtin {function}"
    if "site-packages/" in filename:
        return "package " + filename.split("site-packages/", 1)[1].split("/", 1)[0]
    if "/declean/" in filename:
        return "declean/" + filename.rsplit("/declean/", 1)[1]
    if "/bench/" in filename:
        return "bench/" + filename.rsplit("/bench/", 1)[1]
    if "/tests/" in filename:
        return "tests/" + filename.rsplit("/tests/", 1)[1]
    parts = filename.rsplit("/lib/python3", maxsplit=1)[-1].split("/")
    return f"stdlib {parts[1]}" if len(parts) > 1 else filename


def measure_overhead(args: argparse.Namespace) -> tuple[float, float]:
    """The warm-up and the timed run (and the profiled one); the timed run's wall and sandbox seconds."""
    real = LocalSandbox()
    try:
        with tempfile.TemporaryDirectory(prefix="declean-bench-") as directory:
            scratch = Path(directory)
            problems = write_problems(scratch / "problems.jsonl", args.problems)
            print(
                f"problems={args.problems} principles={','.join(ALL_PRINCIPLES)} samples_per_problem=1 "
                "concurrency=1 model_latency=0 cache=fresh trace=on sandbox=local"
            )
            if args.warmup:
                started = time.perf_counter()
                user_run(problems[: args.warmup], RecordingSandbox(real), scratch, "warmup")
                print(f"warm-up: {args.warmup} problems in {time.perf_counter() - started:.2f}s (untimed)")
            timing = RecordingSandbox(real)
            summary, wall, model, trace = user_run(problems, timing, scratch, "timed")
            outside = wall - timing.seconds
            per_call = timing.seconds / max(1, timing.compiles + timing.runs) * 1000
            print(f"run: {wall:.2f}s wall, {describe(summary)}")
            print(
                f"  inside the sandbox: {timing.seconds:.2f}s ({timing.compiles} compiles, "
                f"{timing.runs} runs, {per_call:.1f} ms each on average)"
            )
            print(
                f"  outside the sandbox: {outside:.2f}s ({outside / len(problems) * 1000:.0f} ms per "
                f"problem); the fake model answered {model.calls} calls"
            )
            print(f"  trace: {trace.stat().st_size / MIB:.2f} MiB")
            print(f"  wall / sandbox = {wall / timing.seconds:.3f} (target <= 1.2)")
            if args.profile:
                profile(problems, RecordingSandbox(real), scratch)
    finally:
        real.close()
    return wall, timing.seconds


def compare_memory(sizes: list[int]) -> dict[int, float]:
    """Peak MiB of a fresh process per problem count; prints them and their ratio."""
    memory: dict[int, float] = {}
    print("\npeak memory (ru_maxrss of a fresh process running N problems):")
    for count in sizes:
        memory[count], imports, end, seconds = measure_memory(count)
        print(
            f"  {count:>4} problems: peak {memory[count]:.1f} MiB (peak before the run, after the imports: "
            f"{imports:.1f} MiB; resident after the run: {end:.1f} MiB; run {seconds:.1f}s)"
        )
    small, large = sizes
    print(f"  {large} / {small}: {memory[large] / memory[small]:.3f} (target ~1.0, flat)")
    return memory


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--problems", type=int, default=20, help="problems in the timed run (default 20)")
    parser.add_argument("--warmup", type=int, default=2, help="problems in the untimed warm-up (default 2)")
    parser.add_argument(
        "--memory-sizes", type=int, nargs=2, default=[10, 100], metavar=("SMALL", "LARGE"), help="(10 100)"
    )
    parser.add_argument("--skip-memory", action="store_true", help="skip the peak-memory comparison")
    parser.add_argument("--profile", action="store_true", help="also run once under cProfile")
    parser.add_argument("--memory-child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_child is not None:
        return memory_child(args.memory_child)
    if args.problems < 1 or args.warmup < 0 or min(args.memory_sizes) < 1:
        parser.error("--problems and --memory-sizes must be at least 1, --warmup not negative")

    wall, sandbox_seconds = measure_overhead(args)
    memory = {} if args.skip_memory else compare_memory(args.memory_sizes)

    print(f"wall_seconds={wall:.3f}")
    print(f"sandbox_seconds={sandbox_seconds:.3f}")
    print(f"outside_seconds={wall - sandbox_seconds:.3f}")
    for count, mib in memory.items():
        print(f"peak_mib_{count}={mib:.1f}")
    if memory:
        small, large = args.memory_sizes
        print(f"memory_ratio={memory[large] / memory[small]:.3f}")
    print(f"ratio={wall / sandbox_seconds:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
