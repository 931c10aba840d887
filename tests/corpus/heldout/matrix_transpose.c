#include <stdio.h>

enum { ROWS = 3, COLS = 4 };

static void fill_sequential(int matrix[ROWS][COLS]) {
    int next_value = 1;
    for (int row = 0; row < ROWS; row++) {
        for (int col = 0; col < COLS; col++) {
            matrix[row][col] = next_value++;
        }
    }
}

static void transpose(int source[ROWS][COLS], int result[COLS][ROWS]) {
    for (int row = 0; row < ROWS; row++)
        for (int col = 0; col < COLS; col++)
            result[col][row] = source[row][col];
}

/* cells points at the first element of a rows x cols array */
static void print_matrix(const int *cells, int rows, int cols) {
    for (int row = 0; row < rows; row++) {
        for (int col = 0; col < cols; col++) {
            printf("%4d", cells[row * cols + col]);
        }
        putchar('\n');
    }
}

int main(void) {
    int matrix[ROWS][COLS];
    int transposed[COLS][ROWS];

    fill_sequential(matrix);
    transpose(matrix, transposed);

    printf("original (%dx%d):\n", ROWS, COLS);
    print_matrix(&matrix[0][0], ROWS, COLS);
    printf("transposed (%dx%d):\n", COLS, ROWS);
    print_matrix(&transposed[0][0], COLS, ROWS);
    return 0;
}
