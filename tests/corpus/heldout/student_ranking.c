#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#define PASS_MARK 50

struct student {
    const char *name;
    int score;
};

static bool is_passing(int score)
{
    return score >= PASS_MARK;
}

static int compare_by_score(const void *left, const void *right)
{
    const struct student *first = left;
    const struct student *second = right;
    return second->score - first->score;
}

static void print_ranking(const struct student students[], size_t count)
{
    for (size_t i = 0; i < count; i++) {
        printf("%zu. %-8s %3d  %s\n", i + 1, students[i].name, students[i].score,
               is_passing(students[i].score) ? "pass" : "fail");
    }
}

static size_t count_passing(const struct student students[], size_t count)
{
    size_t passing = 0;
    for (size_t i = 0; i < count; i++) {
        if (is_passing(students[i].score)) {
            passing++;
        }
    }
    return passing;
}

int main(void)
{
    struct student students[] = {
        {"Amira", 72}, {"Ben", 45}, {"Chen", 88}, {"Dara", 50}, {"Eli", 39},
    };
    size_t count = sizeof students / sizeof students[0];

    qsort(students, count, sizeof students[0], compare_by_score);
    print_ranking(students, count);
    printf("%zu of %zu passed\n", count_passing(students, count), count);
    return 0;
}
