#include <stdio.h>

int a[] = {4, 8, 15, 16, 23, 42};
int b[] = {3, 1, 4, 1, 5, 9, 2, 6};

void f1(void)
{
    int n = sizeof a / sizeof a[0];
    int s = 0;
    int m = a[0];

    printf("list:");
    for (int i = 0; i < n; i++) {
        printf(" %d", a[i]);
        s += a[i];
        if (a[i] > m)
            m = a[i];
    }
    printf("\nsum = %d, max = %d, mean = %.2f\n", s, m, (double)s / n);
}

void f2(void)
{
    int n = sizeof b / sizeof b[0];
    int s = 0;
    int m = b[0];

    printf("list:");
    for (int i = 0; i < n; i++) {
        printf(" %d", b[i]);
        s += b[i];
        if (b[i] > m)
            m = b[i];
    }
    printf("\nsum = %d, max = %d, mean = %.2f\n", s, m, (double)s / n);
}

int main(void)
{
    f1();
    f2();
    return 0;
}
