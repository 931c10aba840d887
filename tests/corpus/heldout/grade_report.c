#include <stdio.h>

#define MAX_SCORE 100
#define GRADE_A_MIN 85
#define GRADE_B_MIN 70
#define GRADE_C_MIN 55

enum grade { GRADE_A, GRADE_B, GRADE_C, GRADE_F, GRADE_COUNT };

struct student {
    const char *name;
    int score;
};

static void process_class(const struct student students[], int count)
{
    const char grade_letters[GRADE_COUNT] = {'A', 'B', 'C', 'F'};
    int grade_totals[GRADE_COUNT] = {0};
    int valid_count = 0;
    int score_sum = 0;
    const struct student *best = NULL;

    for (int i = 0; i < count; i++) {
        const struct student *current = &students[i];
        if (current->score < 0 || current->score > MAX_SCORE) {
            printf("ignoring %s: invalid score %d\n", current->name, current->score);
            continue;
        }

        enum grade grade;
        if (current->score >= GRADE_A_MIN)
            grade = GRADE_A;
        else if (current->score >= GRADE_B_MIN)
            grade = GRADE_B;
        else if (current->score >= GRADE_C_MIN)
            grade = GRADE_C;
        else
            grade = GRADE_F;

        grade_totals[grade]++;
        score_sum += current->score;
        valid_count++;
        if (best == NULL || current->score > best->score)
            best = current;
        printf("%-8s %3d  %c\n", current->name, current->score, grade_letters[grade]);
    }

    if (valid_count == 0) {
        printf("no valid scores\n");
        return;
    }
    printf("\nclass average: %.1f\n", (double)score_sum / valid_count);
    printf("best student: %s (%d)\n", best->name, best->score);
    printf("distribution:\n");
    for (int grade = 0; grade < GRADE_COUNT; grade++) {
        printf("  %c: ", grade_letters[grade]);
        for (int mark = 0; mark < grade_totals[grade]; mark++)
            putchar('#');
        printf(" (%d)\n", grade_totals[grade]);
    }
}

int main(void)
{
    const struct student class_list[] = {
        {"Ana", 91}, {"Bilal", 67}, {"Chloe", 74}, {"Dev", 102},
        {"Emma", 55}, {"Farid", 38}, {"Gina", 86},
    };

    process_class(class_list, (int)(sizeof class_list / sizeof class_list[0]));
    return 0;
}
