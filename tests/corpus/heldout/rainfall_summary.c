#include <stdio.h>

#define MAX_DAYS 31

static int read_rainfall(double readings[], int capacity)
{
    int count = 0;
    double value;

    while (count < capacity && scanf("%lf", &value) == 1) {
        if (value >= 0.0) {
            readings[count] = value;
            count++;
        }
    }
    return count;
}

static double total_rainfall(const double readings[], int count)
{
    double total = 0.0;
    for (int i = 0; i < count; i++) {
        total += readings[i];
    }
    return total;
}

static int wettest_day(const double readings[], int count)
{
    int wettest = 0;
    for (int i = 1; i < count; i++) {
        if (readings[i] > readings[wettest]) {
            wettest = i;
        }
    }
    return wettest;
}

static int count_dry_days(const double readings[], int count)
{
    int dry_days = 0;
    for (int i = 0; i < count; i++) {
        if (readings[i] == 0.0) {
            dry_days++;
        }
    }
    return dry_days;
}

int main(void)
{
    double readings[MAX_DAYS];
    int count = read_rainfall(readings, MAX_DAYS);

    if (count == 0) {
        printf("no readings\n");
        return 0;
    }

    double total = total_rainfall(readings, count);
    printf("days recorded: %d\n", count);
    printf("total rainfall: %.1f mm\n", total);
    printf("average per day: %.2f mm\n", total / count);
    printf("wettest day: %d\n", wettest_day(readings, count) + 1);
    printf("dry days: %d\n", count_dry_days(readings, count));
    return 0;
}
