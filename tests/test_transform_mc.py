"""The MC transform: named numeric constants inlined by code, checked on snippets and on the clean corpus."""

from __future__ import annotations

from typing import Any

import pytest

from declean.sandbox.local import LocalSandbox
from declean.tools.transforms.base import Level, TransformResult
from declean.tools.transforms.mc import inline_constants
from tests.corpus_index import clean_programs
from tests.transform_checks import clean_program_params, same_output

LEVELS: tuple[Level, ...] = (1, 2, 3)


def inlined(source: str, level: Level = 3) -> TransformResult:
    result = inline_constants(source, level)
    assert result.applied, result.reason
    assert result.code is not None
    return result


def code_of(source: str, level: Level = 3) -> str:
    return inlined(source, level).code or ""


def replaced(result: TransformResult) -> set[str]:
    return {location.detail.split(" -> ")[0] for location in result.locations}


MACROS = """\
#include <stdio.h>

#define MAX_ITEMS 5
#define OFFSET (-3)
#define SCALE 2.5f
#define LIMIT 10u /* upper bound */
#define HALF (MAX_ITEMS / 2)
#define SQUARE(x) ((x) * (x))
#define GREETING "MAX_ITEMS"

int main(void)
{
    int items[MAX_ITEMS];
    for (int i = 0; i < MAX_ITEMS; i++) {
        items[i] = i - OFFSET;
    }
    switch (items[1]) {
    case MAX_ITEMS - 1:
        puts("four");
        break;
    default:
        puts("other");
    }
    printf("%s %d %d %.2f %u %zu\\n", GREETING, HALF, SQUARE(items[2]), SCALE * 2, LIMIT - 11, sizeof(LIMIT));
    return 0;
}
"""


def test_object_like_macros_are_inlined_everywhere(local_sandbox: LocalSandbox) -> None:
    result = inlined(MACROS)
    code = result.code or ""
    assert "#define MAX_ITEMS" not in code
    assert "#define OFFSET" not in code
    assert "int items[5];" in code
    assert "case 5 - 1:" in code
    assert "items[i] = i - (-3);" in code
    assert "#define HALF (5 / 2)" in code
    assert "2.5f * 2" in code
    assert "10u - 11" in code
    assert "sizeof(10u)" in code
    assert "#define SQUARE(x) ((x) * (x))" in code
    assert '#define GREETING "MAX_ITEMS"' in code
    assert replaced(result) == {"MAX_ITEMS", "OFFSET", "SCALE", "LIMIT"}
    same_output(local_sandbox, MACROS, code, [""])


def test_stringified_tested_and_undefined_macros_are_skipped() -> None:
    source = (
        "#include <stdio.h>\n#define STR(x) #x\n#define WIDTH 8\n#define DEBUG 1\n#define TEMP 3\n"
        "#define DEPTH 4\n#undef TEMP\n"
        'int main(void)\n{\n#ifdef DEBUG\n    printf("%s %d\\n", STR(WIDTH), WIDTH);\n#endif\n'
        "    return DEPTH - 4;\n}\n"
    )
    result = inlined(source)
    assert replaced(result) == {"DEPTH"}
    assert "STR(WIDTH), WIDTH" in (result.code or "")


CONSTS = """\
#include <stddef.h>
#include <stdio.h>

static const int LIMIT = 10;
static const double RATE = 2;
const unsigned long BIG = 7;
const short SMALL = 3;
const size_t CAPACITY = 16;
const float HALF = 0.5f;
const int NEGATIVE = -5;

static int limited(int value)
{
    const int LIMIT = 3;
    return value > LIMIT ? LIMIT : value;
}

int main(void)
{
    int numerator = 7;
    const int first = 1, second = 2, third = first + 1;
    printf("%d %d %d\\n", limited(5), LIMIT, limited(LIMIT));
    {
        int LIMIT = 40;
        LIMIT++;
        printf("%d\\n", LIMIT);
    }
    printf("%.3f %lu %zu %zu %zu\\n", numerator / RATE, BIG * 3, sizeof(SMALL), sizeof SMALL, CAPACITY);
    printf("%.2f %d %d %d %d %d\\n", HALF * 3, NEGATIVE * 2, -NEGATIVE, first, second, third);
    return 0;
}
"""


def test_const_variables_keep_type_and_scope(local_sandbox: LocalSandbox) -> None:
    result = inlined(CONSTS)
    code = result.code or ""
    assert "return value > 3 ? 3 : value;" in code
    assert "limited(5), 10, limited(10)" in code
    assert "int LIMIT = 40;" in code
    assert "LIMIT++;" in code
    assert "numerator / 2.0" in code
    assert "7UL * 3" in code
    assert "sizeof(((short)3)), sizeof ((short)3)" in code
    assert "((size_t)16)" in code
    assert "0.5f * 3" in code
    assert "(-5) * 2, -(-5)" in code
    assert "const int third = 1 + 1;" in code
    assert "first" not in code
    assert "const" not in code.replace("const int third", "")
    same_output(local_sandbox, CONSTS, code, [""])


def test_floating_consts_get_their_own_literal_type_or_are_skipped() -> None:
    source = (
        "#include <stdio.h>\n#define LEVEL 2\n#if LEVEL > 1\n#define VERBOSE 1\n#endif\n"
        "int main(void)\n{\n    const float UNIT = 1;\n    const long double PRECISE = 3;\n"
        "    const long double ROUNDED = 0.1;\n    const double NARROW = 0.1f;\n"
        '    printf("%f %Lf %Lf %f %d\\n", UNIT / 3, PRECISE / 7, ROUNDED, NARROW, VERBOSE);\n'
        "    return 0;\n}\n"
    )
    code = code_of(source)
    assert "1.0f / 3, 3.0L / 7, ROUNDED, NARROW, 1);" in code
    assert "#if 2 > 1\n#endif\n" in code


def test_consts_whose_address_is_taken_or_named_in_a_macro_are_skipped() -> None:
    source = (
        '#include <stdio.h>\n#define SHOW() printf("%d\\n", SHOWN)\nstatic const int SHOWN = 4;\n'
        "static const int POINTED = 5;\nstatic const int PLAIN = 6;\n"
        "int main(void)\n{\n    const int *where = &POINTED;\n    SHOW();\n"
        "    return *where + SHOWN + PLAIN;\n}\n"
    )
    result = inlined(source)
    assert replaced(result) == {"PLAIN"}


ENUMS = """\
#include <stdio.h>

enum Color { RED, GREEN = 5, BLUE };
enum { FLAG_READ = 1 << 2, FLAG_WRITE, FLAG_NEGATIVE = -2, FLAG_AFTER };
typedef enum { MODE_OFF, MODE_ON } Mode;

static const char *describe(enum Color color)
{
    switch (color) {
    case RED:
        return "red";
    case GREEN:
        return "green";
    default:
        return "blue";
    }
}

int main(void)
{
    enum Color color = BLUE;
    printf("%s %d %d %d %d %d\\n", describe(color), BLUE, FLAG_READ, FLAG_WRITE, FLAG_NEGATIVE, FLAG_AFTER);
    printf("%s %zu %d\\n", describe(GREEN), sizeof(RED), MODE_ON);
    return 0;
}
"""


def test_enum_constants_get_their_computed_values(local_sandbox: LocalSandbox) -> None:
    result = inlined(ENUMS)
    code = result.code or ""
    assert "enum Color { RED, GREEN = 5, BLUE };" in code
    assert "case 0:" in code
    assert "case 5:" in code
    assert "enum Color color = 6;" in code
    assert "describe(color), 6, 4, 5, (-2), (-1)" in code
    assert "sizeof(0)" in code
    assert "FLAG_" not in code
    assert "MODE_" not in code
    assert "Mode" not in code
    same_output(local_sandbox, ENUMS, code, [""])


def test_levels_inline_more_and_more() -> None:
    results = {level: inlined(CONSTS, level) for level in LEVELS}
    constants = {
        level: {location.detail for location in result.locations} for level, result in results.items()
    }
    assert constants[1] == {"LIMIT -> 10"}
    assert len(constants[2]) == 5
    assert len(constants[3]) == 10
    assert constants[1] < constants[2] < constants[3]
    assert len({result.code for result in results.values()}) == 3


def test_level_one_picks_the_most_used_constant() -> None:
    result = inlined(MACROS, 1)
    assert replaced(result) == {"MAX_ITEMS"}
    assert "#define OFFSET (-3)" in (result.code or "")


def test_zero_and_one_are_not_magic_numbers() -> None:
    source = (
        "#include <stdio.h>\n#define FIRST_INDEX 0\n#define STEP 1\n#define WIDTH 12\n"
        "int main(void)\n{\n    int total = FIRST_INDEX;\n    total += STEP;\n    total += STEP;\n"
        '    printf("%d\\n", total * WIDTH + FIRST_INDEX);\n    return 0;\n}\n'
    )
    assert replaced(inlined(source, 1)) == {"WIDTH"}
    assert replaced(inlined(source, 3)) == {"FIRST_INDEX", "STEP", "WIDTH"}
    only_trivial = inline_constants(source.replace("#define WIDTH 12", "#define WIDTH 1"), 2)
    assert not only_trivial.applied
    assert only_trivial.reason is not None
    assert "would become a magic number" in only_trivial.reason


NOT_MAGIC_WHERE_USED = """\
#include <stdio.h>
#define NOT_FOUND (-1)
#define FIELDS 3
#define PERCENT 100
#define LIMIT 40

static int find(int value)
{
    return value > LIMIT ? NOT_FOUND : value;
}

int main(void)
{
    int a = 0, b = 0, c = 0;
    if (scanf("%d %d %d", &a, &b, &c) != FIELDS || find(a) == NOT_FOUND || c == 0) {
        return 1;
    }
    printf("%d\\n", b * PERCENT / c);
    return 0;
}
"""


def test_constants_are_ranked_by_the_magic_numbers_the_measure_would_see() -> None:
    """A sentinel -1, a scanf count and a percentage are not magic where they stand: level 1 inlines the
    limit, and a program whose only constant is such a sentinel is not applicable."""
    assert replaced(inlined(NOT_MAGIC_WHERE_USED, 1)) == {"LIMIT"}
    assert replaced(inlined(NOT_MAGIC_WHERE_USED, 3)) == {"NOT_FOUND", "FIELDS", "PERCENT", "LIMIT"}
    sentinel_only = (
        "#define NOT_FOUND (-1)\n"
        "static int find(const int values[], int count, int target)\n{\n"
        "    for (int i = 0; i < count; i++) {\n        if (values[i] == target) {\n            return i;\n"
        "        }\n    }\n    return NOT_FOUND;\n}\n"
        "int main(void)\n{\n    const int values[] = {4, 8, 15};\n"
        "    return find(values, 3, 8) == NOT_FOUND;\n}\n"
    )
    result = inline_constants(sentinel_only, 3)
    assert not result.applied, result.code
    assert result.reason is not None and "would become a magic number" in result.reason


def test_deterministic() -> None:
    for level in LEVELS:
        assert inline_constants(ENUMS, level) == inline_constants(ENUMS, level)


def test_locations_point_at_the_literals_in_the_new_code() -> None:
    result = inlined(MACROS)
    lines = (result.code or "").splitlines()
    for location in result.locations:
        literal = location.detail.split(" -> ")[1]
        assert literal in lines[location.start_line - 1]
        assert location.start_line == location.end_line
    first = result.locations[0]
    assert first.detail == "MAX_ITEMS -> 5"
    assert first.function is None
    assert lines[first.start_line - 1] == "#define HALF (5 / 2)"
    assert {location.function for location in result.locations[1:]} == {"main"}


def test_not_applicable_with_a_reason() -> None:
    broken = inline_constants("#define N 3\nint main(void) { return N +; }", 2)
    assert not broken.applied
    assert broken.reason == "tree-sitter reports parse errors"
    source = (
        "#include <stdio.h>\n#define TWICE(x) (2 * (x))\n#define SEPARATOR ','\n#define UNUSED 4\n"
        'int main(void)\n{\n    const char *name = "n";\n'
        '    printf("%d%c%s\\n", TWICE(3), SEPARATOR, name);\n'
        "    return 0;\n}\n"
    )
    nothing = inline_constants(source, 3)
    assert not nothing.applied
    assert nothing.reason == "no named numeric constant (#define, const or enum) is used"
    assert nothing.principle == "MC"


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("program", clean_program_params())
def test_corpus_program_keeps_its_output(program: Any, level: Level, local_sandbox: LocalSandbox) -> None:
    result = inline_constants(program.source, level)
    if not result.applied:
        pytest.skip(f"not applicable: {result.reason}")
    assert result.locations
    same_output(local_sandbox, program.source, result.code or "", program.stdin)


def test_most_corpus_programs_have_constants_to_inline() -> None:
    programs = clean_programs()
    applied = [program.name for program in programs if inline_constants(program.source, 3).applied]
    assert len(applied) * 4 >= len(programs) * 3, applied
