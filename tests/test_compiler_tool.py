"""The compile-and-run LangChain tool on the real local sandbox."""

from __future__ import annotations

from langchain_core.messages import ToolMessage

from declean.sandbox.local import LocalSandbox
from declean.sandbox.results import CompileAndRunResult
from declean.tools.compiler import TOOL_NAME, make_compiler_tool

ECHO_DOUBLE = """\
#include <stdio.h>
int main(void) {
    int value;
    if (scanf("%d", &value) != 1) { return 1; }
    printf("%d\\n", value * 2);
    return 0;
}
"""


def test_tool_schema_is_typed(local_sandbox: LocalSandbox) -> None:
    tool = make_compiler_tool(local_sandbox)
    assert tool.name == TOOL_NAME
    assert set(tool.args) == {"source", "stdin_cases"}


def test_tool_call_returns_report_and_typed_artifact(local_sandbox: LocalSandbox) -> None:
    tool = make_compiler_tool(local_sandbox)
    call = {"type": "tool_call", "id": "call-1", "name": TOOL_NAME, "args": {"source": ECHO_DOUBLE}}
    call["args"]["stdin_cases"] = ["21\n", "x\n"]
    message = tool.invoke(call)
    assert isinstance(message, ToolMessage)
    assert isinstance(message.artifact, CompileAndRunResult)
    assert [run.stdout for run in message.artifact.runs] == ["42\n", ""]
    assert "Run 0 (stdin: '21\\n'): exited with status 0" in message.content
    assert "Run 1 (stdin: 'x\\n'): exited with status 1" in message.content


def test_tool_reports_compile_errors_with_lines(local_sandbox: LocalSandbox) -> None:
    tool = make_compiler_tool(local_sandbox)
    content = tool.invoke({"source": "int main(void) {\n  return nope;\n}\n"})
    assert "Compilation failed" in content
    assert "line 2, column 10: error: 'nope' undeclared" in content
