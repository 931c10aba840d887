"""The embedded model's server tuned side by side: speculative decoding by prompt lookup, and two requests
at once, on declean's own prompts.

Each setting starts its own server (``LlamaServer``, as ``declean run`` does) and sends, greedily and with
the same ``max_tokens``, a generator, a fixer and a de-clean prompt built by declean's agents from real
material: a corpus problem's statement, the graph tests' program with a compile error and gcc's report on
it from the real sandbox, and the clean program to de-clean. A warm-up call first, then --rounds rounds;
the median seconds per role count. Greedy decoding makes every setting write the same tokens, which is
checked. Then, on the default setting, two requests sent at once against the same two one after the
other. Last line: ``speedup=<seconds without / with speculative decoding, summed over the roles>``.

    .venv/bin/python bench/local_model.py [--rounds 2] [--speculative 10]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from langchain_core.messages import BaseMessage
from langchain_openai import ChatOpenAI

from declean.agents import decleaner, fixer, generator
from declean.models.embedded import QWEN_CODER_1_5B, model_path
from declean.models.llama_server import LlamaServer
from declean.principles import REGISTRY
from declean.sandbox.local import LocalSandbox
from declean.tools.compiler import render_compile_report
from tests import programs

MAX_TOKENS = 700


def prompts() -> dict[str, list[BaseMessage]]:
    """One prompt per role, as the graph builds them."""
    with LocalSandbox() as sandbox:
        report = render_compile_report(sandbox.compile(programs.COMPILE_ERROR))
    statement = programs.VECTORS_STATEMENT
    return {
        "generator": generator.build_messages(statement),
        "fixer": fixer.build_messages(statement, programs.COMPILE_ERROR, report),
        "declean": decleaner.build_messages(REGISTRY.get("DRY"), programs.CLEAN),
    }


def client(server: LlamaServer) -> ChatOpenAI:
    return ChatOpenAI(
        base_url=server.base_url,
        model=QWEN_CODER_1_5B.name,
        api_key="not-needed",  # type: ignore[arg-type]
        temperature=0.0,
        max_retries=0,
        timeout=600,
        extra_body={"max_tokens": MAX_TOKENS},
    )


def timed(model: ChatOpenAI, messages: list[BaseMessage]) -> tuple[float, str, int]:
    started = time.perf_counter()
    reply = model.invoke(messages)
    tokens = (reply.usage_metadata or {}).get("output_tokens", 0)
    return time.perf_counter() - started, reply.text, tokens


def measure(
    speculative: int, rounds: int, asked: dict[str, list[BaseMessage]]
) -> dict[str, tuple[float, str, int]]:
    """Median seconds, the reply and its tokens per role with ``speculative`` draft tokens (0: off)."""
    with LlamaServer(model_path(), speculative=speculative) as server:
        model = client(server)
        timed(model, asked["generator"])
        results: dict[str, tuple[float, str, int]] = {}
        for role, messages in asked.items():
            runs = [timed(model, messages) for _ in range(rounds)]
            results[role] = (statistics.median(r[0] for r in runs), runs[0][1], runs[0][2])
            print(f"  speculative={speculative:<3} {role:<9} {results[role][0]:6.1f}s  {runs[0][2]} tokens")
        return results


def two_at_once(asked: dict[str, list[BaseMessage]]) -> tuple[float, float]:
    """Seconds for the generator and fixer prompts one after the other, and sent at the same time."""
    with LlamaServer(model_path()) as server:
        model = client(server)
        timed(model, asked["generator"])
        started = time.perf_counter()
        timed(model, asked["generator"])
        timed(model, asked["fixer"])
        serial = time.perf_counter() - started
        started = time.perf_counter()
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda role: timed(model, asked[role]), ["generator", "fixer"]))
        return serial, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--speculative", type=int, default=10, help="draft tokens per step when on")
    parser.add_argument("--skip-parallel", action="store_true", help="skip the two-requests comparison")
    options = parser.parse_args()
    asked = prompts()
    print(f"max_tokens={MAX_TOKENS} rounds={options.rounds}, greedy")
    off = measure(0, options.rounds, asked)
    on = measure(options.speculative, options.rounds, asked)
    for role in asked:
        same = "same reply" if off[role][1] == on[role][1] else "REPLY DIFFERS"
        ratio = off[role][0] / on[role][0]
        print(f"{role:<9} off {off[role][0]:6.1f}s  on {on[role][0]:6.1f}s  x{ratio:.2f}  {same}")
    if not options.skip_parallel:
        serial, together = two_at_once(asked)
        print(f"two requests: {serial:.1f}s one after the other, {together:.1f}s sent at once "
              f"(x{serial / together:.2f})")  # fmt: skip
    total_off, total_on = sum(r[0] for r in off.values()), sum(r[0] for r in on.values())
    print(f"speedup={total_off / total_on:.3f}")


if __name__ == "__main__":
    main()
