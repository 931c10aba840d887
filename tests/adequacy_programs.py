"""Small C programs with the bugs a blind reviewer found in "clean" model-written programs, and a clean one.

Each is valid C that compiles (with warnings at most) and runs; the bug is in what it does.
"""

from __future__ import annotations

SIGNED_OVERFLOW = r"""#include <stdio.h>

int main(void)
{
    int n;
    if (scanf("%d", &n) != 1) {
        return 1;
    }
    int factorial = 1;
    for (int i = 2; i <= n; i++) {
        factorial *= i;
    }
    printf("%d\n", factorial);
    return 0;
}
"""
"""n! in an ``int``: fine up to 12, signed overflow from 13."""

HISTOGRAM = r"""#include <stdio.h>

int main(void)
{
    int counts[10] = {0};
    int value;
    while (scanf("%d", &value) == 1) {
        counts[value]++;
    }
    for (int i = 0; i < 10; i++) {
        printf("%d: %d\n", i, counts[i]);
    }
    return 0;
}
"""
"""Counts values 0..9 without checking the range: a value outside it writes out of bounds."""

HISTOGRAM_HELPER = r"""#include <stdio.h>

#define BUCKETS 10

static void count_value(int counts[], int value)
{
    counts[value]++;
}

int main(void)
{
    int counts[BUCKETS] = {0};
    int value;
    while (scanf("%d", &value) == 1) {
        count_value(counts, value);
    }
    for (int i = 0; i < BUCKETS; i++) {
        printf("%d: %d\n", i, counts[i]);
    }
    return 0;
}
"""
"""The same out-of-bounds write through a helper's pointer parameter (no array bound to check)."""

MISSING_RETURN = r"""#include <stdio.h>

struct point {
    int x;
    int y;
};

static struct point make_point(int x, int y)
{
    struct point made;
    made.x = x;
    made.y = y;
}

int main(void)
{
    struct point p = make_point(3, 4);
    printf("%d %d\n", p.x, p.y);
    return 0;
}
"""
"""Builds a struct and never returns it; the caller uses the (undefined) value."""

UNINITIALISED = r"""#include <stdio.h>

int main(void)
{
    int n;
    int sum;
    if (scanf("%d", &n) != 1) {
        return 1;
    }
    for (int i = 1; i <= n; i++) {
        sum += i;
    }
    printf("%d\n", sum);
    return 0;
}
"""
"""Sums into a variable that was never initialised."""

UNINITIALISED_IN_HEADER = r"""#include <ctype.h>
#include <stdio.h>

int main(void)
{
    int c;
    int last;
    while ((c = getchar()) != EOF) {
        last = c;
    }
    putchar(tolower(last));
    return 0;
}
"""
"""``last`` is never set on empty input; gcc reports it inside the inlined ``tolower`` of ``<ctype.h>``."""

TRANSPOSED = r"""#include <stdio.h>

static void print_matrix(int rows, int matrix[3][4])
{
    for (int i = 0; i < rows; i++) {
        for (int j = 0; j < 4; j++) {
            printf("%4d", matrix[i][j]);
        }
        printf("\n");
    }
}

int main(void)
{
    int matrix[3][4] = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}};
    int transposed[4][3];
    for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 4; j++) {
            transposed[j][i] = matrix[i][j];
        }
    }
    print_matrix(3, matrix);
    print_matrix(4, transposed);
    return 0;
}
"""
"""A transposed ``int[4][3]`` printed through an ``int[3][4]`` parameter."""

NO_STDIO = r"""int main(void)
{
    printf("%d\n", 42);
    return 0;
}
"""
"""``printf`` without ``<stdio.h>``."""

BAD_FORMAT = r"""#include <stdio.h>

int main(void)
{
    double average = 2.5;
    printf("Average: %d\n", average);
    return 0;
}
"""

LOCAL_ADDRESS = r"""#include <stdio.h>

static int *make_values(void)
{
    int values[4] = {1, 2, 3, 4};
    return values;
}

int main(void)
{
    int *values = make_values();
    printf("%d\n", values[0]);
    return 0;
}
"""

SIZEOF_POINTER = r"""#include <stdio.h>

static int sum(const int *values)
{
    int total = 0;
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        total += values[i];
    }
    return total;
}

int main(void)
{
    const int values[5] = {1, 2, 3, 4, 5};
    printf("%d\n", sum(values));
    return 0;
}
"""

INT_CONVERSION = r"""#include <stdio.h>

int main(void)
{
    char name[8] = "abc";
    int length = name;
    printf("%d\n", length);
    return 0;
}
"""

STRING_OVERFLOW = r"""#include <stdio.h>
#include <string.h>

int main(void)
{
    char buffer[4];
    strcpy(buffer, "hello world");
    printf("%s\n", buffer);
    return 0;
}
"""

LOOP_PAST_END = r"""#include <stdio.h>

int main(void)
{
    int counts[10] = {0};
    for (int i = 0; i <= 10; i++) {
        counts[i] = i;
    }
    printf("%d\n", counts[9]);
    return 0;
}
"""

PRIME_COUNT_OFF_BY_ONE = r"""#include <stdio.h>

static int is_prime(int n)
{
    for (int d = 2; d * d <= n; d++) {
        if (n % d == 0) {
            return 0;
        }
    }
    return n >= 2;
}

int main(void)
{
    int n;
    if (scanf("%d", &n) != 1) {
        return 1;
    }
    int count = 0;
    for (int k = 2; k < n; k++) {
        count += is_prime(k);
    }
    printf("Count: %d\n", count);
    return 0;
}
"""
"""Counts the primes below N instead of up to N: wrong exactly when N is prime."""

CLEAN = r"""#include <stdio.h>

int main(void)
{
    int n;
    if (scanf("%d", &n) != 1 || n < 0) {
        return 1;
    }
    long long total = 0;
    for (int i = 1; i <= n; i++) {
        total += i;
    }
    printf("%lld\n", total);
    return 0;
}
"""
"""Sum of 1..n, correct for every non-negative ``int``."""
