"""Inlining a helper at its one call: the rules behind the SRP and DRY transforms, on small programs,
then the rewritten programs in a sandbox."""

from __future__ import annotations

import re

import pytest

from declean.sandbox.local import LocalSandbox
from declean.tools.cparse import descendants_of_type, functions, parse, text
from declean.tools.transforms.inlining import (
    Rewriter,
    analyze,
    call_sites,
    leading_comments,
    plan_call,
    removal_edits,
)

ACCEPTED_NEW_WARNINGS = {"-Wunused-parameter"}


def inline(source: str, *names: str) -> Rewriter:
    """``source`` with each helper of ``names`` inlined at its one call and deleted, in turn."""
    rewriter = Rewriter.start(source)
    for name in names:
        tree = rewriter.tree
        helper, calls = analyze(tree, name), call_sites(tree, name)
        assert not isinstance(helper, str) and len(calls) == 1, helper
        edits = plan_call(tree, helper, calls[0], leading_comments(helper.definition))
        assert not isinstance(edits, str), edits
        rewriter.apply(edits + removal_edits(tree, helper, True), f"inlined {name}")
    return rewriter


def refusal(source: str, name: str) -> str:
    """Why the helper ``name`` cannot be inlined at its first call."""
    tree = parse(source)
    helper = analyze(tree, name)
    if isinstance(helper, str):
        return helper
    plan = plan_call(tree, helper, call_sites(tree, name)[0])
    assert isinstance(plan, str), "the helper can be inlined"
    return plan


def copied_lines(rewriter: Rewriter, index: int = 0) -> str:
    """The code lines an inlined copy spans."""
    location = rewriter.locations()[index]
    return "\n".join(rewriter.source.splitlines()[location.start_line - 1 : location.end_line])


def literals(source: str) -> list[str]:
    """Every numeric literal, sorted."""
    return sorted(text(node) for node in descendants_of_type(parse(source).root_node, "number_literal"))


def helpers_of(source: str) -> list[str]:
    """Every function but ``main``, callers first (the order inlining them all needs)."""
    return [function.name for function in reversed(functions(parse(source))) if function.name != "main"]


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
    rewriter = inline(EXPRESSION, "next_value")
    assert 'printf("%d\\n", count + 1);' in rewriter.source
    assert "next_value" not in rewriter.source
    assert [(loc.function, loc.detail) for loc in rewriter.locations()] == [("main", "inlined next_value")]
    assert copied_lines(rewriter).strip() == 'printf("%d\\n", count + 1);'


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
    copy = copied_lines(inline(VOID, "print_values"))
    assert 'const char *label = "scores";' in copy
    assert "const int *values = scores;" in copy
    assert "int length_2 = length - 1;" in copy
    assert "i < length_2" in copy and "i < length;" not in copy


def test_prototype_and_definition_are_deleted_and_comments_kept() -> None:
    code = inline(VOID, "print_values").source
    assert "print_values" not in code
    assert "/* Print one labelled row of values. */" in code
    assert "/* the label first */" in code
    assert code.index("/* Print one") > code.index("int main(void)")


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
    code = inline(TAIL, "sum").source
    assert "    long total;\n    {\n" in code
    assert "long total_2 = 0;" in code and "total = total_2;" in code
    assert "const int *values" not in code, "same-named arguments are used directly"


def test_returned_expression_keeps_the_return_type() -> None:
    assert "(double)(count / 2)" in inline(TAIL, "half").source


NESTED = """\
#include <stdio.h>

static int square(int side) { return side * side; }

static void report_area(int side)
{
    printf("area %d\\n", square(side));
}

static void report(int side)
{
    report_area(side);
    printf("perimeter %d\\n", 4 * side);
}

int main(void)
{
    int side = 5;
    report(side);
    return 0;
}
"""


def test_helpers_of_inlined_helpers_follow_into_the_caller() -> None:
    rewriter = inline(NESTED, "report", "report_area", "square")
    assert [function.name for function in functions(parse(rewriter.source))] == ["main"]
    assert {location.function for location in rewriter.locations()} == {"main"}
    assert 'printf("area %d\\n", side * side);' in rewriter.source


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
    assert "const int (*grid)[COLUMNS] = cells;" in copied_lines(inline(ARRAYS, "print_grid"))


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
    rewriter = inline(CONDITION, "over_limit")
    assert "    } else {\n        int limit = 5;\n        int doubled = value * 2;\n" in rewriter.source
    copy = copied_lines(rewriter)
    assert "if (doubled > limit) {" in copy and 'printf("over %d\\n", value);' in copy


def test_no_numeric_literal_is_added_or_lost() -> None:
    for source in (EXPRESSION, VOID, TAIL, NESTED, ARRAYS, CONDITION):
        assert literals(inline(source, *helpers_of(source)).source) == literals(source)


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
def test_unsafe_helpers_are_refused(helper: str, reason: str) -> None:
    source = f"#include <stdio.h>\n\n{helper}\n\nint main(void)\n{{\n    count_down(3);\n    return 0;\n}}\n"
    assert reason in refusal(source, "count_down")


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        (
            "static int twice(int n) { return 2 * n; }\n\n"
            "int main(void)\n{\n    int (*operation)(int) = twice;\n    return operation(0) + twice(0);\n}\n",
            "address taken",
        ),
        (
            "int limit = 3;\n\nstatic int over(int value) { return value > limit; }\n\n"
            "int main(void)\n{\n    int limit = 1;\n    return over(limit);\n}\n",
            "shadows",
        ),
        (
            "static int below(int value, int limit) { int margin = limit - value; return margin > 0; }\n\n"
            "int main(void)\n{\n    int value = 0;\n    while (below(value, 3)) {\n        value++;\n    }\n"
            "    return value;\n}\n",
            "loop header",
        ),
        (
            "#define TWICE(x) ((x) + (x))\n\n"
            "static int next(int *counter) { int value = *counter; *counter += 1; return value; }\n\n"
            "int main(void)\n{\n    int counter = 0;\n    return TWICE(next(&counter));\n}\n",
            "macro argument",
        ),
        (
            "static int scaled(int value);\n\nint main(void)\n{\n    return scaled(0);\n}\n\n"
            "int factor = 3;\n\nstatic int scaled(int value) { return value * factor; }\n",
            "declared after the caller",
        ),
    ],
    ids=["address-taken", "shadowed-global", "loop-header", "macro-argument", "declared-after"],
)
def test_unsafe_calls_are_refused(source: str, reason: str) -> None:
    name = next(function.name for function in functions(parse(source)) if function.name != "main")
    assert reason in refusal(source, name)


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


@pytest.mark.parametrize(
    "source",
    [EXPRESSION, VOID, TAIL, NESTED, ARRAYS, CONDITION],
    ids=["expression", "void", "tail", "nested", "arrays", "condition"],
)
def test_inlined_programs_keep_their_behaviour(local_sandbox: LocalSandbox, source: str) -> None:
    """Inlined, every helper compiles without new warnings (unused parameters aside), prints the same."""
    after = inline(source, *helpers_of(source)).source
    expected, actual = local_sandbox.compile_and_run(source, [""]), local_sandbox.compile_and_run(after, [""])
    assert expected.ok, expected.failure_reason()
    assert actual.compile.ok, f"{actual.compile.stderr}\n{after}"
    new = warning_flags(local_sandbox, after) - warning_flags(local_sandbox, source) - ACCEPTED_NEW_WARNINGS
    assert not new, f"new warnings {new}:\n{actual.compile.stderr}"
    assert [run.stdout for run in actual.runs] == [run.stdout for run in expected.runs], after
