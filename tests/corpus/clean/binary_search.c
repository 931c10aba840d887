/* Look up several targets in a sorted table with binary search and report their positions. */
#include <stdio.h>

#define NOT_FOUND (-1)

static int binary_search(const int sorted[], int count, int target)
{
    int low = 0;
    int high = count - 1;
    while (low <= high) {
        int middle = low + (high - low) / 2;
        if (sorted[middle] == target) {
            return middle;
        }
        if (sorted[middle] < target) {
            low = middle + 1;
        } else {
            high = middle - 1;
        }
    }
    return NOT_FOUND;
}

static void report_lookup(const int sorted[], int count, int target)
{
    int position = binary_search(sorted, count, target);
    if (position == NOT_FOUND) {
        printf("%d: not found\n", target);
    } else {
        printf("%d: found at index %d\n", target, position);
    }
}

int main(void)
{
    const int sorted[] = {-7, -2, 0, 3, 5, 8, 13, 21, 34, 55};
    const int targets[] = {13, -7, 55, 4, 100, -50};
    const int sorted_count = (int)(sizeof(sorted) / sizeof(sorted[0]));
    const int target_count = (int)(sizeof(targets) / sizeof(targets[0]));

    for (int i = 0; i < target_count; i++) {
        report_lookup(sorted, sorted_count, targets[i]);
    }
    return 0;
}
