"""How often the embedded model's first program is right, by generator temperature: the share of the
README job's problems (those without a given solution) whose generated program compiles, runs and prints
the expected output on every stdin case, with no fixer.

The same server answers every temperature, in rounds alternating the temperatures (--samples programs per
problem and temperature, each with its own ``seed`` so sampled replies differ); programs run in the real
sandbox and are compared as the graph's ``check`` node does. Last line: ``best=<temperature>``.

    .venv/bin/python bench/generator_pass.py [--temperatures 0.2 0.8] [--samples 1]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from langchain_openai import ChatOpenAI

from declean.agents import generator
from declean.errors import ReplyParseError
from declean.models.embedded import QWEN_CODER_1_5B, model_path
from declean.models.llama_server import LlamaServer
from declean.problems import Problem, load_problems
from declean.sandbox.local import LocalSandbox
from declean.tools.adequacy import wrong_outputs

ROOT = Path(__file__).resolve().parents[1]


def verdict(sandbox: LocalSandbox, problem: Problem, reply: str) -> str:
    """``pass``, or why not: ``no_code``, ``compile``, ``run``, ``wrong_output``."""
    try:
        code = generator.parse(reply)
    except ReplyParseError:
        return "no_code"
    compiled = sandbox.compile(code)
    if compiled.program is None:
        return "compile"
    runs = [sandbox.run(compiled.program, stdin) for stdin in problem.stdin]
    if not all(run.ok for run in runs):
        return "run"
    assert problem.expected is not None
    return "wrong_output" if wrong_outputs(problem.expected, [run.stdout for run in runs]) else "pass"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--temperatures", type=float, nargs="+", default=[0.2, 0.8])
    parser.add_argument("--samples", type=int, default=1, help="programs per problem and temperature")
    parser.add_argument("--problems", type=Path, default=ROOT / "examples" / "problems.yaml")
    options = parser.parse_args()
    problems = [p for p in load_problems(options.problems) if p.solution is None and p.expected is not None]
    outcomes: dict[float, list[str]] = defaultdict(list)
    seconds: dict[float, float] = defaultdict(float)
    with LlamaServer(model_path()) as server, LocalSandbox() as sandbox:
        for sample in range(options.samples):
            for problem in problems:
                for temperature in options.temperatures:
                    model = ChatOpenAI(
                        base_url=server.base_url,
                        model=QWEN_CODER_1_5B.name,
                        api_key="not-needed",  # type: ignore[arg-type]
                        temperature=temperature,
                        seed=sample,
                        max_retries=0,
                        timeout=600,
                        extra_body={"max_tokens": 2048},
                    )
                    started = time.perf_counter()
                    reply = model.invoke(generator.build_messages(problem.statement)).text
                    seconds[temperature] += time.perf_counter() - started
                    outcome = verdict(sandbox, problem, reply)
                    outcomes[temperature].append(outcome)
                    print(f"  T={temperature:<4} {problem.id:<20} sample {sample}: {outcome}", flush=True)
    for temperature in options.temperatures:
        found = outcomes[temperature]
        passed = found.count("pass")
        kinds = {kind: found.count(kind) for kind in sorted(set(found))}
        print(
            f"T={temperature}: {passed} of {len(found)} first programs right ({passed / len(found):.0%}); "
            f"{kinds}; {seconds[temperature] / len(found):.1f}s per call"
        )
    best = max(options.temperatures, key=lambda t: (outcomes[t].count("pass"), -t))
    print(f"best={best}")


if __name__ == "__main__":
    main()
