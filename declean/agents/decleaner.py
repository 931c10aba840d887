"""The de-clean agents, one prompt per principle: clean code in, code violating that principle out."""

from __future__ import annotations

from langchain_core.messages import BaseMessage

from declean.agents.extract import extract_c_code
from declean.prompts import PromptTemplate, load_prompt
from declean.samples import Principle


def prompt_name(principle: Principle) -> str:
    """``DRY`` -> ``declean_dry``."""
    return f"declean_{principle.lower()}"


def prompt(principle: Principle) -> PromptTemplate:
    """The template for one principle."""
    return load_prompt(prompt_name(principle))


def build_messages(principle: Principle, code: str) -> list[BaseMessage]:
    """Ask for ``code`` rewritten to violate ``principle`` and nothing else."""
    return prompt(principle).render(code=code.rstrip())


def parse(reply: str) -> str:
    """The rewritten program; :class:`ReplyParseError` with the raw reply when there is none."""
    return extract_c_code(reply)


def is_unchanged(before: str, after: str) -> bool:
    """True when a rewrite differs from its input only in whitespace (small models echo code back).

    Whitespace inside string literals counts as whitespace too: a rewrite that only re-spaces a format
    string violates no principle either.
    """
    return before.split() == after.split()
