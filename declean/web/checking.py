"""Checking one program for the app: compile it in the sandbox (and run it on the student's stdin), ask
the detector, measure it. Every failure of a detector becomes a message on the result, never an exception:
a page shows an error, never a stack trace."""

from __future__ import annotations

from importlib import metadata

import structlog
from pydantic import BaseModel, ConfigDict, Field

from declean.detect.base import Detector, Finding
from declean.detect.compiled import compile_finding
from declean.principles.base import Measurement
from declean.principles.verify import measure
from declean.sandbox.base import Sandbox

log = structlog.get_logger(__name__)


class CompilerError(BaseModel):
    model_config = ConfigDict(frozen=True)

    line: int | None
    message: str


class ProgramRun(BaseModel):
    """The program's run on the student's stdin."""

    model_config = ConfigDict(frozen=True)

    stdout: str
    exit_code: int | None
    timed_out: bool
    truncated: bool


class CheckResult(BaseModel):
    """Everything the result panel shows for one program."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)

    detector: str
    detector_version: str
    model: str | None = None
    prompt_hash: str | None = None
    compiles: bool
    compiler_errors: list[CompilerError] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    """The detector's labels with explanations and locations; ``NO_COMPILE`` from gcc."""
    evidence: dict[str, Measurement] = Field(default_factory=dict)
    """The static measures, shown as evidence."""
    run: ProgramRun | None = None
    error: str | None = None
    """Why the detector gave no answer (its own words, one line); the compile result still stands."""

    @property
    def labels(self) -> list[str]:
        return list(dict.fromkeys(finding.label for finding in self.findings))


def declean_version() -> str:
    try:
        return metadata.version("declean")
    except metadata.PackageNotFoundError:  # pragma: no cover (running from a source tree)
        return "unknown"


def _version(detector: Detector) -> str:
    """declean's version, and the detector's own (a trained detector's model file) when it has one."""
    own = getattr(detector, "version", None)
    return f"declean {declean_version()}" + (f"; {own}" if isinstance(own, str) and own else "")


def check_program(code: str, stdin: str | None, detector: Detector, sandbox: Sandbox) -> CheckResult:
    """Compile ``code``, run it on ``stdin`` when given and it compiles, and ask ``detector``."""
    compiled = sandbox.compile(code)
    errors = [CompilerError(line=error.line, message=error.message) for error in compiled.code_errors()]
    run = None
    if compiled.ok and compiled.program is not None and stdin:
        outcome = sandbox.run(compiled.program, stdin)
        run = ProgramRun(
            stdout=outcome.stdout,
            exit_code=outcome.exit_code,
            timed_out=outcome.timed_out,
            truncated=outcome.stdout_truncated,
        )
    findings: list[Finding] = []
    model = prompt_hash = error = None
    try:
        detection = detector.detect(code)
        findings = list(detection.findings)
        model, prompt_hash = detection.model, detection.prompt_hash
        if detection.parse_error:
            error = f"the detector's reply was only partly readable: {detection.parse_error}"
    except Exception as failure:  # a detector is any user object: whatever it raises becomes a message
        log.warning("detector failed", detector=detector.name, error=repr(failure))
        error = f"the {detector.name} detector failed: {type(failure).__name__}: {failure}".splitlines()[0]
    no_compile = compile_finding(compiled)
    if no_compile is not None:
        findings.append(no_compile)
    evidence = measure(code)
    return CheckResult(
        detector=detector.name,
        detector_version=_version(detector),
        model=model,
        prompt_hash=prompt_hash,
        compiles=compiled.ok,
        compiler_errors=errors,
        findings=findings,
        evidence=dict(evidence.measures),
        run=run,
        error=error,
    )
