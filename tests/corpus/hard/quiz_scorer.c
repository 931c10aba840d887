/* Multiple-choice quiz scorer. First line: answer key (e.g. ABDCA).
 * Every further line: "name answers", where '-' marks an unanswered question. */
#include <stdio.h>
#include <string.h>
#include <ctype.h>

#define LINE_LEN 128
#define PASS_PERCENT 60.0
#define UNANSWERED '-'

static int read_key(char key[LINE_LEN])
{
    if (fgets(key, LINE_LEN, stdin) == NULL)
        return 0;
    key[strcspn(key, " \r\n")] = '\0';
    for (int i = 0; key[i] != '\0'; i++)
        key[i] = (char)toupper((unsigned char)key[i]);
    return (int)strlen(key);
}

/* Returns the number of correct answers, or -1 when there are no more students. */
static int score_student(const char *key, char name[LINE_LEN], int *skipped)
{
    char line[LINE_LEN];
    char answers[LINE_LEN];
    int score = 0;

    *skipped = 0;
    do {
        if (fgets(line, sizeof line, stdin) == NULL)
            return -1;
    } while (sscanf(line, "%s %s", name, answers) != 2);

    size_t given = strlen(answers);
    for (size_t i = 0; key[i] != '\0'; i++) {
        if (i >= given || answers[i] == UNANSWERED)
            (*skipped)++;
        else if (toupper((unsigned char)answers[i]) == key[i])
            score++;
    }
    return score;
}

static void print_result(const char *name, int score, int skipped, int questions)
{
    double percent = 100.0 * score / questions;
    printf("%-10s %3d/%-3d %6.1f%%  skipped %-2d %s\n", name, score, questions, percent,
           skipped, percent >= PASS_PERCENT ? "PASS" : "FAIL");
}

int main(void)
{
    char key[LINE_LEN];
    char name[LINE_LEN];
    int questions = read_key(key);
    int score, skipped;
    int students = 0;
    int total = 0;

    if (questions == 0) {
        printf("missing answer key\n");
        return 1;
    }
    while ((score = score_student(key, name, &skipped)) >= 0) {
        print_result(name, score, skipped, questions);
        total += score;
        students++;
    }
    if (students > 0)
        printf("class average: %.2f of %d\n", (double)total / students, questions);
    return 0;
}
