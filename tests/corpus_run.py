"""A whole-run fixture: the 20 clean corpus programs as problems, and a deterministic model server for them.

The generator is answered with the corpus program its statement names; a de-clean rewrite is answered with
a deterministic edit of the code it was given (a renamed helper variable for NAME, the code echoed back for
the other principles, which the graph rejects as ``unchanged``), so every run gives the same samples.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from declean.agents.extract import extract_c_code
from declean.testing import DECLEAN, GENERATOR, fenced
from tests.corpus_index import clean_programs

DECLEAN_CLI = [sys.executable, "-m", "declean"]
_NAMED = re.compile(r"corpus program `(\w+)`")


def write_problems(path: Path, count: int = 20, names: Sequence[str] | None = None) -> Path:
    """A problems file of the first ``count`` clean corpus programs, or of those ``names`` (without their
    solutions)."""
    lines = []
    chosen = [p for p in clean_programs() if p.name in names] if names else clean_programs()[:count]
    for program in chosen:
        statement = f"Write the corpus program `{program.name}`: it reads stdin and prints its report."
        lines.append(json.dumps({"id": program.name, "statement": statement, "stdin": program.stdin}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@functools.cache
def _sources() -> dict[str, str]:
    """The clean corpus by name, read once (the fake model should cost nothing next to the pipeline)."""
    return {program.name: program.source for program in clean_programs()}


def respond(messages: list[dict[str, Any]]) -> str:
    """The deterministic model: corpus code for the generator, echoed code for a de-clean request."""
    prompt = "\n".join(str(message["content"]) for message in messages)
    if GENERATOR in prompt:
        match = _NAMED.search(prompt)
        assert match, prompt[:300]
        return fenced(_sources()[match.group(1)])
    if any(marker in prompt for marker in DECLEAN.values()):
        return fenced(extract_c_code(messages[-1]["content"]), before="Here is the rewritten program:")
    raise AssertionError(f"unexpected prompt: {prompt[:300]}")


def cli_env(base_url: str, **extra: str) -> dict[str, str]:
    """The environment for a ``declean run`` subprocess against the fake server."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DECLEAN_")}
    env.update(
        {
            "DECLEAN_PROVIDER": "openai-compatible",
            "DECLEAN_BASE_URL": base_url,
            "DECLEAN_MODEL": "fake-coder",
            "DECLEAN_API_KEY": "sk-test-not-a-real-key-0000",
            **extra,
        }
    )
    return env


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every complete line of a JSON Lines file."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
