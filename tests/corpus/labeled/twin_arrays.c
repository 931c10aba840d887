/* Two lists */
#include <stdio.h>

#define N 6

static void f1(const int x[], int n)
{
    int m = x[0];
    int c = 0;
    for (int i = 0; i < n; i++) {
        if (x[i] > m) {
            m = x[i];
        }
        if (x[i] % 2 == 0) {
            c++;
        }
    }
    printf("list 1: max %d, even %d\n", m, c);
}

static void f2(const int y[], int n)
{
    int m = y[0];
    int c = 0;
    for (int i = 0; i < n; i++) {
        if (y[i] > m) {
            m = y[i];
        }
        if (y[i] % 2 == 0) {
            c++;
        }
    }
    printf("list 2: max %d, even %d\n", m, c);
}

static int g(const int x[], const int y[], int n)
{
    int t = 0;
    for (int i = 0; i < n; i++) {
        t += x[i] * y[i];
    }
    return t;
}

int main(void)
{
    const int a[N] = {3, 8, 1, 6, 7, 2};
    const int b[N] = {5, 4, 9, 10, 2, 11};

    f1(a, N);
    f2(b, N);
    printf("dot: %d\n", g(a, b, N));
    return 0;
}
