/* Ranks students by GPA. Input: one "name gpa credits" record per line. */
#include <stdio.h>

#define MAX_STUDENTS 50
#define LINE_LEN 128
#define RECORD_FIELDS 3
#define HONORS_GPA 3.5
#define MIN_CREDITS 12
#define MAX_GPA 4.0

struct student {
    char name[LINE_LEN];
    double gpa;
    int credits;
};

static int read_students(struct student students[], int max)
{
    char line[LINE_LEN];
    int n = 0;
    while (n < max && fgets(line, sizeof line, stdin) != NULL) {
        struct student student;
        if (sscanf(line, "%s %lf %d", student.name, &student.gpa, &student.credits) != RECORD_FIELDS)
            continue;
        if (student.gpa < 0.0 || student.gpa > MAX_GPA || student.credits < 0)
            continue;
        students[n++] = student;
    }
    return n;
}

static void doit(struct student students[], int n)
{
    for (int i = 0; i < n - 1; i++) {
        for (int j = 0; j < n - 1 - i; j++) {
            if (students[j].gpa < students[j + 1].gpa) {
                struct student swap = students[j];
                students[j] = students[j + 1];
                students[j + 1] = swap;
            }
        }
    }
}

static int on_honor_roll(const struct student *student)
{
    return student->gpa >= HONORS_GPA && student->credits >= MIN_CREDITS;
}

static double average_gpa(const struct student students[], int n)
{
    double val = 0.0;
    for (int i = 0; i < n; i++)
        val += students[i].gpa;
    return val / n;
}

static int honors_count(const struct student students[], int n)
{
    int tmp2 = 0;
    for (int i = 0; i < n; i++)
        if (on_honor_roll(&students[i]))
            tmp2++;
    return tmp2;
}

static void print_ranking(const struct student students[], int n)
{
    printf("%4s  %-15s %5s %7s\n", "rank", "name", "gpa", "credits");
    for (int i = 0; i < n; i++) {
        printf("%4d  %-15s %5.2f %7d%s\n", i + 1, students[i].name, students[i].gpa, students[i].credits,
               on_honor_roll(&students[i]) ? "  honors" : "");
    }
    printf("average gpa %.2f, %d on the honor roll\n", average_gpa(students, n), honors_count(students, n));
}

int main(void)
{
    struct student students[MAX_STUDENTS];
    int n = read_students(students, MAX_STUDENTS);
    if (n == 0) {
        printf("no students\n");
        return 1;
    }
    doit(students, n);
    print_ranking(students, n);
    return 0;
}
