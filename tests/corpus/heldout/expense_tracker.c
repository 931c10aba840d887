#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_CAPACITY 128
#define CATEGORY_COUNT 4
#define OTHER_CATEGORY (CATEGORY_COUNT - 1)
#define PERCENT 100.0
#define FIELD_SEPARATORS " \t\n"

static const char *const category_names[CATEGORY_COUNT] = {"food", "rent", "travel", "other"};

int main(void)
{
    char line[LINE_CAPACITY];
    double category_totals[CATEGORY_COUNT] = {0.0};
    int category_counts[CATEGORY_COUNT] = {0};
    double grand_total = 0.0;
    double largest_expense = 0.0;
    int rejected_lines = 0;

    /* read "category amount" lines */
    while (fgets(line, sizeof line, stdin) != NULL) {
        char *category = strtok(line, FIELD_SEPARATORS);
        char *amount_text = strtok(NULL, FIELD_SEPARATORS);
        if (category == NULL || amount_text == NULL) {
            rejected_lines++;
            continue;
        }
        char *end;
        double amount = strtod(amount_text, &end);
        if (*end != '\0' || amount <= 0.0) {
            rejected_lines++;
            continue;
        }

        int index = OTHER_CATEGORY;
        for (int i = 0; i < CATEGORY_COUNT; i++) {
            if (strcmp(category, category_names[i]) == 0) {
                index = i;
                break;
            }
        }
        category_totals[index] += amount;
        category_counts[index]++;
        grand_total += amount;
        if (amount > largest_expense) {
            largest_expense = amount;
        }
    }

    /* report */
    printf("%-8s %6s %10s %7s\n", "category", "items", "amount", "share");
    for (int i = 0; i < CATEGORY_COUNT; i++) {
        double share = grand_total > 0.0 ? category_totals[i] / grand_total * PERCENT : 0.0;
        printf("%-8s %6d %10.2f %6.1f%%\n", category_names[i], category_counts[i],
               category_totals[i], share);
    }
    printf("total spent: %.2f\n", grand_total);
    if (grand_total > 0.0) {
        printf("largest single expense: %.2f\n", largest_expense);
    }
    if (rejected_lines > 0) {
        printf("%d line(s) could not be read\n", rejected_lines);
    }
    return 0;
}
