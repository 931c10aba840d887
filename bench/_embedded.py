"""Shared pieces of the benches that ask the embedded model directly (``generator_pass.py``,
``fixer_pass.py``): their command line, the problems they use and a client of the one server.

Import this module from a script in ``bench/`` run from the repository root; it puts the root on
``sys.path``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from langchain_openai import ChatOpenAI

from declean.models.embedded import QWEN_CODER_1_5B
from declean.problems import Problem, load_problems

ROOT = Path(__file__).resolve().parents[1]


def arguments(
    description: str, temperatures: list[float], samples: int, samples_help: str
) -> argparse.Namespace:
    """``--temperatures`` (default ``temperatures``), ``--samples`` (default ``samples``) and
    ``--problems`` (default the README job's ``examples/problems.yaml``)."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--temperatures", type=float, nargs="+", default=temperatures)
    parser.add_argument("--samples", type=int, default=samples, help=samples_help)
    parser.add_argument("--problems", type=Path, default=ROOT / "examples" / "problems.yaml")
    return parser.parse_args()


def generated_problems(path: Path) -> list[Problem]:
    """The problems whose program the generator writes (no given solution) and whose expected outputs
    say whether it is right."""
    problems = load_problems(path)
    return [problem for problem in problems if problem.solution is None and problem.expected is not None]


def client(base_url: str, temperature: float, seed: int) -> ChatOpenAI:
    """A client of the embedded model's server at ``base_url``, sampling at ``temperature`` with ``seed``."""
    return ChatOpenAI(
        base_url=base_url,
        model=QWEN_CODER_1_5B.name,
        api_key="not-needed",
        temperature=temperature,
        seed=seed,
        max_retries=0,
        timeout=600,
        extra_body={"max_tokens": 2048},
    )
