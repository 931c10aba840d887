#include <stdio.h>

#define MONTHS_PER_YEAR 12
#define PERCENT 100.0

/* monthly compounding */
double f(double a, double b, int n)
{
    double x = a;
    for (int i = 0; i < n; i++) {
        x = x + x * b / PERCENT / MONTHS_PER_YEAR;
    }
    return x;
}

void g(double a, double b, int n)
{
    double x = f(a, b, n * MONTHS_PER_YEAR);
    printf("%.2f at %.2f%% for %d years -> %.2f (interest %.2f)\n", a, b, n, x, x - a);
}

int main(void)
{
    double a, b;
    int n;
    int c = 0;

    // input: amount rate years
    while (scanf("%lf %lf %d", &a, &b, &n) == 3) {
        if (a < 0 || b < 0 || n < 0) {
            printf("bad input\n");
            continue;
        }
        g(a, b, n);
        c++;
    }
    printf("%d done\n", c);
    return 0;
}
