"""The ``lint`` detector: the static measures alone, the same code that verifies every de-clean step."""

from __future__ import annotations

import re

from declean.detect.base import Detection, Finding, Location
from declean.principles.verify import measure

_FUNCTION_SPAN = re.compile(r"^(?P<function>\w+) \(lines (?P<start>\d+)-(?P<end>\d+)\)")
_LINES = re.compile(r"\blines? (?P<start>\d+)(?:-(?P<end>\d+))?")


class LintDetector:
    """Labels a program by the registered principles' measures; no model."""

    name = "lint"

    def detect(self, source: str) -> Detection:
        """One finding per violated measure, explained by the measure's summary and examples, located
        where the examples say (``line 8: 703.0``, ``lines 27-37 repeat ...``, ``main (lines 7-38): ...``)."""
        evidence = measure(source)
        findings = [
            Finding(
                label=label,
                explanation=_explain(measured.summary, measured.examples),
                locations=[location for example in measured.examples if (location := _location(example))],
            )
            for label, measured in evidence.measures.items()
            if measured.violated
        ]
        return Detection(detector=self.name, findings=findings)


def _explain(summary: str, examples: list[str]) -> str:
    return f"{summary}: {'; '.join(examples[:5])}" if examples else summary


def _location(example: str) -> Location | None:
    """Where one example of a measure points, if it says."""
    span = _FUNCTION_SPAN.match(example)
    if span is not None:
        return Location(function=span["function"], start_line=int(span["start"]), end_line=int(span["end"]))
    lines = _LINES.search(example)
    if lines is None:
        return None
    start = int(lines["start"])
    return Location(start_line=start, end_line=int(lines["end"] or start))
