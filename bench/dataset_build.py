"""Build time and peak memory of `declean dataset build` for 1k and 10k samples, and for 10k samples
spread over 1, 10 and 100 runs (memory must stay flat in the number of runs).

The runs are written here, not by the graph (a 10k-sample run would take hours): every sample is a real
program from `tests/corpus` (clean, labeled, heldout, hard, hard2; all compile) with a block of random
arithmetic appended so each is distinct, random label sets, ten samples a problem, and 5 % planted
duplicates (re-spaced copies of an earlier sample of the same problem and label set). Each build runs in a
fresh process with the real sandbox compiling the NO_COMPILE candidates (12 %), so its peak RSS is its own.
Prints one line per build and, last, `build_10k_seconds=...`. Target (issue 14): 10k under a minute.
Run: .venv/bin/python bench/dataset_build.py [--sizes 1000,10000] [--runs 1,10,100]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from declean.runs.manifest import RunManifest
from declean.runs.output import ProblemRecord
from declean.samples import Sample, Step
from tests.corpus_index import (
    clean_programs,
    hard2_programs,
    hard_programs,
    heldout_programs,
    labeled_programs,
)

LABELS = ["DRY", "SRP", "MC", "NAME"]
PER_PROBLEM = 10


def programs() -> list[str]:
    found = [*clean_programs(), *labeled_programs(), *heldout_programs(), *hard_programs(), *hard2_programs()]
    return [program.source for program in found]


def noise(rng: random.Random, name: str) -> str:
    """An unused function of random arithmetic: about 150 tokens nobody else has."""
    lines = [f"static int {name}(int v)", "{", "    int w = v;"]
    for _ in range(12):
        operator = rng.choice("+-*^|&")
        lines.append(f"    w = (w {operator} {rng.randint(2, 9999)}) % {rng.randint(3, 997)};")
    lines += ["    return w;", "}", ""]
    return "\n".join(lines)


def write_runs(root: Path, samples: int, runs: int, seed: int = 0) -> list[Path]:
    rng = random.Random(seed)
    bases = programs()
    problems = samples // PER_PROBLEM
    directories = []
    for run in range(runs):
        directory = root / f"run{run}"
        directory.mkdir(parents=True)
        run_id = f"20260401T000000Z-bench{run}"
        manifest = RunManifest.new(run_id, [], {"model": "bench", "label_plan": "all-subsets"})
        manifest.save(directory)
        with (directory / "samples.jsonl").open("w") as out, (directory / "problems.jsonl").open("w") as done:
            for problem in range(run, problems, runs):
                base = bases[problem % len(bases)]
                written: list[Sample] = []
                for index in range(PER_PROBLEM):
                    if written and rng.random() < 0.05:
                        original = rng.choice(written)
                        sample = original.model_copy(
                            update={
                                "id": f"{original.id}-dup{index}",
                                "code": original.code.replace("    ", "\t"),
                            }
                        )
                    else:
                        labels = [label for label in LABELS if rng.random() < 0.5] if index else []
                        code = base + "\n" + noise(rng, f"noise_{problem}_{index}")
                        sample = Sample(
                            id=f"p{problem}/s{index}/{'+'.join(labels) or 'clean'}",
                            problem_id=f"p{problem}",
                            sample_index=index,
                            statement=f"problem {problem}",
                            labels=labels,
                            code=code,
                            parent_id=None,
                            stdin=[""],
                            outputs=[""],
                            lineage=[Step(made_by="given", strategy="given")],
                        )
                        written.append(sample)
                    out.write(sample.model_dump_json() + "\n")
                record = ProblemRecord(
                    problem_id=f"p{problem}", status="done", statement=f"problem {problem}"
                )
                done.write(record.model_dump_json() + "\n")
        directories.append(directory)
    return directories


BUILD = """
import resource, sys, time, json
from contextlib import closing
from pathlib import Path
from declean.data.build import build_dataset
from declean.sandbox import get_sandbox
started = time.perf_counter()
with closing(get_sandbox("local")) as sandbox:
    outcome = build_dataset([Path(p) for p in sys.argv[2:]], Path(sys.argv[1]), sandbox)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "records": outcome.version.records, "dedup": outcome.version.dedup,
    "compiles": outcome.version.no_compile.compiles,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def build(runs: list[Path], out: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", BUILD, str(out), *map(str, runs)], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", default="1,10,100")
    arguments = parser.parse_args()
    sizes = [int(size) for size in arguments.sizes.split(",")]
    spreads = [int(count) for count in arguments.runs.split(",")]
    results: dict[tuple[int, int], dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        plan = [(size, 1) for size in sizes] + [(max(sizes), count) for count in spreads if count != 1]
        for size, count in plan:
            started = time.perf_counter()
            runs = write_runs(root / f"in-{size}-{count}", size, count)
            written = time.perf_counter() - started
            measured = build(runs, root / f"out-{size}-{count}")
            results[(size, count)] = measured
            print(
                f"samples={size:>6} runs={count:>3} build={measured['seconds']:6.1f}s "
                f"peak={measured['peak_mb']:6.0f} MB records={measured['records']:.0f} "
                f"compiles={measured['compiles']:.0f} dedup={measured['dedup']} "
                f"(runs written in {written:.1f}s)",
                flush=True,
            )
    largest = max(sizes)
    if len(sizes) > 1:
        small, large = results[(min(sizes), 1)], results[(largest, 1)]
        print(f"time ratio {largest}/{min(sizes)} samples: {large['seconds'] / small['seconds']:.1f}x")
    peaks = [results[(largest, count)]["peak_mb"] for count in spreads if (largest, count) in results]
    if len(peaks) > 1:
        print(f"peak memory, most runs / one run: {peaks[-1] / peaks[0]:.2f}x")
    print(f"build_{largest // 1000}k_seconds={results[(largest, 1)]['seconds']:.1f}")


if __name__ == "__main__":
    main()
