"""The adequacy reviewer: a task, a program and its outputs in, whether it solves the task out.

Asked (``adequacy_check``) only for a clean version of a problem without expected outputs; a verdict of
the same judge role as the output comparison, with the same robust parsing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from langchain_core.messages import BaseMessage

from declean.errors import ReplyParseError
from declean.prompts import PromptTemplate, load_prompt

PROMPT_NAME = "adequacy"
_VERDICT = re.compile(r"VERDICT\s*[:=\-]?\s*\**\s*(ADEQUATE|INADEQUATE|NOT\s+ADEQUATE)", re.IGNORECASE)


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
    found = {re.sub(r"\s+", " ", match.upper()) for match in _VERDICT.findall(reply)}
    if len(found) != 1:
        problem = "no VERDICT line" if not found else "contradicting VERDICT lines"
        raise ReplyParseError(f"adequacy reply has {problem}", raw=reply)
    after = _VERDICT.split(reply, maxsplit=1)[-1].strip()
    return AdequacyVerdict(adequate=found == {"ADEQUATE"}, reason=after.splitlines()[0] if after else "")
