/* Print the number of days in each month of a few years and count leap years in a range. */
#include <stdbool.h>
#include <stdio.h>

enum Month {
    JANUARY = 1, FEBRUARY, MARCH, APRIL, MAY, JUNE,
    JULY, AUGUST, SEPTEMBER, OCTOBER, NOVEMBER, DECEMBER,
};

enum {
    LEAP_CYCLE = 4,
    CENTURY = 100,
    GREGORIAN_CYCLE = 400,
    SHORT_MONTH_DAYS = 30,
    LONG_MONTH_DAYS = 31,
    FEBRUARY_DAYS = 28,
    RANGE_START_YEAR = 1896,
    RANGE_END_YEAR = 2024,
};

static bool is_leap_year(int year)
{
    return (year % LEAP_CYCLE == 0 && year % CENTURY != 0) || year % GREGORIAN_CYCLE == 0;
}

static int days_in_month(enum Month month, int year)
{
    switch (month) {
    case FEBRUARY:
        return is_leap_year(year) ? FEBRUARY_DAYS + 1 : FEBRUARY_DAYS;
    case APRIL:
    case JUNE:
    case SEPTEMBER:
    case NOVEMBER:
        return SHORT_MONTH_DAYS;
    default:
        return LONG_MONTH_DAYS;
    }
}

static int days_in_year(int year)
{
    int days = 0;
    for (int month = JANUARY; month <= DECEMBER; month++) {
        days += days_in_month((enum Month)month, year);
    }
    return days;
}

static void print_year(int year)
{
    printf("%d:", year);
    for (int month = JANUARY; month <= DECEMBER; month++) {
        printf(" %d", days_in_month((enum Month)month, year));
    }
    printf(" (total %d)\n", days_in_year(year));
}

static int count_leap_years(int first_year, int last_year)
{
    int count = 0;
    for (int year = first_year; year <= last_year; year++) {
        if (is_leap_year(year)) {
            count++;
        }
    }
    return count;
}

int main(void)
{
    const int sample_years[] = {1900, 2000, 2023, 2024};
    const int sample_count = (int)(sizeof(sample_years) / sizeof(sample_years[0]));

    for (int i = 0; i < sample_count; i++) {
        print_year(sample_years[i]);
    }
    printf("leap years from %d to %d: %d\n", RANGE_START_YEAR, RANGE_END_YEAR,
           count_leap_years(RANGE_START_YEAR, RANGE_END_YEAR));
    return 0;
}
