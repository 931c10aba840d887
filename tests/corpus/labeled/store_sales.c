/* Print a weekly sales chart and the best day for two branches of a bakery. */
#include <stdio.h>

#define DAYS_PER_WEEK 7
#define LOAVES_PER_STAR 5

static const char *const DAY_NAMES[DAYS_PER_WEEK] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

static const int NORTH_SALES[DAYS_PER_WEEK] = {42, 38, 45, 50, 61, 75, 33};
static const int SOUTH_SALES[DAYS_PER_WEEK] = {25, 30, 28, 35, 40, 52, 48};

static void print_north_branch(void)
{
    printf("north branch\n");
    for (int day = 0; day < DAYS_PER_WEEK; day++) {
        printf("  %s %3d ", DAY_NAMES[day], NORTH_SALES[day]);
        for (int star = 0; star < NORTH_SALES[day] / LOAVES_PER_STAR; star++) {
            putchar('*');
        }
        putchar('\n');
    }
}

static void print_south_branch(void)
{
    printf("south branch\n");
    for (int day = 0; day < DAYS_PER_WEEK; day++) {
        printf("  %s %3d ", DAY_NAMES[day], SOUTH_SALES[day]);
        for (int star = 0; star < SOUTH_SALES[day] / LOAVES_PER_STAR; star++) {
            putchar('*');
        }
        putchar('\n');
    }
}

static int best_day(const int sales[DAYS_PER_WEEK])
{
    int best = 0;
    for (int day = 1; day < DAYS_PER_WEEK; day++) {
        if (sales[day] > sales[best]) {
            best = day;
        }
    }
    return best;
}

int main(void)
{
    print_north_branch();
    print_south_branch();
    printf("best north day: %s\n", DAY_NAMES[best_day(NORTH_SALES)]);
    printf("best south day: %s\n", DAY_NAMES[best_day(SOUTH_SALES)]);
    return 0;
}
