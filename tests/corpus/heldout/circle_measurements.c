#include <stdbool.h>
#include <stdio.h>

static double circle_area(double radius)
{
    return 3.14159 * radius * radius;
}

static double circle_circumference(double radius)
{
    return 2.0 * 3.14159 * radius;
}

static bool is_reasonable_radius(double radius)
{
    return radius > 0.0 && radius <= 1000.0;
}

int main(void)
{
    double radius;
    int circles_measured = 0;

    // one radius per line, stop at the first thing that is not a number
    while (scanf("%lf", &radius) == 1) {
        if (!is_reasonable_radius(radius)) {
            printf("skipping radius %.2f\n", radius);
            continue;
        }
        circles_measured++;
        printf("circle %d: r=%.2f area=%.3f circumference=%.3f\n", circles_measured, radius,
               circle_area(radius), circle_circumference(radius));
    }
    printf("%d circles measured\n", circles_measured);
    return 0;
}
