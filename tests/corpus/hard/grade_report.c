/* Reads "name score1 score2 score3" lines and prints a class grade report. */
#include <stdio.h>

#define MAX_STUDENTS 30
#define LINE_LEN 128
#define NUM_EXAMS 3
#define MIN_A 90.0
#define MIN_B 80.0
#define MIN_C 70.0
#define MIN_D 60.0
#define RULE_WIDTH 48

struct student {
    char name[LINE_LEN];
    int scores[NUM_EXAMS];
};

struct class_summary {
    int count;
    int passed;
    double mean;
    double best;
};

static double student_average(const struct student *student)
{
    int total = 0;
    for (int e = 0; e < NUM_EXAMS; e++)
        total += student->scores[e];
    return (double)total / NUM_EXAMS;
}

static char letter_grade(double average)
{
    if (average >= MIN_A) return 'A';
    if (average >= MIN_B) return 'B';
    if (average >= MIN_C) return 'C';
    if (average >= MIN_D) return 'D';
    return 'F';
}

/* Returns 1 if the line holds a name followed by NUM_EXAMS scores. */
static int parse_student(const char *line, struct student *student)
{
    int used = 0;
    if (sscanf(line, "%s%n", student->name, &used) != 1)
        return 0;
    line += used;
    for (int e = 0; e < NUM_EXAMS; e++) {
        if (sscanf(line, "%d%n", &student->scores[e], &used) != 1)
            return 0;
        line += used;
    }
    return 1;
}

static int read_students(struct student students[], int max)
{
    char line[LINE_LEN];
    int n = 0;
    while (n < max && fgets(line, sizeof line, stdin) != NULL) {
        if (parse_student(line, &students[n]))
            n++;
    }
    return n;
}

static struct class_summary summarize(const struct student students[], int n)
{
    struct class_summary summary = {0};
    double total = 0.0;
    summary.count = n;
    for (int i = 0; i < n; i++) {
        double avg = student_average(&students[i]);
        total += avg;
        if (i == 0 || avg > summary.best) summary.best = avg;
        if (letter_grade(avg) != 'F') summary.passed++;
    }
    summary.mean = total / n;
    return summary;
}

static void print_rule(void)
{
    for (int i = 0; i < RULE_WIDTH; i++)
        putchar('-');
    putchar('\n');
}

static void print_report(const struct student students[], const struct class_summary *summary)
{
    printf("%-12s", "Student");
    for (int e = 0; e < NUM_EXAMS; e++)
        printf("  Ex%d", e + 1);
    printf("  %7s  %s\n", "Average", "Grade");
    print_rule();
    for (int i = 0; i < summary->count; i++) {
        double avg = student_average(&students[i]);
        printf("%-12s", students[i].name);
        for (int e = 0; e < NUM_EXAMS; e++)
            printf("  %3d", students[i].scores[e]);
        printf("  %7.2f  %c\n", avg, letter_grade(avg));
    }
    print_rule();
    printf("%-16s %6d\n", "Students:", summary->count);
    printf("%-16s %6.2f\n", "Class mean:", summary->mean);
    printf("%-16s %6.2f\n", "Best average:", summary->best);
    printf("%-16s %5.1f%%\n", "Pass rate:", 100.0 * summary->passed / summary->count);
}

int main(void)
{
    struct student students[MAX_STUDENTS];
    int n = read_students(students, MAX_STUDENTS);
    if (n == 0)
        return 1;
    struct class_summary summary = summarize(students, n);
    print_report(students, &summary);
    return 0;
}
