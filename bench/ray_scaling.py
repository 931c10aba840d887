"""The Ray executor against the local one on this machine: samples per second at 1 and 2 worker nodes versus
``--executor local``, and the time the Ray executor adds per problem.

Every side is the same run as ``declean run`` makes it (``declean.runs.runner.drive``): 32 problems by
default, the deterministic corpus model behind a fake OpenAI server on loopback answering after 100 ms, the
real sandbox, ``NAME`` only (one model call per problem), a fresh model cache and a trace per run. The Ray
sides use the cluster at ``--ray-address`` (default: the one ``.ci/ray-up.sh`` started, whose address it
wrote to /tmp/declean-ray.address), which must have two nodes: "1 node" is one worker on its first node,
"2 nodes" one worker on each. Throughput is measured at ``--concurrency`` (default 8, over the whole
cluster); the added time per problem at concurrency 1, where nothing overlaps it:
``(wall on Ray with 1 worker - wall local) / problems``. Walls leave out the executor's start (connecting to
the cluster and setting its workers up: their imports, sandbox probe, model client), printed apart as
``start_seconds_<side>``. Each side runs ``--rounds`` times (default 3),
alternating; medians count. On one 2-core machine both nodes share the same cores, so "2 nodes" cannot
beat the CPU; on separate machines it would. Last line: ``ray_2_nodes_ratio=...`` (2 nodes / local).

    .venv/bin/python bench/ray_scaling.py --problems 32 --concurrency 8
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from _common import write_problems

from declean.cluster import RayExecutor
from declean.graphs.context import new_run_id
from declean.problems import Problem
from declean.runs.options import RunOptions, RunSpec, open_run
from declean.runs.runner import Executor, LocalExecutor, drive
from declean.settings import Settings
from declean.tracing.writer import TraceWriter
from tests.corpus_run import respond
from tests.fake_openai_server import fake_openai_server

ADDRESS_FILE = Path("/tmp/declean-ray.address")


def options(concurrency: int, trace_dir: Path) -> RunOptions:
    """``declean run``'s defaults, NAME only, at ``concurrency``."""
    return RunOptions(
        principles=["NAME"],
        samples=1,
        temperature=None,
        max_fix_attempts=3,
        fix_policy="progress",
        judge="strict",
        on_rejection="continue",
        strategy="auto",
        level=2,
        verify=True,
        on_collateral="reject",
        on_unclean="relabel",
        label_plan="all-subsets",
        adequacy_check=False,
        sanitize=True,
        bug_warnings=True,
        trace_dir=trace_dir,
        concurrency=concurrency,
        retries=4,
        sandbox_backend="local",
        progress="off",
    )


class Sides:
    """Runs the problems on one side with a fresh output directory, cache and trace each time."""

    def __init__(self, problems: list[Problem], base_url: str, scratch: Path, address: str) -> None:
        self.problems, self.scratch, self.address = problems, scratch, address
        self.settings = Settings(provider="openai-compatible", base_url=base_url, model="fake-coder")
        self.count = 0
        self.starts: dict[str, list[float]] = {}
        """Seconds each side's executor took to start, per run."""

    def run(self, side: str, concurrency: int) -> tuple[float, int]:
        """Wall seconds (without the executor's start: connecting to Ray and setting the workers up, see
        :attr:`starts`) and accepted samples of one run on ``side`` (local, ray1 or ray2)."""
        self.count += 1
        out = self.scratch / f"out-{self.count}"
        spec = RunSpec(
            options=options(concurrency, self.scratch / "traces"),
            settings=self.settings,
            run_id=new_run_id(),
            out_dir=out,
            use_cache=True,
        )
        trace = TraceWriter(self.scratch / "traces" / f"{spec.run_id}.jsonl", spec.run_id)
        with ExitStack() as resources:
            executor: Executor
            if side == "local":
                context = open_run(resources, spec, tracer=trace).context
                executor = LocalExecutor(context)
            else:
                workers = 1 if side == "ray1" else 2
                executor = RayExecutor(spec, address=self.address, workers=workers, trace=trace)
            timed = TimedStart(executor)
            started = time.perf_counter()
            summary = asyncio.run(drive(self.problems, timed, out, run_id=spec.run_id, trace=trace))
            wall = time.perf_counter() - started - timed.seconds
        assert summary.done_problems == len(self.problems), summary.failed_problems
        self.starts.setdefault(side, []).append(timed.seconds)
        return wall, summary.accepted_samples


class TimedStart:
    """An executor whose start (``__aenter__``) is timed, so a run's wall can leave it out."""

    def __init__(self, executor: Executor) -> None:
        self.executor = executor
        self.seconds = 0.0

    async def __aenter__(self) -> TimedStart:
        started = time.perf_counter()
        await self.executor.__aenter__()
        self.seconds = time.perf_counter() - started
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.executor.__aexit__(*exc_info)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.executor, name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--problems", type=int, default=32, help="problems per run (default 32)")
    parser.add_argument("--latency", type=float, default=0.1, help="model latency in seconds (default 0.1)")
    parser.add_argument("--concurrency", type=int, default=8, help="for throughput (default 8)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds per side (default 3)")
    parser.add_argument("--ray-address", default=None, help=f"the cluster (default: {ADDRESS_FILE})")
    args = parser.parse_args()
    address = args.ray_address or (ADDRESS_FILE.read_text().strip() if ADDRESS_FILE.is_file() else None)
    if not address:
        print("no Ray cluster: run .ci/ray-up.sh or give --ray-address", file=sys.stderr)
        return 2
    with (
        tempfile.TemporaryDirectory() as scratch,
        fake_openai_server(respond, latency_seconds=args.latency) as model,
    ):
        problems = write_problems(Path(scratch) / "problems.jsonl", args.problems)
        sides = Sides(problems, model.base_url, Path(scratch), address)
        print(f"{args.problems} problems, model {args.latency * 1000:.0f} ms, real sandbox, NAME only")
        sides.run("ray2", args.concurrency)  # warm-up: workers' imports, gcc's caches
        throughput: dict[str, list[float]] = {"local": [], "ray1": [], "ray2": []}
        for round_number in range(args.rounds):
            for side, rates in throughput.items():
                wall, accepted = sides.run(side, args.concurrency)
                rates.append(accepted / wall)
                print(f"  round {round_number + 1} {side:5}: {wall:.2f}s, {accepted} samples")
        added: list[float] = []
        for round_number in range(args.rounds):
            local_wall, _ = sides.run("local", 1)
            ray_wall, _ = sides.run("ray1", 1)
            added.append((ray_wall - local_wall) / args.problems)
            print(f"  round {round_number + 1} at 1: local {local_wall:.2f}s, ray 1 worker {ray_wall:.2f}s")
    local, ray1, ray2 = (statistics.median(throughput[side]) for side in ("local", "ray1", "ray2"))
    for side, seconds in sides.starts.items():
        print(f"start_seconds_{side}={statistics.median(seconds):.2f}")
    print(f"samples_per_second_local={local:.2f}")
    print(f"samples_per_second_ray_1_node={ray1:.2f}")
    print(f"samples_per_second_ray_2_nodes={ray2:.2f}")
    print(f"ray_added_seconds_per_problem={statistics.median(added):.4f}")
    print(f"ray_1_node_ratio={ray1 / local:.3f}")
    print(f"ray_2_nodes_over_1_node={ray2 / ray1:.3f}")
    print(f"ray_2_nodes_ratio={ray2 / local:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
