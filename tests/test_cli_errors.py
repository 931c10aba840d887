"""Bad input, tried as a new user would: every case is one clear line, before any model or server starts,
and never a traceback. Each case runs the real ``python -m declean`` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOOD_PROBLEMS = '- id: add\n  statement: "Print 1 + 2."\n'
EMBEDDED_START = "starting the embedded model"


def declean(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DECLEAN_", "OPENAI_"))}
    environment.update({"COLUMNS": "200", **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "declean", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return path


CASES: dict[str, tuple[list[str], dict[str, str | bytes], str]] = {
    # name: (arguments, files to write first, what the error must say)
    "nul byte in YAML": (
        ["run", "p.yaml"],
        {"p.yaml": b'- id: add\n  statement: "Print\x00 1 + 2."\n'},
        "p.yaml:2: invalid YAML: control character U+0000",
    ),
    "nul byte in JSONL": (
        ["run", "p.jsonl"],
        {"p.jsonl": b'{"id": "a", "statement": "x"}\n\x00\n'},
        "p.jsonl:2",
    ),
    "unknown principle": (["run", "p.yaml", "--principles", "DRY,FOO"], {"p.yaml": GOOD_PROBLEMS}, "FOO"),
    "label that cannot be applied": (
        ["run", "p.yaml", "--principles", "NO_COMPILE"],
        {"p.yaml": GOOD_PROBLEMS},
        "NO_COMPILE cannot be a de-clean step",
    ),
    "repeated principle": (["run", "p.yaml", "--principles", "MC,MC"], {"p.yaml": GOOD_PROBLEMS}, "repeats"),
    "unknown judge": (["run", "p.yaml", "--judge", "lenient"], {"p.yaml": GOOD_PROBLEMS}, "--judge"),
    "unknown strategy": (["run", "p.yaml", "--strategy", "magic"], {"p.yaml": GOOD_PROBLEMS}, "--strategy"),
    "unknown sandbox": (
        ["run", "p.yaml", "--sandbox", "podman"],
        {"p.yaml": GOOD_PROBLEMS},
        "--sandbox: Input should be",
    ),
    "unknown progress mode": (
        ["run", "p.yaml", "--progress", "fancy"],
        {"p.yaml": GOOD_PROBLEMS},
        "--progress",
    ),
    "unknown collateral policy": (
        ["run", "p.yaml", "--on-collateral", "ignore"],
        {"p.yaml": GOOD_PROBLEMS},
        "--on-collateral",
    ),
    "unknown executor": (
        ["run", "p.yaml", "--executor", "spark"],
        {"p.yaml": GOOD_PROBLEMS},
        "--executor: Input should be 'local' or 'ray'",
    ),
    "cluster flags without the cluster": (
        ["run", "p.yaml", "--workers", "4"],
        {"p.yaml": GOOD_PROBLEMS},
        "--ray-address and --workers need --executor ray",
    ),
    "no cluster at the address": (
        ["run", "p.yaml", "--executor", "ray", "--ray-address", "127.0.0.1:1"],
        {"p.yaml": GOOD_PROBLEMS},
        "no Ray cluster answers at 127.0.0.1:1",
    ),
    "a cluster address without a port": (
        ["run", "p.yaml", "--executor", "ray", "--ray-address", "head-node"],
        {"p.yaml": GOOD_PROBLEMS},
        "expected auto or HOST:PORT",
    ),
    "missing problems file": (["run", "absent.yaml"], {}, "absent.yaml: no such file"),
    "wrong extension": (["run", "p.txt"], {"p.txt": GOOD_PROBLEMS}, "unknown extension"),
    "problems file not UTF-8": (
        ["run", "p.yaml"],
        {"p.yaml": b"- id: a\n  statement: \xff\xfe\n"},
        "not valid UTF-8",
    ),
    "resume of nothing": (
        ["run", "p.yaml", "--resume", "--out", "empty"],
        {"p.yaml": GOOD_PROBLEMS},
        "holds no run",
    ),
    "bad price table": (
        ["run", "p.yaml", "--prices", "prices.yaml"],
        {"p.yaml": GOOD_PROBLEMS, "prices.yaml": "gpt: [1, 2]\n"},
        "not a price table",
    ),
    "lint of a binary file": (
        ["lint", "a.c"],
        {"a.c": b"\x7fELF\x02\x01\x01\x00\xff\xfe"},
        "a.c:1: not valid UTF-8",
    ),
    "sandbox run of a binary file": (["sandbox", "run", "a.c"], {"a.c": b"\xff\xfe\x00"}, "not valid UTF-8"),
    "trace of an unknown run": (["trace", "show", "nosuchrun", "-d", "."], {}, "nosuchrun"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_one_clear_line_without_a_traceback(case: str, tmp_path: Path) -> None:
    args, files, expected = CASES[case]
    for name, content in files.items():
        write(tmp_path / name, content)
    result = declean(*args, cwd=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Traceback" not in output and "│ /" not in output, output
    assert expected in " ".join(output.split()), output
    assert EMBEDDED_START not in output, "an option was validated after the model started"
    [error_line] = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert error_line


def test_an_invalid_environment_setting_is_one_line(tmp_path: Path) -> None:
    write(tmp_path / "p.yaml", GOOD_PROBLEMS)
    result = declean("run", "p.yaml", cwd=tmp_path, env={"DECLEAN_PROVIDER": "bogus"})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "invalid settings: provider" in result.stderr


def test_the_cluster_executor_without_ray_says_what_to_install(tmp_path: Path) -> None:
    """Ray is an extra (``declean[cluster]``): a machine without it is told so, not shown an ImportError."""
    write(tmp_path / "p.yaml", GOOD_PROBLEMS)
    shadow = tmp_path / "no-ray" / "ray"
    shadow.mkdir(parents=True)
    write(shadow / "__init__.py", "raise ImportError(\"No module named 'ray'\")\n")
    result = declean(
        "run", "p.yaml", "--executor", "ray", cwd=tmp_path, env={"PYTHONPATH": str(shadow.parent)}
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "pip install 'declean[cluster]'" in " ".join(result.stderr.split())
