"""A detection with ``NO_COMPILE`` decided by gcc: the code is compiled in the sandbox first, and its errors
are the explanation. The detector still labels the other principles of code that does not compile."""

from __future__ import annotations

from declean.detect.base import Detection, Detector, Finding, Location
from declean.principles import NO_COMPILE
from declean.sandbox.base import Sandbox
from declean.sandbox.results import CompileResult


def compile_finding(result: CompileResult) -> Finding | None:
    """``NO_COMPILE`` with gcc's errors and their lines, when the code is at fault; else ``None``."""
    errors = result.code_errors()
    if not errors:
        return None
    explanation = "gcc rejects it: " + "; ".join(
        f"line {error.line}: {error.message}" for error in errors[:3]
    )
    lines = sorted({error.line for error in errors if error.line is not None})
    return Finding(
        label=NO_COMPILE,
        explanation=explanation,
        locations=[Location(start_line=line, end_line=line) for line in lines[:3]],
    )


def with_compile(detection: Detection, result: CompileResult) -> Detection:
    """``detection`` with the compiler's ``NO_COMPILE`` finding added when gcc rejected the code."""
    finding = compile_finding(result)
    if finding is None:
        return detection
    return detection.model_copy(update={"findings": [*detection.findings, finding]})


def detect_file(detector: Detector, source: str, sandbox: Sandbox) -> Detection:
    """Compile ``source``, then ask ``detector``; ``NO_COMPILE`` is the compiler's verdict alone."""
    return with_compile(detector.detect(source), sandbox.compile(source))
