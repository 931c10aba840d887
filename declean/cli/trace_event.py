"""``declean trace event``: one event rendered for a person, with what it needs from the rest of the run."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from declean.tracing.events import ModelCall, SampleAccepted, SampleRejected, ToolCall, _Event, text_sha256


def print_event(console: Console, event: _Event, events: Sequence[_Event]) -> None:
    """A model call's messages, a compile's diagnostics on its source, a run beside its reference."""
    where = f" {event.problem_id}/s{event.sample_index}" if event.problem_id is not None else ""
    console.print(Text(f"#{event.seq} {event.event}{where}", style="bold"))  # type: ignore[attr-defined]
    if isinstance(event, ModelCall):
        _model_call(console, event)
    elif isinstance(event, ToolCall) and event.tool == "compile":
        _compile(console, event, events)
    elif isinstance(event, ToolCall) and event.tool == "run":
        _run(console, event, events)
    else:
        console.print_json(json.dumps(event.model_dump(mode="json")))


def _model_call(console: Console, call: ModelCall) -> None:
    status = "cached" if call.cached else f"{call.latency_seconds:.2f}s"
    console.print(
        f"{call.role} via {call.model} in node {call.node}: {status}, "
        f"tokens {call.input_tokens}/{call.output_tokens}",
        highlight=False,
    )
    for retry in call.retries:
        console.print(Text(f"retried after: {retry}", style="yellow"))
    for message in call.messages:
        console.print(Panel(Text(message["content"]), title=message["role"], title_align="left"))
    if call.reply is not None:
        console.print(Panel(Text(call.reply), title="reply", title_align="left", border_style="green"))
    if call.error:
        console.print(Text(f"error: {call.error}", style="red"))


def _compile(console: Console, call: ToolCall, events: Sequence[_Event]) -> None:
    source = call.inputs.get("code")
    if source is None:
        source = program_text(str(call.inputs.get("code_sha256", "")), events)
        if source is None:
            console.print(Text("the program's text is not in this trace (named by its hash only)"))
        source = source or ""
    diagnostics: list[dict[str, Any]] = list(call.result.get("diagnostics", []))
    by_line: dict[int, list[dict[str, Any]]] = {}
    for diagnostic in diagnostics:
        by_line.setdefault(int(diagnostic.get("line") or 0), []).append(diagnostic)
    compiled = call.result.get("program") is not None
    verdict = "compiled" if compiled else f"failed ({len(diagnostics)} diagnostics)"
    console.print(f"compile on {call.backend}: {verdict}, {call.duration_seconds:.3f}s", highlight=False)
    width = len(str(source.count("\n") + 1))
    for number, line in enumerate(source.splitlines(), start=1):
        marked = number in by_line
        console.print(
            Text(f"{number:>{width}} {'>' if marked else '|'} {line}", style="bold" if marked else "")
        )
        for diagnostic in by_line.get(number, []):
            colour = "red" if "error" in str(diagnostic.get("severity")) else "yellow"
            column = diagnostic.get("column")
            pointer = " " * (width + 3 + max(0, int(column or 1) - 1)) + "^ "
            console.print(
                Text(f"{pointer}{diagnostic.get('severity')}: {diagnostic.get('message')}", style=colour)
            )
    for diagnostic in by_line.get(0, []):
        console.print(Text(f"{diagnostic.get('severity')}: {diagnostic.get('message')}", style="red"))
    if not diagnostics and call.result.get("stderr"):
        console.print(Text(str(call.result["stderr"]), style="red"))


def _run(console: Console, call: ToolCall, events: Sequence[_Event]) -> None:
    stdin = str(call.inputs.get("stdin", ""))
    stdout = str(call.result.get("stdout", ""))
    reference = _reference_output(call, stdin, events)
    status = f"exit {call.result.get('exit_code')}" + (
        f", signal {call.result.get('signal')}" if call.result.get("signal") else ""
    )
    console.print(f"run on {call.backend}: {status}, {call.duration_seconds:.3f}s", highlight=False)
    console.print(Panel(Text(stdin or "(empty)"), title="stdin", title_align="left"))
    table = Table("line", "output", "reference (clean version)", show_lines=False)
    ours, theirs = stdout.splitlines(), (reference or "").splitlines()
    for index in range(max(len(ours), len(theirs))):
        mine = ours[index] if index < len(ours) else ""
        want = theirs[index] if index < len(theirs) else ""
        style = "" if reference is None or mine == want else "red"
        table.add_row(str(index + 1), Text(mine, style=style), Text(want))
    console.print(table)
    if reference is None:
        console.print(Text("no accepted clean version of this sample to compare with", style="yellow"))
    if call.result.get("stderr"):
        console.print(Panel(Text(str(call.result["stderr"])), title="stderr", border_style="red"))


def program_text(sha256: str, events: Sequence[_Event]) -> str | None:
    """The text of the program named ``sha256`` (a compile that succeeded names it by hash): from the
    sample or rejection that carries it, or a compile that kept it."""
    for event in events:
        text: object = None
        if isinstance(event, SampleAccepted):
            text = event.sample.get("code")
        elif isinstance(event, SampleRejected):
            text = event.rejection.get("code")
        elif isinstance(event, ToolCall) and event.tool == "compile":
            text = event.inputs.get("code")
        if isinstance(text, str) and text_sha256(text) == sha256:
            return text
    return None


def _reference_output(call: ToolCall, stdin: str, events: Sequence[_Event]) -> str | None:
    """The clean version's stdout on the same stdin case of the same sample."""
    for event in events:
        if (
            isinstance(event, SampleAccepted)
            and event.problem_id == call.problem_id
            and event.sample_index == call.sample_index
            and not event.sample.get("labels")
        ):
            cases: list[str] = list(event.sample.get("stdin", []))
            outputs: list[str] = list(event.sample.get("outputs", []))
            if stdin in cases:
                return outputs[cases.index(stdin)]
    return None
