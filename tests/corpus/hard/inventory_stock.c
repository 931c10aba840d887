/* Shop inventory: loads items, then runs "sell", "restock" and "report" commands. */
#include <stdio.h>
#include <string.h>

#define MAX_ITEMS 20
#define LINE_LEN 80
#define LOW_STOCK 15
#define ITEM_FIELDS 3
#define COMMAND_FIELDS 3

struct item {
    char name[LINE_LEN];
    int quantity;
    double price;
};

struct inventory {
    struct item items[MAX_ITEMS];
    int count;
};

static void load_inventory(struct inventory *inv)
{
    char line[LINE_LEN];
    int expected = 0;
    if (fgets(line, sizeof line, stdin) == NULL || sscanf(line, "%d", &expected) != 1)
        return;
    while (inv->count < expected && inv->count < MAX_ITEMS && fgets(line, sizeof line, stdin) != NULL) {
        struct item *item = &inv->items[inv->count];
        if (sscanf(line, "%s %d %lf", item->name, &item->quantity, &item->price) == ITEM_FIELDS)
            inv->count++;
    }
}

static void sell(struct inventory *inv, const char *name, int amount)
{
    int pos = -1;
    for (int i = 0; i < inv->count; i++) {
        if (strcmp(inv->items[i].name, name) == 0) {
            pos = i;
            break;
        }
    }
    if (pos < 0) {
        printf("unknown item '%s'\n", name);
        return;
    }
    if (inv->items[pos].quantity < amount) {
        printf("only %d %s left, cannot sell %d\n", inv->items[pos].quantity, name, amount);
        return;
    }
    inv->items[pos].quantity -= amount;
    printf("sold %d %s for %.2f\n", amount, name, amount * inv->items[pos].price);
}

static void restock(struct inventory *inv, const char *product, int delivered)
{
    int found = -1;
    for (int k = 0; k < inv->count; k++) {
        if (strcmp(inv->items[k].name, product) == 0) {
            found = k;
            break;
        }
    }
    if (found < 0) {
        printf("unknown item '%s'\n", product);
        return;
    }
    inv->items[found].quantity += delivered;
    printf("%s now at %d\n", product, inv->items[found].quantity);
}

static void report(const struct inventory *inv)
{
    double total_value = 0.0;
    printf("%-10s %5s %8s %9s\n", "item", "qty", "price", "value");
    for (int i = 0; i < inv->count; i++) {
        const struct item *item = &inv->items[i];
        double value = item->quantity * item->price;
        total_value += value;
        printf("%-10s %5d %8.2f %9.2f%s\n", item->name, item->quantity, item->price, value,
               item->quantity < LOW_STOCK ? "  (low)" : "");
    }
    printf("%-25s %9.2f\n", "total stock value", total_value);
}

int main(void)
{
    struct inventory inv = {0};
    char line[LINE_LEN];
    char command[LINE_LEN];
    char name[LINE_LEN];
    int amount;

    load_inventory(&inv);
    while (fgets(line, sizeof line, stdin) != NULL) {
        int fields = sscanf(line, "%s %s %d", command, name, &amount);
        if (fields == COMMAND_FIELDS && amount > 0 && strcmp(command, "sell") == 0)
            sell(&inv, name, amount);
        else if (fields == COMMAND_FIELDS && amount > 0 && strcmp(command, "restock") == 0)
            restock(&inv, name, amount);
        else if (fields >= 1 && strcmp(command, "report") == 0)
            report(&inv);
        else
            printf("ignored: %s", line);
    }
    return 0;
}
