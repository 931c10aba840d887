#include <stdio.h>

#define MAX_STUDENTS 40
#define MAX_SESSIONS 60
#define NAME_SIZE 32
#define PRESENT 'P'
#define LATE 'L'
#define ABSENT 'A'
#define LATE_WEIGHT 0.5
#define EXCELLENT_PERCENT 95.0

struct student {
    char name[NAME_SIZE];
    char marks[MAX_SESSIONS + 1];
};

static int read_students(struct student students[], int capacity)
{
    int n = 0;
    while (n < capacity && scanf("%31s %60s", students[n].name, students[n].marks) == 2)
        n++;
    return n;
}

static int count_mark(const char *marks, char mark)
{
    int count = 0;
    for (int i = 0; marks[i] != '\0'; i++)
        if (marks[i] == mark)
            count++;
    return count;
}

static double attendance_percent(const char *marks)
{
    int present = count_mark(marks, PRESENT);
    int late = count_mark(marks, LATE);
    int sessions = present + late + count_mark(marks, ABSENT);

    if (sessions == 0)
        return 0.0;
    return 100.0 * (present + LATE_WEIGHT * late) / sessions;
}

static const char *attendance_status(double percent)
{
    if (percent >= EXCELLENT_PERCENT)
        return "excellent";
    if (percent < 75.0)
        return "AT RISK";
    return "ok";
}

static void print_report(const struct student students[], int n)
{
    printf("%-10s %3s %3s %3s %7s  %s\n", "student", "P", "L", "A", "rate", "status");
    for (int i = 0; i < n; i++) {
        double percent = attendance_percent(students[i].marks);
        printf("%-10s %3d %3d %3d %6.1f%%  %s\n", students[i].name,
               count_mark(students[i].marks, PRESENT), count_mark(students[i].marks, LATE),
               count_mark(students[i].marks, ABSENT), percent, attendance_status(percent));
    }
}

static double class_average(const struct student students[], int n)
{
    double sum = 0.0;
    for (int i = 0; i < n; i++)
        sum += attendance_percent(students[i].marks);
    return n > 0 ? sum / n : 0.0;
}

int main(void)
{
    struct student students[MAX_STUDENTS];
    int n = read_students(students, MAX_STUDENTS);

    print_report(students, n);
    printf("class average: %.1f%%\n", class_average(students, n));
    return 0;
}
