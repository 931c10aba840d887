/* Body mass index for a list of people. Each line: "name weight_lb height_in". */
#include <stdio.h>

#define LINE_LEN 80

static double calc(double a, double b)
{
    return 703.0 * a / (b * b);
}

static const char *category(double bmi)
{
    if (bmi < 18.5)
        return "underweight";
    if (bmi < 25.0)
        return "normal";
    if (bmi < 30.0)
        return "overweight";
    return "obese";
}

static int read_person(char name[LINE_LEN], double *a, double *b)
{
    char line[LINE_LEN];
    while (fgets(line, sizeof line, stdin) != NULL) {
        if (sscanf(line, "%s %lf %lf", name, a, b) == 3 && *a > 0.0 && *b > 0.0)
            return 1;
        printf("skipping: %s", line);
    }
    return 0;
}

static void print_row(const char *name, double bmi)
{
    printf("%-12s %6.1f %s\n", name, bmi, category(bmi));
}

int main(void)
{
    char name[LINE_LEN];
    double a, b;
    int n = 0;
    int val = 0;

    printf("%-12s %6s %s\n", "name", "bmi", "category");
    while (read_person(name, &a, &b)) {
        double bmi = calc(a, b);
        print_row(name, bmi);
        n++;
        if (bmi >= 25.0)
            val++;
    }
    printf("%d of %d people are above the normal range\n", val, n);
    return 0;
}
