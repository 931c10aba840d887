/* Read temperatures and print min, max and average. */
#include <stdio.h>

#define MAX 64

static int get(double v[], int m)
{
    int k = 0;
    while (k < m && scanf("%lf", &v[k]) == 1) {
        k++;
    }
    return k;
}

static void stuff(const double v[], int k, double *x1, double *x2)
{
    *x1 = v[0];
    *x2 = v[0];
    for (int i = 1; i < k; i++) {
        if (v[i] < *x1) {
            *x1 = v[i];
        }
        if (v[i] > *x2) {
            *x2 = v[i];
        }
    }
}

static double calc(const double v[], int k)
{
    double t = 0.0;
    for (int i = 0; i < k; i++) {
        t += v[i];
    }
    return t / k;
}

int main(void)
{
    double data[MAX];
    double x1 = 0.0;
    double x2 = 0.0;
    int k = get(data, MAX);

    if (k == 0) {
        printf("nothing\n");
        return 0;
    }
    stuff(data, k, &x1, &x2);
    printf("min: %.1f\n", x1);
    printf("max: %.1f\n", x2);
    printf("avg: %.2f\n", calc(data, k));
    return 0;
}
