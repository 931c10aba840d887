/* Report stock value and restock low items in a small shop inventory (array of structs). */
#include <stdio.h>

#define ITEM_NAME_CAPACITY 24
#define LOW_STOCK_LIMIT 5
#define RESTOCK_AMOUNT 20

struct Item {
    char name[ITEM_NAME_CAPACITY];
    int quantity;
    double unit_price;
};

static double item_value(const struct Item *item)
{
    return item->quantity * item->unit_price;
}

static double total_value(const struct Item items[], size_t count)
{
    double total = 0.0;
    for (size_t i = 0; i < count; i++) {
        total += item_value(&items[i]);
    }
    return total;
}

static void restock(struct Item *item)
{
    item->quantity += RESTOCK_AMOUNT;
    printf("restocked %s to %d\n", item->name, item->quantity);
}

static int restock_low_items(struct Item items[], size_t count)
{
    int restocked = 0;
    for (size_t i = 0; i < count; i++) {
        if (items[i].quantity < LOW_STOCK_LIMIT) {
            restock(&items[i]);
            restocked++;
        }
    }
    return restocked;
}

static void print_inventory(const struct Item items[], size_t count)
{
    for (size_t i = 0; i < count; i++) {
        printf("%-12s qty %3d  value %8.2f\n", items[i].name, items[i].quantity, item_value(&items[i]));
    }
}

int main(void)
{
    struct Item items[] = {
        {"pencil", 40, 0.25},
        {"notebook", 3, 2.50},
        {"eraser", 12, 0.80},
        {"ruler", 0, 1.75},
    };
    const size_t count = sizeof(items) / sizeof(items[0]);

    print_inventory(items, count);
    printf("stock value: %.2f\n", total_value(items, count));
    printf("items restocked: %d\n", restock_low_items(items, count));
    printf("stock value after restock: %.2f\n", total_value(items, count));
    return 0;
}
