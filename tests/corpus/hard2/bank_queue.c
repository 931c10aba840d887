#include <stdio.h>

#define MAX_CUSTOMERS 100

static int a[MAX_CUSTOMERS];
static int b[MAX_CUSTOMERS];

static void do_all(void)
{
    int n = 0;
    int x, y;

    while (n < MAX_CUSTOMERS && scanf("%d %d", &x, &y) == 2) {
        if (x < 0 || y <= 0 || (n > 0 && x < a[n - 1])) {
            printf("skipping customer (%d, %d)\n", x, y);
            continue;
        }
        a[n] = x;
        b[n] = y;
        n++;
    }

    int t = 0;
    int total = 0;
    int worst = 0;
    int idle = 0;
    for (int i = 0; i < n; i++) {
        if (a[i] > t) {
            idle += a[i] - t;
            t = a[i];
        }
        int w = t - a[i];
        total += w;
        if (w > worst)
            worst = w;
        t += b[i];
        printf("customer %2d: arrives %3d, waits %3d, leaves %3d\n", i + 1, a[i], w, t);
    }

    if (n == 0) {
        printf("no customers\n");
        return;
    }
    printf("average wait %.2f min, longest wait %d min, teller idle %d min\n",
           (double)total / n, worst, idle);
}

int main(void)
{
    do_all();
    return 0;
}
