/* Read pairs of integers and print their greatest common divisor and least common multiple. */
#include <stdio.h>
#include <stdlib.h>

static long long gcd(long long first, long long second)
{
    if (second == 0) {
        return first;
    }
    return gcd(second, first % second);
}

static long long lcm(long long first, long long second)
{
    if (first == 0 || second == 0) {
        return 0;
    }
    return first / gcd(first, second) * second;
}

static void print_pair_report(int first, int second)
{
    long long first_magnitude = llabs((long long)first);
    long long second_magnitude = llabs((long long)second);

    printf("gcd(%d, %d) = %lld\n", first, second, gcd(first_magnitude, second_magnitude));
    printf("lcm(%d, %d) = %lld\n", first, second, lcm(first_magnitude, second_magnitude));
}

int main(void)
{
    int first = 0;
    int second = 0;
    int pairs = 0;

    while (scanf("%d", &first) == 1) {
        if (scanf("%d", &second) != 1) {
            printf("unpaired value %d ignored\n", first);
            break;
        }
        print_pair_report(first, second);
        pairs++;
    }
    printf("pairs: %d\n", pairs);
    return 0;
}
