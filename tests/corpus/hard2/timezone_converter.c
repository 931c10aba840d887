#include <stdio.h>
#include <string.h>

#define ZONE_NAME_SIZE 8

struct zone {
    const char *name;
    int offset_minutes;
};

static const struct zone zones[] = {
    { "UTC", 0 }, { "CET", 60 }, { "EET", 120 }, { "IST", 330 },
    { "JST", 540 }, { "EST", -300 }, { "PST", -480 },
};
#define ZONE_COUNT (sizeof zones / sizeof zones[0])

static int f(const char *s, int *o)
{
    for (size_t i = 0; i < ZONE_COUNT; i++) {
        if (strcmp(zones[i].name, s) == 0) {
            *o = zones[i].offset_minutes;
            return 1;
        }
    }
    return 0;
}

static int g(int a, int b, int c, int *d)
{
    int t = a - b + c;
    *d = 0;
    if (t < 0)
        *d = -1;
    else if (t >= 1440)
        *d = 1;
    return (t % 1440 + 1440) % 1440;
}

static void k(int h, int m, const char *z1, const char *z2)
{
    int o1, o2, d;

    if (h < 0 || h > 23 || m < 0 || m > 59) {
        printf("%02d:%02d is not a valid time\n", h, m);
        return;
    }
    if (!f(z1, &o1) || !f(z2, &o2)) {
        printf("unknown zone in %s -> %s\n", z1, z2);
        return;
    }
    int t = g(h * 60 + m, o1, o2, &d);
    printf("%02d:%02d %s = %02d:%02d %s%s\n", h, m, z1, t / 60, t % 60, z2,
           d < 0 ? " (previous day)" : d > 0 ? " (next day)" : "");
}

int main(void)
{
    int h, m;
    char z1[ZONE_NAME_SIZE], z2[ZONE_NAME_SIZE];

    while (scanf("%d:%d %7s %7s", &h, &m, z1, z2) == 4)
        k(h, m, z1, z2);
    return 0;
}
