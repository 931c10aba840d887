"""The compile-and-run tool: one function the graph calls, and the same exposed as a LangChain tool.

The tool answers a model with a short text report (diagnostics, exit status, outputs) and carries the
full :class:`CompileAndRunResult` as its artifact, so an agent app gets both.
"""

from __future__ import annotations

from collections.abc import Sequence

from langchain_core.tools import BaseTool, StructuredTool
from pydantic import BaseModel, Field

from declean.sandbox.base import Sandbox
from declean.sandbox.results import CompileAndRunResult, CompileResult, RunResult

TOOL_NAME = "compile_and_run_c"
_REPORT_OUTPUT_CHARS = 2000


class CompileAndRunArgs(BaseModel):
    """What a model passes to the tool."""

    source: str = Field(description="A complete C program (one translation unit with main).")
    stdin_cases: list[str] = Field(
        default_factory=lambda: [""],
        description="Standard input for each run; the program runs once per case.",
    )


def compile_and_run(sandbox: Sandbox, source: str, stdin_cases: Sequence[str] = ("",)) -> CompileAndRunResult:
    """Compile ``source`` in ``sandbox`` and run it once per stdin case."""
    return sandbox.compile_and_run(source, list(stdin_cases))


def render_compile_report(result: CompileResult) -> str:
    """gcc's verdict for a model: the parsed errors first, then gcc's raw text."""
    if result.ok:
        return "Compiled without errors." + (f"\nWarnings:\n{result.stderr.strip()}" if result.stderr else "")
    lines = [f"Compilation failed: {result.failure_reason()}"]
    lines += [
        f"- line {d.line}, column {d.column}: {d.severity}: {d.message}" for d in result.diagnostics if d.line
    ]
    lines += ["gcc output:", result.stderr.strip()[:_REPORT_OUTPUT_CHARS]]
    return "\n".join(lines)


def render_run_report(index: int, stdin: str, run: RunResult) -> str:
    """One run for a model: its input, how it ended, and what it printed (cut to a readable size)."""
    status = run.failure_reason() or "exited with status 0"
    parts = [f"Run {index} (stdin: {stdin!r}): {status}"]
    truncated = "[truncated]" if run.stdout_truncated else ""
    parts.append(f"stdout:\n{run.stdout[:_REPORT_OUTPUT_CHARS]}{truncated}")
    if run.stderr:
        parts.append(f"stderr:\n{run.stderr[:_REPORT_OUTPUT_CHARS]}")
    return "\n".join(parts)


def render_failed_runs(stdin_cases: Sequence[str], runs: Sequence[RunResult]) -> str:
    """Every run that did not end well (crash, timeout, non-zero exit), for a model, in case order."""
    return "\n\n".join(
        render_run_report(index, stdin_cases[index], run) for index, run in enumerate(runs) if not run.ok
    )


def render_report(result: CompileAndRunResult, stdin_cases: Sequence[str]) -> str:
    """The whole compile-and-run result as text a model can act on."""
    sections = [render_compile_report(result.compile)]
    sections += [
        render_run_report(index, stdin, run)
        for index, (stdin, run) in enumerate(zip(stdin_cases, result.runs, strict=False))
    ]
    return "\n\n".join(sections)


def make_compiler_tool(sandbox: Sandbox) -> BaseTool:
    """A LangChain tool bound to ``sandbox``: text report as content, the typed result as artifact."""

    def _invoke(source: str, stdin_cases: list[str] | None = None) -> tuple[str, CompileAndRunResult]:
        cases = stdin_cases or [""]
        result = compile_and_run(sandbox, source, cases)
        return render_report(result, cases), result

    return StructuredTool.from_function(
        func=_invoke,
        name=TOOL_NAME,
        description=(
            "Compile a complete C program with gcc inside a sandbox and run it once per stdin case. "
            "Returns compiler errors with line numbers, or each run's exit status and output."
        ),
        args_schema=CompileAndRunArgs,
        response_format="content_and_artifact",
    )
