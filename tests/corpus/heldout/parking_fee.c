#include <stdio.h>

/* Works out what a car park customer owes for a stay given in minutes. */

static int billable_hours(int minutes_parked)
{
    if (minutes_parked <= 30) {
        return 0; /* grace period */
    }
    return (minutes_parked + 59) / 60; /* every started hour counts */
}

static double fee_for_stay(int minutes_parked)
{
    int full_days = minutes_parked / 1440;
    int leftover_minutes = minutes_parked % 1440;
    double partial_day_fee = billable_hours(leftover_minutes) * 2.5;

    if (partial_day_fee > 18.0) {
        partial_day_fee = 18.0;
    }
    return full_days * 18.0 + partial_day_fee;
}

int main(void)
{
    int minutes_parked;
    double takings = 0.0;
    int customers = 0;

    while (scanf("%d", &minutes_parked) == 1) {
        if (minutes_parked < 0) {
            printf("invalid stay: %d\n", minutes_parked);
            continue;
        }
        double fee = fee_for_stay(minutes_parked);
        printf("%5d min -> %6.2f EUR\n", minutes_parked, fee);
        takings += fee;
        customers++;
    }
    printf("%d customers, takings %.2f EUR\n", customers, takings);
    return 0;
}
