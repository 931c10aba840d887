/* Numbers */
#include <stdio.h>

#define N 8
#define LIMIT 10

static int f(const int a[], int n)
{
    int x = a[0];
    for (int i = 1; i < n; i++) {
        if (a[i] > x) {
            x = a[i];
        }
    }
    return x;
}

static int g(const int a[], int n)
{
    int s = 0;
    for (int i = 0; i < n; i++) {
        s += a[i];
    }
    return s;
}

static void do_it(int a[], int n)
{
    for (int i = 0; i < n / 2; i++) {
        int tmp = a[i];
        a[i] = a[n - 1 - i];
        a[n - 1 - i] = tmp;
    }
}

static int stuff(const int a[], int n)
{
    int c = 0;
    for (int i = 0; i < n; i++) {
        if (a[i] > LIMIT) {
            c++;
        }
    }
    return c;
}

static void p(const int a[], int n)
{
    for (int i = 0; i < n; i++) {
        printf("%d ", a[i]);
    }
    printf("\n");
}

int main(void)
{
    int data[N] = {4, 17, 9, 23, 1, 12, 8, 15};

    p(data, N);
    printf("max: %d\n", f(data, N));
    printf("sum: %d\n", g(data, N));
    printf("above %d: %d\n", LIMIT, stuff(data, N));
    do_it(data, N);
    p(data, N);
    return 0;
}
