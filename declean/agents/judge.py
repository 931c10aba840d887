"""The output-comparison judge: two programs' outputs on the same inputs in, a verdict out.

Only consulted when outputs differ beyond whitespace and the policy is ``llm``; its verdict is advisory
(a 1.5B model called ``15`` and ``16`` equivalent), which is why the deterministic comparison comes first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from langchain_core.messages import BaseMessage

from declean.agents.verdict import find_verdict, verdict_pattern
from declean.prompts import PromptTemplate, load_prompt

PROMPT_NAME = "judge"
_VERDICT = verdict_pattern("EQUIVALENT", "DIFFERENT", "NOT EQUIVALENT")


@dataclass(frozen=True)
class JudgeVerdict:
    """The judge's decision and its stated reason."""

    equivalent: bool
    reason: str


def prompt() -> PromptTemplate:
    """The judge's template."""
    return load_prompt(PROMPT_NAME)


def build_messages(
    statement: str, stdin_cases: Sequence[str], expected: Sequence[str], actual: Sequence[str]
) -> list[BaseMessage]:
    """Show every stdin case with the reference output and the rewrite's output."""
    comparisons = "\n\n".join(
        f"Input {index + 1}:\n{stdin!r}\nOutput of the original:\n{want}\nOutput of the rewrite:\n{got}"
        for index, (stdin, want, got) in enumerate(zip(stdin_cases, expected, actual, strict=True))
    )
    return prompt().render(statement=statement.strip(), comparisons=comparisons)


def parse(reply: str) -> JudgeVerdict:
    """Find exactly one kind of ``VERDICT: ...`` line; anything else is unparseable."""
    verdict = find_verdict(reply, _VERDICT, "judge")
    return JudgeVerdict(equivalent=verdict.word == "EQUIVALENT", reason=verdict.reason)
