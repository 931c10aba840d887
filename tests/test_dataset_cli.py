"""``declean dataset build | info | diff`` as a user runs them (``python -m declean`` in a subprocess), and
bad input: one clear line naming the file and line, exit status 2, no traceback, nothing written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from declean.sandbox.local import LocalSandbox
from tests.dataset_runs import corpus_problems, procedural_run
from tests.test_cli_errors import declean

RUN = "20260320T000000Z-cli"
LATER = "20260321T000000Z-later"


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, local_sandbox: LocalSandbox) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("cli-runs")
    return {
        "first": procedural_run(
            base / "first", local_sandbox, corpus_problems(("array_stats", "gcd_lcm")), RUN
        ),
        "later": procedural_run(base / "later", local_sandbox, corpus_problems(("bubble_sort",)), LATER),
    }


def test_build_info_and_diff(runs: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    built = declean("dataset", "build", str(runs["first"]), "--out", str(out), "--seed", "5", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "v1," in built.stdout and "largest label-share difference" in built.stdout
    later = declean("dataset", "build", str(runs["later"]), "--out", str(out), cwd=tmp_path)
    assert later.returncode == 0 and "v2," in later.stdout, later.stderr
    same = declean(
        "dataset", "build", str(runs["first"]), str(runs["later"]), "--out", str(out), cwd=tmp_path
    )
    assert same.returncode == 0 and "unchanged, still v2" in same.stdout

    info = declean("dataset", "info", str(out), "--json", cwd=tmp_path)
    described = json.loads(info.stdout)
    assert described["current"] == "v2" and [v["name"] for v in described["versions"]] == ["v1", "v2"]
    assert set(described["co_occurrence"]["shares"]) == {"DRY", "SRP", "MC", "NAME", "NO_COMPILE"}
    assert described["ledger"] == []
    table = declean("dataset", "info", str(out), cwd=tmp_path)
    for needle in ("v2 (current)", "records per label and split", "co-occurrence", "dedup:", "NO_COMPILE:"):
        assert needle in table.stdout

    changes = json.loads(declean("dataset", "diff", str(out), "--json", cwd=tmp_path).stdout)
    assert changes["before"] == "v1" and changes["after"] == "v2"
    assert changes["new_problems"] == ["bubble_sort"] and not changes["removed"] and not changes["moved"]
    # New records: the later run's, and breakages that keep the NO_COMPILE share of the larger dataset.
    assert all(record_id.startswith(LATER) or "/NO_COMPILE:" in record_id for record_id in changes["added"])
    assert any(record_id.startswith(LATER) for record_id in changes["added"])


def test_a_crashed_run_gives_its_finished_problems_and_names_the_rest(
    runs: dict[str, Path], tmp_path: Path
) -> None:
    crashed = tmp_path / "crashed"
    shutil.copytree(runs["first"], crashed)
    problems = (crashed / "problems.jsonl").read_text().splitlines(keepends=True)
    kept = [line for line in problems if '"gcd_lcm"' not in line]
    (crashed / "problems.jsonl").write_text("".join(kept))
    with (crashed / "samples.jsonl").open("a") as handle:
        handle.write('{"id": "gcd_lcm/s0/cut sho')  # a kill -9 mid-write
    result = declean("dataset", "build", str(crashed), "--out", str(tmp_path / "d"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "left out problems the run did not finish: gcd_lcm (" in result.stderr
    assert "skipped a partial last line" in result.stderr
    info = json.loads(declean("dataset", "info", str(tmp_path / "d"), "--json", cwd=tmp_path).stdout)
    problems_in = {p for split in info["version"]["problems"].values() for p in split}
    assert problems_in == {"array_stats"}


def corrupt_line(run: Path) -> tuple[Path, str]:
    lines = (run / "samples.jsonl").read_text().splitlines(keepends=True)
    lines[2] = lines[2].replace('"labels":', '"labels": 7, "x":', 1)
    (run / "samples.jsonl").write_text("".join(lines))
    return run, "samples.jsonl:3: not a Sample record"


@pytest.mark.parametrize(
    "case",
    ["not a run", "not a directory", "corrupt line", "not JSON", "empty result", "newer format", "bad share"],
)
def test_bad_input_is_one_clear_line_and_nothing_is_written(
    case: str, runs: dict[str, Path], tmp_path: Path
) -> None:
    run = tmp_path / "run"
    shutil.copytree(runs["first"], run)
    out = tmp_path / "d"
    extra: list[str] = []
    if case == "not a run":
        (run / "run.json").unlink()
        expected = f"{run}: not a declean run directory (no run.json)"
    elif case == "not a directory":
        run = tmp_path / "samples.jsonl"
        run.write_text("{}\n")
        expected = f"{run}: not a directory"
    elif case == "corrupt line":
        _, expected = corrupt_line(run)
    elif case == "not JSON":
        with (run / "samples.jsonl").open("a") as handle:
            handle.write("{not json}\n")
        count = len((run / "samples.jsonl").read_text().splitlines())
        expected = f"samples.jsonl:{count}: not a Sample record"
    elif case == "empty result":
        (run / "samples.jsonl").write_text("")
        expected = "nothing to build"
    elif case == "newer format":
        out.mkdir()
        (out / "dataset.json").write_text('{"format": 99, "versions": []}')
        expected = "made by a newer declean (dataset format 99)"
    else:
        extra = ["--no-compile-share", "1.5"]
        expected = "the NO_COMPILE share must be in [0, 1), not 1.5"
    before = sorted(out.rglob("*")) if out.exists() else None
    result = declean("dataset", "build", str(run), "--out", str(out), *extra, cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert expected in " ".join(result.stderr.split()), result.stderr
    assert "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        result.stderr.strip().splitlines()[-1]
    ]  # one error line, the last: progress lines may come before it
    assert (sorted(out.rglob("*")) if out.exists() else None) == before


def test_info_and_diff_on_something_that_is_not_a_dataset(tmp_path: Path) -> None:
    for command in (["info"], ["diff"]):
        result = declean("dataset", *command, str(tmp_path), cwd=tmp_path)
        assert result.returncode == 2
        assert "not a declean dataset (no dataset.json)" in " ".join(result.stderr.split())


def test_a_build_is_the_same_in_every_process(runs: dict[str, Path], tmp_path: Path) -> None:
    """Sets, dicts and threads must not decide anything: two hash seeds give byte-identical splits."""
    written = []
    for seed in ("1", "2"):
        out = tmp_path / f"d{seed}"
        result = declean(
            "dataset",
            "build",
            str(runs["first"]),
            "--out",
            str(out),
            "--no-compile-share",
            "0.3",
            cwd=tmp_path,
            env={"PYTHONHASHSEED": seed},
        )
        assert result.returncode == 0, result.stderr
        written.append({path.name: path.read_bytes() for path in (out / "versions/v1/data").glob("*.jsonl")})
    assert written[0] == written[1] and written[0]
