"""C programs for graph tests: a clean solution and hand-written rewrites, each violating one principle."""

from __future__ import annotations

VECTORS_STATEMENT = (
    "Add two vectors and then display the results. The vectors are initialised in main() and their "
    "length is known at compile time. No need to read their values from keyboard. Print each vector on "
    "its own line as 'name: v1 v2 ...'."
)
VECTORS_OUTPUT = "first: 1 2 3 4\nsecond: 10 20 30 40\nsum: 11 22 33 44\n"

CLEAN = """\
#include <stdio.h>

#define VECTOR_LENGTH 4

static void add_vectors(const int *left, const int *right, int *sum, int length)
{
    for (int i = 0; i < length; i++) {
        sum[i] = left[i] + right[i];
    }
}

static void print_vector(const char *label, const int *vector, int length)
{
    printf("%s:", label);
    for (int i = 0; i < length; i++) {
        printf(" %d", vector[i]);
    }
    printf("\\n");
}

int main(void)
{
    const int first[VECTOR_LENGTH] = {1, 2, 3, 4};
    const int second[VECTOR_LENGTH] = {10, 20, 30, 40};
    int sum[VECTOR_LENGTH];

    add_vectors(first, second, sum, VECTOR_LENGTH);
    print_vector("first", first, VECTOR_LENGTH);
    print_vector("second", second, VECTOR_LENGTH);
    print_vector("sum", sum, VECTOR_LENGTH);
    return 0;
}
"""

DRY = """\
#include <stdio.h>

#define VECTOR_LENGTH 4

static void add_vectors(const int *left, const int *right, int *sum, int length)
{
    for (int i = 0; i < length; i++) {
        sum[i] = left[i] + right[i];
    }
}

int main(void)
{
    const int first[VECTOR_LENGTH] = {1, 2, 3, 4};
    const int second[VECTOR_LENGTH] = {10, 20, 30, 40};
    int sum[VECTOR_LENGTH];

    add_vectors(first, second, sum, VECTOR_LENGTH);
    printf("first:");
    for (int i = 0; i < VECTOR_LENGTH; i++) {
        printf(" %d", first[i]);
    }
    printf("\\n");
    printf("second:");
    for (int i = 0; i < VECTOR_LENGTH; i++) {
        printf(" %d", second[i]);
    }
    printf("\\n");
    printf("sum:");
    for (int i = 0; i < VECTOR_LENGTH; i++) {
        printf(" %d", sum[i]);
    }
    printf("\\n");
    return 0;
}
"""

DRY_SRP = """\
#include <stdio.h>

#define VECTOR_LENGTH 4

int main(void)
{
    const int first[VECTOR_LENGTH] = {1, 2, 3, 4};
    const int second[VECTOR_LENGTH] = {10, 20, 30, 40};
    int sum[VECTOR_LENGTH];

    for (int i = 0; i < VECTOR_LENGTH; i++) {
        sum[i] = first[i] + second[i];
    }
    printf("first:");
    for (int i = 0; i < VECTOR_LENGTH; i++) {
        printf(" %d", first[i]);
    }
    printf("\\n");
    printf("second:");
    for (int i = 0; i < VECTOR_LENGTH; i++) {
        printf(" %d", second[i]);
    }
    printf("\\n");
    printf("sum:");
    for (int i = 0; i < VECTOR_LENGTH; i++) {
        printf(" %d", sum[i]);
    }
    printf("\\n");
    return 0;
}
"""

DRY_SRP_MC = DRY_SRP.replace("#define VECTOR_LENGTH 4\n\n", "").replace("VECTOR_LENGTH", "4")

DRY_SRP_MC_NAME = (
    DRY_SRP_MC.replace("first", "a")
    .replace("second", "b")
    .replace("sum", "c")
    # the labels inside the format strings must stay as they were
    .replace('printf("a:")', 'printf("first:")')
    .replace('printf("b:")', 'printf("second:")')
    .replace('printf("c:")', 'printf("sum:")')
)

SRP_FROM_CLEAN = """\
#include <stdio.h>

#define VECTOR_LENGTH 4

static void print_vector(const char *label, const int *vector, int length)
{
    printf("%s:", label);
    for (int i = 0; i < length; i++) {
        printf(" %d", vector[i]);
    }
    printf("\\n");
}

int main(void)
{
    const int first[VECTOR_LENGTH] = {1, 2, 3, 4};
    const int second[VECTOR_LENGTH] = {10, 20, 30, 40};
    int sum[VECTOR_LENGTH];

    for (int i = 0; i < VECTOR_LENGTH; i++) {
        sum[i] = first[i] + second[i];
    }
    print_vector("first", first, VECTOR_LENGTH);
    print_vector("second", second, VECTOR_LENGTH);
    print_vector("sum", sum, VECTOR_LENGTH);
    return 0;
}
"""

DRY_WIDER_SPACING = DRY.replace('printf(" %d", sum[i]);', 'printf("  %d", sum[i]);')
"""A real DRY rewrite whose sums are printed two spaces apart: equal after whitespace normalisation."""

WRONG_OUTPUT = CLEAN.replace("sum[i] = left[i] + right[i];", "sum[i] = left[i] + right[i] + 1;")
"""Compiles and runs, but every sum is off by one."""

COMPILE_ERROR = CLEAN.replace("int sum[VECTOR_LENGTH];", "int sum[VECTOR_LENGTH]")
"""A missing semicolon."""

CRASHES = CLEAN.replace("    return 0;\n}", "    int *nothing = NULL;\n    return *nothing;\n}").replace(
    "#include <stdio.h>", "#include <stdio.h>\n#include <stddef.h>"
)
"""Prints everything, then dereferences NULL."""

STATS_STATEMENT = (
    "Read a count n and then n integers from standard input. Print 'sum: S' and 'max: M' on two lines. "
    "When n is 0 print 'no numbers'."
)
STATS = """\
#include <stdio.h>

#define MAX_VALUES 100

static long sum_of(const int *values, int count)
{
    long total = 0;
    for (int i = 0; i < count; i++) {
        total += values[i];
    }
    return total;
}

static int max_of(const int *values, int count)
{
    int largest = values[0];
    for (int i = 1; i < count; i++) {
        if (values[i] > largest) {
            largest = values[i];
        }
    }
    return largest;
}

int main(void)
{
    int count = 0;
    int values[MAX_VALUES];
    if (scanf("%d", &count) != 1 || count <= 0) {
        printf("no numbers\\n");
        return 0;
    }
    for (int i = 0; i < count && i < MAX_VALUES; i++) {
        if (scanf("%d", &values[i]) != 1) {
            return 1;
        }
    }
    printf("sum: %ld\\nmax: %d\\n", sum_of(values, count), max_of(values, count));
    return 0;
}
"""
STATS_STDIN = ["3\n4 -2 9\n", "0\n", "1\n-5\n"]
STATS_OUTPUTS = ["sum: 11\nmax: 9\n", "no numbers\n", "sum: -5\nmax: -5\n"]

STATS_NAME = (
    STATS.replace("sum_of", "f")
    .replace("max_of", "g")
    .replace("values", "v")
    .replace("largest", "x1")
    .replace("total", "tmp")
    .replace("count", "n")
)
"""Every name meaningless; the output strings are untouched."""
