#include <stdio.h>

int main()
{
    int a[50], b[50];
    int n1, n2, x;

    if (scanf("%d", &n1) != 1 || n1 < 1 || n1 > 50)
        return 0;
    for (int i = 0; i < n1; i++) {
        if (scanf("%d", &x) != 1)
            return 0;
        if (x < 0) x = 0;
        if (x > 100) x = 100;
        a[i] = x;
    }
    if (scanf("%d", &n2) != 1 || n2 < 1 || n2 > 50)
        return 0;
    for (int i = 0; i < n2; i++) {
        if (scanf("%d", &x) != 1)
            return 0;
        if (x < 0) x = 0;
        if (x > 100) x = 100;
        b[i] = x;
    }

    int s = 0, m = 0, c = 0;
    for (int i = 0; i < n1; i++) {
        s += a[i];
        if (a[i] > m) m = a[i];
        if (a[i] >= 60) c++;
    }
    printf("group 1: avg %.1f, best %d, passed %d/%d\n", (double)s / n1, m, c, n1);
    if ((double)s / n1 >= 75)
        printf("  group 1 gets the bonus trip\n");
    int t = s;

    s = 0; m = 0; c = 0;
    for (int i = 0; i < n2; i++) {
        s += b[i];
        if (b[i] > m) m = b[i];
        if (b[i] >= 60) c++;
    }
    printf("group 2: avg %.1f, best %d, passed %d/%d\n", (double)s / n2, m, c, n2);
    if ((double)s / n2 >= 75)
        printf("  group 2 gets the bonus trip\n");

    printf("overall avg %.1f\n", (double)(t + s) / (n1 + n2));
    return 0;
}
