"""The roles of a function's statements: what reads, computes, prints, delegates or does no job."""

from __future__ import annotations

import pytest

from declean.principles import apply_transform
from declean.tools.cparse import parse
from declean.tools.jobs import FunctionJobs, Role, program_jobs
from tests.corpus_index import clean_programs


def jobs_of(source: str, name: str) -> FunctionJobs:
    return next(jobs for jobs in program_jobs(parse(source)) if jobs.name == name)


def roles(source: str, name: str) -> list[tuple[str, Role]]:
    """``(first line of the unit's text, role)`` for every unit of the function ``name``."""
    return [
        ((unit.node.text or b"").decode().split("\n")[0].strip(), unit.role)
        for unit in jobs_of(source, name).units
    ]


READ_SCORE_PRINT = """\
#include <stdio.h>

static int bonus(int score) { return score / 10; }

static int grade(void)
{
    int score = 0;
    printf("score: ");
    if (scanf("%d", &score) != 1) {
        printf("no score\\n");
        return -1;
    }
    int total = score + bonus(score);
    int doubled = bonus(total);
    printf("total %d\\n", total);
    return total;
}

int main(void)
{
    return grade() < 0;
}
"""


def test_each_statement_reads_computes_prints_delegates_or_does_no_job() -> None:
    assert roles(READ_SCORE_PRINT, "grade") == [
        ("int score = 0;", "setup"),
        ('printf("score: ");', "input"),  # a prompt right before the read
        ('(scanf("%d", &score) != 1)', "input"),
        ('printf("no score\\n");', "message"),  # ends its path: return of no local
        ("return -1;", "setup"),
        ("int total = score + bonus(score);", "computation"),
        ("int doubled = bonus(total);", "delegation"),
        ('printf("total %d\\n", total);', "output"),  # followed by a return of a local: a report
        ("return total;", "setup"),
    ]
    assert roles(READ_SCORE_PRINT, "main") == [("return grade() < 0;", "computation")]


READ_LOOP = """\
#include <ctype.h>
#include <stdio.h>

static int read_word(char word[], int capacity, int counts[])
{
    int length = 0;
    int c;
    while (length < capacity - 1 && (c = getchar()) != EOF && !isspace(c)) {
        word[length] = (char)c;
        word[length] = (char)toupper(word[length]);
        length++;
    }
    word[length] = '\\0';
    counts[length]++;
    return length;
}

int main(void)
{
    char word[16];
    int counts[16] = {0};
    return read_word(word, 16, counts);
}
"""


def test_a_read_loop_that_stores_normalises_and_counts_what_it_reads_does_input_only() -> None:
    found = roles(READ_LOOP, "read_word")
    assert [role for _, role in found if role not in ("setup", "control")] == ["input"] * 5 + ["computation"]
    assert found[-2] == ("counts[length]++;", "computation")  # a tally of lengths is not stored input


STATE_MACHINE = """\
#include <stdio.h>

enum state { CODE, SLASH, COMMENT };

static int strip_comments(void)
{
    enum state state = CODE;
    int removed = 0, lines = 0, kept = 0;
    int c;
    while ((c = getchar()) != EOF) {
        switch (state) {
        case CODE:
            if (c == '/') {
                state = SLASH;
            } else {
                putchar(c);
                kept++;
            }
            lines += c == '\\n';
            break;
        case SLASH:
            if (c == '/') {
                state = COMMENT;
                removed++;
            } else {
                putchar('/');
                putchar(c);
                kept += 2;
                state = CODE;
            }
            break;
        case COMMENT:
            if (c == '\\n') {
                putchar(c);
                lines++;
                state = CODE;
            }
            break;
        }
    }
    return removed + lines + kept;
}

int main(void)
{
    return strip_comments() > 0;
}
"""


def test_a_state_machine_is_one_job_and_its_transitions_are_control() -> None:
    """Reading, counting and printing inside the machine all take its most common job."""
    inside = roles(STATE_MACHINE, "strip_comments")[3:-1]
    assert {role for text, role in inside if text.startswith("state =")} == {"control"}
    assert {role for _, role in inside if role != "control"} == {"computation"}


LOOPS = """\
#include <stdio.h>

static int is_even(int value) { return value % 2 == 0; }

int main(void)
{
    const int values[] = {3, 8, 5};
    int total = 0, evens = 0, largest = values[0];
    for (int i = 0; i < 3; i++) {
        total += values[i];
    }
    for (int i = 0; i < 3; i++) {
        evens += is_even(values[i]);
        if (values[i] > largest) {
            largest = values[i];
        }
    }
    for (int i = 0; i < 3; i++) {
        int shown = 0;
        for (int j = 0; j < values[i]; j++) {
            shown++;
        }
        printf("%d: %d\\n", values[i], shown);
    }
    for (int i = 0; i < 3; i++) {
        is_even(values[i]);
    }
    return total + evens + largest;
}
"""


def test_computing_loops_are_outermost_loops_that_only_compute() -> None:
    """A loop computing through a helper's result counts; one inside a printing loop or only calling a
    helper does not."""
    loops = jobs_of(LOOPS, "main").computing_loops
    assert [loop.start_point.row + 1 for loop in loops] == [9, 12]


@pytest.mark.parametrize("principle", ["NAME", "MC"])
def test_renaming_and_inlining_constants_keep_every_role(principle: str) -> None:
    for program in clean_programs():
        result = apply_transform(principle, program.source, 3)
        if not result.applied or result.code is None:
            continue
        before = [[unit.role for unit in jobs.units] for jobs in program_jobs(parse(program.source))]
        after = [[unit.role for unit in jobs.units] for jobs in program_jobs(parse(result.code))]
        assert after == before, program.name
