/* Free fall */
#include <math.h>
#include <stdio.h>

static double f(double t)
{
    return 0.5 * 9.81 * t * t;
}

static double g(double h)
{
    return sqrt(2 * h / 9.81);
}

static double v(double t)
{
    return 9.81 * t * 3.6;
}

static void p(double t)
{
    printf("t=%.1f s: fallen %.2f m, speed %.1f km/h\n", t, f(t), v(t));
}

int main(void)
{
    for (int i = 0; i <= 5; i++) {
        p(i * 0.5);
    }
    double x = 828.0;
    printf("drop from %.0f m takes %.2f s\n", x, g(x));
    printf("drop from %.0f m takes %.2f s\n", x / 10, g(x / 10));
    return 0;
}
