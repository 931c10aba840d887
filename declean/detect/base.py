"""What every detector answers, and the one small interface a detector implements.

A detector reads C source and says which principles it violates, each with an explanation and, where it
can, a location. ``NO_COMPILE`` is never a detector's guess: :func:`declean.detect.compiled.detect_file`
compiles the code in the sandbox first and adds it from gcc's errors.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field


class Location(BaseModel):
    """Where a violation is: a function and a line range (1-based, inclusive)."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    function: str | None = None
    """The function it is in; ``None`` at file scope or when unknown."""
    start_line: int
    end_line: int

    def describe(self) -> str:
        """``main, lines 3-5``."""
        lines = (
            f"line {self.start_line}"
            if self.start_line == self.end_line
            else f"lines {self.start_line}-{self.end_line}"
        )
        return f"{self.function}, {lines}" if self.function else lines


class Finding(BaseModel):
    """One label a detector gives, with why and where."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    label: str
    explanation: str
    """Why the code violates the principle, in words a student can act on."""
    locations: list[Location] = Field(default_factory=list)


class Detection(BaseModel):
    """A detector's answer for one program."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    detector: str
    """The detector's name."""
    findings: list[Finding] = Field(default_factory=list)
    model: str | None = None
    """The model asked, for model-based detectors."""
    prompt_hash: str | None = None
    """The hash of the prompt template used, for model-based detectors."""
    raw_reply: str | None = None
    """The model's reply as it came (kept always, so an unparseable one can be read)."""
    parse_error: str | None = None
    """Why the reply could not be fully parsed; the findings then hold what could be read."""

    @property
    def labels(self) -> list[str]:
        """The labels found, in the order found, without repeats."""
        return list(dict.fromkeys(finding.label for finding in self.findings))


@runtime_checkable
class Detector(Protocol):
    """Anything that labels C source. Implement ``name`` and ``detect`` to add your own."""

    name: str
    """Short name for tables and stored predictions (``lint``, ``llm``...)."""

    def detect(self, source: str) -> Detection:
        """The labels ``source`` violates, principles only (``NO_COMPILE`` is the compiler's)."""
        ...
