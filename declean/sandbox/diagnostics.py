"""Parse gcc's and the linker's stderr into :class:`Diagnostic` records."""

from __future__ import annotations

import re

from declean.sandbox.results import Diagnostic

_LOCATED = re.compile(
    r"^(?P<file>[^:\n]+):(?P<line>\d+):(?:(?P<column>\d+):)?\s*"
    r"(?P<severity>fatal error|error|warning|note):\s*(?P<message>.*)$"
)
_UNLOCATED = re.compile(
    r"^(?P<tool>[^:\n]+):\s*(?P<severity>fatal error|error|warning|note):\s*(?P<message>.*)$"
)
_LINKER = re.compile(r"^(?:/\S*/)?ld(?:\.\w+)?: (?P<message>.*)$")
_UNDEFINED = re.compile(r"(undefined reference to .*|multiple definition of .*)$")
_OPTION = re.compile(r"\s\[-W(?:error=)?(?P<name>[\w+=-]+)\]$")
"""``... [-Wformat=]``: the option that enabled a warning (``-Werror=format=`` when made an error)."""
_OBJECT_LOCATED = re.compile(r"^[^:\s]+:\(\.[\w.]+\+0x[0-9a-f]+\): (?P<message>.*)$")
"""``main.c:(.text+0x5): undefined reference to `foo'``: a linker error placed in an object section."""


def parse_gcc_diagnostics(stderr: str) -> list[Diagnostic]:
    """Every ``file:line:col: severity: message`` line, plus linker and driver errors without a location.

    Context lines (``In function 'main':``), source echoes and carets are skipped: the raw text keeps them.
    """
    diagnostics: list[Diagnostic] = []
    for line in stderr.splitlines():
        diagnostic = _parse_line(line.rstrip())
        if diagnostic is not None:
            diagnostics.append(diagnostic)
    return diagnostics


def _parse_line(line: str) -> Diagnostic | None:
    located = _LOCATED.match(line)
    if located is not None:
        column = located.group("column")
        message = located.group("message")
        option = _OPTION.search(message)
        return Diagnostic(
            line=int(located.group("line")),
            column=int(column) if column is not None else None,
            severity=located.group("severity"),
            message=message,
            file=located.group("file"),
            option=f"-W{option.group('name')}" if option is not None else None,
        )
    linker = _LINKER.match(line) or _OBJECT_LOCATED.match(line)
    if linker is not None:
        undefined = _UNDEFINED.search(linker.group("message"))
        if undefined is None:
            return None
        return Diagnostic(line=None, column=None, severity="error", message=undefined.group(1))
    unlocated = _UNLOCATED.match(line)
    if unlocated is not None:
        return Diagnostic(
            line=None,
            column=None,
            severity=unlocated.group("severity"),
            message=f"{unlocated.group('tool')}: {unlocated.group('message')}",
        )
    return None
