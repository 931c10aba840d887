"""How often the embedded model's fixer repairs the generator's wrong programs, by fixer temperature.

The README job's problems without a given solution (those with expected outputs) each get the program the
graph's first sample gets (the generator at temperature 0); a program that fails is shown to the fixer with
the report the graph would give it (compile errors, the failing stdin cases, or the wrong outputs), once
per temperature and sample (each sample its own ``seed``; temperature 0 once, as it is greedy). The reply
is compiled and run in the real sandbox and compared as the graph's ``check`` node does: ``fixed`` (every
case right), ``closer`` (a later check or fewer failures, as the fix policy counts progress), ``same``,
``worse`` or ``no_code``. One server answers every temperature; which goes first (and pays for reading the
prompt, which the server then keeps) changes from problem to problem. Last line: ``best=<temperature>``, or
``best=none`` when no reply fixed a program.

    .venv/bin/python bench/fixer_pass.py [--temperatures 0 0.8] [--samples 2]
"""

from __future__ import annotations

import time
from collections import defaultdict

from _embedded import arguments, client, generated_problems

from declean.agents import fixer, generator
from declean.errors import ReplyParseError
from declean.graphs.fix_policy import FailureStage, Standing
from declean.models.embedded import model_path
from declean.models.llama_server import LlamaServer
from declean.problems import Problem
from declean.sandbox.local import LocalSandbox
from declean.tools.adequacy import render_wrong_outputs, wrong_outputs
from declean.tools.compiler import render_compile_report, render_failed_runs


def examine(sandbox: LocalSandbox, problem: Problem, code: str) -> tuple[Standing, str] | None:
    """Where a failing program stands and the report the graph would show the fixer; ``None`` if right."""
    compiled = sandbox.compile(code)
    if compiled.program is None:
        standing = Standing(stage=FailureStage.COMPILE, failures=max(1, len(compiled.errors)))
        return standing, render_compile_report(compiled)
    runs = [sandbox.run(compiled.program, stdin) for stdin in problem.stdin]
    failing = sum(not run.ok for run in runs)
    if failing:
        return Standing(stage=FailureStage.RUN, failures=failing), render_failed_runs(problem.stdin, runs)
    assert problem.expected is not None
    wrong = wrong_outputs(problem.expected, [run.stdout for run in runs], problem.stdin)
    if wrong:
        return Standing(stage=FailureStage.OUTPUT, failures=len(wrong)), render_wrong_outputs(wrong)
    return None


def outcome(before: Standing, after: tuple[Standing, str] | None) -> str:
    """What one fixer reply achieved against the program it was shown."""
    if after is None:
        return "fixed"
    if after[0].beats(before):
        return "closer"
    return "worse" if before.beats(after[0]) else "same"


def main() -> None:
    options = arguments(__doc__ or "", [0.0, 0.8], 2, "fixer replies per program and temperature")
    problems = generated_problems(options.problems)
    outcomes: dict[float, list[str]] = defaultdict(list)
    seconds: dict[float, float] = defaultdict(float)
    with LlamaServer(model_path()) as server, LocalSandbox() as sandbox:
        for number, problem in enumerate(problems):
            reply = client(server.base_url, 0.0, 0).invoke(generator.build_messages(problem.statement)).text
            try:
                code = generator.parse(reply)
            except ReplyParseError:
                print(f"  {problem.id:<20} generator wrote no code", flush=True)
                continue
            failure = examine(sandbox, problem, code)
            if failure is None:
                print(f"  {problem.id:<20} right at once", flush=True)
                continue
            before, report = failure
            print(f"  {problem.id:<20} {before.describe()}", flush=True)
            messages = fixer.build_messages(problem.statement, code, report)
            # The server reuses the prompt's cache after the first call: that call takes turns.
            turn = number % len(options.temperatures)
            temperatures = options.temperatures[turn:] + options.temperatures[:turn]
            for sample in range(options.samples):
                for temperature in temperatures:
                    if temperature == 0 and sample > 0:
                        continue
                    started = time.perf_counter()
                    answer = client(server.base_url, temperature, sample).invoke(messages).text
                    seconds[temperature] += time.perf_counter() - started
                    try:
                        result = outcome(before, examine(sandbox, problem, fixer.parse(answer)))
                    except ReplyParseError:
                        result = "no_code"
                    outcomes[temperature].append(result)
                    print(f"    T={temperature:<4} sample {sample}: {result}", flush=True)
    for temperature in options.temperatures:
        found = outcomes[temperature]
        calls = max(1, len(found))
        kinds = {kind: found.count(kind) for kind in sorted(set(found))}
        print(
            f"T={temperature}: {found.count('fixed')} of {len(found)} fixer replies fixed the program, "
            f"{found.count('closer')} got closer; {kinds}; {seconds[temperature] / calls:.1f}s per call"
        )
    rate = {t: outcomes[t].count("fixed") / max(1, len(outcomes[t])) for t in options.temperatures}
    best = max(options.temperatures, key=lambda t: (rate[t], -t))
    print(f"best={best if rate[best] > 0 else 'none'}")


if __name__ == "__main__":
    main()
