#include <stdbool.h>
#include <stdio.h>
#include <string.h>

double f(double x)
{
    return x * 2.54;
}

double g(double x)
{
    return x * 0.453592;
}

double h(double x)
{
    return (x - 32) * 5 / 9;
}

double k2(double x)
{
    return x * 1.60934;
}

bool conv(const char *s, double v, double *r, const char **u)
{
    if (strcmp(s, "in") == 0) { *r = f(v); *u = "cm"; }
    else if (strcmp(s, "lb") == 0) { *r = g(v); *u = "kg"; }
    else if (strcmp(s, "F") == 0) { *r = h(v); *u = "C"; }
    else if (strcmp(s, "mi") == 0) { *r = k2(v); *u = "km"; }
    else return false;
    return true;
}

int main(void)
{
    char s[16];
    double v, r;
    const char *u;
    int n = 0;

    while (scanf("%15s %lf", s, &v) == 2) {
        if (!conv(s, v, &r, &u)) {
            printf("?? %s\n", s);
            continue;
        }
        printf("%.2f %s = %.2f %s\n", v, s, r, u);
        n++;
    }
    printf("%d conversions\n", n);
    return 0;
}
