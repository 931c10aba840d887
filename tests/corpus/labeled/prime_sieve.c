/* List the primes below a limit with the sieve of Eratosthenes and count twin prime pairs. */
#include <stdbool.h>
#include <stdio.h>

#define SIEVE_LIMIT 100
#define FIRST_PRIME 2
#define TWIN_GAP 2

static void build_sieve(bool is_prime[SIEVE_LIMIT])
{
    for (int number = 0; number < SIEVE_LIMIT; number++) {
        is_prime[number] = number >= FIRST_PRIME;
    }
    for (int number = FIRST_PRIME; number * number < SIEVE_LIMIT; number++) {
        if (!is_prime[number]) {
            continue;
        }
        for (int multiple = number * number; multiple < SIEVE_LIMIT; multiple += number) {
            is_prime[multiple] = false;
        }
    }
}

static void print_primes(const bool is_prime[SIEVE_LIMIT])
{
    for (int number = 0; number < SIEVE_LIMIT; number++) {
        if (is_prime[number]) {
            printf("%d ", number);
        }
    }
    printf("\n");
}

static int count_primes(const bool is_prime[SIEVE_LIMIT])
{
    int count = 0;
    for (int number = 0; number < SIEVE_LIMIT; number++) {
        count += is_prime[number];
    }
    return count;
}

static int count_twin_primes(const bool is_prime[SIEVE_LIMIT])
{
    int pairs = 0;
    for (int number = FIRST_PRIME; number + TWIN_GAP < SIEVE_LIMIT; number++) {
        if (is_prime[number] && is_prime[number + TWIN_GAP]) {
            pairs++;
        }
    }
    return pairs;
}

int main(void)
{
    bool is_prime[SIEVE_LIMIT];

    build_sieve(is_prime);
    print_primes(is_prime);
    printf("primes below %d: %d\n", SIEVE_LIMIT, count_primes(is_prime));
    printf("twin prime pairs: %d\n", count_twin_primes(is_prime));
    return 0;
}
