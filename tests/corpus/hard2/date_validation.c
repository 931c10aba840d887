#include <stdio.h>

#define LINE_SIZE 64
#define MONTHS_PER_YEAR 12
#define FIRST_GREGORIAN_YEAR 1583
#define LAST_SUPPORTED_YEAR 9999

enum month { JANUARY = 1, FEBRUARY = 2, DECEMBER = 12 };

static const int days_per_month[MONTHS_PER_YEAR] = {
    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
};

static int is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
    if (month == FEBRUARY && is_leap_year(year))
        return days_per_month[month - 1] + 1;
    return days_per_month[month - 1];
}

static const char *date_error(int year, int month, int day)
{
    if (year < FIRST_GREGORIAN_YEAR || year > LAST_SUPPORTED_YEAR)
        return "year out of range";
    if (month < JANUARY || month > DECEMBER)
        return "no such month";
    if (day < 1 || day > days_in_month(year, month))
        return "no such day in this month";
    return NULL;
}

static int day_of_year(int year, int month, int day)
{
    int total = day;
    for (int earlier = JANUARY; earlier < month; earlier++)
        total += days_in_month(year, earlier);
    return total;
}

static int days_left_in_year(int year, int month, int day)
{
    int last = day_of_year(year, DECEMBER, days_in_month(year, DECEMBER));
    return last - day_of_year(year, month, day);
}

static void check_line(const char *line)
{
    int year, month, day;
    char extra;

    if (sscanf(line, "%d-%d-%d %c", &year, &month, &day, &extra) != 3) {
        printf("cannot parse a YYYY-MM-DD date\n");
        return;
    }
    const char *error = date_error(year, month, day);
    if (error != NULL) {
        printf("%04d-%02d-%02d: invalid (%s)\n", year, month, day, error);
        return;
    }
    printf("%04d-%02d-%02d: valid, day %d of the year, %d days left%s\n",
           year, month, day, day_of_year(year, month, day),
           days_left_in_year(year, month, day),
           is_leap_year(year) ? " (leap year)" : "");
}

int main(void)
{
    char line[LINE_SIZE];

    while (fgets(line, sizeof line, stdin) != NULL)
        check_line(line);
    return 0;
}
