"""The de-clean agent: clean code in, code violating one principle out, by that principle's own prompt."""

from __future__ import annotations

from langchain_core.messages import BaseMessage

from declean.agents.extract import extract_c_code
from declean.errors import ConfigurationError
from declean.principles import PrincipleSpec
from declean.prompts import PromptTemplate


def prompt(principle: PrincipleSpec) -> PromptTemplate:
    """The principle's de-clean template."""
    if principle.declean_prompt is None:
        raise ConfigurationError(f"principle {principle.name} has no de-clean prompt")
    return principle.declean_prompt


def build_messages(principle: PrincipleSpec, code: str) -> list[BaseMessage]:
    """Ask for ``code`` rewritten to violate ``principle`` and nothing else; the template may use
    ``$code``, ``$name``, ``$title`` and ``$definition``."""
    return prompt(principle).render(
        code=code.rstrip(), name=principle.name, title=principle.title, definition=principle.definition
    )


def parse(reply: str) -> str:
    """The rewritten program; :class:`ReplyParseError` with the raw reply when there is none."""
    return extract_c_code(reply)


def is_unchanged(before: str, after: str) -> bool:
    """True when a rewrite differs from its input only in whitespace (small models echo code back).

    Whitespace inside string literals counts as whitespace too: a rewrite that only re-spaces a format
    string violates no principle either.
    """
    return before.split() == after.split()
