#include <stdio.h>
#include <string.h>

#define MAX_INGREDIENTS 30
#define NAME_SIZE 32
#define UNIT_SIZE 8

struct ingredient {
    char name[NAME_SIZE];
    double amount;
    char unit[UNIT_SIZE];
};

static int read_ingredients(struct ingredient items[], int capacity)
{
    int n = 0;
    while (n < capacity && scanf("%31s %lf %7s", items[n].name, &items[n].amount,
                                 items[n].unit) == 3)
        n++;
    return n;
}

static void normalise_unit(struct ingredient *item)
{
    if (strcmp(item->unit, "g") == 0 && item->amount >= 1000) {
        item->amount /= 1000;
        strcpy(item->unit, "kg");
    }
    if (strcmp(item->unit, "ml") == 0 && item->amount >= 1000) {
        item->amount /= 1000;
        strcpy(item->unit, "l");
    }
    if (strcmp(item->unit, "tsp") == 0 && item->amount >= 3) {
        item->amount /= 3;
        strcpy(item->unit, "tbsp");
    }
}

static void scale_recipe(struct ingredient items[], int n, double factor)
{
    for (int i = 0; i < n; i++) {
        items[i].amount *= factor;
        normalise_unit(&items[i]);
    }
}

static void print_recipe(const struct ingredient items[], int n, int servings)
{
    printf("for %d servings:\n", servings);
    for (int i = 0; i < n; i++)
        printf("  %-12s %8.2f %s\n", items[i].name, items[i].amount, items[i].unit);
}

static int read_servings(int *original, int *wanted)
{
    return scanf("%d %d", original, wanted) == 2 && *original > 0 && *wanted > 0;
}

int main(void)
{
    struct ingredient items[MAX_INGREDIENTS];
    int original, wanted;

    if (!read_servings(&original, &wanted)) {
        printf("expected original and wanted servings\n");
        return 1;
    }
    int n = read_ingredients(items, MAX_INGREDIENTS);
    double factor = (double)wanted / original;
    if (factor > 10)
        printf("warning: scaling by more than 10 may change cooking times\n");
    scale_recipe(items, n, factor);
    print_recipe(items, n, wanted);
    return 0;
}
