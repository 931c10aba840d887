"""Is a "clean" program adequate? gcc's bug-signalling warnings, a sanitizer run, expected outputs.

Three checks, each returning short texts a fixer model can act on (empty when the check passes):

* :func:`bug_warnings` keeps the gcc warnings that signal real bugs (undefined behaviour, wrong types,
  out-of-bounds accesses) out of a compile's parsed diagnostics; :func:`render_bug_warnings` shows them
  with gcc's notes.
* :func:`sanitizer_failures` compiles with :data:`SANITIZE_FLAGS` (UBSan, stack protector, fortified libc
  calls, at ``-O2`` so the flow-based warnings appear too) and reports every stdin case on which a
  sanitizer stopped the program. AddressSanitizer is left out: it maps ~20 TiB of shadow memory, which
  the local backend's address-space limit refuses, and the shadow is writable memory that no rlimit
  bounds, so allowing it would let a program take the host's memory.
* :func:`wrong_outputs` compares a program's outputs with a problem's ``expected`` outputs.

The sanitized compile is a normal sandbox compile with extra flags, and the run a normal sandbox run: the
same limits and isolation as any other program.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

from declean.sandbox.base import SOURCE_FILE_NAME, Sandbox
from declean.sandbox.results import CompileAndRunResult, CompileResult, Diagnostic

SANITIZE_FLAGS: tuple[str, ...] = (
    "-O2",
    "-fsanitize=undefined,bounds-strict,float-cast-overflow",
    "-fno-sanitize-recover=all",
    "-fstack-protector-strong",
    "-D_FORTIFY_SOURCE=2",
)
"""Extra gcc flags of the sanitized build (after the sandbox's ``-std=gnu17 -O0 -Wall -Wextra``).

``-fsanitize=undefined`` checks signed overflow, shifts, division by zero, null and misaligned pointers,
array indexes of known bound (``bounds-strict`` also trailing arrays), object sizes (which needs
``-O1`` or more: it catches an out-of-bounds write through a helper's pointer parameter once inlined),
invalid ``bool``/``enum`` loads, and ``float-cast-overflow`` out-of-range float to int conversions; with
``-fno-sanitize-recover`` the first error stops the program. The stack protector catches overruns of
local arrays when the function returns; ``_FORTIFY_SOURCE`` catches ``strcpy``/``sprintf``/``memcpy``
into a too-small buffer of known size. Not caught: reading an uninitialised variable and falling off the
end of a non-void function in C (``-fsanitize=return`` is C++ only) -- :func:`bug_warnings` catches those
(``-Wmaybe-uninitialized``, ``-Wreturn-type``) -- nor heap overflows through plain pointers.
"""

BUG_WARNING_OPTIONS: frozenset[str] = frozenset(
    {
        # declarations and types
        "-Wimplicit-function-declaration",
        "-Wimplicit-int",
        "-Wbuiltin-declaration-mismatch",
        "-Wincompatible-pointer-types",
        "-Wint-conversion",
        "-Wint-to-pointer-cast",
        "-Wpointer-to-int-cast",
        "-Warray-parameter",
        "-Wreturn-type",
        "-Wreturn-mismatch",
        # values
        "-Wuninitialized",
        "-Wmaybe-uninitialized",
        "-Wsequence-point",
        "-Woverflow",
        "-Wdiv-by-zero",
        "-Wshift-count-overflow",
        "-Wshift-count-negative",
        "-Wabsolute-value",
        "-Wtype-limits",
        "-Wbool-compare",
        "-Wlogical-not-parentheses",
        "-Wtautological-compare",
        "-Waddress",
        "-Wunused-value",
        "-Wempty-body",
        "-Wmisleading-indentation",
        # printf and scanf formats
        "-Wformat",
        "-Wformat-extra-args",
        "-Wformat-overflow",
        # memory
        "-Warray-bounds",
        "-Waggressive-loop-optimizations",
        "-Wstringop-overflow",
        "-Wstringop-overread",
        "-Wrestrict",
        "-Wreturn-local-addr",
        "-Wdangling-pointer",
        "-Wuse-after-free",
        "-Wfree-nonheap-object",
        "-Wmismatched-dealloc",
        "-Walloc-size-larger-than",
        "-Wnonnull",
        "-Wsizeof-pointer-div",
        "-Wsizeof-array-div",
        "-Wsizeof-pointer-memaccess",
        "-Wsizeof-array-argument",
        "-Wmemset-elt-size",
        "-Wmemset-transposed-args",
    }
)
"""gcc options (as printed in ``[...]``, without a trailing ``=``) whose warnings signal a real bug.

Left out as style or noise: unused variables and parameters, sign comparisons, ``-Wparentheses``,
``-Wimplicit-fallthrough``, ``-Wunused-result`` (``_FORTIFY_SOURCE`` adds it for an ignored ``scanf``
result), ``-Wformat-truncation`` and ``-Wstringop-truncation`` (bounded copies doing their job).
"""

_SANITIZER_LINE = re.compile(
    r"^(?:\S+:\d+:\d+: runtime error: .*"
    r"|\*\*\* (?:stack smashing|buffer overflow) detected \*\*\*.*"
    r"|==\d+==ERROR: \w+Sanitizer: .*)$",
    re.MULTILINE,
)
"""A sanitizer's report: UBSan's ``main.c:L:C: runtime error: ...``, glibc's stack-protector and fortify
aborts, and AddressSanitizer's header (for a build that adds it)."""
_SOURCE_LOCATION = re.compile(rf"^{re.escape(SOURCE_FILE_NAME)}:(?P<line>\d+):\d+: runtime error:")
_MAX_DIFF_LINES = 40
_MAX_STDIN_CHARS = 60


def bug_warnings(result: CompileResult) -> list[Diagnostic]:
    """The warnings of ``result`` that signal real bugs (:data:`BUG_WARNING_OPTIONS`), in gcc's order.

    The sandbox's default ``-O0`` compile gives most of them; ``-Wmaybe-uninitialized``, ``-Warray-bounds``
    and ``-Waggressive-loop-optimizations`` need the optimiser, so pass the sanitized compile (or another
    compile with ``-O2``) to see those too. Warnings gcc made errors (``-Werror=...``) count as well.
    """
    return [diagnostic for diagnostic in result.diagnostics if _is_bug(diagnostic)]


def _is_bug(diagnostic: Diagnostic) -> bool:
    option = diagnostic.option
    return option is not None and diagnostic.severity != "note" and option.rstrip("=") in BUG_WARNING_OPTIONS


def _in_source(diagnostic: Diagnostic) -> bool:
    return diagnostic.file in (None, SOURCE_FILE_NAME)


def _where(diagnostic: Diagnostic) -> str:
    where = f"line {diagnostic.line}" if diagnostic.line is not None else "no line"
    where += f", column {diagnostic.column}" if diagnostic.column is not None else ""
    return where if _in_source(diagnostic) else f"{diagnostic.file} {where} (inlined into the program)"


def _quoted(lines: Sequence[str], number: int | None) -> list[str]:
    """Source line ``number`` (1-based) as gcc shows it, or nothing when there is no such line."""
    if number is None or not 0 < number <= len(lines):
        return []
    return [f"  {number:>4} | {lines[number - 1].rstrip()}"]


def render_bug_warnings(result: CompileResult, source: str | None = None) -> str:
    """The :func:`bug_warnings` of ``result`` for a fixer, each with gcc's notes on it and, when ``source``
    is given, the source line it points at; ``""`` when there are none."""
    lines = source.splitlines() if source is not None else []
    parts: list[str] = []
    count = 0
    in_bug = False
    for diagnostic in result.diagnostics:
        if diagnostic.severity == "note":
            if in_bug:
                parts.append(f"  note, {_where(diagnostic)}: {diagnostic.message}")
                parts += _quoted(lines, diagnostic.line if _in_source(diagnostic) else None)
            continue
        in_bug = _is_bug(diagnostic)
        if in_bug:
            count += 1
            parts.append(f"- {_where(diagnostic)}: {diagnostic.message}")
            parts += _quoted(lines, diagnostic.line if _in_source(diagnostic) else None)
    if not count:
        return ""
    return "\n".join([f"gcc reported {count} warning(s) that point at real bugs; fix every one:", *parts])


def sanitized_compile_and_run(
    sandbox: Sandbox, source: str, stdin_cases: Sequence[str]
) -> CompileAndRunResult:
    """``source`` built with :data:`SANITIZE_FLAGS` and run once per stdin case, under the usual limits."""
    return sandbox.compile_and_run(source, list(stdin_cases), extra_flags=SANITIZE_FLAGS)


def sanitizer_failures(sandbox: Sandbox, source: str, stdin_cases: Sequence[str]) -> list[str]:
    """One report per stdin case on which a sanitizer stopped the sanitized build, with its message.

    When the sanitized build does not compile (a program that compiles without the flags), that is the
    one report. ``bug_warnings(sanitized_compile_and_run(...).compile)`` reuses the same compile.
    """
    return sanitizer_reports(sanitized_compile_and_run(sandbox, source, stdin_cases), stdin_cases, source)


def sanitizer_reports(
    result: CompileAndRunResult, stdin_cases: Sequence[str], source: str | None = None
) -> list[str]:
    """The reports of :func:`sanitizer_failures` from a sanitized compile-and-run already done."""
    if not result.compile.ok:
        return [f"the sanitizer build did not compile: {result.compile.failure_reason()}"]
    lines = source.splitlines() if source is not None else []
    reports = []
    for index, (stdin, run) in enumerate(zip(stdin_cases, result.runs, strict=True)):
        messages = _SANITIZER_LINE.findall(run.stderr)
        if not messages:
            continue
        shown = [f"  {message.strip()}" for message in messages[:3]]
        shown += _source_lines(messages[:3], lines)
        how = run.failure_reason() or "exited with status 0"
        head = f"stdin case {index} ({_short(stdin)}): the sanitizer stopped the program ({how}):"
        reports.append("\n".join([head, *shown]))
    return reports


def wrong_outputs(
    expected: Sequence[str], outputs: Sequence[str], stdin_cases: Sequence[str] | None = None
) -> list[str]:
    """One report per case whose output is not the expected one, with a diff (``-`` expected, ``+``
    actual); ``[]`` when all match. Whitespace at line ends and trailing newlines are ignored."""
    if len(expected) != len(outputs):
        raise ValueError(f"{len(expected)} expected outputs but {len(outputs)} outputs: one per case")
    reports = []
    for index, (want, got) in enumerate(zip(expected, outputs, strict=True)):
        want_lines, got_lines = _normalised_lines(want), _normalised_lines(got)
        if want_lines == got_lines:
            continue
        stdin = f" ({_short(stdin_cases[index])})" if stdin_cases is not None else ""
        first = next(
            (n for n, (a, b) in enumerate(zip(want_lines, got_lines, strict=False), start=1) if a != b),
            min(len(want_lines), len(got_lines)) + 1,
        )
        diff = list(difflib.unified_diff(want_lines, got_lines, "expected", "actual", lineterm="", n=2))
        if len(diff) > _MAX_DIFF_LINES:
            diff[_MAX_DIFF_LINES:] = [f"... ({len(diff) - _MAX_DIFF_LINES} more diff lines)"]
        head = f"stdin case {index}{stdin}: wrong output, first difference at line {first}"
        head += " (- expected, + actual):"
        reports.append("\n".join([head, *diff[2:]]))
    return reports


def render_wrong_outputs(reports: Sequence[str]) -> str:
    """The :func:`wrong_outputs` reports as the fixer is shown them."""
    return "The program prints the wrong output:\n\n" + "\n\n".join(reports)


def _normalised_lines(text: str) -> list[str]:
    """The lines of ``text`` without trailing whitespace, and without the empty lines at its end."""
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _source_lines(messages: Iterable[str], lines: Sequence[str]) -> list[str]:
    """The source lines UBSan's messages point at, once each."""
    shown: list[str] = []
    for message in messages:
        located = _SOURCE_LOCATION.match(message)
        for quoted in _quoted(lines, int(located.group("line")) if located is not None else None):
            if quoted not in shown:
                shown.append(quoted)
    return shown


def _short(stdin: str) -> str:
    """A stdin case for a report header, cut to a readable length."""
    if not stdin:
        return "empty stdin"
    cut = stdin if len(stdin) <= _MAX_STDIN_CHARS else stdin[:_MAX_STDIN_CHARS] + "..."
    return f"stdin {cut!r}"
