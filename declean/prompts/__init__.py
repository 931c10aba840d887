"""Prompt templates shipped as package data: one file per agent, one per principle for de-clean.

A template file has a ``[system]`` section and a ``[user]`` section; ``$name`` placeholders are filled
with :class:`string.Template` (so the braces of C code need no escaping). Each template has a hash that
every sample records, so a dataset says exactly which prompt wording made it.
"""

from __future__ import annotations

import functools
import hashlib
import string
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from declean.errors import ConfigurationError

_SYSTEM_HEADER = "[system]"
_USER_HEADER = "[user]"


@dataclass(frozen=True)
class PromptTemplate:
    """A system and a user message template with their placeholders."""

    name: str
    system: string.Template
    user: string.Template
    sha256: str
    """Hash of the template file's text; recorded in every sample this prompt made."""

    def render(self, **values: str) -> list[BaseMessage]:
        """The two messages with every placeholder filled; a missing value is a programming error."""
        return [
            SystemMessage(content=self.system.substitute(values)),
            HumanMessage(content=self.user.substitute(values)),
        ]

    @property
    def short_hash(self) -> str:
        """The first 12 hex digits of :attr:`sha256`, as samples record it."""
        return self.sha256[:12]


@functools.cache
def load_prompt(name: str) -> PromptTemplate:
    """Read ``declean/prompts/<name>.txt`` from the installed package."""
    resource = resources.files(__package__).joinpath(f"{name}.txt")
    if not resource.is_file():
        raise ConfigurationError(f"no prompt template named {name!r} in declean/prompts")
    text = resource.read_text(encoding="utf-8")
    return parse_template(name, text)


def load_prompt_file(path: Path) -> PromptTemplate:
    """A template from a file of one's own (a custom principle's prompt, say), named by its stem."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigurationError(f"cannot read prompt template {path}: {error.strerror}") from error
    return parse_template(path.stem, text)


def parse_template(name: str, text: str) -> PromptTemplate:
    """Split a template file into its two sections."""
    if not text.startswith(_SYSTEM_HEADER) or _USER_HEADER not in text:
        raise ConfigurationError(
            f"prompt {name!r} must start with {_SYSTEM_HEADER} and have a {_USER_HEADER}"
        )
    system, user = text[len(_SYSTEM_HEADER) :].split(_USER_HEADER, 1)
    return PromptTemplate(
        name=name,
        system=string.Template(system.strip()),
        user=string.Template(user.strip()),
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )
