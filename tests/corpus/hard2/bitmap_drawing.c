#include <stdio.h>

static char canvas[10][20];

static void set_pixel(int x, int y, char ink)
{
    if (x >= 0 && x < 20 && y >= 0 && y < 10)
        canvas[y][x] = ink;
}

static void process_commands(void)
{
    char command;
    int shapes = 0;
    int filled = 0;

    for (int y = 0; y < 10; y++)
        for (int x = 0; x < 20; x++)
            canvas[y][x] = '.';

    while (scanf(" %c", &command) == 1) {
        if (command == 'R') {
            int left, top, width, height;
            if (scanf("%d %d %d %d", &left, &top, &width, &height) != 4)
                break;
            for (int y = top; y < top + height; y++)
                for (int x = left; x < left + width; x++)
                    set_pixel(x, y, '#');
            shapes++;
        } else if (command == 'P') {
            int x, y;
            if (scanf("%d %d", &x, &y) != 2)
                break;
            set_pixel(x, y, '*');
            shapes++;
        } else {
            printf("unknown command '%c' ignored\n", command);
        }
    }

    for (int y = 0; y < 10; y++) {
        for (int x = 0; x < 20; x++) {
            putchar(canvas[y][x]);
            if (canvas[y][x] != '.')
                filled++;
        }
        putchar('\n');
    }
    printf("%d shapes, %d of %d pixels set\n", shapes, filled, 10 * 20);
}

int main(void)
{
    process_commands();
    return 0;
}
