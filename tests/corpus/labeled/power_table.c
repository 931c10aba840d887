/* Print powers computed with recursive fast exponentiation for a few bases. */
#include <stdio.h>

#define MAX_EXPONENT 10
#define FIRST_BASE 2
#define LAST_BASE 5
#define NEGATIVE_BASE (-3)

static long long power(long long base, int exponent)
{
    if (exponent == 0) {
        return 1;
    }
    long long half = power(base, exponent / 2);
    return exponent % 2 == 0 ? half * half : half * half * base;
}

static void print_powers_of(int base)
{
    printf("%d:", base);
    for (int exponent = 0; exponent <= MAX_EXPONENT; exponent++) {
        printf(" %lld", power(base, exponent));
    }
    printf("\n");
}

int main(void)
{
    for (int base = FIRST_BASE; base <= LAST_BASE; base++) {
        print_powers_of(base);
    }
    printf("(%d)^%d = %lld\n", NEGATIVE_BASE, MAX_EXPONENT - 1, power(NEGATIVE_BASE, MAX_EXPONENT - 1));
    return 0;
}
