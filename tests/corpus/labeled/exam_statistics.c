/* Read exam scores and print statistics about them. */
#include <stdio.h>

#define MAX_SCORES 50
#define PASS_MARK 50
#define MAX_MARK 100

int main(void)
{
    int scores[MAX_SCORES];
    int count = 0;
    int score = 0;

    while (count < MAX_SCORES && scanf("%d", &score) == 1) {
        if (score < 0 || score > MAX_MARK) {
            printf("ignoring invalid score %d\n", score);
            continue;
        }
        scores[count] = score;
        count++;
    }
    if (count == 0) {
        printf("no scores entered\n");
        return 0;
    }

    int total = 0;
    int highest = scores[0];
    int lowest = scores[0];
    int passed = 0;
    for (int i = 0; i < count; i++) {
        total += scores[i];
        if (scores[i] > highest) {
            highest = scores[i];
        }
        if (scores[i] < lowest) {
            lowest = scores[i];
        }
        if (scores[i] >= PASS_MARK) {
            passed++;
        }
    }
    double average = (double)total / count;

    printf("scores: %d\n", count);
    printf("average: %.2f\n", average);
    printf("highest: %d, lowest: %d\n", highest, lowest);
    printf("passed: %d, failed: %d\n", passed, count - passed);
    printf("above average:");
    for (int i = 0; i < count; i++) {
        if (scores[i] > average) {
            printf(" %d", scores[i]);
        }
    }
    printf("\n");
    if (passed == count) {
        printf("everyone passed\n");
    } else if (passed == 0) {
        printf("nobody passed\n");
    }
    return 0;
}
