/* Compares the monthly sales of the two branches of a shop over one year.
 * Input: 12 figures for the north branch, then 12 for the south branch. */
#include <stdio.h>

#define MONTHS 12

static const char *const month_names[MONTHS] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

static int sales_report(void)
{
    double north[MONTHS];
    double south[MONTHS];

    for (int m = 0; m < MONTHS; m++) {
        if (scanf("%lf", &north[m]) != 1 || north[m] < 0.0) {
            printf("bad figure for north branch, month %d\n", m + 1);
            return 0;
        }
    }
    for (int m = 0; m < MONTHS; m++) {
        if (scanf("%lf", &south[m]) != 1 || south[m] < 0.0) {
            printf("bad figure for south branch, month %d\n", m + 1);
            return 0;
        }
    }

    double north_total = 0.0;
    int north_best = 0;
    for (int m = 0; m < MONTHS; m++) {
        north_total += north[m];
        if (north[m] > north[north_best])
            north_best = m;
    }

    double south_total = 0.0;
    int south_best = 0;
    for (int m = 0; m < MONTHS; m++) {
        south_total += south[m];
        if (south[m] > south[south_best])
            south_best = m;
    }

    int months_north_ahead = 0;
    for (int m = 0; m < MONTHS; m++)
        if (north[m] > south[m])
            months_north_ahead++;

    printf("%-5s %10s %10s\n", "month", "north", "south");
    for (int m = 0; m < MONTHS; m++)
        printf("%-5s %10.2f %10.2f\n", month_names[m], north[m], south[m]);
    printf("north: total %.2f, average %.2f, best month %s\n",
           north_total, north_total / MONTHS, month_names[north_best]);
    printf("south: total %.2f, average %.2f, best month %s\n",
           south_total, south_total / MONTHS, month_names[south_best]);
    printf("north sold more in %d of %d months\n", months_north_ahead, MONTHS);
    return 1;
}

int main(void)
{
    return sales_report() ? 0 : 1;
}
