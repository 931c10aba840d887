/* Prints metric-to-imperial conversion tables for a range read from stdin:
 * "start end step", e.g. "0 10 2.5". */
#include <stdio.h>

#define MAX_ROWS 40

static void print_length_table(double start, double end, double step)
{
    printf("%10s | %10s\n", "cm", "inches");
    printf("-----------+-----------\n");
    for (double value = start; value <= end; value += step)
        printf("%10.2f | %10.3f\n", value, value / 2.54);
    putchar('\n');
}

static void print_weight_table(double start, double end, double step)
{
    printf("%10s | %10s\n", "kg", "pounds");
    printf("-----------+-----------\n");
    for (double value = start; value <= end; value += step)
        printf("%10.2f | %10.3f\n", value, value * 2.20462);
    putchar('\n');
}

static void print_distance_table(double start, double end, double step)
{
    printf("%10s | %10s\n", "km", "miles");
    printf("-----------+-----------\n");
    for (double value = start; value <= end; value += step)
        printf("%10.2f | %10.3f\n", value, value * 0.621371);
    putchar('\n');
}

static int read_range(double *start, double *end, double *step)
{
    if (scanf("%lf %lf %lf", start, end, step) != 3)
        return 0;
    if (*step <= 0.0 || *end < *start)
        return 0;
    return (*end - *start) / *step < MAX_ROWS;
}

int main(void)
{
    double start, end, step;
    if (!read_range(&start, &end, &step)) {
        printf("please enter: start end step (at most %d rows)\n", MAX_ROWS);
        return 1;
    }
    print_length_table(start, end, step);
    print_weight_table(start, end, step);
    print_distance_table(start, end, step);
    return 0;
}
