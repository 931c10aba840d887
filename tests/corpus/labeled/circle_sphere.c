/* Print the circle area, circumference and sphere volume for a list of radii. */
#include <stdio.h>

static double circle_area(double radius)
{
    return 3.14159 * radius * radius;
}

static double circumference(double radius)
{
    return 2 * 3.14159 * radius;
}

static double sphere_volume(double radius)
{
    return 4.0 / 3.0 * 3.14159 * radius * radius * radius;
}

static void print_shape_row(double radius)
{
    printf("%6.2f %10.2f %10.2f %12.2f\n", radius, circle_area(radius), circumference(radius),
           sphere_volume(radius));
}

static int count_large_circles(const double radii[], int count)
{
    int large = 0;
    for (int i = 0; i < count; i++) {
        if (circle_area(radii[i]) > 50.0) {
            large++;
        }
    }
    return large;
}

int main(void)
{
    const double radii[] = {0.5, 1.0, 2.5, 4.0, 7.25};
    const int count = (int)(sizeof(radii) / sizeof(radii[0]));

    printf("%6s %10s %10s %12s\n", "radius", "area", "circum", "volume");
    for (int i = 0; i < count; i++) {
        print_shape_row(radii[i]);
    }
    printf("circles larger than 50: %d\n", count_large_circles(radii, count));
    return 0;
}
