#include <stdio.h>
#include <string.h>

#define MAX_PRODUCTS 50
#define NAME_SIZE 32
#define UNIT_SIZE 4
#define GRAMS_PER_KG 1000.0
#define REFERENCE_GRAMS 100.0

struct product {
    char name[NAME_SIZE];
    double price;
    double quantity;
    char unit[UNIT_SIZE];
};

static int is_known_unit(const char *unit)
{
    return strcmp(unit, "g") == 0 || strcmp(unit, "kg") == 0;
}

static int read_products(struct product products[], int capacity)
{
    int n = 0;
    while (n < capacity && scanf("%31s %lf %lf %3s", products[n].name, &products[n].price,
                                 &products[n].quantity, products[n].unit) == 4) {
        if (products[n].quantity <= 0 || !is_known_unit(products[n].unit)) {
            printf("skipping %s: bad quantity or unit\n", products[n].name);
            continue;
        }
        n++;
    }
    return n;
}

static void print_table(const struct product products[], int n)
{
    printf("%-12s %8s %12s\n", "product", "price", "per 100 g");
    for (int i = 0; i < n; i++) {
        double grams = products[i].quantity;
        if (strcmp(products[i].unit, "kg") == 0)
            grams *= GRAMS_PER_KG;
        double per_reference = products[i].price / grams * REFERENCE_GRAMS;
        printf("%-12s %8.2f %12.3f\n", products[i].name, products[i].price, per_reference);
    }
}

static int cheapest_product(const struct product products[], int n)
{
    int best = -1;
    double best_price = 0.0;

    for (int i = 0; i < n; i++) {
        double weight = products[i].quantity;
        if (strcmp(products[i].unit, "kg") == 0)
            weight *= GRAMS_PER_KG;
        double unit_price = products[i].price / weight * REFERENCE_GRAMS;
        if (best < 0 || unit_price < best_price) {
            best = i;
            best_price = unit_price;
        }
    }
    return best;
}

int main(void)
{
    struct product products[MAX_PRODUCTS];
    int n = read_products(products, MAX_PRODUCTS);

    if (n == 0) {
        printf("no products\n");
        return 0;
    }
    print_table(products, n);
    printf("best value: %s\n", products[cheapest_product(products, n)].name);
    return 0;
}
