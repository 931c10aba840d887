#include <stdio.h>

#define DAYS_PER_WEEK 7

static const double morning_temps[DAYS_PER_WEEK] = {12.5, 13.0, 11.8, 14.2, 15.1, 13.9, 12.7};
static const double evening_temps[DAYS_PER_WEEK] = {18.3, 19.1, 17.6, 20.4, 21.0, 19.8, 18.9};

static void print_morning_summary(void)
{
    double sum = 0.0;
    double lowest = morning_temps[0];
    double highest = morning_temps[0];

    for (int day = 0; day < DAYS_PER_WEEK; day++)
    {
        sum += morning_temps[day];
        if (morning_temps[day] < lowest)
        {
            lowest = morning_temps[day];
        }
        if (morning_temps[day] > highest)
        {
            highest = morning_temps[day];
        }
    }
    printf("morning: avg %.1f, low %.1f, high %.1f\n", sum / DAYS_PER_WEEK, lowest, highest);
}

static void print_evening_summary(void)
{
    double sum = 0.0;
    double lowest = evening_temps[0];
    double highest = evening_temps[0];

    for (int day = 0; day < DAYS_PER_WEEK; day++)
    {
        sum += evening_temps[day];
        if (evening_temps[day] < lowest)
        {
            lowest = evening_temps[day];
        }
        if (evening_temps[day] > highest)
        {
            highest = evening_temps[day];
        }
    }
    printf("evening: avg %.1f, low %.1f, high %.1f\n", sum / DAYS_PER_WEEK, lowest, highest);
}

int main(void)
{
    printf("Weekly temperature summary\n");
    print_morning_summary();
    print_evening_summary();
    return 0;
}
