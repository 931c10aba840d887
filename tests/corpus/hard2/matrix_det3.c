#include <stdio.h>

#define N 3
#define EPSILON 1e-9

static const char *const unknown_names[N] = { "x", "y", "z" };

static int read_system(double matrix[N][N], double rhs[N])
{
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++)
            if (scanf("%lf", &matrix[i][j]) != 1)
                return 0;
        if (scanf("%lf", &rhs[i]) != 1)
            return 0;
    }
    return 1;
}

static double determinant(double matrix[N][N])
{
    return matrix[0][0] * (matrix[1][1] * matrix[2][2] - matrix[1][2] * matrix[2][1])
         - matrix[0][1] * (matrix[1][0] * matrix[2][2] - matrix[1][2] * matrix[2][0])
         + matrix[0][2] * (matrix[1][0] * matrix[2][1] - matrix[1][1] * matrix[2][0]);
}

static int is_zero(double value)
{
    return value > -EPSILON && value < EPSILON;
}

static void replace_column(double matrix[N][N], const double rhs[N], int column,
                           double out[N][N])
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            out[i][j] = (j == column) ? rhs[i] : matrix[i][j];
}

static int solve_cramer(double matrix[N][N], const double rhs[N], double solution[N])
{
    double det = determinant(matrix);
    if (is_zero(det))
        return 0;
    for (int k = 0; k < N; k++) {
        double replaced[N][N];
        replace_column(matrix, rhs, k, replaced);
        solution[k] = determinant(replaced) / det;
    }
    return 1;
}

static void print_solution(const double solution[N])
{
    for (int k = 0; k < N; k++)
        printf("%s = %8.3f\n", unknown_names[k], solution[k] + 0.0);
}

int main(void)
{
    double matrix[N][N];
    double rhs[N];
    double solution[N];

    if (!read_system(matrix, rhs)) {
        printf("expected %d rows of %d numbers\n", N, N + 1);
        return 1;
    }
    printf("determinant = %.3f\n", determinant(matrix));
    if (solve_cramer(matrix, rhs, solution))
        print_solution(solution);
    else
        printf("the system has no unique solution\n");
    return 0;
}
