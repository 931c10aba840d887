"""gcc's stderr as the sandbox sees it, parsed into diagnostics."""

from __future__ import annotations

from declean.sandbox.diagnostics import parse_gcc_diagnostics

GCC_ERRORS = """\
main.c: In function 'main':
main.c:4:5: warning: implicit declaration of function 'foo' [-Wimplicit-function-declaration]
    4 |     foo();
      |     ^~~
main.c:5:12: error: 'x' undeclared (first use in this function)
    5 |     return x;
      |            ^
main.c:5:12: note: each undeclared identifier is reported only once for each function it appears in
"""

LINKER_ERRORS = """\
/usr/bin/ld: /tmp/ccAbc.o: in function `main':
main.c:(.text+0xe): undefined reference to `foo'
/usr/bin/ld: main.c:(.text+0x20): undefined reference to `bar'
collect2: error: ld returned 1 exit status
"""


def test_located_messages_keep_line_column_severity_and_text() -> None:
    parsed = parse_gcc_diagnostics(GCC_ERRORS)
    assert [(d.line, d.column, d.severity) for d in parsed] == [
        (4, 5, "warning"),
        (5, 12, "error"),
        (5, 12, "note"),
    ]
    assert parsed[1].message == "'x' undeclared (first use in this function)"


def test_fatal_error_without_column() -> None:
    parsed = parse_gcc_diagnostics("main.c:1: fatal error: no such file\n")
    assert parsed[0].line == 1
    assert parsed[0].column is None
    assert parsed[0].severity == "fatal error"


def test_linker_errors_have_no_line_but_are_errors() -> None:
    parsed = parse_gcc_diagnostics(LINKER_ERRORS)
    messages = [d.message for d in parsed]
    assert "undefined reference to `foo'" in messages
    assert "undefined reference to `bar'" in messages
    assert "collect2: ld returned 1 exit status" in messages
    assert all(d.severity == "error" and d.line is None for d in parsed)


def test_source_echo_and_carets_are_not_diagnostics() -> None:
    assert parse_gcc_diagnostics("    4 |     foo();\n      |     ^~~\n") == []


def test_warning_option_is_parsed_and_the_message_kept_whole() -> None:
    parsed = parse_gcc_diagnostics(GCC_ERRORS)
    assert [d.option for d in parsed] == ["-Wimplicit-function-declaration", None, None]
    assert [d.file for d in parsed] == ["main.c"] * 3
    assert parsed[0].message.endswith("[-Wimplicit-function-declaration]")


def test_option_with_value_and_werror_spelling() -> None:
    parsed = parse_gcc_diagnostics(
        "main.c:6:14: warning: format '%d' expects argument of type 'int' [-Wformat=]\n"
        "main.c:7:1: error: control reaches end of non-void function [-Werror=return-type]\n"
        "main.c:8:3: warning: old-style note [enabled by default]\n"
    )
    assert [d.option for d in parsed] == ["-Wformat=", "-Wreturn-type", None]
