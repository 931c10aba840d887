/* Parking garage: each line is "PLATE HH:MM HH:MM" (entry and exit on the same day). */
#include <stdio.h>

#define LINE_LEN 80
#define MINUTES_PER_HOUR 60
#define HOURS_PER_DAY 24
#define FREE_MINUTES 15
#define HOURLY_RATE 2.50
#define DAILY_MAXIMUM 18.00
#define RECORD_FIELDS 5

struct visit {
    char plate[LINE_LEN];
    int entry;  /* minutes after midnight */
    int exit;
};

static int to_minutes(int hours, int minutes)
{
    if (hours < 0 || hours >= HOURS_PER_DAY || minutes < 0 || minutes >= MINUTES_PER_HOUR)
        return -1;
    return hours * MINUTES_PER_HOUR + minutes;
}

static int parse_visit(const char *line, struct visit *visit)
{
    int entry_hour, entry_min, exit_hour, exit_min;
    if (sscanf(line, "%s %d:%d %d:%d", visit->plate,
               &entry_hour, &entry_min, &exit_hour, &exit_min) != RECORD_FIELDS)
        return 0;
    visit->entry = to_minutes(entry_hour, entry_min);
    visit->exit = to_minutes(exit_hour, exit_min);
    return visit->entry >= 0 && visit->exit >= visit->entry;
}

static double compute_fee(const struct visit *visit)
{
    int parked = visit->exit - visit->entry;
    double fee = 0.0;
    if (parked > FREE_MINUTES) {
        int started_hours = (parked + MINUTES_PER_HOUR - 1) / MINUTES_PER_HOUR;
        fee = started_hours * HOURLY_RATE;
        if (fee > DAILY_MAXIMUM)
            fee = DAILY_MAXIMUM;
    }
    printf("%-10s %02d:%02d-%02d:%02d %4d min %7.2f\n", visit->plate,
           visit->entry / MINUTES_PER_HOUR, visit->entry % MINUTES_PER_HOUR,
           visit->exit / MINUTES_PER_HOUR, visit->exit % MINUTES_PER_HOUR, parked, fee);
    return fee;
}

int main(void)
{
    char line[LINE_LEN];
    struct visit visit;
    double revenue = 0.0;
    int cars = 0;

    printf("%-10s %-11s %8s %7s\n", "plate", "time", "parked", "fee");
    while (fgets(line, sizeof line, stdin) != NULL) {
        if (!parse_visit(line, &visit)) {
            printf("bad record: %s", line);
            continue;
        }
        revenue += compute_fee(&visit);
        cars++;
    }
    printf("%d car(s), revenue %.2f\n", cars, revenue);
    return 0;
}
