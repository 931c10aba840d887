"""SRP by inlining single-call helpers: the rules on small programs, then the corpus in a sandbox."""

from __future__ import annotations

import re

import pytest

from declean.principles.verify import check_step
from declean.sandbox.local import LocalSandbox
from declean.tools.cparse import descendants_of_type, parse, text
from declean.tools.transforms.base import Level, TransformResult
from declean.tools.transforms.srp import inline_helpers
from tests.corpus_index import CorpusProgram
from tests.transform_checks import clean_program_params

LEVELS: tuple[Level, ...] = (1, 2, 3)
ACCEPTED_NEW_WARNINGS = {"-Wunused-parameter"}


def warning_flags(sandbox: LocalSandbox, source: str) -> set[str]:
    """The ``-W`` flags of gcc's warnings on ``source`` (which must compile)."""
    result = sandbox.compile(source)
    assert result.ok, result.stderr
    return {
        flag
        for diagnostic in result.diagnostics
        if diagnostic.severity == "warning"
        for flag in re.findall(r"\[(-W[\w-]+)\]", diagnostic.message)
    }


def assert_same_behaviour(sandbox: LocalSandbox, before: str, after: str, stdin: list[str]) -> None:
    """``after`` compiles without new warnings (unused parameters aside) and prints what ``before`` does."""
    expected, actual = sandbox.compile_and_run(before, stdin), sandbox.compile_and_run(after, stdin)
    assert expected.ok, expected.failure_reason()
    assert actual.compile.ok, f"{actual.compile.stderr}\n{after}"
    new = warning_flags(sandbox, after) - warning_flags(sandbox, before) - ACCEPTED_NEW_WARNINGS
    assert not new, f"new warnings {new}:\n{actual.compile.stderr}"
    for case, (want, got) in enumerate(zip(expected.runs, actual.runs, strict=True)):
        assert got.stdout == want.stdout, f"stdin case {case} differs:\n{after}"


def lines_of(result: TransformResult, index: int = 0) -> str:
    """The code lines a location points at."""
    assert result.code is not None
    location = result.locations[index]
    return "\n".join(result.code.splitlines()[location.start_line - 1 : location.end_line])


def literals(source: str) -> list[str]:
    """Every numeric literal, sorted."""
    return sorted(text(node) for node in descendants_of_type(parse(source).root_node, "number_literal"))


def applied(source: str, level: Level = 2) -> TransformResult:
    result = inline_helpers(source, level)
    assert result.applied, result.reason
    assert result.principle == "SRP" and result.level == level
    return result


EXPRESSION = """\
#include <stdio.h>

static int next_value(int value)
{
    return value + 1;
}

int main(void)
{
    int count = 41;
    printf("%d\\n", next_value(count));
    return 0;
}
"""


def test_expression_helper_is_substituted_and_deleted() -> None:
    result = applied(EXPRESSION, 1)
    assert result.code is not None
    assert 'printf("%d\\n", count + 1);' in result.code
    assert "next_value" not in result.code
    assert [(loc.function, loc.detail) for loc in result.locations] == [
        ("main", "inlined next_value into main")
    ]
    assert lines_of(result).strip() == 'printf("%d\\n", count + 1);'


VOID = """\
#include <stdio.h>

static void print_values(const char *label, const int values[], int length);

/* Print one labelled row of values. */
static void print_values(const char *label, const int values[], int length)
{
    printf("%s:", label); /* the label first */
    for (int i = 0; i < length; i++) {
        printf(" %d", values[i]);
    }
    printf("\\n");
}

int main(void)
{
    const int scores[] = {3, 1, 4};
    int length = 3;
    print_values("scores", scores, length - 1);
    return 0;
}
"""


def test_void_helper_becomes_a_block_with_bound_parameters() -> None:
    result = applied(VOID, 1)
    copy = lines_of(result)
    assert 'const char *label = "scores";' in copy
    assert "const int *values = scores;" in copy
    assert "int length_2 = length - 1;" in copy
    assert "i < length_2" in copy and "i < length;" not in copy


def test_prototype_and_definition_are_deleted_and_comments_kept() -> None:
    result = applied(VOID, 1)
    assert result.code is not None
    assert "print_values" not in result.code
    assert "/* Print one labelled row of values. */" in result.code
    assert "/* the label first */" in result.code
    assert result.code.index("/* Print one") > result.code.index("int main(void)")


def test_no_numeric_literal_is_added_or_lost() -> None:
    for source in (EXPRESSION, VOID, TAIL, NESTED):
        result = applied(source, 3)
        assert result.code is not None
        assert literals(result.code) == literals(source)


TAIL = """\
#include <stdio.h>

static long sum(const int *values, int count)
{
    long total = 0;
    for (int i = 0; i < count; i++) {
        total += values[i];
    }
    return total;
}

static double half(int count) { return count / 2; }

int main(void)
{
    int values[] = {4, 5, 6};
    int count = 3;
    long total = sum(values, count);
    printf("%ld %.1f\\n", total, half(count));
    return 0;
}
"""


def test_tail_helper_in_a_declaration_splits_it_and_renames_the_clashing_local() -> None:
    result = applied(TAIL, 3)
    assert result.code is not None
    assert "    long total;\n    {\n" in result.code
    assert "long total_2 = 0;" in result.code and "total = total_2;" in result.code
    assert "const int *values" not in result.code, "same-named arguments are used directly"


def test_returned_expression_keeps_the_return_type() -> None:
    result = applied(TAIL, 3)
    assert result.code is not None
    assert "(double)(count / 2)" in result.code


NESTED = """\
#include <stdio.h>

static int square(int side) { return side * side; }

static void report_area(int side)
{
    printf("area %d\\n", square(side));
}

static void report_perimeter(int side)
{
    printf("perimeter %d\\n", 4 * side);
}

static void report(int side)
{
    report_area(side);
    report_perimeter(side);
}

int main(void)
{
    int side = 5;
    report(side);
    printf("done\\n");
    return 0;
}
"""


def test_levels_inline_more_and_deeper() -> None:
    counts = [len(applied(NESTED, level).locations) for level in LEVELS]
    assert counts == [1, 1, 4]
    deepest = applied(NESTED, 3)
    assert deepest.code is not None
    assert {loc.function for loc in deepest.locations} == {"main"}
    assert len([f for f in descendants_of_type(parse(deepest.code).root_node, "function_definition")]) == 1


def test_level_two_inlines_about_half() -> None:
    source = VOID.replace("int main(void)", _EXTRA_HELPERS + "\nint main(void)")
    source = source.replace(
        "    return 0;\n}", "    show_a(1);\n    show_b(2);\n    show_c(3);\n    return 0;\n}"
    )
    assert [len(applied(source, level).locations) for level in LEVELS] == [1, 2, 4]


_EXTRA_HELPERS = """\
static void show_a(int a) { printf("a %d\\n", a); }

static void show_b(int b) { printf("b %d\\n", b); }

static void show_c(int c) { printf("c %d\\n", c); }
"""


def test_locations_point_at_the_inlined_code() -> None:
    result = applied(NESTED, 3)
    for index, location in enumerate(result.locations):
        copied = lines_of(result, index)
        name = location.detail.split()[1]
        marker = {"report": "printf", "report_area": "area", "report_perimeter": "perimeter", "square": "*"}
        assert marker[name] in copied, (location, copied)


def test_is_deterministic() -> None:
    assert inline_helpers(NESTED, 3) == inline_helpers(NESTED, 3)
    assert inline_helpers(TAIL, 2) == inline_helpers(TAIL, 2)


ARRAYS = """\
#include <stdio.h>

#define COLUMNS 2

static void print_grid(const int grid[][COLUMNS], int rows)
{
    for (int row = 0; row < rows; row++) {
        printf("%d %d\\n", grid[row][0], grid[row][1]);
    }
}

int main(void)
{
    const int cells[][COLUMNS] = {{1, 2}, {3, 4}};
    print_grid(cells, 2);
    return 0;
}
"""


def test_array_parameters_become_const_pointers() -> None:
    result = applied(ARRAYS, 1)
    assert "const int (*grid)[COLUMNS] = cells;" in lines_of(result)


@pytest.mark.parametrize(
    ("helper", "reason"),
    [
        ("static int count_down(int n) { return n <= 0 ? 0 : count_down(n - 1); }", "recursive"),
        ("static int count_down(int n) { static int calls; calls += n; return calls; }", "static locals"),
        ("static int count_down(int n) { if (n < 0) { return 0; } return n; }", "not a single final return"),
        ('static void count_down(int n) { if (n < 0) { return; } printf("%d\\n", n); }', "early return"),
        ("static int count_down(int n, ...) { return n; }", "variadic"),
        ("static int count_down(int n) { if (n) goto done; done: return n; }", "goto"),
    ],
)
def test_unsafe_helpers_are_skipped(helper: str, reason: str) -> None:
    source = f"#include <stdio.h>\n\n{helper}\n\nint main(void)\n{{\n    count_down(3);\n    return 0;\n}}\n"
    result = inline_helpers(source, 3)
    assert not result.applied and result.reason is not None
    assert reason in result.reason and "count_down" in result.reason


def test_address_taken_helper_is_skipped() -> None:
    source = """\
static int twice(int n) { return 2 * n; }

int main(void)
{
    int (*operation)(int) = twice;
    return operation(0) + twice(0);
}
"""
    result = inline_helpers(source, 3)
    assert not result.applied and result.reason is not None and "address taken" in result.reason


def test_helper_called_twice_is_never_inlined() -> None:
    source = EXPRESSION.replace("next_value(count));", "next_value(count), next_value(1));")
    source = source.replace('"%d\\n"', '"%d %d\\n"')
    result = inline_helpers(source, 3)
    assert not result.applied and result.reason == "no helper is called exactly once"


def test_global_shadowed_by_the_caller_is_refused() -> None:
    source = """\
int limit = 3;

static int over(int value) { return value > limit; }

int main(void)
{
    int limit = 1;
    return over(limit);
}
"""
    result = inline_helpers(source, 3)
    assert not result.applied and result.reason is not None and "shadows" in result.reason


def test_condition_of_a_loop_is_only_substituted() -> None:
    source = """\
#include <stdio.h>

static int below(int value, int limit) { int margin = limit - value; return margin > 0; }

int main(void)
{
    int value = 0;
    while (below(value, 3)) {
        value++;
    }
    printf("%d\\n", value);
    return 0;
}
"""
    result = inline_helpers(source, 3)
    assert not result.applied and result.reason is not None and "loop header" in result.reason


CONDITION = """\
#include <stdio.h>

static int over_limit(int value, int limit)
{
    int doubled = value * 2;
    return doubled > limit;
}

int main(void)
{
    int value = 4;
    if (value < 0) {
        printf("negative\\n");
    } else if (over_limit(value, 5)) {
        printf("over %d\\n", value);
    }
    return 0;
}
"""


def test_if_condition_is_hoisted_with_the_whole_if() -> None:
    result = applied(CONDITION, 1)
    assert result.code is not None
    assert "    } else {\n        int limit = 5;\n        int doubled = value * 2;\n" in result.code
    copy = lines_of(result)
    assert "if (doubled > limit) {" in copy and 'printf("over %d\\n", value);' in copy


def test_macro_argument_is_refused() -> None:
    source = """\
#include <stdio.h>
#define TWICE(x) ((x) + (x))

static int next(int *counter) { int value = *counter; *counter += 1; return value; }

int main(void)
{
    int counter = 0;
    printf("%d\\n", TWICE(next(&counter)));
    return 0;
}
"""
    result = inline_helpers(source, 3)
    assert not result.applied and result.reason is not None and "macro argument" in result.reason


def test_name_declared_after_the_caller_is_refused() -> None:
    source = """\
static int scaled(int value);

int main(void)
{
    return scaled(0);
}

int factor = 3;

static int scaled(int value) { return value * factor; }
"""
    result = inline_helpers(source, 3)
    assert not result.applied and result.reason is not None and "declared after the caller" in result.reason


def test_parse_errors_are_not_applicable() -> None:
    result = inline_helpers("int main(void) { return 0 }", 2)
    assert not result.applied and result.reason == "the program does not parse"


@pytest.mark.parametrize(
    ("source", "stdin"),
    [(EXPRESSION, [""]), (VOID, [""]), (TAIL, [""]), (NESTED, [""]), (ARRAYS, [""]), (CONDITION, [""])],
    ids=["expression", "void", "tail", "nested", "arrays", "condition"],
)
@pytest.mark.parametrize("level", LEVELS)
def test_small_programs_keep_their_behaviour(
    local_sandbox: LocalSandbox, source: str, stdin: list[str], level: Level
) -> None:
    result = applied(source, level)
    assert result.code is not None
    assert_same_behaviour(local_sandbox, source, result.code, stdin)


@pytest.mark.parametrize("program", clean_program_params())
@pytest.mark.parametrize("level", LEVELS)
def test_corpus_program_keeps_its_behaviour(
    local_sandbox: LocalSandbox, program: CorpusProgram, level: Level
) -> None:
    result = inline_helpers(program.source, level)
    if not result.applied:
        pytest.skip(f"SRP not applicable: {result.reason}")
    assert result.code is not None and result.locations
    assert not parse(result.code).root_node.has_error
    assert check_step("SRP", program.source, result.code).collateral == []
    assert_same_behaviour(local_sandbox, program.source, result.code, program.stdin)
