#include <stdio.h>

static long whole_days(long seconds)
{
    return seconds / 86400;
}

static long remaining_hours(long seconds)
{
    return seconds % 86400 / 3600;
}

static long remaining_minutes(long seconds)
{
    return seconds % 3600 / 60;
}

static long remaining_seconds(long seconds)
{
    return seconds % 60;
}

static void print_duration(long seconds)
{
    printf("%ld s = %ldd %02ldh %02ldm %02lds\n", seconds, whole_days(seconds),
           remaining_hours(seconds), remaining_minutes(seconds), remaining_seconds(seconds));
}

int main(void)
{
    long seconds;

    while (scanf("%ld", &seconds) == 1) {
        if (seconds < 0) {
            printf("negative durations are not allowed\n");
            continue;
        }
        print_duration(seconds);
    }
    return 0;
}
