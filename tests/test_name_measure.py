"""The NAME measure: names judged by their role and their words."""

from __future__ import annotations

import pytest

from declean.principles.name import NameThresholds, judge_names, measure
from declean.tools.cparse import parse
from declean.tools.vocabulary import lacks_words, part_kind, split_identifier


def verdicts(source: str) -> dict[str, str | None]:
    """Name -> why it is meaningless (``None`` when it is fine), for every judged declaration."""
    return {judgement.name: judgement.why for judgement in judge_names(parse(source))}


def test_identifiers_split_into_lower_case_parts() -> None:
    assert split_identifier("total_seconds") == ["total", "seconds"]
    assert split_identifier("maxValue2") == ["max", "value", "2"]
    assert split_identifier("MONTH_NAMES") == ["month", "names"]
    assert split_identifier("HTTPServer") == ["http", "server"]


@pytest.mark.parametrize(
    ("part", "kind"),
    [
        ("seconds", "word"),
        ("lowest", "word"),
        ("username", "word"),
        ("nlines", "word"),
        ("box", "word"),
        ("idx", "word"),
        ("gcd", "word"),
        ("tmp", "filler"),
        ("val", "filler"),
        ("process", "filler"),
        ("qzx", "unknown"),
        ("yy", "filler"),
        ("ab", "unknown"),
    ],
)
def test_parts_are_words_abbreviations_filler_or_unknown(part: str, kind: str) -> None:
    assert part_kind(part) == kind


@pytest.mark.parametrize(
    "name", ["tmp", "temp", "data", "foo", "do_it", "doit", "run_it", "val", "res", "x1", "arr2", "str2",
             "buf2", "proc1", "tmp2", "s2", "get_data", "my_var", "qzx", "conv", "a"]
)  # fmt: skip
def test_names_that_say_nothing(name: str) -> None:
    assert lacks_words(name) is not None


@pytest.mark.parametrize(
    "name", ["total", "count_lowercase", "read_values", "is_palindrome", "MONTH_NAMES", "letterCounts",
             "word1", "line2", "num_items", "max_val", "idx", "bmi_category", "username", "gcd"]
)  # fmt: skip
def test_names_made_of_words(name: str) -> None:
    assert lacks_words(name) is None


ROLES = """\
#include <stdio.h>

struct queue { int head; };

static void swap(int *a, int *b)
{
    int saved = *a;
    *a = *b;
    *b = saved;
}

static int queue_head(const struct queue *q)
{
    return q->head;
}

static double slope(double x, double y)
{
    double dx = x - 1.0, dy = y - 2.0;
    return dy / dx;
}

static int length(const char *s)
{
    const char *p = s;
    while (*p != '\\0') {
        p++;
    }
    return (int)(p - s);
}

int main(int argc, char **argv)
{
    int n = 0;
    int c = getchar();
    int i = 0;
    FILE *fp = stdin;
    int grid[2][2] = {{1, 2}, {3, 4}};
    int (*M)[2] = grid;
    for (int d = 0; d < 2; d++) {
        n += M[d][d];
    }
    if (c != EOF && fp != NULL) {
        swap(&n, &i);
    }
    struct queue line = {n};
    printf("%d %d %f %d %d\\n", queue_head(&line), length(argv[0]), slope(1.0, 2.0), argc, i);
    return 0;
}
"""


def test_short_names_in_conventional_roles_are_fine() -> None:
    found = verdicts(ROLES)
    assert {name for name, why in found.items() if why is not None} == set()
    assert "d" not in found  # a loop counter is not judged at all
    assert {"a", "b", "q", "x", "y", "dx", "dy", "s", "p", "n", "c", "fp", "M"} <= found.keys()


MISUSED = """\
#include <stdio.h>

static double mean(const int a[], int b)
{
    double x = 0;
    for (int k = 0; k < b; k++) {
        x += a[k];
    }
    return b > 0 ? x / b : 0;
}

int main(void)
{
    int values[3] = {4, 8, 15};
    int c = 0;
    int k = 3;
    double n = mean(values, k);
    for (int j = 0; j < k; j++) {
        c++;
    }
    printf("%f %d\\n", n, c);
    return 0;
}
"""


def test_the_same_short_names_outside_their_roles_are_meaningless() -> None:
    found = verdicts(MISUSED)
    # a/b are not a swap's operands, x has no partner on another axis, c counts, n is a double, k is a
    # count (only a for counter or an index may be one letter)
    assert {name for name, why in found.items() if why is not None} == {"a", "b", "x", "c", "k", "n"}


def test_measure_counts_distinct_names_and_says_why() -> None:
    tree = parse(MISUSED)
    evidence = measure(tree)
    assert evidence.values["declared"] == 8  # mean, a, b, x, values, c, k, n (k once)
    assert evidence.values["meaningless"] == 6
    assert evidence.examples[0] == "line 3: a (a single letter)"
    assert evidence.violated
    assert not measure(tree, NameThresholds(min_meaningless=7)).violated


def test_a_program_with_a_few_meaningless_names_among_many_good_ones() -> None:
    """Three bad names among fourteen are a violation (the hard set's subtle cases); one is not."""
    good = [f"total_{word}" for word in ("apples", "pears", "plums", "grapes", "lemons", "limes", "kiwis")]
    declarations = "".join(f"    int {name} = 0;\n" for name in good)
    uses = " + ".join(good)
    one_bad = f"int main(void)\n{{\n{declarations}    int tmp = 0;\n    return {uses} + tmp;\n}}\n"
    three_bad = one_bad.replace("    int tmp = 0;\n", "    int tmp = 0, val = 0, arr2 = 0;\n").replace(
        "+ tmp;", "+ tmp + val + arr2;"
    )
    assert not measure(parse(one_bad)).violated
    assert measure(parse(three_bad)).violated
