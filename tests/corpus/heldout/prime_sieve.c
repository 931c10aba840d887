#include <stdbool.h>
#include <stdio.h>

#define MAX_LIMIT 1000
#define FIRST_PRIME 2
#define PRIMES_PER_LINE 10

static bool is_composite[MAX_LIMIT + 1];

static bool read_limit(int *limit)
{
    return scanf("%d", limit) == 1 && *limit >= FIRST_PRIME && *limit <= MAX_LIMIT;
}

static void run_sieve(int limit)
{
    for (int candidate = FIRST_PRIME; candidate * candidate <= limit; candidate++) {
        if (is_composite[candidate]) {
            continue;
        }
        for (int multiple = candidate * candidate; multiple <= limit; multiple += candidate) {
            is_composite[multiple] = true;
        }
    }
}

static int print_primes(int limit)
{
    int printed = 0;

    for (int number = FIRST_PRIME; number <= limit; number++) {
        if (is_composite[number]) {
            continue;
        }
        printf("%5d", number);
        printed++;
        if (printed % PRIMES_PER_LINE == 0) {
            putchar('\n');
        }
    }
    if (printed % PRIMES_PER_LINE != 0) {
        putchar('\n');
    }
    return printed;
}

int main(void)
{
    int limit;

    if (!read_limit(&limit)) {
        printf("please enter a number between %d and %d\n", FIRST_PRIME, MAX_LIMIT);
        return 0;
    }
    run_sieve(limit);
    int prime_count = print_primes(limit);
    printf("%d primes up to %d\n", prime_count, limit);
    return 0;
}
