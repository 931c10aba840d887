#include <stdio.h>

int main(void)
{
    int m[30];
    int n = 0, t;

    while (n < 30 && scanf("%d", &t) == 1) {
        if (t < 0 || t > 20) {
            printf("bad mark %d\n", t);
            continue;
        }
        m[n++] = t;
    }
    if (n == 0) {
        printf("empty\n");
        return 0;
    }

    int s = 0, hi = 0, cnt = 0;
    for (int i = 0; i < n; i++) {
        s += m[i];
        if (m[i] > hi) hi = m[i];
        if (m[i] >= 10) cnt++;
    }
    double avg = (double)s / n;
    printf("avg %.2f / 20 = %.1f%%\n", avg, avg * 5);
    printf("best %d, passed %d of %d\n", hi, cnt, n);

    int h[5] = {0};
    for (int i = 0; i < n; i++) {
        int k = m[i] / 5;
        if (k > 3) k = 3;
        h[k]++;
        if (m[i] == 20) h[4]++;
    }
    for (int k = 0; k < 4; k++) {
        printf("%2d-%2d: %d\n", k * 5, k * 5 + 4 + (k == 3), h[k]);
    }
    printf("perfect: %d\n", h[4]);
    return 0;
}
