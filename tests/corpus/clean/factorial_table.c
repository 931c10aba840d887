/* Print factorials computed recursively, and one row of binomial coefficients built from them. */
#include <stdio.h>

#define MAX_FACTORIAL_INPUT 12
#define BINOMIAL_ROW 8

static unsigned long long factorial(int number)
{
    return number <= 1 ? 1ULL : (unsigned long long)number * factorial(number - 1);
}

static unsigned long long binomial(int set_size, int chosen)
{
    return factorial(set_size) / (factorial(chosen) * factorial(set_size - chosen));
}

static void print_factorials(int limit)
{
    for (int number = 0; number <= limit; number++) {
        printf("%2d! = %llu\n", number, factorial(number));
    }
}

static void print_binomial_row(int set_size)
{
    printf("row %d:", set_size);
    for (int chosen = 0; chosen <= set_size; chosen++) {
        printf(" %llu", binomial(set_size, chosen));
    }
    printf("\n");
}

int main(void)
{
    print_factorials(MAX_FACTORIAL_INPUT);
    print_binomial_row(BINOMIAL_ROW);
    return 0;
}
