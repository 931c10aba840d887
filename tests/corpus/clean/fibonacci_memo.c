/* Print Fibonacci numbers computed by memoized recursion and count the recursive calls. */
#include <stdio.h>

#define FIBONACCI_COUNT 40
#define NOT_COMPUTED 0ULL

static unsigned long long memo[FIBONACCI_COUNT + 1];
static int recursive_calls = 0;

static unsigned long long fibonacci(int position)
{
    recursive_calls++;
    if (position < 2) {
        return (unsigned long long)position;
    }
    if (memo[position] == NOT_COMPUTED) {
        memo[position] = fibonacci(position - 1) + fibonacci(position - 2);
    }
    return memo[position];
}

static void print_sequence(int count)
{
    for (int position = 0; position <= count; position++) {
        printf("fib(%d) = %llu\n", position, fibonacci(position));
    }
}

int main(void)
{
    print_sequence(FIBONACCI_COUNT);
    printf("recursive calls: %d\n", recursive_calls);
    return 0;
}
