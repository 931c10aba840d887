"""How long ``declean trace list/show/stats/report`` take on a 1,000-sample trace.

The trace is ``tests.trace_runs.large_trace``: a real run (10 corpus problems, 2 samples each, SRP, MC and
NAME, the deterministic corpus model, the real ``LocalSandbox``) scaled to ``--samples`` accepted samples
by repeating its problems under renamed ids. Each command is then timed twice over:

* in-process, through typer's ``CliRunner`` (``--repeat`` times: the first call and the best are shown;
  imports are already paid, so this is the commands' own cost);
* as a subprocess, ``python -m declean trace ...`` with stdout to a pipe: what a person waits for,
  interpreter start-up and imports included (``python -c "import declean.cli"`` is shown for reference).

No assertions: it prints seconds per command and the trace's size.

    .venv/bin/python bench/trace_inspect.py [--samples 1000] [--repeat 3] [--keep DIR] [--no-subprocess]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from _common import ROOT
from typer.testing import CliRunner

from declean.cli import app
from declean.sandbox.local import LocalSandbox
from tests.trace_runs import large_trace

ENV = {**os.environ, "COLUMNS": "200"}


def commands(run: str, directory: Path, report: Path) -> dict[str, list[str]]:
    """The ``declean trace`` argument lists to time, by name."""
    where = ["-d", str(directory)]
    return {
        "list": ["list", str(directory)],
        "list --json": ["list", str(directory), "--json"],
        "show": ["show", run, *where],
        "show --json": ["show", run, *where, "--json"],
        "stats": ["stats", run, *where],
        "stats --json": ["stats", run, *where, "--json"],
        "report": ["report", run, *where, "--output", str(report)],
    }


def in_process(args: Sequence[str], repeat: int) -> tuple[float, float, int, str]:
    """First and best wall seconds of ``repeat`` calls, the exit code and output size (or the error)."""
    times: list[float] = []
    exit_code, note = 0, ""
    for _ in range(repeat):
        started = time.perf_counter()
        result = CliRunner().invoke(app, ["trace", *args], env={"COLUMNS": "200"})
        times.append(time.perf_counter() - started)
        exit_code = result.exit_code
        note = f"{len(result.stdout) / 1e3:.0f} kB out" if exit_code == 0 else _error(result.stderr)
    return times[0], min(times), exit_code, note


def in_subprocess(args: Sequence[str]) -> tuple[float, int, str]:
    """Wall seconds of ``python -m declean trace ...``, its exit code and output size (or the error)."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "declean", "trace", *args],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    note = f"{len(done.stdout) / 1e3:.0f} kB out" if done.returncode == 0 else _error(done.stderr)
    return seconds, done.returncode, note


def _error(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return (lines[-1] if lines else "failed")[:100]


def import_seconds() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import declean.cli"], cwd=ROOT, env=ENV, check=True)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--samples", type=int, default=1000, help="Accepted samples in the trace.")
    parser.add_argument("--repeat", type=int, default=3, help="In-process calls per command.")
    parser.add_argument("--keep", type=Path, default=None, help="Build the trace here and keep it.")
    parser.add_argument("--no-subprocess", action="store_true", help="Time in-process calls only.")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="trace-inspect-") as scratch:
        tmp = args.keep or Path(scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        with LocalSandbox() as sandbox:
            trace = large_trace(tmp, sandbox, samples=args.samples)
        built = time.perf_counter() - started
        lines = trace.read_text(encoding="utf-8").count("\n")
        print(f"trace: {trace} ({trace.stat().st_size / 1e6:.1f} MB, {lines} events, {args.samples} samples)")
        print(f"built in {built:.1f}s (one real run, then scaled)")
        named = commands(trace.stem, trace.parent, tmp / "report.html")
        print(f"\n{'command':<14} {'first (s)':>10} {'best (s)':>9} {'subprocess (s)':>15}  note")
        for name, command in named.items():
            first, best, exit_code, note = in_process(command, args.repeat)
            spawned = "-"
            if not args.no_subprocess:
                seconds, spawned_code, spawned_note = in_subprocess(command)
                spawned = f"{seconds:.3f}"
                if spawned_code != 0:
                    note = f"{note}; subprocess exit {spawned_code}: {spawned_note}"
            status = "" if exit_code == 0 else f"exit {exit_code}: "
            print(f"{name:<14} {first:>10.3f} {best:>9.3f} {spawned:>15}  {status}{note}")
        report = tmp / "report.html"
        if report.exists():
            print(f"\nreport.html: {report.stat().st_size / 1e6:.1f} MB")
        if not args.no_subprocess:
            print(f"reference: python -c 'import declean.cli' takes {import_seconds():.3f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
