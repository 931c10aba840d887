"""Verified samples per hour on the embedded model: the README's main job (or its first --problems
problems of ``examples/problems.yaml``), run through ``declean run`` exactly as a user would.

Prints accepted samples per hour, samples per model call, the model's seconds against everything else,
and the yield per principle (de-clean steps accepted vs rejected, from ``samples.jsonl`` and
``rejections.jsonl``). Arguments after ``--`` go to ``declean run`` (``-- --label-plan all-subsets``).
Nothing is cached between runs: every run writes into a fresh directory. Last line:
``samples_per_hour=<accepted samples / wall hours>``.

    .venv/bin/python bench/yield_embedded.py --problems 4
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--problems", type=int, default=0, help="the first N problems (0: all, the README job)"
    )
    parser.add_argument(
        "--keep", type=Path, help="run in this (new or empty) directory and keep it, to read the trace"
    )
    parser.add_argument("run_args", nargs="*", help="extra `declean run` arguments, after --")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="yield-") as scratch:
        base = Path(scratch)
        if options.keep is not None:
            if options.keep.exists() and any(options.keep.iterdir()):
                parser.error(f"--keep {options.keep}: not empty (every run starts without a cache)")
            base = options.keep.resolve()
            base.mkdir(parents=True, exist_ok=True)
        problems = subset(base / "problems.yaml", options.problems)
        command = [
            str(Path(sys.executable).parent / "declean"),
            "run",
            str(problems),
            "--out",
            str(base / "out"),
            "--trace-dir",
            str(base / "traces"),
            "--progress",
            "off",
            *options.run_args,
        ]
        print("running:", " ".join(command[1:]), flush=True)
        started = time.perf_counter()
        subprocess.run(command, check=True, cwd=base)
        wall = time.perf_counter() - started
        report(base, wall)


def subset(path: Path, count: int) -> Path:
    document = yaml.safe_load((ROOT / "examples" / "problems.yaml").read_text(encoding="utf-8"))
    if count:
        document["problems"] = document["problems"][:count]
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def report(base: Path, wall: float) -> None:
    samples = _lines(base / "out" / "samples.jsonl")
    rejections = _lines(base / "out" / "rejections.jsonl")
    calls = [
        event
        for trace in (base / "traces").glob("*.jsonl")
        for event in _lines(trace)
        if event.get("event") == "model_call" and not event.get("cached")
    ]
    model_seconds = sum(float(call.get("latency_seconds") or 0.0) for call in calls)
    accepted_steps: Counter[str] = Counter()
    for sample in samples:
        steps = sample.get("lineage") or []
        if steps and steps[-1].get("made_by") == "declean" and steps[-1].get("principle"):
            accepted_steps[steps[-1]["principle"]] += 1
    rejected_steps = Counter(str(r["principle"]) for r in rejections if r.get("principle"))
    by_role = Counter(str(call.get("role")) for call in calls)
    print(f"problems={len(yaml.safe_load((base / 'problems.yaml').read_text())['problems'])}")
    print(f"wall={wall:.0f}s accepted={len(samples)} rejected={len(rejections)}")
    print(f"model_calls={len(calls)} by role {dict(by_role)}")
    print(f"samples_per_call={len(samples) / max(1, len(calls)):.2f}")
    other = wall - model_seconds
    print(f"model_seconds={model_seconds:.0f} other_seconds={other:.0f} (calls overlap at concurrency > 1)")
    for principle in sorted(set(accepted_steps) | set(rejected_steps)):
        tried = accepted_steps[principle] + rejected_steps[principle]
        print(f"yield {principle}: {accepted_steps[principle]} of {tried} de-clean steps accepted")
    print(f"samples_per_hour={len(samples) / (wall / 3600):.1f}")


def _lines(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


if __name__ == "__main__":
    main()
