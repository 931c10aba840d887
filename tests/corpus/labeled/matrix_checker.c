/* Read a square matrix and report its trace, whether it is symmetric and its heaviest row. */
#include <stdbool.h>
#include <stdio.h>

#define SIZE 3

int main(void)
{
    int matrix[SIZE][SIZE];

    for (int i = 0; i < SIZE; i++) {
        for (int j = 0; j < SIZE; j++) {
            if (scanf("%d", &matrix[i][j]) != 1) {
                printf("incomplete matrix: need %d values\n", SIZE * SIZE);
                return 0;
            }
        }
    }

    int trace = 0;
    for (int i = 0; i < SIZE; i++) {
        trace += matrix[i][i];
    }
    printf("trace: %d\n", trace);

    bool symmetric = true;
    for (int i = 0; i < SIZE && symmetric; i++) {
        for (int j = i + 1; j < SIZE; j++) {
            if (matrix[i][j] != matrix[j][i]) {
                symmetric = false;
                break;
            }
        }
    }
    printf("symmetric: %s\n", symmetric ? "yes" : "no");

    int heaviest_row = 0;
    int heaviest_sum = 0;
    for (int i = 0; i < SIZE; i++) {
        int row_sum = 0;
        for (int j = 0; j < SIZE; j++) {
            row_sum += matrix[i][j];
        }
        printf("row %d sum: %d\n", i, row_sum);
        if (i == 0 || row_sum > heaviest_sum) {
            heaviest_sum = row_sum;
            heaviest_row = i;
        }
    }
    printf("heaviest row: %d\n", heaviest_row);

    int negatives = 0;
    for (int i = 0; i < SIZE; i++) {
        for (int j = 0; j < SIZE; j++) {
            if (matrix[i][j] < 0) {
                negatives++;
            }
        }
    }
    printf("negative entries: %d\n", negatives);
    return 0;
}
