/* Sort a fixed list of numbers with bubble sort and print it before and after. */
#include <stdbool.h>
#include <stdio.h>

static void swap(int *first, int *second)
{
    int saved = *first;
    *first = *second;
    *second = saved;
}

static int bubble_sort(int values[], int count)
{
    int swaps = 0;
    for (int pass = 0; pass < count - 1; pass++) {
        bool swapped = false;
        for (int i = 0; i < count - 1 - pass; i++) {
            if (values[i] > values[i + 1]) {
                swap(&values[i], &values[i + 1]);
                swaps++;
                swapped = true;
            }
        }
        if (!swapped) {
            break;
        }
    }
    return swaps;
}

static void print_values(const char *label, const int values[], int count)
{
    printf("%s:", label);
    for (int i = 0; i < count; i++) {
        printf(" %d", values[i]);
    }
    printf("\n");
}

int main(void)
{
    int values[] = {29, 3, 17, -4, 8, 3, 42, 0, 11};
    const int count = (int)(sizeof(values) / sizeof(values[0]));

    print_values("before", values, count);
    int swaps = bubble_sort(values, count);
    print_values("after", values, count);
    printf("swaps: %d\n", swaps);
    return 0;
}
