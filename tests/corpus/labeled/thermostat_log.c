/* Read hourly indoor temperatures for one day and report heating and cooling needs. */
#include <stdio.h>

int main(void)
{
    double temps[24];
    int hours = 0;

    while (hours < 24 && scanf("%lf", &temps[hours]) == 1) {
        hours++;
    }
    if (hours == 0) {
        printf("no readings\n");
        return 0;
    }

    int heating_hours = 0;
    double heating_degrees = 0.0;
    for (int i = 0; i < hours; i++) {
        if (temps[i] < 19.5) {
            heating_hours++;
            heating_degrees += 19.5 - temps[i];
        }
    }
    printf("heating needed for %d hours (%.1f degree-hours)\n", heating_hours, heating_degrees);

    int cooling_hours = 0;
    double cooling_degrees = 0.0;
    for (int i = 0; i < hours; i++) {
        if (temps[i] > 24.0) {
            cooling_hours++;
            cooling_degrees += temps[i] - 24.0;
        }
    }
    printf("cooling needed for %d hours (%.1f degree-hours)\n", cooling_hours, cooling_degrees);

    double sum = 0.0;
    for (int i = 0; i < hours; i++) {
        sum += temps[i];
    }
    double average = sum / hours;
    printf("average: %.2f\n", average);
    printf("comfortable hours: %d of %d\n", hours - heating_hours - cooling_hours, hours);
    printf("energy cost: %.2f\n", heating_degrees * 0.12 + cooling_degrees * 0.18);
    return 0;
}
