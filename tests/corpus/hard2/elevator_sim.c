#include <stdio.h>

#define MAX_REQUESTS 64
#define LOWEST_FLOOR 0
#define TOP_FLOOR 20
#define DOOR_OPEN_TICKS 3

enum state { IDLE, MOVING, ARRIVED, DOORS_OPEN };

struct stop {
    int floor;
    int tick;
};

struct trip_stats {
    int ticks;
    int floors_travelled;
    int reversals;
};

static int read_requests(int floors[], int capacity)
{
    int n = 0;
    int floor;
    while (n < capacity && scanf("%d", &floor) == 1) {
        if (floor < LOWEST_FLOOR || floor > TOP_FLOOR) {
            printf("ignoring request for floor %d\n", floor);
            continue;
        }
        floors[n++] = floor;
    }
    return n;
}

static struct trip_stats run_elevator(const int floors[], int n, struct stop stops[])
{
    struct trip_stats stats = { 0, 0, 0 };
    enum state state = IDLE;
    int current = LOWEST_FLOOR;
    int direction = 0;
    int next = 0;
    int door_timer = 0;

    while (next < n || state != IDLE) {
        switch (state) {
        case IDLE:
            if (floors[next] == current) {
                state = ARRIVED;
            } else {
                int wanted = floors[next] > current ? 1 : -1;
                if (direction != 0 && wanted != direction)
                    stats.reversals++;
                direction = wanted;
                state = MOVING;
            }
            break;
        case MOVING:
            current += direction;
            stats.floors_travelled++;
            if (current == floors[next])
                state = ARRIVED;
            break;
        case ARRIVED:
            stops[next].floor = current;
            stops[next].tick = stats.ticks;
            door_timer = DOOR_OPEN_TICKS;
            state = DOORS_OPEN;
            break;
        case DOORS_OPEN:
            door_timer--;
            if (door_timer == 0) {
                next++;
                state = IDLE;
            }
            break;
        }
        stats.ticks++;
    }
    return stats;
}

static void print_stops(const struct stop stops[], int n)
{
    for (int i = 0; i < n; i++)
        printf("stop %2d: floor %2d reached at tick %3d\n",
               i + 1, stops[i].floor, stops[i].tick);
}

static void print_summary(struct trip_stats stats)
{
    printf("total ticks: %d\n", stats.ticks);
    printf("floors travelled: %d\n", stats.floors_travelled);
    printf("direction changes: %d\n", stats.reversals);
}

int main(void)
{
    int floors[MAX_REQUESTS];
    struct stop stops[MAX_REQUESTS];
    int n = read_requests(floors, MAX_REQUESTS);
    struct trip_stats stats = run_elevator(floors, n, stops);

    print_stops(stops, n);
    print_summary(stats);
    return 0;
}
