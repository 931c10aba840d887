"""DRY by copying repeated helpers into their call sites (first form): small programs, then both forms on
the corpus in a sandbox (the second form's own cases are in ``test_transform_dry_blocks``)."""

from __future__ import annotations

import pytest

from declean.principles import dry
from declean.principles.verify import check_step
from declean.sandbox.local import LocalSandbox
from declean.tools.cparse import parse
from declean.tools.transforms.base import Level, TransformResult
from tests.corpus_index import CorpusProgram, clean_programs
from tests.test_transform_srp import LEVELS, assert_same_behaviour
from tests.transform_checks import clean_program_params

MINIMUM_CLEAN_PROGRAMS = 14
"""Of the 20 clean corpus programs, DRY applies at level 2 to at least this many (15 today: the others
have no helper called twice and no loop whose pass is big enough, or only recursive helpers)."""


def lines_of(result: TransformResult, index: int = 0) -> str:
    """The code lines a location points at."""
    assert result.code is not None
    location = result.locations[index]
    return "\n".join(result.code.splitlines()[location.start_line - 1 : location.end_line])


def applied(source: str, level: Level = 2) -> TransformResult:
    result = dry.transform(source, level)
    assert result.applied, result.reason
    assert result.principle == "DRY" and result.level == level
    return result


VECTORS = """\
#include <stdio.h>

#define VECTOR_LENGTH 4

static void print_vector(const char *label, const int *vector, int length);

/* Print a labelled vector on one line. */
static void print_vector(const char *label, const int *vector, int length)
{
    printf("%s:", label);
    for (int i = 0; i < length; i++) {
        printf(" %d", vector[i]);
    }
    printf("\\n");
}

static int scaled(int value, int factor)
{
    int product = value * factor;
    return product;
}

int main(void)
{
    const int first[VECTOR_LENGTH] = {1, 2, 3, 4};
    const int second[VECTOR_LENGTH] = {10, 20, 30, 40};
    int length = VECTOR_LENGTH;

    print_vector("first", first, length);
    print_vector("second", second, length - 1);
    printf("%d\\n", scaled(first[1], 3));
    printf("%d\\n", scaled(second[1], length));
    return 0;
}
"""


def test_level_one_copies_one_call_and_keeps_the_helper() -> None:
    result = applied(VECTORS, 1)
    assert result.code is not None
    assert result.code.count("static void print_vector(") == 2, "prototype and definition stay"
    assert result.code.count("print_vector(") == 3
    assert [(loc.function, loc.detail) for loc in result.locations] == [
        ("main", "copy 2 of print_vector in main")
    ]
    copy = lines_of(result)
    assert 'const char *label = "first";' in copy and "const int *vector = first;" in copy
    assert "int length" not in copy, "the caller's same-named variable is used directly"


def test_level_two_copies_every_call_of_one_helper_and_deletes_it() -> None:
    result = applied(VECTORS, 2)
    assert result.code is not None
    assert "print_vector" not in result.code
    assert "scaled(" in result.code
    assert [loc.detail for loc in result.locations] == [
        "copy 1 of print_vector in main",
        "copy 2 of print_vector in main",
    ]
    assert "/* Print a labelled vector on one line. */" in lines_of(result, 0)
    assert "int length_2 = length - 1;" in lines_of(result, 1)


def test_level_three_copies_every_repeated_helper() -> None:
    result = applied(VECTORS, 3)
    assert result.code is not None
    assert "print_vector" not in result.code and "scaled" not in result.code
    details = [loc.detail for loc in result.locations]
    assert details == [
        "copy 1 of print_vector in main",
        "copy 2 of print_vector in main",
        "copy 1 of scaled in main",
        "copy 2 of scaled in main",
    ]
    assert "int factor = 3;" in lines_of(result, 2)
    assert "int factor = length;" in lines_of(result, 3)


def test_locations_cover_each_copy() -> None:
    result = applied(VECTORS, 3)
    for index in range(len(result.locations)):
        copy = lines_of(result, index)
        assert copy.lstrip().startswith(("{", "/*")) and copy.rstrip().endswith("}")


@pytest.mark.parametrize("level", LEVELS)
def test_the_static_verifier_sees_only_duplication(level: Level) -> None:
    result = applied(VECTORS, level)
    assert result.code is not None
    check = check_step("DRY", VECTORS, result.code)
    assert check.verified and check.collateral == [], check.explain()


def test_is_deterministic() -> None:
    assert dry.transform(VECTORS, 3) == dry.transform(VECTORS, 3)


def test_levels_differ() -> None:
    codes = [applied(VECTORS, level).code for level in LEVELS]
    assert len(set(codes)) == 3


def test_copies_too_short_to_be_repeated_logic_are_not_applicable() -> None:
    source = """\
#include <stdio.h>

static int is_even(int number) { return number % 2 == 0; }

int main(void)
{
    for (int value = 0; value < 4; value++) {
        if (is_even(value)) {
            printf("%d even\\n", value);
        }
    }
    printf("%d\\n", is_even(7));
    return 0;
}
"""
    for level in LEVELS:
        result = dry.transform(source, level)
        assert not result.applied and result.reason is not None
        assert "is_even: its copies do not register as duplicated logic" in result.reason


def test_nothing_called_twice_and_no_loop_is_not_applicable() -> None:
    source = "static int one(void) { return 1; }\n\nint main(void)\n{\n    return one() - 1;\n}\n"
    result = dry.transform(source, 2)
    assert not result.applied
    assert result.reason == "no helper is called two or more times, and no loop to write a first pass of"


def test_recursive_helper_is_not_applicable() -> None:
    source = """\
static int factorial(int n) { return n <= 1 ? 1 : n * factorial(n - 1); }

int main(void)
{
    return factorial(3) - factorial(3);
}
"""
    result = dry.transform(source, 3)
    assert not result.applied and result.reason is not None and "factorial: recursive" in result.reason


def test_calls_that_cannot_be_hoisted_are_left_alone() -> None:
    source = """\
#include <stdio.h>

static int clamp(int value, int low, int high)
{
    int result = value;
    if (result < low) {
        result = low;
    }
    if (result > high) {
        result = high;
    }
    return result;
}

int main(void)
{
    int value = -3;
    int low = 0;
    int high = 2;
    while (clamp(value, low, high) < high) {
        value++;
    }
    printf("%d\\n", clamp(value, low, high));
    return 0;
}
"""
    result = applied(source, 2)
    assert result.code is not None
    assert "while (clamp(value, low, high) < high)" in result.code, "a loop condition is never hoisted"
    assert [loc.detail for loc in result.locations] == ["copy 2 of clamp in main"]
    assert 'printf("%d\\n", result);' in lines_of(result)


def test_parse_errors_are_not_applicable() -> None:
    result = dry.transform("int main(void) { return 0 }", 2)
    assert not result.applied and result.reason == "the program does not parse"


@pytest.mark.parametrize("level", LEVELS)
def test_small_program_keeps_its_behaviour(local_sandbox: LocalSandbox, level: Level) -> None:
    result = applied(VECTORS, level)
    assert result.code is not None
    assert_same_behaviour(local_sandbox, VECTORS, result.code, [""])


@pytest.mark.parametrize("program", clean_program_params())
@pytest.mark.parametrize("level", LEVELS)
def test_corpus_program_keeps_its_behaviour(
    local_sandbox: LocalSandbox, program: CorpusProgram, level: Level
) -> None:
    result = dry.transform(program.source, level)
    if not result.applied:
        pytest.skip(f"DRY not applicable: {result.reason}")
    assert result.code is not None and result.locations
    assert not parse(result.code).root_node.has_error
    check = check_step("DRY", program.source, result.code)
    assert check.verified and check.collateral == [], check.explain()
    assert_same_behaviour(local_sandbox, program.source, result.code, program.stdin)


@pytest.mark.parametrize("level", LEVELS)
def test_applies_to_most_of_the_clean_corpus(level: Level) -> None:
    applied = [program.name for program in clean_programs() if dry.transform(program.source, level).applied]
    assert len(applied) >= MINIMUM_CLEAN_PROGRAMS, applied
