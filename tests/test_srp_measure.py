"""The SRP measure: a function mixing substantial jobs violates it, a long function doing one job does
not, and the score rises only when a job joins a function that had another."""

from __future__ import annotations

import functools

from declean.principles import srp
from declean.principles.verify import check_step, measure
from declean.tools.cparse import parse
from tests import programs
from tests.test_jobs import STATE_MACHINE

REPORT_WITH_TOTAL = """\
#include <stdio.h>

static void report(const double prices[], const int counts[], int items)
{
    double total = 0.0;
    printf("%-6s %8s\\n", "item", "value");
    for (int i = 0; i < items; i++) {
        double value = prices[i] * counts[i];
        total += value;
        printf("%-6d %8.2f\\n", i, value);
    }
    printf("total %8.2f\\n", total);
}

int main(void)
{
    const double prices[] = {2.5, 4.0};
    const int counts[] = {3, 1};
    report(prices, counts, 2);
    return 0;
}
"""

AVERAGE_AND_PRINT = """\
#include <stdio.h>

static double average(const int values[], int count)
{
    long sum = 0;
    for (int i = 0; i < count; i++) {
        sum += values[i];
    }
    double mean = (double)sum / count;
    printf("average of %d values: %.2f\\n", count, mean);
    return mean;
}

int main(void)
{
    const int values[] = {4, 8, 9};
    return average(values, 3) > 5.0;
}
"""

FEE = """\
#include <stdio.h>

static double fee_for(int minutes)
{
    int hours = (minutes + 59) / 60;
    double fee = hours * 2.5;
    if (fee > 18.0) {
        fee = 18.0;
    }
    fee = fee * 1.2;
    printf("%4d min %7.2f\\n", minutes, fee);
    return fee;
}

int main(void)
{
    return fee_for(90) > 10.0;
}
"""
"""Computes a fee for its caller, and prints a receipt line too."""

READ_AND_SCORE = """\
#include <stdio.h>

static int score_answers(const char *key)
{
    char answers[64];
    int score = 0;
    if (scanf("%63s", answers) != 1) {
        return -1;
    }
    for (int i = 0; key[i] != '\\0' && answers[i] != '\\0'; i++) {
        if (answers[i] == key[i]) {
            score++;
        }
    }
    return score;
}

int main(void)
{
    printf("%d\\n", score_answers("ABCD"));
    return 0;
}
"""

DRIVER = """\
#include <stdio.h>
#include <string.h>

static int count_vowels(const char *text)
{
    int vowels = 0;
    for (size_t i = 0; text[i] != '\\0'; i++) {
        vowels += strchr("aeiou", text[i]) != NULL;
    }
    return vowels;
}

int main(void)
{
    char line[80];
    int lines = 0;
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\\n")] = '\\0';
        int vowels = count_vowels(line);
        printf("%s: %d\\n", line, vowels);
        lines++;
    }
    printf("lines: %d\\n", lines);
    return 0;
}
"""


def test_functions_doing_one_job_however_long_do_not_violate() -> None:
    """A report adding up the total it prints, a state machine, main reading lines and handing them to
    helpers, helpers called in turn: one job each."""
    for source in (REPORT_WITH_TOTAL, STATE_MACHINE, DRIVER, programs.CLEAN, programs.DRY, programs.STATS):
        evidence = measure(source)["SRP"]
        assert not evidence.violated and evidence.score == 0, evidence.summary
        assert evidence.summary.startswith("no function mixes jobs")


def test_functions_mixing_jobs_violate() -> None:
    computed = measure(AVERAGE_AND_PRINT)["SRP"]
    assert computed.violated and computed.summary == "average mixes computation and output (of 2 functions)"
    assert computed.examples == ["average (lines 3-12): computation lines 6-9; output lines 10"]
    fee = measure(FEE)["SRP"]
    assert fee.summary == "fee_for mixes computation and output (of 2 functions)"
    void = (
        FEE.replace("static double", "static void")
        .replace("    return fee;\n", "")
        .replace("return fee_for(90) > 10.0;", "fee_for(90);\n    return 0;")
        .replace("    int hours", '    printf("receipt\\n");\n    int hours')
    )
    kept = measure(void)["SRP"]
    assert kept.values["output_statements"] == 1 and kept.values["computation_statements"] == 4
    assert not kept.violated, "a report computing the line it prints is one job"
    read = measure(READ_AND_SCORE)["SRP"]
    assert read.violated and read.summary.startswith("score_answers mixes input and computation")


def test_the_score_counts_jobs_beyond_the_first_of_every_function() -> None:
    average = AVERAGE_AND_PRINT[: AVERAGE_AND_PRINT.index("int main")]
    score = READ_AND_SCORE[READ_AND_SCORE.index("static int") : READ_AND_SCORE.index("int main")]
    main = "int main(void)\n{\n    const int values[] = {1};\n"
    main += '    return average(values, 1) > score_answers("A");\n}\n'
    evidence = measure(average + score + main)["SRP"]
    assert (evidence.score, evidence.values["mixing_functions"], evidence.values["most_jobs"]) == (2, 2, 2)


def test_a_step_that_only_lengthens_main_is_not_verified() -> None:
    """Inlining the printing helpers (DRY) or the adding one next to calls of the printing one."""
    assert not check_step("SRP", programs.CLEAN, programs.DRY).verified
    assert not check_step("SRP", programs.CLEAN, programs.SRP_FROM_CLEAN).verified
    assert check_step("SRP", programs.DRY, programs.DRY_SRP).verified


def test_thresholds_decide_when_a_job_is_substantial() -> None:
    tree = parse(REPORT_WITH_TOTAL)
    assert not srp.measure(tree).violated
    lenient = functools.partial(srp.measure, thresholds=srp.SrpThresholds(computation_with_output=2))
    assert lenient(tree).violated
    strict = functools.partial(srp.measure, thresholds=srp.SrpThresholds(input_with_output=1))
    assert strict(parse(DRIVER)).violated and not srp.measure(parse(DRIVER)).violated
