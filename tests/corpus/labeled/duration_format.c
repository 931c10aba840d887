/* Read durations in seconds and print them as days, hours, minutes and seconds. */
#include <stdio.h>

struct Duration {
    long days;
    long hours;
    long minutes;
    long seconds;
};

static struct Duration split_seconds(long total_seconds)
{
    struct Duration duration;
    duration.days = total_seconds / 86400;
    duration.hours = total_seconds % 86400 / 3600;
    duration.minutes = total_seconds % 3600 / 60;
    duration.seconds = total_seconds % 60;
    return duration;
}

static void print_duration(long total_seconds, const struct Duration *duration)
{
    printf("%ld s = %ld d %02ld:%02ld:%02ld\n", total_seconds, duration->days, duration->hours,
           duration->minutes, duration->seconds);
}

static double hours_per_week_share(long total_seconds)
{
    return total_seconds / 3600.0 / 168 * 100;
}

int main(void)
{
    long total_seconds = 0;
    int converted = 0;

    while (scanf("%ld", &total_seconds) == 1) {
        if (total_seconds < 0) {
            printf("negative duration %ld skipped\n", total_seconds);
            continue;
        }
        struct Duration duration = split_seconds(total_seconds);
        print_duration(total_seconds, &duration);
        printf("  that is %.2f%% of a week\n", hours_per_week_share(total_seconds));
        converted++;
    }
    printf("durations converted: %d\n", converted);
    return 0;
}
