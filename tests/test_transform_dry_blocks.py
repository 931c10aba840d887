"""DRY's second form: a loop's first pass written out before it (loop peeling), with the helper it calls
copied into the pass or twinned; the peeled shapes are checked in the sandbox."""

from __future__ import annotations

import pytest

from declean.principles import dry
from declean.principles.verify import check_step
from declean.sandbox.local import LocalSandbox
from declean.tools.cparse import apply_edits, descendants_of_type, parse
from declean.tools.transforms.base import Level, TransformResult
from declean.tools.transforms.peeling import peel
from tests.test_transform_srp import LEVELS, assert_same_behaviour

PLAYERS = """\
#include <stdio.h>

#define POINTS_PER_STAR 10

/* One line per player: name, score and a bar of stars. */
static void print_report(const char *name, int score)
{
    printf("%-8s %3d ", name, score);
    for (int star = 0; star < score / POINTS_PER_STAR; star++) {
        putchar('*');
    }
    putchar('\\n');
}

int main(void)
{
    const char *names[] = {"ann", "bob", "cy"};
    const int scores[] = {72, 95, 40};
    const int count = (int)(sizeof scores / sizeof scores[0]);

    for (int i = 0; i < count; i++) {
        print_report(names[i], scores[i]);
    }
    return 0;
}
"""

VOWELS = """\
#include <stdio.h>
#include <string.h>

#define WORD_COUNT 3

static int first_vowel(const char *word)
{
    for (int i = 0; word[i] != '\\0'; i++) {
        if (strchr("aeiou", word[i]) != NULL) {
            return i;
        }
    }
    return -1;
}

int main(void)
{
    const char *words[] = {"tree", "sky", "apple"};
    for (int i = 0; i < WORD_COUNT; i++) {
        printf("%s: %d\\n", words[i], first_vowel(words[i]));
    }
    return 0;
}
"""


def applied(source: str, level: Level = 2) -> TransformResult:
    result = dry.transform(source, level)
    assert result.applied, result.reason
    assert result.code is not None
    return result


def test_level_one_copies_the_helper_into_the_first_pass_and_keeps_it() -> None:
    result = applied(PLAYERS, 1)
    assert result.code is not None
    assert result.code.count("print_report(") == 2, "the definition and the call in the loop"
    assert "    if (0 < count) {\n        const char *name = names[0];\n" in result.code
    assert "    for (int i = 1; i < count; i++) {\n        print_report(names[i], scores[i]);" in result.code
    assert [(loc.function, loc.detail) for loc in result.locations] == [
        ("main", "first pass of a for loop written out before it"),
        ("main", "copy 2 of print_report in main"),
    ]


def test_level_two_copies_the_helper_into_both_passes_and_deletes_it() -> None:
    result = applied(PLAYERS, 2)
    assert result.code is not None
    assert "print_report" not in result.code
    assert result.code.count('printf("%-8s %3d ", name, score);') == 2
    assert result.code.count("const char *name = names[i];") == 1
    assert "/* One line per player" in result.code


def test_level_three_peels_every_loop_big_enough() -> None:
    source = PLAYERS.replace(
        "    return 0;\n}",
        "    for (int i = 0; i < count; i++) {\n"
        '        printf("[%s]", names[i]);\n        printf(" scored ");\n'
        '        printf("%d\\n", scores[i]);\n'
        "    }\n    return 0;\n}",
    )
    two, three = applied(source, 2), applied(source, 3)
    assert [loc.detail for loc in three.locations] == [
        "first pass of a for loop written out before it",
        "copy 1 of print_report in main",
        "copy 2 of print_report in main",
        "first pass of a for loop written out before it",
    ]
    assert len(two.locations) == 3
    assert three.code is not None and 'printf("[%s]", names[0]);' in three.code


def test_a_helper_that_cannot_be_inlined_gets_a_twin() -> None:
    result = applied(VOWELS, 2)
    assert result.code is not None
    assert "static int first_vowel_first(const char *word)" in result.code
    assert 'printf("%s: %d\\n", words[0], first_vowel_first(words[0]));' in result.code
    assert [loc.detail for loc in result.locations] == [
        "copy of first_vowel for the first pass",
        "first pass of a for loop written out before it",
    ]


@pytest.mark.parametrize("source", [PLAYERS, VOWELS], ids=["players", "vowels"])
@pytest.mark.parametrize("level", LEVELS)
def test_every_level_is_verified_and_keeps_the_behaviour(
    local_sandbox: LocalSandbox, source: str, level: Level
) -> None:
    result = applied(source, level)
    assert result.code is not None
    check = check_step("DRY", source, result.code)
    assert check.verified and check.collateral == [], check.explain()
    assert_same_behaviour(local_sandbox, source, result.code, [""])


def test_a_pass_too_small_to_be_repeated_logic_is_not_applicable() -> None:
    source = "#include <stdio.h>\n\nint main(void)\n{\n    for (int i = 0; i < 3; i++) {\n"
    source += '        printf("%d\\n", i);\n    }\n    return 0;\n}\n'
    result = dry.transform(source, 2)
    assert not result.applied and result.reason is not None
    assert "loop at line 5 of main: its copies do not register as duplicated logic" in result.reason


def peeled(source: str, line: int = 0) -> str:
    """``source`` with its first loop (or the loop on ``line``) peeled."""
    tree = parse(source)
    loops = descendants_of_type(tree.root_node, "for_statement", "while_statement")
    loop = next(node for node in loops if not line or node.start_point.row + 1 == line)
    edit = peel(source.encode(), tree, loop)
    assert not isinstance(edit, str), edit
    return apply_edits(source, [edit])


def program(body: str) -> str:
    return f"#include <stdio.h>\n\nint main(void)\n{{\n{body}    return 0;\n}}\n"


READER = program("""\
    int value = 0;
    int total = 0;
    while (scanf("%d", &value) == 1) {
        if (value < 0) {
            printf("stop at %d\\n", value);
            break;
        }
        total += value;
        printf("total %d\\n", total);
    }
    printf("final %d\\n", total);
""")

ODDS = program("""\
    const int values[] = {4, 7, 10, 13};
    for (int i = 0; i < 4; i++) {
        if (values[i] % 2 == 0)
            continue;
        printf("odd %d at %d\\n", values[i], i);
    }
""")

WORDS = program("""\
    const char *line = "to be or";
    size_t spaces = 0;
    for (size_t i = 0; line[i] != '\\0'; i++) {
        if (line[i] == ' ') {
            spaces++;
        }
        printf("%zu:%c ", i, line[i]);
    }
    printf("\\n%zu spaces\\n", spaces);
""")


def test_a_while_loop_keeps_its_condition_and_leaves_through_an_else() -> None:
    code = peeled(READER)
    assert '    if (scanf("%d", &value) == 1) {\n        if (value < 0) {' in code
    assert "        } else {\n            total += value;" in code
    assert code.count("break;") == 1
    assert code.index("} else {") < code.index('            while (scanf("%d", &value) == 1) {')


def test_a_counting_loop_starts_again_at_its_second_pass() -> None:
    code = peeled(ODDS)
    assert "    if (0 < 4) {\n        if (!(values[0] % 2 == 0)) {" in code
    assert 'printf("odd %d at %d\\n", values[0], 0);' in code
    assert "    for (int i = 1; i < 4; i++) {" in code


def test_a_loop_whose_condition_is_not_a_bound_keeps_the_rest_inside_the_first_pass() -> None:
    code = peeled(WORDS)
    assert "    if (line[(size_t)0] != '\\0') {\n        size_t i = 0;" in code
    assert "        for (size_t i = 1; line[i] != '\\0'; i++) {" in code


TABLE = """\
#include <stdio.h>

#define MIN_CELSIUS -20
#define MAX_CELSIUS 40
#define STEP_CELSIUS 10

int main(void)
{
    for (int celsius = MIN_CELSIUS; celsius <= MAX_CELSIUS; celsius += STEP_CELSIUS) {
        double fahrenheit = celsius * 9.0 / 5.0 + 32.0;
        printf("%4d %6.1f\\n", celsius, fahrenheit);
    }
    return 0;
}
"""

COUNTDOWN = program("""\
    int count = 0;
    int values[8];
    while (count < 8 && scanf("%d", &values[count]) == 1) {
        count++;
    }
    for (int i = count - 1; i >= 0; i--) {
        printf("%d ", values[i]);
    }
    printf("\\n");
""")

HALVES = program("""\
    for (double x = 0.1; x < 1.0; x += 0.1) {
        printf("%.17g\\n", x);
    }
""")

SHIFTED = """\
#include <stdio.h>

#define STEP 1 << 1

int main(void)
{
    for (int i = 20; i > 3; i -= STEP) {
        printf("%d\\n", i);
    }
    return 0;
}
"""


OCTAL = """\
#include <stdio.h>

#define FIRST 1 << 2

int main(void)
{
    for (int i = 010; i < 12; i++) {
        printf("%d %d\\n", i, i * i);
    }
    for (int i = FIRST; i < 9; i++) {
        printf("%d %d\\n", i, i * i);
    }
    return 0;
}
"""


def test_a_second_value_keeps_octal_starts_and_macro_bodies_whole() -> None:
    assert "    for (int i = 010 + 1; i < 12; i++) {" in peeled(OCTAL)
    assert "    for (int i = (FIRST) + 1; i < 9; i++) {" in peeled(OCTAL, line=10)


def test_a_loop_counting_by_a_step_starts_again_at_its_second_value() -> None:
    code = peeled(TABLE)
    assert "    if (MIN_CELSIUS <= MAX_CELSIUS) {\n        double fahrenheit = MIN_CELSIUS * 9.0" in code
    assert 'printf("%4d %6.1f\\n", MIN_CELSIUS, fahrenheit);' in code
    redefined = TABLE.replace(
        "#define STEP_CELSIUS", "#undef MIN_CELSIUS\n#define MIN_CELSIUS -30\n#define STEP_CELSIUS"
    )
    assert "    if ((int)MIN_CELSIUS <= MAX_CELSIUS) {\n        int celsius = MIN_CELSIUS;" in peeled(
        redefined
    )
    assert "for (int celsius = MIN_CELSIUS + STEP_CELSIUS; celsius <= MAX_CELSIUS; celsius += STEP" in code
    assert "for (int i = (count - 1) - 1; i >= 0; i--) {" in peeled(COUNTDOWN, line=10)
    assert "for (double x = (double)0.1 + 0.1; x < 1.0; x += 0.1) {" in peeled(HALVES)
    assert "for (int i = 18; i > 3; i -= STEP) {" not in peeled(SHIFTED)
    assert "for (int i = 20 - (STEP); i > 3; i -= STEP) {" in peeled(SHIFTED)


@pytest.mark.parametrize(
    ("source", "stdin", "line"),
    [
        (READER, ["3 4 -1 5\n", "", "7\n", "-2 8\n"], 0),
        (ODDS, [""], 0),
        (WORDS, [""], 0),
        (TABLE, [""], 0),
        (COUNTDOWN, ["", "5\n", "1 2 3 4 5 6 7 8 9\n"], 10),
        (HALVES, [""], 0),
        (SHIFTED, [""], 0),
        (OCTAL, [""], 0),
        (OCTAL, [""], 10),
    ],
    ids=[
        "while-break",
        "for-continue",
        "for-nested",
        "for-step",
        "for-down",
        "for-double",
        "for-macro-step",
        "for-octal",
        "for-macro-start",
    ],
)
def test_peeling_keeps_the_behaviour(
    local_sandbox: LocalSandbox, source: str, stdin: list[str], line: int
) -> None:
    assert_same_behaviour(local_sandbox, source, peeled(source, line), stdin)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("    for (int i = 0; i < 9; i++) {\n        i++;\n    }\n", "writes or redeclares the loop counter"),
        ("    int n = 3;\n    while (n > 0) {\n        int n = 0;\n        (void)n;\n        break;\n    }\n",
         "a name the body declares is used by the loop header"),
        ("    for (int i = 0; i < 3; i++) {\n        static int seen = 0;\n        seen++;\n    }\n",
         "the body has static locals"),
        ("    int n = 0;\n    while (n < 3) {\n        n++;\n        if (n == 2) break;\n"
         "        if (n == 1) continue;\n    }\n",
         "other than by one guard clause"),
        ("    int n = 0;\n    if (n == 0)\n        while (n < 3)\n            n++;\n"
         "    else\n        n = 9;\n",
         "the loop is not a statement of a block"),
        ("    for (int i = 1; i < 99; i *= 2) {\n        printf(\"%d\\n\", i);\n    }\n",
         "the loop does not count by a step"),
        ("    for (int i = 0; i < 9; i += getchar()) {\n        printf(\"%d\\n\", i);\n    }\n",
         "the loop does not count by a step"),
        ("    for (int i = 1; i < 99; i += i) {\n        printf(\"%d\\n\", i);\n    }\n",
         "the loop does not count by a step"),
    ],
    ids=["counter-written", "scope-clash", "static-local", "two-exits", "if-body", "doubling", "effect-step",
         "counter-step"],
)  # fmt: skip
def test_loops_that_cannot_be_peeled_say_why(body: str, reason: str) -> None:
    tree = parse(program(body))
    loop = descendants_of_type(tree.root_node, "for_statement", "while_statement")[0]
    refusal = peel(program(body).encode(), tree, loop)
    assert isinstance(refusal, str) and reason in refusal
