"""SRP by mixing jobs: helpers called once are inlined so that one function reads, computes or prints
too; on small programs, then on the clean corpus in a sandbox."""

from __future__ import annotations

import re

import pytest

from declean.principles import srp
from declean.principles.verify import check_step, measure
from declean.sandbox.local import LocalSandbox
from declean.tools.cparse import functions, parse
from declean.tools.transforms.base import Level, TransformResult
from declean.tools.transforms.srp import mix_jobs
from tests.corpus_index import CorpusProgram
from tests.transform_checks import clean_program_params

LEVELS: tuple[Level, ...] = (1, 2, 3)
ACCEPTED_NEW_WARNINGS = {"-Wunused-parameter"}

STATS = """\
#include <stdio.h>

#define MAX_VALUES 100

static int read_values(int values[], int capacity)
{
    int count = 0;
    while (count < capacity && scanf("%d", &values[count]) == 1) {
        count++;
    }
    return count;
}

static long sum_values(const int values[], int count)
{
    long total = 0;
    for (int i = 0; i < count; i++) {
        total += values[i];
    }
    return total;
}

/* The mean, or 0 for no values. */
static double mean(long total, int count)
{
    return count > 0 ? (double)total / count : 0.0;
}

static void print_report(int count, long total)
{
    printf("count: %d\\n", count);
    printf("total: %ld\\n", total);
    printf("mean: %.2f\\n", mean(total, count));
}

int main(void)
{
    int values[MAX_VALUES];
    int count = read_values(values, MAX_VALUES);
    long total = sum_values(values, count);
    print_report(count, total);
    return 0;
}
"""
"""A reading, a computing and a printing helper, each called once by main."""
STATS_STDIN = ["4 8 15 16\n", "", "-3\n"]


def applied(source: str, level: Level = 2) -> TransformResult:
    result = srp.transform(source, level)
    assert result.applied, result.reason
    assert result.principle == "SRP" and result.level == level and result.code is not None
    return result


def mixed(code: str) -> dict[str, tuple[str, ...]]:
    """Function name -> the jobs it mixes, for the functions mixing two or more."""
    from declean.tools.jobs import program_jobs

    return {jobs.name: found for jobs in program_jobs(parse(code)) if len(found := srp.mixed_jobs(jobs)) >= 2}


def inlined(result: TransformResult) -> list[str]:
    return [location.detail for location in result.locations]


def test_level_one_inlines_the_fewest_helpers_that_mix_two_jobs() -> None:
    result = applied(STATS, 1)
    assert result.code is not None
    assert inlined(result) == [
        "inlined read_values (input) into main",
        "inlined sum_values (computation) into main",
    ]
    assert mixed(result.code) == {"main": ("input", "computation")}
    assert {function.name for function in functions(parse(result.code))} == {"mean", "print_report", "main"}


def test_level_two_mixes_three_jobs_with_the_fewest_helpers() -> None:
    result = applied(STATS, 2)
    assert result.code is not None
    assert len(result.locations) == 3 and "mean" in result.code.split("int main")[0]
    assert mixed(result.code) == {"main": ("input", "computation", "output")}


def test_level_three_merges_every_helper_it_can() -> None:
    result = applied(STATS, 3)
    assert result.code is not None
    assert [function.name for function in functions(parse(result.code))] == ["main"]
    assert inlined(result)[-1] == "inlined mean (computation) into main"
    assert "/* The mean, or 0 for no values. */" in result.code.split("int main")[1]


@pytest.mark.parametrize("level", LEVELS)
def test_every_level_is_verified_by_the_measure_with_nothing_else_violated(level: Level) -> None:
    result = applied(STATS, level)
    assert result.code is not None
    check = check_step("SRP", STATS, result.code)
    assert check.verified and check.collateral == [], check.explain()


def test_locations_point_at_the_inlined_copies() -> None:
    result = applied(STATS, 3)
    assert result.code is not None
    lines = result.code.splitlines()
    markers = {"read_values": "scanf", "sum_values": "total", "print_report": "printf", "mean": "count > 0"}
    for location in result.locations:
        copied = "\n".join(lines[location.start_line - 1 : location.end_line])
        assert location.function == "main" and markers[location.detail.split()[1]] in copied, location


PRINTING = """\
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

int main(void)
{
    int side = 5;
    report_area(side);
    report_perimeter(side);
    printf("done\\n");
    return 0;
}
"""


def test_helpers_that_only_print_are_not_applicable() -> None:
    """Inlining them would only make main longer: it would still just print."""
    result = srp.transform(PRINTING, 3)
    assert not result.applied and result.reason is not None
    assert result.reason.startswith("inlining the helpers called once makes no function mix two jobs")


def test_helper_called_twice_is_never_inlined() -> None:
    """Copying it would repeat its logic: DRY, not SRP."""
    sums = STATS[STATS.index("static long") : STATS.index("/* The mean")]
    main = "int main(void)\n{\n    const int first[] = {1, 2}, second[] = {3, 4};\n"
    main += '    printf("%ld %ld\\n", sum_values(first, 2), sum_values(second, 2));\n    return 0;\n}\n'
    result = srp.transform("#include <stdio.h>\n\n" + sums + main, 3)
    assert not result.applied and result.reason == "no helper is called exactly once"


@pytest.mark.parametrize(
    ("helper", "reason"),
    [
        ("static int count_down(int n) { return n <= 0 ? 0 : count_down(n - 1); }", "recursive"),
        ("static int count_down(int n) { static int calls; calls += n; return calls; }", "static locals"),
    ],
)
def test_unsafe_helpers_are_listed_with_their_reason(helper: str, reason: str) -> None:
    source = f"#include <stdio.h>\n\n{helper}\n\nint main(void)\n{{\n    count_down(3);\n    return 0;\n}}\n"
    result = srp.transform(source, 3)
    assert not result.applied and result.reason is not None
    assert result.reason.startswith("no helper called exactly once can be inlined safely")
    assert reason in result.reason and "count_down" in result.reason


def test_parse_errors_are_not_applicable() -> None:
    result = srp.transform("int main(void) { return 0 }", 2)
    assert not result.applied and result.reason == "the program does not parse"


def test_a_refused_rewrite_is_not_returned() -> None:
    result = mix_jobs(STATS, 1, verdict=srp.mixed_jobs, refuses=lambda before, after: "not today")
    assert not result.applied and result.reason is not None
    assert result.reason.startswith("no rewrite that mixes jobs was kept (")
    assert "read_values, sum_values into main: not today" in result.reason


def test_is_deterministic() -> None:
    assert srp.transform(STATS, 1) == srp.transform(STATS, 1)
    assert srp.transform(STATS, 3) == srp.transform(STATS, 3)


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


@pytest.mark.parametrize("level", LEVELS)
def test_small_program_keeps_its_behaviour(local_sandbox: LocalSandbox, level: Level) -> None:
    result = applied(STATS, level)
    assert result.code is not None
    assert_same_behaviour(local_sandbox, STATS, result.code, STATS_STDIN)


@pytest.mark.parametrize("program", clean_program_params())
@pytest.mark.parametrize("level", LEVELS)
def test_corpus_program_keeps_its_behaviour_and_mixes_jobs(
    local_sandbox: LocalSandbox, program: CorpusProgram, level: Level
) -> None:
    result = srp.transform(program.source, level)
    if not result.applied:
        assert result.reason
        pytest.skip(f"SRP not applicable: {result.reason}")
    assert result.code is not None and result.locations
    assert not parse(result.code).root_node.has_error
    check = check_step("SRP", program.source, result.code)
    assert check.verified and check.collateral == [], check.explain()
    assert measure(result.code)["SRP"].violated
    assert_same_behaviour(local_sandbox, program.source, result.code, program.stdin)
