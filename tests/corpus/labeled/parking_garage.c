/* Read parking sessions (entry and exit time in minutes since midnight) and print the fees. */
#include <stdio.h>

int main(void)
{
    int entry_minute = 0;
    int exit_minute = 0;
    int sessions = 0;
    double revenue = 0.0;
    int longest_stay = 0;

    while (scanf("%d", &entry_minute) == 1 && scanf("%d", &exit_minute) == 1) {
        if (entry_minute < 0 || exit_minute > 1440 || exit_minute < entry_minute) {
            printf("invalid session %d-%d\n", entry_minute, exit_minute);
            continue;
        }
        int stay = exit_minute - entry_minute;
        double fee = 0.0;
        if (stay > 15) {
            int started_hours = (stay + 59) / 60;
            fee = started_hours * 2.5;
            if (fee > 18.0) {
                fee = 18.0;
            }
        }
        if (entry_minute >= 1080) {
            fee = fee * 0.5;
        }
        printf("%02d:%02d-%02d:%02d %4d min  fee %.2f\n", entry_minute / 60, entry_minute % 60,
               exit_minute / 60, exit_minute % 60, stay, fee);
        sessions++;
        revenue += fee;
        if (stay > longest_stay) {
            longest_stay = stay;
        }
    }

    printf("sessions: %d\n", sessions);
    printf("revenue: %.2f\n", revenue);
    if (sessions > 0) {
        printf("average fee: %.2f\n", revenue / sessions);
        printf("longest stay: %d h %d min\n", longest_stay / 60, longest_stay % 60);
    }
    return 0;
}
