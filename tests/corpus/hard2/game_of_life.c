#include <stdio.h>
#include <string.h>

#define MAX_ROWS 40
#define MAX_COLS 80
#define LIVE '#'
#define DEAD '.'
#define BIRTH_NEIGHBOURS 3
#define MIN_SURVIVE_NEIGHBOURS 2
#define MAX_SURVIVE_NEIGHBOURS 3

struct grid {
    int rows;
    int cols;
    char cells[MAX_ROWS][MAX_COLS + 1];
};

static int read_grid(struct grid *grid)
{
    if (scanf("%d %d", &grid->rows, &grid->cols) != 2)
        return 0;
    if (grid->rows < 1 || grid->rows > MAX_ROWS || grid->cols < 1 || grid->cols > MAX_COLS)
        return 0;
    for (int row = 0; row < grid->rows; row++) {
        if (scanf("%80s", grid->cells[row]) != 1)
            return 0;
        if ((int)strlen(grid->cells[row]) != grid->cols)
            return 0;
    }
    return 1;
}

static int is_alive(const struct grid *grid, int row, int col)
{
    if (row < 0 || row >= grid->rows || col < 0 || col >= grid->cols)
        return 0;
    return grid->cells[row][col] == LIVE;
}

static int live_neighbours(const struct grid *grid, int row, int col)
{
    int count = 0;
    for (int dr = -1; dr <= 1; dr++)
        for (int dc = -1; dc <= 1; dc++)
            if ((dr != 0 || dc != 0) && is_alive(grid, row + dr, col + dc))
                count++;
    return count;
}

static int population(const struct grid *grid)
{
    int count = 0;
    for (int row = 0; row < grid->rows; row++)
        for (int col = 0; col < grid->cols; col++)
            if (is_alive(grid, row, col))
                count++;
    return count;
}

static char next_state(int alive, int neighbours)
{
    if (alive)
        return (neighbours >= MIN_SURVIVE_NEIGHBOURS && neighbours <= MAX_SURVIVE_NEIGHBOURS)
                   ? LIVE : DEAD;
    return neighbours == BIRTH_NEIGHBOURS ? LIVE : DEAD;
}

static void step(const struct grid *current, struct grid *next)
{
    next->rows = current->rows;
    next->cols = current->cols;
    for (int row = 0; row < current->rows; row++) {
        for (int col = 0; col < current->cols; col++)
            next->cells[row][col] = next_state(is_alive(current, row, col),
                                               live_neighbours(current, row, col));
        next->cells[row][current->cols] = '\0';
    }
}

static void print_grid(const struct grid *grid, int generation)
{
    printf("generation %d, population %d\n", generation, population(grid));
    for (int row = 0; row < grid->rows; row++)
        puts(grid->cells[row]);
}

int main(void)
{
    static struct grid grid, next;
    int generations;

    if (!read_grid(&grid) || scanf("%d", &generations) != 1 || generations < 0) {
        printf("invalid input\n");
        return 1;
    }
    print_grid(&grid, 0);
    for (int generation = 1; generation <= generations; generation++) {
        step(&grid, &next);
        grid = next;
        print_grid(&grid, generation);
    }
    return 0;
}
