#include <stdio.h>

int main(void)
{
    int a[40], b[40];
    int n = 0, x, y;

    while (n < 40 && scanf("%d %d", &x, &y) == 2) {
        a[n] = x;
        b[n] = y;
        n++;
    }

    int s1 = 0, m1 = 0;
    for (int i = 0; i < n; i++) {
        s1 += a[i];
        if (a[i] > m1) m1 = a[i];
    }
    if (n > 0) printf("homework avg %.2f max %d\n", (double)s1 / n, m1);

    int s2 = 0, m2 = 0;
    for (int i = 0; i < n; i++) {
        s2 += b[i];
        if (b[i] > m2) m2 = b[i];
    }
    if (n > 0) printf("exam avg %.2f max %d\n", (double)s2 / n, m2);

    int ok = 0;
    for (int i = 0; i < n; i++) {
        double f = 0.3 * a[i] + 0.7 * b[i];
        char g;
        if (f >= 90) g = 'A';
        else if (f >= 75) g = 'B';
        else if (f >= 60) g = 'C';
        else g = 'F';
        if (f >= 60) ok++;
        printf("%d: %.1f %c\n", i + 1, f, g);
    }
    printf("passed %d/%d\n", ok, n);
    return 0;
}
