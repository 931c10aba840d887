/* Records */
#include <stdio.h>

#define LEN 20
#define MIN_B 3.0

struct thing {
    char s[LEN];
    int a;
    double b;
};

static double val(const struct thing *t)
{
    return t->a * t->b;
}

static void proc(struct thing *t, int k)
{
    t->a += k;
}

static double tot(const struct thing d[], int n)
{
    double r = 0.0;
    for (int i = 0; i < n; i++) {
        r += val(&d[i]);
    }
    return r;
}

static void show(const struct thing d[], int n)
{
    for (int i = 0; i < n; i++) {
        printf("%-8s %3d %6.2f\n", d[i].s, d[i].a, d[i].b);
    }
}

int main(void)
{
    struct thing data[] = {{"apple", 12, 0.40}, {"melon", 2, 3.50}, {"cherry", 150, 0.05}, {"mango", 4, 1.20}};
    const int n = (int)(sizeof(data) / sizeof(data[0]));

    show(data, n);
    printf("total: %.2f\n", tot(data, n));
    for (int i = 0; i < n; i++) {
        if (data[i].b >= MIN_B) {
            proc(&data[i], 1);
        }
    }
    show(data, n);
    printf("total: %.2f\n", tot(data, n));
    return 0;
}
