/* For each line "YYYY-MM-DD YYYY-MM-DD" prints the weekdays and the days between. */
#include <stdio.h>
#include <stdlib.h>

#define LINE_LEN 80
#define DATE_FIELDS 3
#define MONTHS_PER_YEAR 12
#define DAYS_PER_WEEK 7
#define DAYS_PER_YEAR 365
#define FEBRUARY 2
#define LEAP_CYCLE 4
#define CENTURY 100
#define GREGORIAN_CYCLE 400
#define EPOCH_YEAR 1900 /* 1 January 1900 was a Monday */

enum weekday { MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY };

static const char *const weekday_names[DAYS_PER_WEEK] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
};

static const int month_lengths[MONTHS_PER_YEAR] = {
    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
};

struct date {
    int year;
    int month;
    int day;
};

static int is_leap_year(int year)
{
    return (year % LEAP_CYCLE == 0 && year % CENTURY != 0) || year % GREGORIAN_CYCLE == 0;
}

static int days_in_month(int year, int month)
{
    if (month == FEBRUARY && is_leap_year(year))
        return month_lengths[month - 1] + 1;
    return month_lengths[month - 1];
}

static int days_in_year(int year)
{
    return is_leap_year(year) ? DAYS_PER_YEAR + 1 : DAYS_PER_YEAR;
}

static int is_valid_date(struct date date)
{
    return date.year >= EPOCH_YEAR
        && date.month >= 1 && date.month <= MONTHS_PER_YEAR
        && date.day >= 1 && date.day <= days_in_month(date.year, date.month);
}

/* Number of days from 1 January EPOCH_YEAR to the given date. */
static long day_number(struct date date)
{
    long days = 0;
    for (int y = EPOCH_YEAR; y < date.year; y++)
        days += days_in_year(y);
    for (int m = 1; m < date.month; m++)
        days += days_in_month(date.year, m);
    return days + date.day - 1;
}

static const char *weekday_of(struct date date)
{
    return weekday_names[(MONDAY + day_number(date)) % DAYS_PER_WEEK];
}

static int parse_date(const char *text, struct date *date)
{
    return sscanf(text, "%d-%d-%d", &date->year, &date->month, &date->day) == DATE_FIELDS
        && is_valid_date(*date);
}

static int parse_pair(const char *line, struct date *from, struct date *to)
{
    char first[LINE_LEN];
    char second[LINE_LEN];
    return sscanf(line, "%s %s", first, second) == 2
        && parse_date(first, from) && parse_date(second, to);
}

static void print_difference(struct date from, struct date to)
{
    long days = day_number(to) - day_number(from);
    printf("%04d-%02d-%02d (%-9s) -> %04d-%02d-%02d (%-9s): %5ld days, %4ld weeks + %ld\n",
           from.year, from.month, from.day, weekday_of(from),
           to.year, to.month, to.day, weekday_of(to),
           days, labs(days) / DAYS_PER_WEEK, labs(days) % DAYS_PER_WEEK);
}

int main(void)
{
    char line[LINE_LEN];
    struct date from, to;
    while (fgets(line, sizeof line, stdin) != NULL) {
        if (parse_pair(line, &from, &to))
            print_difference(from, to);
        else
            printf("skipped invalid line: %s", line);
    }
    return 0;
}
