"""How often the embedded model's first program is right, by generator temperature: the share of the
README job's problems (those without a given solution) whose generated program compiles, runs and prints
the expected output on every stdin case, with no fixer.

The same server answers every temperature, in rounds alternating the temperatures (--samples programs per
problem and temperature, each with its own ``seed`` so sampled replies differ); programs run in the real
sandbox and are compared as the graph's ``check`` node does. Last line: ``best=<temperature>``.

    .venv/bin/python bench/generator_pass.py [--temperatures 0.2 0.8] [--samples 1]
"""

from __future__ import annotations

import time
from collections import defaultdict

from _embedded import arguments, client, generated_problems

from declean.agents import generator
from declean.errors import ReplyParseError
from declean.models.embedded import model_path
from declean.models.llama_server import LlamaServer
from declean.problems import Problem
from declean.sandbox.local import LocalSandbox
from declean.tools.adequacy import wrong_outputs


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
    options = arguments(__doc__ or "", [0.2, 0.8], 1, "programs per problem and temperature")
    problems = generated_problems(options.problems)
    outcomes: dict[float, list[str]] = defaultdict(list)
    seconds: dict[float, float] = defaultdict(float)
    with LlamaServer(model_path()) as server, LocalSandbox() as sandbox:
        for sample in range(options.samples):
            for problem in problems:
                for temperature in options.temperatures:
                    model = client(server.base_url, temperature, sample)
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
