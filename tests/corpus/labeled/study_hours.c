/* Read a week of daily study hours and compare the total with a weekly goal. */
#include <stdio.h>

static int read_week(double hours[])
{
    int days = 0;
    while (days < 7 && scanf("%lf", &hours[days]) == 1) {
        days++;
    }
    return days;
}

static double total_hours(const double hours[], int days)
{
    double total = 0.0;
    for (int i = 0; i < days; i++) {
        total += hours[i];
    }
    return total;
}

static int busy_days(const double hours[], int days)
{
    int busy = 0;
    for (int i = 0; i < days; i++) {
        if (hours[i] > 4.5) {
            busy++;
        }
    }
    return busy;
}

static void print_report(double total, int days, int busy)
{
    printf("days recorded: %d\n", days);
    printf("total: %.1f hours (%.0f minutes)\n", total, total * 60);
    printf("busy days: %d\n", busy);
    if (total >= 20) {
        printf("weekly goal reached\n");
    } else {
        printf("%.1f hours short of the goal\n", 20 - total);
    }
}

int main(void)
{
    double hours[7];
    int days = read_week(hours);

    print_report(total_hours(hours, days), days, busy_days(hours, days));
    return 0;
}
