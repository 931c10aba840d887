/* Add two vectors and display the result; the demo program `declean sandbox run` compiles and runs. */
#include <stdio.h>

#define VECTOR_LENGTH 5

static void add_vectors(const int *left, const int *right, int *sum, int length)
{
    for (int i = 0; i < length; i++) {
        sum[i] = left[i] + right[i];
    }
}

static void print_vector(const char *label, const int *vector, int length)
{
    printf("%s:", label);
    for (int i = 0; i < length; i++) {
        printf(" %d", vector[i]);
    }
    printf("\n");
}

int main(void)
{
    const int first[VECTOR_LENGTH] = {1, 2, 3, 4, 5};
    const int second[VECTOR_LENGTH] = {10, 20, 30, 40, 50};
    int sum[VECTOR_LENGTH];

    add_vectors(first, second, sum, VECTOR_LENGTH);
    print_vector("first", first, VECTOR_LENGTH);
    print_vector("second", second, VECTOR_LENGTH);
    print_vector("sum", sum, VECTOR_LENGTH);
    return 0;
}
