/* A student-sized program for the overhead benchmark: reads integers, prints statistics. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_VALUES 4096
#define BUCKETS 8

static int compare_ints(const void *a, const void *b) {
    int x = *(const int *)a;
    int y = *(const int *)b;
    return (x > y) - (x < y);
}

static double mean(const int *values, int count) {
    double sum = 0.0;
    for (int i = 0; i < count; i++) {
        sum += values[i];
    }
    return count > 0 ? sum / count : 0.0;
}

static double standard_deviation(const int *values, int count, double average) {
    double squares = 0.0;
    for (int i = 0; i < count; i++) {
        double delta = values[i] - average;
        squares += delta * delta;
    }
    return count > 1 ? sqrt(squares / (count - 1)) : 0.0;
}

static int is_prime(int n) {
    if (n < 2) {
        return 0;
    }
    for (int d = 2; (long)d * d <= n; d++) {
        if (n % d == 0) {
            return 0;
        }
    }
    return 1;
}

static void histogram(const int *sorted, int count) {
    int buckets[BUCKETS];
    memset(buckets, 0, sizeof buckets);
    int low = sorted[0];
    int span = sorted[count - 1] - low + 1;
    for (int i = 0; i < count; i++) {
        int index = (int)((long)(sorted[i] - low) * BUCKETS / span);
        buckets[index]++;
    }
    for (int b = 0; b < BUCKETS; b++) {
        printf("bucket %d: ", b);
        for (int star = 0; star < buckets[b] * 40 / count; star++) {
            putchar('*');
        }
        printf(" (%d)\n", buckets[b]);
    }
}

int main(void) {
    static int values[MAX_VALUES];
    int count = 0;
    while (count < MAX_VALUES && scanf("%d", &values[count]) == 1) {
        count++;
    }
    if (count == 0) {
        printf("no input\n");
        return 1;
    }
    qsort(values, (size_t)count, sizeof values[0], compare_ints);
    double average = mean(values, count);
    int primes = 0;
    for (int i = 0; i < count; i++) {
        primes += is_prime(values[i]);
    }
    printf("count=%d min=%d max=%d\n", count, values[0], values[count - 1]);
    printf("mean=%.3f stddev=%.3f median=%d\n", average, standard_deviation(values, count, average),
           values[count / 2]);
    printf("primes=%d\n", primes);
    histogram(values, count);
    return 0;
}
