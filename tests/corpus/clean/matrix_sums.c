/* Print a fixed matrix with its row totals, column totals and grand total. */
#include <stdio.h>

#define ROWS 3
#define COLS 4

static int row_total(const int row[COLS])
{
    int total = 0;
    for (int j = 0; j < COLS; j++) {
        total += row[j];
    }
    return total;
}

static int column_total(const int grid[ROWS][COLS], int column)
{
    int total = 0;
    for (int i = 0; i < ROWS; i++) {
        total += grid[i][column];
    }
    return total;
}

static int grand_total(const int grid[ROWS][COLS])
{
    int total = 0;
    for (int i = 0; i < ROWS; i++) {
        total += row_total(grid[i]);
    }
    return total;
}

static void print_grid(const int grid[ROWS][COLS])
{
    for (int i = 0; i < ROWS; i++) {
        for (int j = 0; j < COLS; j++) {
            printf("%4d", grid[i][j]);
        }
        printf("\n");
    }
}

static void print_column_totals(const int grid[ROWS][COLS])
{
    printf("column totals:");
    for (int j = 0; j < COLS; j++) {
        printf(" %d", column_total(grid, j));
    }
    printf("\n");
}

int main(void)
{
    const int grid[ROWS][COLS] = {
        {4, 7, 1, 9},
        {3, 0, 8, 2},
        {6, 5, 11, 1},
    };
    int total = grand_total(grid);

    print_grid(grid);
    for (int i = 0; i < ROWS; i++) {
        int total = row_total(grid[i]); /* shadows the grand total inside this loop only */
        printf("row %d total: %d\n", i, total);
    }
    print_column_totals(grid);
    printf("grand total: %d\n", total);
    return 0;
}
