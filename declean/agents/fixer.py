"""The fixer: a program and what went wrong in, a repaired program out; and, for a clean candidate the
measures find violations in, the same role asked to remove exactly those violations."""

from __future__ import annotations

from collections.abc import Sequence

from langchain_core.messages import BaseMessage

from declean.agents.extract import extract_c_code
from declean.principles import Evidence, PrincipleSpec
from declean.prompts import PromptTemplate, load_prompt

PROMPT_NAME = "fixer"
REPAIR_PROMPT_NAME = "repairer"


def prompt() -> PromptTemplate:
    """The fixer's template."""
    return load_prompt(PROMPT_NAME)


def build_messages(statement: str, code: str, report: str) -> list[BaseMessage]:
    """Show the program and the compiler's or the test run's report; ask for the whole repaired program."""
    return prompt().render(statement=statement.strip(), code=code.rstrip(), report=report.strip())


def parse(reply: str) -> str:
    """The repaired program; :class:`ReplyParseError` with the raw reply when there is none."""
    return extract_c_code(reply)


def repair_prompt() -> PromptTemplate:
    """The template asking to remove clean-code violations."""
    return load_prompt(REPAIR_PROMPT_NAME)


def build_repair_messages(statement: str, code: str, request: str) -> list[BaseMessage]:
    """Show the program and the violations found (:func:`repair_request`); ask for them removed."""
    return repair_prompt().render(statement=statement.strip(), code=code.rstrip(), report=request.strip())


def repair_request(principles: Sequence[PrincipleSpec], evidence: Evidence) -> str:
    """Each violation with its definition and where the measures found it."""
    lines = []
    for spec in principles:
        measured = evidence[spec.name]
        where = f" Where: {'; '.join(measured.examples)}." if measured.examples else ""
        lines.append(f"- {spec.name} ({spec.title}): {spec.definition} Measured: {measured.summary}.{where}")
    return "\n".join(lines)
