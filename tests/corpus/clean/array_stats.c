/* Read integers from standard input and print their count, total, range and average. */
#include <stdio.h>

#define MAX_VALUES 100

struct Range {
    int smallest;
    int largest;
};

static int read_values(int values[], int capacity)
{
    int count = 0;
    while (count < capacity && scanf("%d", &values[count]) == 1) {
        count++;
    }
    return count;
}

static long sum_values(const int values[], int count)
{
    long total = 0;
    for (int i = 0; i < count; i++) {
        total += values[i];
    }
    return total;
}

static struct Range find_range(const int values[], int count)
{
    struct Range range = {values[0], values[0]};
    for (int i = 1; i < count; i++) {
        if (values[i] < range.smallest) {
            range.smallest = values[i];
        }
        if (values[i] > range.largest) {
            range.largest = values[i];
        }
    }
    return range;
}

static void print_summary(const int values[], int count)
{
    long total = sum_values(values, count);
    struct Range range = find_range(values, count);
    double average = (double)total / count;

    printf("count: %d\n", count);
    printf("total: %ld\n", total);
    printf("smallest: %d\n", range.smallest);
    printf("largest: %d\n", range.largest);
    printf("average: %.2f\n", average);
}

int main(void)
{
    int values[MAX_VALUES];
    int count = read_values(values, MAX_VALUES);

    if (count == 0) {
        printf("no values\n");
        return 0;
    }
    print_summary(values, count);
    return 0;
}
