"""The adequacy reviewer: a task, a program and its outputs in, whether it solves the task out.

Asked (``adequacy_check``) only for a clean version of a problem without expected outputs; a verdict of
the same judge role as the output comparison, with the same robust parsing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from langchain_core.messages import BaseMessage

from declean.agents.verdict import find_verdict, verdict_pattern
from declean.prompts import PromptTemplate, load_prompt

PROMPT_NAME = "adequacy"
_VERDICT = verdict_pattern("ADEQUATE", "INADEQUATE", "NOT ADEQUATE")


@dataclass(frozen=True)
class AdequacyVerdict:
    """Whether the program solves its task, and the first problem the reviewer named."""

    adequate: bool
    reason: str


def prompt() -> PromptTemplate:
    """The reviewer's template."""
    return load_prompt(PROMPT_NAME)


def build_messages(
    statement: str, code: str, stdin_cases: Sequence[str], outputs: Sequence[str]
) -> list[BaseMessage]:
    """Show the task, the program and its output on every stdin case."""
    runs = "\n\n".join(
        f"Input {index + 1}:\n{stdin!r}\nOutput:\n{output}"
        for index, (stdin, output) in enumerate(zip(stdin_cases, outputs, strict=True))
    )
    return prompt().render(statement=statement.strip(), code=code.rstrip(), runs=runs)


def parse(reply: str) -> AdequacyVerdict:
    """Find exactly one kind of ``VERDICT: ...`` line; anything else is unparseable."""
    verdict = find_verdict(reply, _VERDICT, "adequacy")
    return AdequacyVerdict(adequate=verdict.word == "ADEQUATE", reason=verdict.reason)
