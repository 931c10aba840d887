"""A re-run answered from the model-call cache: how many calls it makes (should be 0) and how much faster.

20 problems, all four principles with their default strategies, two samples per problem, the real
``LocalSandbox``, a fake model with a fixed latency (default 100 ms), concurrency 4 and a
``SqliteModelCache`` in a temporary directory. The first run fills the cache; an identical second run
(new output directory, same cache) should make no model call at all. What is left of the second run is
sandbox work (every version is compiled and run again) and the orchestration; the time spent inside the
sandbox is printed for both runs. When the speed-up with the real sandbox is under --target, a third run
with a sandbox that answers instantly from the results recorded in the first run (0 ms: the replay cost
of the cached answers alone) is reported too, clearly labelled. Last line: ``ratio=<first / second>``
with the real sandbox.

    .venv/bin/python bench/rerun_cache.py --problems 20 --latency 0.1
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _common import ALL_PRINCIPLES, describe, latency_model, timed_run, write_problems

from declean.graphs.context import Context
from declean.models.cache import SqliteModelCache
from declean.problems import Problem
from declean.runs import RunSummary
from declean.sandbox.base import Sandbox
from declean.sandbox.local import LocalSandbox
from declean.testing import RecordingSandbox, ReplaySandbox, RespondingChatModel, ResultTable


def run(
    label: str,
    *,
    problems: list[Problem],
    model: RespondingChatModel,
    sandbox: Sandbox,
    cache: SqliteModelCache,
    concurrency: int,
    out_dir: Path,
) -> tuple[RunSummary, float, int]:
    """One run: its summary, wall-clock seconds and the model calls it made; prints them."""
    calls_before = model.calls
    context = Context(
        llm=model,
        sandbox=sandbox,
        concurrency=concurrency,
        cache=cache,
        trace_dir=None,
        principles=ALL_PRINCIPLES,
        samples_per_problem=2,
    )
    summary, seconds = timed_run(problems, context, out_dir)
    calls = model.calls - calls_before
    cached = summary.usage.total.calls - calls
    print(f"{label}: {seconds:.2f}s model_calls={calls} cache_hits={cached} {describe(summary)}")
    if summary.done_problems != len(problems):
        raise RuntimeError(f"{label}: only {summary.done_problems} problems finished")
    return summary, seconds, calls


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--problems", type=int, default=20, help="problems per run (default 20)")
    parser.add_argument("--latency", type=float, default=0.1, help="model latency in seconds (default 0.1)")
    parser.add_argument("--concurrency", type=int, default=4, help="context concurrency (default 4)")
    parser.add_argument("--target", type=float, default=20.0, help="speed-up target (default 20)")
    args = parser.parse_args(argv)
    if args.problems < 1 or args.concurrency < 1 or args.latency < 0:
        parser.error("--problems and --concurrency must be at least 1, --latency not negative")

    real = LocalSandbox()
    model = latency_model(args.latency)
    replay: tuple[float, int] | None = None
    try:
        with tempfile.TemporaryDirectory(prefix="declean-bench-") as directory:
            scratch = Path(directory)
            problems = write_problems(scratch / "problems.jsonl", args.problems)
            print(
                f"problems={args.problems} principles={','.join(ALL_PRINCIPLES)} samples_per_problem=2 "
                f"latency={args.latency * 1000:.0f}ms concurrency={args.concurrency} sandbox=local"
            )
            table = ResultTable()
            with SqliteModelCache(scratch / "cache" / "cache.sqlite") as cache:
                first_sandbox = RecordingSandbox(real, table)
                _, first, first_calls = run(
                    "first run  (cold cache)",
                    problems=problems,
                    model=model,
                    sandbox=first_sandbox,
                    cache=cache,
                    concurrency=args.concurrency,
                    out_dir=scratch / "out-1",
                )
                print(f"  cache entries after it: {len(cache)}")
                second_sandbox = RecordingSandbox(real)
                _, second, second_calls = run(
                    "second run (warm cache)",
                    problems=problems,
                    model=model,
                    sandbox=second_sandbox,
                    cache=cache,
                    concurrency=args.concurrency,
                    out_dir=scratch / "out-2",
                )
                for label, timing in (("first", first_sandbox), ("second", second_sandbox)):
                    seconds = first if label == "first" else second
                    print(
                        f"  {label:<6} run: {timing.compiles} compiles + {timing.runs} runs, "
                        f"{timing.seconds:.2f}s inside the sandbox summed over threads "
                        f"(wall {seconds:.2f}s, concurrency {args.concurrency})"
                    )
                speedup = first / second
                print(
                    f"speed-up with the real sandbox: x{speedup:.2f} (target >= x{args.target:.0f}); "
                    f"second run's model calls: {second_calls} (target 0)"
                )
                if speedup < args.target:
                    print(
                        "the second run still compiles and runs every version for real, so its time is "
                        "mostly sandbox work; the replay cost of the cached answers alone, with a sandbox "
                        "answering instantly from the first run's recorded results (not a real run):"
                    )
                    instant = ReplaySandbox(real, table, 0.0)
                    _, third, third_calls = run(
                        "third run  (warm cache, 0 ms recorded sandbox)",
                        problems=problems,
                        model=model,
                        sandbox=instant,
                        cache=cache,
                        concurrency=args.concurrency,
                        out_dir=scratch / "out-3",
                    )
                    print(f"  sandbox table misses: {instant.misses} (a miss goes to the real sandbox)")
                    print(f"speed-up of the cached replay alone: x{first / third:.2f}")
                    replay = (third, third_calls)
    finally:
        real.close()

    print(f"first_seconds={first:.3f}")
    print(f"second_seconds={second:.3f}")
    print(f"first_model_calls={first_calls}")
    print(f"second_model_calls={second_calls}")
    print(f"first_sandbox_seconds={first_sandbox.seconds:.3f}")
    print(f"second_sandbox_seconds={second_sandbox.seconds:.3f}")
    if replay is not None:
        print(f"replay_seconds={replay[0]:.3f}")
        print(f"replay_model_calls={replay[1]}")
        print(f"replay_speedup={first / replay[0]:.3f}")
    print(f"speedup={speedup:.3f}")
    print(f"ratio={speedup:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
