#include <stdio.h>

#define MONTHS_PER_HALF 6
#define PERCENT 100.0

int main(void)
{
    double first_half[MONTHS_PER_HALF];
    double second_half[MONTHS_PER_HALF];

    for (int month = 0; month < MONTHS_PER_HALF; month++) {
        if (scanf("%lf", &first_half[month]) != 1 || first_half[month] < 0.0) {
            printf("invalid sales figure for month %d\n", month + 1);
            return 0;
        }
    }
    for (int month = 0; month < MONTHS_PER_HALF; month++) {
        if (scanf("%lf", &second_half[month]) != 1 || second_half[month] < 0.0) {
            printf("invalid sales figure for month %d\n", MONTHS_PER_HALF + month + 1);
            return 0;
        }
    }

    double first_total = 0.0;
    int first_best_month = 0;
    for (int month = 0; month < MONTHS_PER_HALF; month++) {
        first_total += first_half[month];
        if (first_half[month] > first_half[first_best_month])
            first_best_month = month;
    }
    printf("first half: total %.2f, average %.2f, best month %d\n",
           first_total, first_total / MONTHS_PER_HALF, first_best_month + 1);

    double second_total = 0.0;
    int second_best_month = 0;
    for (int month = 0; month < MONTHS_PER_HALF; month++) {
        second_total += second_half[month];
        if (second_half[month] > second_half[second_best_month])
            second_best_month = month;
    }
    printf("second half: total %.2f, average %.2f, best month %d\n",
           second_total, second_total / MONTHS_PER_HALF, MONTHS_PER_HALF + second_best_month + 1);

    if (first_total > 0.0) {
        double growth = (second_total - first_total) / first_total * PERCENT;
        printf("growth: %+.1f%%\n", growth);
    } else {
        printf("growth: n/a\n");
    }
    if (second_total > first_total)
        printf("sales are improving\n");
    else
        printf("sales are flat or falling\n");
    return 0;
}
