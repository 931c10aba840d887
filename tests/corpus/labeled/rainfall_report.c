/* Report the total, average and wettest month of one year of rainfall measurements. */
#include <stdio.h>

#define MONTHS_PER_YEAR 12
#define DRY_MONTH_LIMIT_MM 30.0

static const char *const MONTH_NAMES[MONTHS_PER_YEAR] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static double total_rainfall(const double rainfall[MONTHS_PER_YEAR])
{
    double total = 0.0;
    for (int month = 0; month < MONTHS_PER_YEAR; month++) {
        total += rainfall[month];
    }
    return total;
}

static int wettest_month(const double rainfall[MONTHS_PER_YEAR])
{
    int wettest = 0;
    for (int month = 1; month < MONTHS_PER_YEAR; month++) {
        if (rainfall[month] > rainfall[wettest]) {
            wettest = month;
        }
    }
    return wettest;
}

static void print_dry_months(const double rainfall[MONTHS_PER_YEAR])
{
    printf("dry months:");
    for (int month = 0; month < MONTHS_PER_YEAR; month++) {
        if (rainfall[month] < DRY_MONTH_LIMIT_MM) {
            printf(" %s", MONTH_NAMES[month]);
        }
    }
    printf("\n");
}

int main(void)
{
    const double rainfall[MONTHS_PER_YEAR] = {78.2, 55.0, 61.4, 42.9, 35.1, 22.7,
                                              12.3, 18.8, 40.6, 88.5, 97.0, 84.4};
    double total = total_rainfall(rainfall);

    printf("total rainfall: %.1f mm\n", total);
    printf("monthly average: %.2f mm\n", total / MONTHS_PER_YEAR);
    printf("wettest month: %s\n", MONTH_NAMES[wettest_month(rainfall)]);
    print_dry_months(rainfall);
    return 0;
}
