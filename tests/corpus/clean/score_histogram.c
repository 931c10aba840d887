/* Read scores from 0 to 100 and print a bar chart with one bar per ten-point bucket. */
#include <stdio.h>

#define MIN_SCORE 0
#define MAX_SCORE 100
#define BUCKET_WIDTH 10
#define BUCKET_COUNT (MAX_SCORE / BUCKET_WIDTH + 1)

static int bucket_for(int score)
{
    return (score - MIN_SCORE) / BUCKET_WIDTH;
}

static int read_scores(int buckets[BUCKET_COUNT], int *rejected)
{
    int score = 0;
    int accepted = 0;
    while (scanf("%d", &score) == 1) {
        if (score < MIN_SCORE || score > MAX_SCORE) {
            (*rejected)++;
            continue;
        }
        buckets[bucket_for(score)]++;
        accepted++;
    }
    return accepted;
}

static void print_bar(int length)
{
    for (int i = 0; i < length; i++) {
        putchar('*');
    }
    putchar('\n');
}

static void print_histogram(const int buckets[BUCKET_COUNT])
{
    for (int bucket = 0; bucket < BUCKET_COUNT; bucket++) {
        int low = MIN_SCORE + bucket * BUCKET_WIDTH;
        printf("%3d+ |", low);
        print_bar(buckets[bucket]);
    }
}

int main(void)
{
    int buckets[BUCKET_COUNT] = {0};
    int rejected = 0;
    int accepted = read_scores(buckets, &rejected);

    print_histogram(buckets);
    printf("accepted: %d, rejected: %d\n", accepted, rejected);
    return 0;
}
