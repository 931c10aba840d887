"""The generator: a problem statement in, a clean C program out."""

from __future__ import annotations

from langchain_core.messages import BaseMessage

from declean.agents.extract import extract_c_code
from declean.prompts import PromptTemplate, load_prompt

PROMPT_NAME = "generator"


def prompt() -> PromptTemplate:
    """The generator's template."""
    return load_prompt(PROMPT_NAME)


def build_messages(statement: str) -> list[BaseMessage]:
    """Ask for a complete clean program solving ``statement``."""
    return prompt().render(statement=statement.strip())


def parse(reply: str) -> str:
    """The program in the reply; :class:`ReplyParseError` with the raw reply when there is none."""
    return extract_c_code(reply)
