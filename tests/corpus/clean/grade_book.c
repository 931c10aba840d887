/* Read "name score" records, print each student's letter grade and the class average. */
#include <stdbool.h>
#include <stdio.h>

#define MAX_STUDENTS 30
#define NAME_CAPACITY 20
#define MIN_SCORE 0
#define MAX_SCORE 100
#define GRADE_A_MIN 90
#define GRADE_B_MIN 80
#define GRADE_C_MIN 70
#define GRADE_D_MIN 60

struct Student {
    char name[NAME_CAPACITY];
    int score;
};

static bool read_student(struct Student *student)
{
    /* The width 19 keeps room for the terminating '\0' in NAME_CAPACITY. */
    if (scanf("%19s", student->name) != 1) {
        return false;
    }
    return scanf("%d", &student->score) == 1;
}

static bool is_valid_score(int score)
{
    return score >= MIN_SCORE && score <= MAX_SCORE;
}

static int read_students(struct Student students[], int capacity)
{
    int count = 0;
    struct Student candidate;

    while (count < capacity && read_student(&candidate)) {
        if (is_valid_score(candidate.score)) {
            students[count] = candidate;
            count++;
        } else {
            printf("skipping %s: score %d out of range\n", candidate.name, candidate.score);
        }
    }
    return count;
}

static char letter_grade(int score)
{
    if (score >= GRADE_A_MIN) return 'A';
    if (score >= GRADE_B_MIN) return 'B';
    if (score >= GRADE_C_MIN) return 'C';
    if (score >= GRADE_D_MIN) return 'D';
    return 'F';
}

static double average_score(const struct Student students[], int count)
{
    int total = 0;
    for (int i = 0; i < count; i++) {
        total += students[i].score;
    }
    return (double)total / count;
}

static void print_student(const struct Student *student)
{
    printf("%-10s %3d %c\n", student->name, student->score, letter_grade(student->score));
}

int main(void)
{
    struct Student students[MAX_STUDENTS];
    int count = read_students(students, MAX_STUDENTS);

    if (count == 0) {
        printf("no students\n");
        return 0;
    }
    for (int i = 0; i < count; i++) {
        print_student(&students[i]);
    }
    printf("class average: %.2f\n", average_score(students, count));
    return 0;
}
