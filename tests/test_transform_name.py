"""The NAME transform: scope-aware renaming by code, checked on snippets and on the clean corpus."""

from __future__ import annotations

import re
from typing import Any

import pytest

from declean.principles.name import judge_names
from declean.sandbox.local import LocalSandbox
from declean.tools.cparse import parse
from declean.tools.transforms.base import Level, TransformResult
from declean.tools.transforms.name import C_KEYWORDS, LIBC_NAMES, rename_identifiers
from tests.transform_checks import clean_program_params, same_output

LEVELS: tuple[Level, ...] = (1, 2, 3)


def renamed(source: str, level: Level = 3) -> TransformResult:
    result = rename_identifiers(source, level)
    assert result.applied, result.reason
    assert result.code is not None
    return result


def mapping(result: TransformResult) -> list[tuple[str, str]]:
    """(old, new) per location, in order."""
    pairs = [re.fullmatch(r"renamed (\w+) -> (\w+)", location.detail) for location in result.locations]
    return [(match.group(1), match.group(2)) for match in pairs if match is not None]


def words(code: str) -> set[str]:
    return set(re.findall(r"[A-Za-z_]\w*", code))


SHADOWING = """\
#include <stdio.h>

static int total_of(const int values[], int count)
{
    int total = 0;
    for (int i = 0; i < count; i++) {
        total += values[i];
    }
    return total;
}

int main(void)
{
    int values[] = {3, 4, 5};
    int total = 100;
    printf("before %d\\n", total);
    {
        int total = total_of(values, 3);
        printf("inner %d\\n", total);
    }
    printf("outer %d\\n", total);
    for (int total = 0; total < 2; total++) {
        printf("loop %d\\n", total);
    }
    return 0;
}
"""


def test_shadowed_variables_are_different_symbols(local_sandbox: LocalSandbox) -> None:
    result = renamed(SHADOWING)
    pairs = mapping(result)
    totals = [new for old, new in pairs if old == "total"]
    assert len(totals) == 4
    assert len(set(totals)) == 4
    assert "total" not in words(result.code or "")
    same_output(local_sandbox, SHADOWING, result.code or "", [""])


def test_use_before_an_inner_declaration_keeps_the_outer_symbol() -> None:
    source = (
        "int main(void)\n{\n    int count = 2;\n    {\n        int twice = count * 2;\n"
        "        int count = twice;\n        return count;\n    }\n}\n"
    )
    result = renamed(source)
    code, twice = result.code or "", dict(mapping(result))["twice"]
    first, second = [new for old, new in mapping(result) if old == "count"]
    assert f"int {twice} = {first} * 2;" in code
    assert f"int {second} = {twice};" in code
    assert f"return {second};" in code


RECURSION = """\
#include <stdio.h>

static long factorial(int number);

static long factorial(int number)
{
    return number <= 1 ? 1 : number * factorial(number - 1);
}

static int next_ticket(void)
{
    static int issued = 0;
    issued++;
    return issued;
}

int main(void)
{
    printf("%ld\\n", factorial(6));
    next_ticket();
    printf("ticket %d\\n", next_ticket());
    return 0;
}
"""


def test_recursion_prototypes_and_static_locals(local_sandbox: LocalSandbox) -> None:
    result = renamed(RECURSION)
    names = dict(mapping(result))
    code = result.code or ""
    assert {"factorial", "number", "next_ticket", "issued"} <= names.keys()
    assert len(re.findall(rf"\b{names['factorial']}\(", code)) == 4
    assert f"static long {names['factorial']}(int {names['number']});" in code
    assert f"static int {names['issued']} = 0;" in code
    assert "main" in words(code)
    same_output(local_sandbox, RECURSION, code, [""])


PROTECTED = """\
#include <stdio.h>
#include <string.h>

#define LIMIT 3
#define SQUARE(value) ((value) * (value))
#define SHOW_BALANCE() printf("balance=%d\\n", balance)

typedef struct Account {
    int balance;
    char owner[16];
} Account;

enum Kind { KIND_SAVINGS, KIND_CHECKING };

extern int errno_like;
int shared_counter = 0;

static void describe(const Account *account, enum Kind kind)
{
    int balance = account->balance;
    /* the comment mentions describe and balance */
    printf("describe %s: balance %d kind %d '%c' %zu\\n", account->owner, balance, kind, 'b',
           strlen(account->owner));
    SHOW_BALANCE();
    shared_counter += SQUARE(LIMIT);
}

int main(void)
{
    Account account = {.balance = 7, .owner = "ada"};
    describe(&account, KIND_CHECKING);
    printf("%d\\n", shared_counter);
    return 0;
}
"""


def test_macros_types_members_strings_and_library_names_are_untouched(local_sandbox: LocalSandbox) -> None:
    result = renamed(PROTECTED)
    code = result.code or ""
    renamed_names = {old for old, _ in mapping(result)}
    assert renamed_names == {"describe", "account", "kind", "shared_counter"}
    for kept in ("LIMIT", "SQUARE", "value", "SHOW_BALANCE", "Account", "KIND_CHECKING", "errno_like"):
        assert kept in words(code)
    assert ".balance = 7" in code
    assert "->balance" in code
    assert "int balance = " in code
    assert "\"describe %s: balance %d kind %d '%c' %zu\\n\"" in code
    assert "/* the comment mentions describe and balance */" in code
    assert "strlen(" in code
    assert "printf(" in code
    same_output(local_sandbox, PROTECTED, code, [""])


def test_block_scope_extern_and_macro_parameters(local_sandbox: LocalSandbox) -> None:
    source = (
        "#include <stdio.h>\n#define TWICE(amount) (2 * (amount))\nint counter;\n"
        "static void bump(void)\n{\n    extern int counter;\n    counter++;\n}\n"
        "int main(void)\n{\n    int amount = 4;\n    bump();\n"
        '    printf("%d %d\\n", TWICE(amount), counter);\n'
        "    return 0;\n}\n"
    )
    result = renamed(source)
    names = dict(mapping(result))
    code = result.code or ""
    assert set(names) == {"counter", "bump", "amount"}
    assert len(re.findall(rf"\b{names['counter']}\b", code)) == 4
    assert f"TWICE({names['amount']})" in code
    assert "#define TWICE(amount) (2 * (amount))" in code
    same_output(local_sandbox, source, code, [""])


def test_loop_indices_and_one_letter_names_are_left_alone() -> None:
    source = (
        "int main(void)\n{\n    int sum = 0;\n    for (int i = 0; i < 3; i++)\n"
        "        for (int j = 0; j < 3; j++)\n            sum += i * j;\n    return sum > 100;\n}\n"
    )
    result = renamed(source)
    assert mapping(result) == [("sum", "a")]
    assert "for (int i = 0; i < 3; i++)" in (result.code or "")


def test_new_names_collide_with_nothing_in_the_program() -> None:
    source = (
        "#include <stdio.h>\n#define a 1\nstruct s { int b; };\nstatic int f(int c) { return c; }\n"
        "static int helper(int d) { return d + a; }\n"
        "int main(void)\n{\n    int tmp = 2, data = 3, count = 4;\n"
        '    printf("%d\\n", helper(tmp + data + count) + f(0));\n    return 0;\n}\n'
    )
    result = renamed(source)
    pairs = mapping(result)
    new_names = [new for _, new in pairs]
    assert len(new_names) == len(set(new_names))
    taken = words(source) | C_KEYWORDS | LIBC_NAMES
    assert not taken & set(new_names)
    assert {"helper", "tmp", "data", "count"} <= {old for old, _ in pairs}


LEVELS_PROGRAM = """\
#include <stdio.h>

static int add_numbers(int first_value, int second_value)
{
    int result_sum = first_value + second_value;
    return result_sum;
}

static int scale(int amount)
{
    return amount * 2;
}

int main(void)
{
    int starting_balance = 10;
    int deposit = 5;
    int fee = 1;
    int total_after_fees = add_numbers(starting_balance, deposit) - fee;
    printf("%d %d\\n", total_after_fees, scale(fee));
    return 0;
}
"""


def test_levels_rename_more_and_more() -> None:
    results = {level: renamed(LEVELS_PROGRAM, level) for level in LEVELS}
    counts = {level: len(result.locations) for level, result in results.items()}
    assert counts == {1: 3, 2: 6, 3: 10}
    first = [old for old, _ in mapping(results[1])]
    assert set(first) == {"starting_balance", "total_after_fees", "second_value"}
    second = {old for old, _ in mapping(results[2])}
    assert {"add_numbers", "scale"} <= second
    assert len({result.code for result in results.values()}) == 3


def test_deterministic() -> None:
    for level in LEVELS:
        assert rename_identifiers(LEVELS_PROGRAM, level) == rename_identifiers(LEVELS_PROGRAM, level)


def test_locations_point_at_the_declarations_in_the_new_code() -> None:
    result = renamed(SHADOWING)
    lines = (result.code or "").splitlines()
    for location, (old, new) in zip(result.locations, mapping(result), strict=True):
        assert location.detail == f"renamed {old} -> {new}"
        assert re.search(rf"\b{new}\b", lines[location.start_line - 1])
    functions = [
        (old, location.function) for location, (old, _) in zip(result.locations, mapping(result), strict=True)
    ]
    assert functions[0] == ("total_of", None)
    assert functions[1] == ("values", dict(mapping(result))["total_of"])
    assert ("values", "main") in functions


def test_not_applicable_with_a_reason() -> None:
    broken = rename_identifiers("int main(void) { int count = ; return count }", 2)
    assert not broken.applied
    assert broken.reason == "tree-sitter reports parse errors"
    nothing = rename_identifiers(
        "#include <stdio.h>\nint main(void)\n{\n    int i = 0;\n    return i;\n}\n", 2
    )
    assert not nothing.applied
    assert nothing.reason is not None
    assert nothing.reason.startswith("nothing to rename")
    assert nothing.principle == "NAME"


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("program", clean_program_params())
def test_corpus_program_keeps_its_output(program: Any, level: Level, local_sandbox: LocalSandbox) -> None:
    result = rename_identifiers(program.source, level)
    if not result.applied:
        pytest.skip(f"not applicable: {result.reason}")
    assert result.locations
    same_output(local_sandbox, program.source, result.code or "", program.stdin)


@pytest.mark.parametrize("program", clean_program_params())
def test_corpus_program_is_renamed_at_every_level(program: Any) -> None:
    counts = [len(renamed(program.source, level).locations) for level in LEVELS]
    assert 1 <= counts[0] <= counts[1] <= counts[2]


ROLES = """\
#include <stdio.h>

static void swap_values(int *first, int *second)
{
    int saved = *first;
    *first = *second;
    *second = saved;
}

int main(void)
{
    int total_count = 0;
    int letter = getchar();
    double position_x = 1.0, position_y = 2.0;
    for (int row = 0; row < 3; row++) {
        total_count += row;
    }
    swap_values(&total_count, &letter);
    printf("%d %c %.1f %.1f\\n", total_count, letter == EOF ? '-' : letter, position_x, position_y);
    return 0;
}
"""


def judged_meaningless(code: str) -> dict[str, bool]:
    return {judgement.name: judgement.why is not None for judgement in judge_names(parse(code))}


def test_new_names_are_never_conventional_in_their_role(local_sandbox: LocalSandbox) -> None:
    """No swap operand becomes a/b, no int count n, no character c, no number x/y, no loop counter one
    letter: each would be a conventional name the NAME measure accepts."""
    result = renamed(ROLES)
    names = dict(mapping(result))
    assert {names["first"], names["second"]}.isdisjoint({"a", "b"})
    assert names["total_count"] != "n" and names["letter"] != "c"
    assert {names["position_x"], names["position_y"]}.isdisjoint({"x", "y", "z", "x1", "x2"})
    assert len(names["row"]) > 1
    verdicts = judged_meaningless(result.code or "")
    assert all(verdicts[new] for new in names.values()), verdicts
    same_output(local_sandbox, ROLES, result.code or "", ["A"])


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("program", clean_program_params())
def test_corpus_new_names_are_judged_meaningless(program: Any, level: Level) -> None:
    result = renamed(program.source, level)
    verdicts = judged_meaningless(result.code or "")
    assert all(verdicts[new] for _, new in mapping(result)), verdicts
