/* Compares star ratings of two movies.
 * Input: count, then that many ratings (1-5) for the first movie; same for the second. */
#include <stdio.h>

#define MAX_STARS 5
#define MAX_RATINGS 100

static int read_ratings(int ratings[], int max)
{
    int count;
    if (scanf("%d", &count) != 1 || count < 0 || count > max)
        return -1;
    for (int i = 0; i < count; i++)
        if (scanf("%d", &ratings[i]) != 1 || ratings[i] < 1 || ratings[i] > MAX_STARS)
            return -1;
    return count;
}

static double foo(const int ratings[], int count)
{
    int sum = 0;
    for (int i = 0; i < count; i++)
        sum += ratings[i];
    return count > 0 ? (double)sum / count : 0.0;
}

static void show_histograms(const int arr1[], int n1, const int arr2[], int n2)
{
    printf("First movie (%d ratings, average %.2f)\n", n1, foo(arr1, n1));
    for (int stars = MAX_STARS; stars >= 1; stars--) {
        int count = 0;
        for (int i = 0; i < n1; i++)
            if (arr1[i] == stars)
                count++;
        printf("  %d stars | ", stars);
        for (int k = 0; k < count; k++)
            putchar('*');
        printf(" %d\n", count);
    }

    printf("Second movie (%d ratings, average %.2f)\n", n2, foo(arr2, n2));
    for (int stars = MAX_STARS; stars >= 1; stars--) {
        int count = 0;
        for (int i = 0; i < n2; i++)
            if (arr2[i] == stars)
                count++;
        printf("  %d stars | ", stars);
        for (int k = 0; k < count; k++)
            putchar('*');
        printf(" %d\n", count);
    }
}

int main(void)
{
    int arr1[MAX_RATINGS];
    int arr2[MAX_RATINGS];
    int n1 = read_ratings(arr1, MAX_RATINGS);
    int n2 = read_ratings(arr2, MAX_RATINGS);
    if (n1 < 0 || n2 < 0) {
        printf("invalid input\n");
        return 1;
    }
    show_histograms(arr1, n1, arr2, n2);
    if (foo(arr1, n1) > foo(arr2, n2))
        printf("The first movie is rated higher.\n");
    else if (foo(arr1, n1) < foo(arr2, n2))
        printf("The second movie is rated higher.\n");
    else
        printf("Both movies are rated the same.\n");
    return 0;
}
