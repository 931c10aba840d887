"""Generation speed of the embedded model through declean's provider vs llama_cpp called in-process.

Same model file, prompt and thread count, greedy decoding, a fixed number of new tokens; each side warms
up once, then runs --rounds times, alternating. Prints tokens/s of each; last, ratio=provider/direct.
Run: .venv/bin/python bench/model_speed.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from llama_cpp import Llama

from declean.models.embedded import model_path
from declean.models.providers import resolve_models
from declean.settings import Settings

PROMPT = [
    {"role": "system", "content": "You write C. Answer with one ```c code block."},
    {"role": "user", "content": "Write a C program that prints the first 20 prime numbers, one per line."},
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--tokens", type=int, default=128)
    args = parser.parse_args()
    threads = os.cpu_count() or 1
    settings = Settings(provider="local", max_tokens=args.tokens, threads=threads)
    direct = Llama(
        model_path=str(model_path()), n_threads=threads, n_threads_batch=threads, n_ctx=4096, verbose=False
    )
    provider_rates, direct_rates = [], []
    with resolve_models(settings.models()) as models:
        llm = models.llm.bind(temperature=0.0)
        messages = [(message["role"], message["content"]) for message in PROMPT]
        for round_index in range(args.rounds + 1):
            started = time.perf_counter()
            reply = llm.invoke(messages)
            provider_seconds = time.perf_counter() - started
            provider_tokens = (reply.usage_metadata or {}).get("output_tokens", 0)
            started = time.perf_counter()
            result = direct.create_chat_completion(messages=PROMPT, max_tokens=args.tokens, temperature=0.0)  # type: ignore[arg-type]
            direct_seconds = time.perf_counter() - started
            direct_tokens = result["usage"]["completion_tokens"]  # type: ignore[index]
            if round_index == 0:
                continue  # warm-up
            provider_rates.append(provider_tokens / provider_seconds)
            direct_rates.append(direct_tokens / direct_seconds)
            print(f"round {round_index}: provider {provider_tokens} tok in {provider_seconds:.2f}s, "
                  f"direct {direct_tokens} tok in {direct_seconds:.2f}s")  # fmt: skip
    provider, direct_rate = statistics.median(provider_rates), statistics.median(direct_rates)
    print(f"threads={threads} tokens={args.tokens} rounds={args.rounds}")
    print(f"provider median={provider:.1f} tok/s (prompt and generation, through HTTP and ChatOpenAI)")
    print(f"direct   median={direct_rate:.1f} tok/s (llama_cpp in-process)")
    print(f"ratio={provider / direct_rate:.3f}")


if __name__ == "__main__":
    main()
