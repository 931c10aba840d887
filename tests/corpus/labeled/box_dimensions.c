/* Read the width, height and depth of a box and print its volume and surface area. */
#include <stdbool.h>
#include <stdio.h>

struct Box {
    int width;
    int height;
    int depth;
};

static bool read_box(struct Box *box)
{
    if (scanf("%d", &box->width) != 1) {
        printf("width missing\n");
        return false;
    }
    if (box->width <= 0) {
        printf("width must be positive, got %d\n", box->width);
        return false;
    }
    if (scanf("%d", &box->height) != 1) {
        printf("height missing\n");
        return false;
    }
    if (box->height <= 0) {
        printf("height must be positive, got %d\n", box->height);
        return false;
    }
    if (scanf("%d", &box->depth) != 1) {
        printf("depth missing\n");
        return false;
    }
    if (box->depth <= 0) {
        printf("depth must be positive, got %d\n", box->depth);
        return false;
    }
    return true;
}

static long volume(const struct Box *box)
{
    return (long)box->width * box->height * box->depth;
}

static long surface_area(const struct Box *box)
{
    long front = (long)box->width * box->height;
    long side = (long)box->depth * box->height;
    long top = (long)box->width * box->depth;
    return 2 * (front + side + top);
}

int main(void)
{
    struct Box box;

    if (!read_box(&box)) {
        return 0;
    }
    printf("box %d x %d x %d\n", box.width, box.height, box.depth);
    printf("volume: %ld\n", volume(&box));
    printf("surface area: %ld\n", surface_area(&box));
    return 0;
}
