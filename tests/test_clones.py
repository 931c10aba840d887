"""Clone detection on normalised syntax trees: what counts as repeated logic and what only looks alike."""

from __future__ import annotations

from declean.tools.clones import Clone, find_clones
from declean.tools.cparse import parse


def clones(source: str) -> list[Clone]:
    return find_clones(parse(source))


def spans(source: str) -> list[tuple[tuple[int, int], tuple[int, int], bool]]:
    return [(clone.copy.lines, clone.original.lines, clone.exact) for clone in clones(source)]


RENAMED_COPIES = """\
#include <stdio.h>

static double mean_height(const double heights[], int count)
{
    double total = 0.0;
    for (int i = 0; i < count; i++) {
        total += heights[i];
    }
    return total / count;
}

int main(void)
{
    const double weights[3] = {60.5, 72.0, 81.25};
    double sum = 0;
    for (int k = 0; k < 3; k++) {
        sum += weights[k];
    }
    printf("%.2f %.2f\\n", sum / 3, mean_height(weights, 3));
    return 0;
}
"""


def test_a_copy_with_other_names_and_constants_in_another_function_is_a_clone() -> None:
    assert spans(RENAMED_COPIES) == [((15, 18), (5, 8), True)]
    assert clones(RENAMED_COPIES)[0].copy.nodes >= 20


def test_comments_and_layout_do_not_matter() -> None:
    reformatted = RENAMED_COPIES.replace(
        "    for (int k = 0; k < 3; k++) {\n        sum += weights[k];\n    }",
        "    /* add them up */\n    for (int k = 0;\n         k < 3; k++) sum += weights[k];",
    )
    assert [clone.original.lines for clone in clones(reformatted)] == [(5, 8)]


def test_names_must_be_renamed_consistently() -> None:
    """``b[j][i]`` (a transpose) is not a renamed ``b[i][j]`` (a copy)."""
    source = """\
void copy(int a[3][3], int b[3][3])
{
    int moved = 0;
    for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
            a[i][j] = b[i][j];
            moved++;
        }
    }
}

void transpose(int a[3][3], int b[3][3])
{
    int moved = 0;
    for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
            a[i][j] = b[j][i];
            moved++;
        }
    }
}
"""
    assert clones(source) == []
    assert len(clones(source.replace("b[j][i]", "b[i][j]"))) == 1


def test_loops_that_do_different_work_are_not_clones() -> None:
    """The same double-loop skeleton reads, transposes, checks and prints a matrix."""
    source = """\
#include <stdio.h>

int main(void)
{
    int grid[4][4];
    int flipped[4][4];
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            if (scanf("%d", &grid[i][j]) != 1)
                return 1;
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            flipped[j][i] = grid[i][j];
    for (int i = 0; i < 4; i++)
        for (int j = i + 1; j < 4; j++)
            if (grid[i][j] != grid[j][i])
                return 2;
    for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++)
            printf("%6d", flipped[i][j]);
        putchar('\n');
    }
    return 0;
}
"""
    assert clones(source) == []


def test_look_alike_lines_are_not_clones() -> None:
    """A report's printf lines and four one-line min/max updates of different fields look alike, but
    no block of them repeats: each line does its own update."""
    source = """\
#include <stdio.h>

struct box { int low; int high; int left; int right; };

void widen(struct box *b, int x, int y)
{
    if (x < b->left) b->left = x;
    if (y < b->low) b->low = y;
    if (x > b->right) b->right = x;
    if (y > b->high) b->high = y;
    printf("left: %d\\n", b->left);
    printf("right: %d\\n", b->right);
    printf("low: %d\\n", b->low);
    printf("high: %d\\n", b->high);
    printf("width: %d\\n", b->right - b->left);
    printf("height: %d\\n", b->high - b->low);
}
"""
    assert clones(source) == []


def test_a_loop_with_a_flipped_comparison_is_a_near_clone() -> None:
    source = """\
double cold_degrees(const double temps[], int n, double limit)
{
    double degrees = 0.0;
    for (int i = 0; i < n; i++) {
        if (temps[i] < limit) {
            degrees += limit - temps[i];
        }
    }
    return degrees;
}

double hot_degrees(const double temps[], int n, double limit)
{
    double degrees = 0.0;
    for (int i = 0; i < n; i++) {
        if (temps[i] > limit) {
            degrees += temps[i] - limit;
        }
    }
    return degrees;
}
"""
    assert spans(source) == [((14, 20), (3, 9), False)]


def test_a_copy_inside_a_copy_is_counted_once() -> None:
    """Two identical functions: the second body repeats the first, its loop is not counted again."""
    body = "{\n    int total = 0;\n    for (int i = 0; i < n; i++) {\n        total += v[i] * v[i];\n    }\n"
    source = f"int first(const int v[], int n)\n{body}    return total;\n}}\n\n"
    source += f"int second(const int v[], int n)\n{body}    return total;\n}}\n"
    assert spans(source) == [((12, 16), (3, 7), True)]


def test_one_function_can_repeat_itself() -> None:
    source = """\
#include <stdio.h>

void rules(int width)
{
    for (int i = 0; i < width; i++)
        putchar('-');
    putchar('\\n');
    printf("title\\n");
    for (int i = 0; i < width; i++)
        putchar('-');
    putchar('\\n');
}
"""
    assert spans(source) == [((9, 11), (5, 7), True)]
