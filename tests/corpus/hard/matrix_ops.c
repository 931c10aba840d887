/* Reads an n x n integer matrix and shows its transpose, M * M^T and trace. */
#include <stdio.h>

#define MAX_N 8

static int read_matrix(int mat[MAX_N][MAX_N], int n)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            if (scanf("%d", &mat[i][j]) != 1)
                return 0;
    return 1;
}

static void transpose(int src[MAX_N][MAX_N], int dst[MAX_N][MAX_N], int n)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            dst[j][i] = src[i][j];
}

static void multiply(int left[MAX_N][MAX_N], int right[MAX_N][MAX_N],
                     int product[MAX_N][MAX_N], int n)
{
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            int sum = 0;
            for (int k = 0; k < n; k++)
                sum += left[i][k] * right[k][j];
            product[i][j] = sum;
        }
    }
}

static int trace(int mat[MAX_N][MAX_N], int n)
{
    int sum = 0;
    for (int i = 0; i < n; i++)
        sum += mat[i][i];
    return sum;
}

static int is_symmetric(int mat[MAX_N][MAX_N], int n)
{
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (mat[i][j] != mat[j][i])
                return 0;
    return 1;
}

static void print_matrix(const char *title, int mat[MAX_N][MAX_N], int n)
{
    printf("%s:\n", title);
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++)
            printf("%6d", mat[i][j]);
        putchar('\n');
    }
}

static void describe(const char *title, int mat[MAX_N][MAX_N], int n)
{
    print_matrix(title, mat, n);
    printf("%s is %ssymmetric, trace = %d\n", title, is_symmetric(mat, n) ? "" : "not ", trace(mat, n));
}

int main(void)
{
    int n;
    int mat[MAX_N][MAX_N];
    int transposed[MAX_N][MAX_N];
    int product[MAX_N][MAX_N];

    if (scanf("%d", &n) != 1 || n < 1 || n > MAX_N) {
        printf("size must be between 1 and %d\n", MAX_N);
        return 1;
    }
    if (!read_matrix(mat, n)) {
        printf("not enough values\n");
        return 1;
    }
    describe("M", mat, n);
    transpose(mat, transposed, n);
    print_matrix("M^T", transposed, n);
    multiply(mat, transposed, product, n);
    describe("M * M^T", product, n);
    return 0;
}
