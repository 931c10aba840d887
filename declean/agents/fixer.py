"""The fixer: a program and what went wrong in, a repaired program out."""

from __future__ import annotations

from langchain_core.messages import BaseMessage

from declean.agents.extract import extract_c_code
from declean.prompts import PromptTemplate, load_prompt

PROMPT_NAME = "fixer"


def prompt() -> PromptTemplate:
    """The fixer's template."""
    return load_prompt(PROMPT_NAME)


def build_messages(statement: str, code: str, report: str) -> list[BaseMessage]:
    """Show the program and the compiler's or the test run's report; ask for the whole repaired program."""
    return prompt().render(statement=statement.strip(), code=code.rstrip(), report=report.strip())


def parse(reply: str) -> str:
    """The repaired program; :class:`ReplyParseError` with the raw reply when there is none."""
    return extract_c_code(reply)
