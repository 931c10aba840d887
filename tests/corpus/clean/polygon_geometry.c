/* Compute the perimeter of a polygon and its two closest vertices, using a SQUARE macro. */
#include <math.h>
#include <stdio.h>

#define SQUARE(x) ((x) * (x))

struct Point {
    double x;
    double y;
};

struct VertexPair {
    int first;
    int second;
    double distance;
};

static double distance(const struct Point *from, const struct Point *to)
{
    return sqrt(SQUARE(to->x - from->x) + SQUARE(to->y - from->y));
}

static double perimeter(const struct Point vertices[], int count)
{
    double length = 0.0;
    for (int i = 0; i < count; i++) {
        length += distance(&vertices[i], &vertices[(i + 1) % count]);
    }
    return length;
}

static struct VertexPair closest_pair(const struct Point vertices[], int count)
{
    struct VertexPair best = {0, 1, distance(&vertices[0], &vertices[1])};
    for (int i = 0; i < count; i++) {
        for (int j = i + 1; j < count; j++) {
            double candidate = distance(&vertices[i], &vertices[j]);
            if (candidate < best.distance) {
                best = (struct VertexPair){i, j, candidate};
            }
        }
    }
    return best;
}

static void print_point(const char *label, const struct Point *point)
{
    printf("%s: (%.2f, %.2f)\n", label, point->x, point->y);
}

int main(void)
{
    const struct Point vertices[] = {{0.0, 0.0}, {4.0, 0.0}, {5.0, 3.0}, {4.5, 3.5}, {1.0, 4.0}};
    const int count = (int)(sizeof(vertices) / sizeof(vertices[0]));
    struct VertexPair closest = closest_pair(vertices, count);

    printf("vertices: %d\n", count);
    printf("perimeter: %.2f\n", perimeter(vertices, count));
    print_point("closest first", &vertices[closest.first]);
    print_point("closest second", &vertices[closest.second]);
    printf("closest distance: %.2f\n", closest.distance);
    return 0;
}
