#include <stdbool.h>
#include <stdio.h>

#define MINUTES_PER_HOUR 60
#define HOURS_PER_DAY 24

/* Reads "HH:MM HH:MM" and converts both times to minutes after midnight. */
static bool read_shift(int *start_minutes, int *end_minutes)
{
    int hours;
    int minutes;

    if (scanf("%d:%d", &hours, &minutes) != 2)
        return false;
    if (hours < 0 || hours >= HOURS_PER_DAY || minutes < 0 || minutes >= MINUTES_PER_HOUR)
        return false;
    *start_minutes = hours * MINUTES_PER_HOUR + minutes;

    if (scanf("%d:%d", &hours, &minutes) != 2)
        return false;
    if (hours < 0 || hours >= HOURS_PER_DAY || minutes < 0 || minutes >= MINUTES_PER_HOUR)
        return false;
    *end_minutes = hours * MINUTES_PER_HOUR + minutes;

    return true;
}

static int shift_length(int start_minutes, int end_minutes)
{
    int length = end_minutes - start_minutes;
    if (length < 0)
        length += HOURS_PER_DAY * MINUTES_PER_HOUR; /* shift ends after midnight */
    return length;
}

int main(void)
{
    int start_minutes;
    int end_minutes;
    int total_minutes = 0;
    int shift_count = 0;

    while (read_shift(&start_minutes, &end_minutes)) {
        int length = shift_length(start_minutes, end_minutes);
        shift_count++;
        printf("shift %d: %dh %02dmin\n", shift_count,
               length / MINUTES_PER_HOUR, length % MINUTES_PER_HOUR);
        total_minutes += length;
    }
    printf("%d shifts, %dh %02dmin in total\n", shift_count,
           total_minutes / MINUTES_PER_HOUR, total_minutes % MINUTES_PER_HOUR);
    return 0;
}
