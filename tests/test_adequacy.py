"""Adequacy checks on real gcc and the real local sandbox: bug warnings, sanitizer runs, expected outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from declean.problems import Problem, load_problems
from declean.sandbox.local import LocalSandbox
from declean.tools.adequacy import (
    SANITIZE_FLAGS,
    bug_warnings,
    render_bug_warnings,
    sanitized_compile_and_run,
    sanitizer_failures,
    sanitizer_reports,
    wrong_outputs,
)
from tests import adequacy_programs as programs

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "problems.yaml"


def options(sandbox: LocalSandbox, source: str, *, sanitized: bool) -> list[str | None]:
    compiled = sandbox.compile(source, extra_flags=SANITIZE_FLAGS if sanitized else ())
    assert compiled.ok, compiled.stderr
    return [warning.option for warning in bug_warnings(compiled)]


# --- bug-signalling warnings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "option"),
    [
        (programs.MISSING_RETURN, "-Wreturn-type"),
        (programs.TRANSPOSED, "-Wincompatible-pointer-types"),
        (programs.NO_STDIO, "-Wimplicit-function-declaration"),
        (programs.BAD_FORMAT, "-Wformat="),
        (programs.LOCAL_ADDRESS, "-Wreturn-local-addr"),
        (programs.SIZEOF_POINTER, "-Wsizeof-pointer-div"),
        (programs.INT_CONVERSION, "-Wint-conversion"),
        (programs.STRING_OVERFLOW, "-Wstringop-overflow="),
    ],
)
def test_plain_compile_flags_the_bug(local_sandbox: LocalSandbox, source: str, option: str) -> None:
    """The sandbox's ``-O0 -Wall -Wextra`` compile already names these bugs."""
    assert option in options(local_sandbox, source, sanitized=False)


@pytest.mark.parametrize(
    ("source", "option"),
    [(programs.UNINITIALISED, "-Wmaybe-uninitialized"), (programs.LOOP_PAST_END, "-Warray-bounds")],
)
def test_flow_warnings_need_the_optimised_sanitized_compile(
    local_sandbox: LocalSandbox, source: str, option: str
) -> None:
    """gcc finds an uninitialised sum and a loop writing past an array only when it optimises."""
    assert options(local_sandbox, source, sanitized=False) == []
    assert option in options(local_sandbox, source, sanitized=True)


def test_style_warnings_are_not_bug_warnings(local_sandbox: LocalSandbox) -> None:
    source = (
        "#include <stdio.h>\n"
        "static int twice(int value, int unused) { return 2 * value; }\n"
        'int main(void) { int spare; unsigned limit = 3; for (int i = 0; i < limit; i++) printf("%d\\n", '
        "twice(i, 0)); return 0; }\n"
    )
    compiled = local_sandbox.compile(source, extra_flags=SANITIZE_FLAGS)
    assert {d.option for d in compiled.diagnostics} >= {
        "-Wunused-parameter",
        "-Wunused-variable",
        "-Wsign-compare",
    }
    assert bug_warnings(compiled) == []


def test_render_bug_warnings_shows_message_notes_and_source_line(local_sandbox: LocalSandbox) -> None:
    text = render_bug_warnings(local_sandbox.compile(programs.TRANSPOSED), programs.TRANSPOSED)
    assert text.splitlines() == [
        "gcc reported 1 warning(s) that point at real bugs; fix every one:",
        "- line 23, column 21: passing argument 2 of 'print_matrix' from incompatible pointer type "
        "[-Wincompatible-pointer-types]",
        "    23 |     print_matrix(4, transposed);",
        "  note, line 3, column 40: expected 'int (*)[4]' but argument is of type 'int (*)[3]'",
        "     3 | static void print_matrix(int rows, int matrix[3][4])",
    ]


def test_warning_placed_in_a_library_header_is_not_quoted_from_the_program(
    local_sandbox: LocalSandbox,
) -> None:
    """Inlined ``tolower`` puts the warning in ``ctype.h``: named as such; the note quotes the program."""
    compiled = local_sandbox.compile(programs.UNINITIALISED_IN_HEADER, extra_flags=SANITIZE_FLAGS)
    [warning] = bug_warnings(compiled)
    assert warning.file == "/usr/include/ctype.h" and warning.option == "-Wmaybe-uninitialized"
    text = render_bug_warnings(compiled, programs.UNINITIALISED_IN_HEADER).splitlines()
    assert text[1].startswith("- /usr/include/ctype.h line ") and "(inlined into the program)" in text[1]
    assert text[2:] == ["  note, line 7, column 9: 'last' was declared here", "     7 |     int last;"]


def test_render_without_bug_warnings_is_empty(local_sandbox: LocalSandbox) -> None:
    compiled = local_sandbox.compile("int main(void) { int unused; return 0; }\n")
    assert compiled.diagnostics and render_bug_warnings(compiled) == ""


# --- sanitizer runs -------------------------------------------------------------------------------------


def test_signed_overflow_is_reported_for_the_overflowing_case_only(local_sandbox: LocalSandbox) -> None:
    reports = sanitizer_failures(local_sandbox, programs.SIGNED_OVERFLOW, ["12\n", "13\n"])
    assert len(reports) == 1
    assert reports[0].startswith("stdin case 1 (stdin '13\\n'): the sanitizer stopped the program")
    assert "runtime error: signed integer overflow: 479001600 * 13" in reports[0]
    assert "factorial *= i;" in reports[0]


def test_histogram_out_of_bounds_write_is_reported(local_sandbox: LocalSandbox) -> None:
    reports = sanitizer_failures(local_sandbox, programs.HISTOGRAM, ["1 3 3 9\n", "1 12\n"])
    assert len(reports) == 1 and reports[0].startswith("stdin case 1")
    assert "index 12 out of bounds for type 'int [10]'" in reports[0]


def test_out_of_bounds_write_through_a_helper_is_reported(local_sandbox: LocalSandbox) -> None:
    """No bound to check on a pointer parameter: ``-O2`` inlines the helper and the object-size check
    catches the write."""
    reports = sanitizer_failures(local_sandbox, programs.HISTOGRAM_HELPER, ["4 12\n"])
    assert len(reports) == 1 and "runtime error:" in reports[0], reports


def test_string_overflow_is_stopped_by_fortified_strcpy(local_sandbox: LocalSandbox) -> None:
    reports = sanitizer_failures(local_sandbox, programs.STRING_OVERFLOW, [""])
    assert len(reports) == 1
    assert "*** buffer overflow detected ***" in reports[0] and "SIGABRT" in reports[0]


def test_missing_return_is_caught_by_the_warning_not_the_sanitizer(local_sandbox: LocalSandbox) -> None:
    """C has no ``-fsanitize=return`` (gcc's is C++ only): the run is silent, ``-Wreturn-type`` is not."""
    result = sanitized_compile_and_run(local_sandbox, programs.MISSING_RETURN, [""])
    assert sanitizer_reports(result, [""]) == []
    assert [w.option for w in bug_warnings(result.compile)] == ["-Wreturn-type"]


def test_uninitialised_read_is_caught_by_the_warning_not_the_sanitizer(local_sandbox: LocalSandbox) -> None:
    """UBSan does not track initialisation (MemorySanitizer is clang-only): ``-Wmaybe-uninitialized`` at
    ``-O2`` is what catches it."""
    result = sanitized_compile_and_run(local_sandbox, programs.UNINITIALISED, ["4\n"])
    assert sanitizer_reports(result, ["4\n"]) == []
    assert [w.option for w in bug_warnings(result.compile)] == ["-Wmaybe-uninitialized"]


def test_clean_program_has_no_report(local_sandbox: LocalSandbox) -> None:
    """Nothing for a correct program, nor for one that fails by itself without a sanitizer message."""
    assert sanitizer_failures(local_sandbox, programs.CLEAN, ["0\n", "10\n", "65536\n", "-1\n"]) == []


def test_sanitized_build_failure_is_the_one_report(local_sandbox: LocalSandbox) -> None:
    source = "#ifdef __OPTIMIZE__\n#error no optimised builds\n#endif\nint main(void) { return 0; }\n"
    assert local_sandbox.compile(source).ok
    reports = sanitizer_failures(local_sandbox, source, ["", ""])
    assert reports == [
        "the sanitizer build did not compile: compile error: line 2: #error no optimised builds"
    ]


def test_address_sanitizer_cannot_run_under_the_run_limits(local_sandbox: LocalSandbox) -> None:
    """ASan reserves ~20 TiB of shadow memory; the address-space limit refuses it, so it stays out."""
    result = local_sandbox.compile_and_run(programs.CLEAN, ["3\n"], extra_flags=["-fsanitize=address"])
    assert result.compile.ok
    assert not result.runs[0].ok
    assert "ReserveShadowMemoryRange failed" in result.runs[0].stderr


# --- expected outputs -----------------------------------------------------------------------------------


def test_outputs_matching_up_to_line_end_whitespace_are_right() -> None:
    expected = ["a = 1\nb = 2\n", "", "x\n"]
    outputs = ["a = 1  \r\nb = 2\n\n\n", "\n", "x"]
    assert wrong_outputs(expected, outputs) == []


def test_a_wrong_line_gives_a_diff_for_its_case() -> None:
    expected = ["2 3 5 7\nCount: 4\n", "No primes up to 1.\n"]
    outputs = ["2 3 5 7\nCount: 3\n", "No primes up to 1.\n"]
    reports = wrong_outputs(expected, outputs, ["7\n", "1\n"])
    assert reports == [
        "stdin case 0 (stdin '7\\n'): wrong output, first difference at line 2 (- expected, + actual):\n"
        "@@ -1,2 +1,2 @@\n 2 3 5 7\n-Count: 4\n+Count: 3"
    ]


def test_missing_and_extra_lines_and_leading_spaces_count() -> None:
    reports = wrong_outputs(["a\nb\n", "   1\n", "a\n"], ["a\n", "1\n", "a\nb\n"])
    assert [report.split(":")[0] for report in reports] == ["stdin case 0", "stdin case 1", "stdin case 2"]
    assert "first difference at line 2" in reports[0] and "\n-b" in reports[0]
    assert "\n-   1\n+1" in reports[1]
    assert "\n+b" in reports[2]


def test_long_diffs_are_cut() -> None:
    expected = "".join(f"{n}\n" for n in range(200))
    report = wrong_outputs([expected], [expected.replace("\n", " \n").replace("1", "x")])[0]
    assert len(report.splitlines()) <= 42 and report.endswith("more diff lines)")


def test_case_counts_must_agree() -> None:
    with pytest.raises(ValueError, match="2 expected outputs but 1 outputs"):
        wrong_outputs(["a", "b"], ["a"])


def test_off_by_one_prime_count_is_a_wrong_output(local_sandbox: LocalSandbox) -> None:
    """Compiles without a warning and runs clean under the sanitizers: only the expected output catches it."""
    cases = ["30\n", "31\n"]
    result = sanitized_compile_and_run(local_sandbox, programs.PRIME_COUNT_OFF_BY_ONE, cases)
    assert bug_warnings(result.compile) == [] and sanitizer_reports(result, cases) == []
    outputs = [
        run.stdout for run in local_sandbox.compile_and_run(programs.PRIME_COUNT_OFF_BY_ONE, cases).runs
    ]
    reports = wrong_outputs(["Count: 10\n", "Count: 11\n"], outputs, cases)
    assert len(reports) == 1 and reports[0].endswith("-Count: 11\n+Count: 10")


# --- the shipped examples -------------------------------------------------------------------------------


def test_every_example_case_has_an_expected_output() -> None:
    for problem in load_problems(EXAMPLES):
        assert problem.expected is not None, problem.id
        assert all(output.endswith("\n") for output in problem.expected), problem.id


@pytest.mark.parametrize("problem", [p for p in load_problems(EXAMPLES) if p.solution], ids=lambda p: p.id)
def test_shipped_solutions_are_adequate(local_sandbox: LocalSandbox, problem: Problem) -> None:
    """The known-clean solutions print the expected outputs, with no bug warning and no sanitizer report."""
    assert problem.solution is not None and problem.expected is not None
    plain = local_sandbox.compile_and_run(problem.solution, problem.stdin)
    assert plain.ok, plain.failure_reason()
    assert wrong_outputs(problem.expected, [run.stdout for run in plain.runs], problem.stdin) == []
    sanitized = sanitized_compile_and_run(local_sandbox, problem.solution, problem.stdin)
    assert bug_warnings(plain.compile) == bug_warnings(sanitized.compile) == []
    assert sanitizer_reports(sanitized, problem.stdin, problem.solution) == []
