/* Read "quantity price" lines for a shopping cart and print the bill with a bulk discount. */
#include <stdbool.h>
#include <stdio.h>

#define DISCOUNT_THRESHOLD 50.0
#define DISCOUNT_RATE 0.10

struct CartLine {
    int quantity;
    double unit_price;
};

struct CartTotals {
    double subtotal;
    int items;
};

static bool read_cart_line(struct CartLine *line)
{
    if (scanf("%d", &line->quantity) != 1) {
        return false;
    }
    return scanf("%lf", &line->unit_price) == 1;
}

static bool is_valid_line(const struct CartLine *line)
{
    return line->quantity > 0 && line->unit_price >= 0.0;
}

static void add_to_totals(struct CartTotals *totals, const struct CartLine *line)
{
    totals->subtotal += line->quantity * line->unit_price;
    totals->items += line->quantity;
}

static double discount_for(double subtotal)
{
    return subtotal >= DISCOUNT_THRESHOLD ? subtotal * DISCOUNT_RATE : 0.0;
}

static void print_bill(const struct CartTotals *totals)
{
    double discount = discount_for(totals->subtotal);
    printf("items: %d\n", totals->items);
    printf("subtotal: %.2f\n", totals->subtotal);
    printf("discount: %.2f\n", discount);
    printf("total: %.2f\n", totals->subtotal - discount);
}

int main(void)
{
    struct CartLine line;
    struct CartTotals totals = {0.0, 0};

    while (read_cart_line(&line)) {
        if (!is_valid_line(&line)) {
            printf("ignored line: %d x %.2f\n", line.quantity, line.unit_price);
            continue;
        }
        add_to_totals(&totals, &line);
    }
    print_bill(&totals);
    return 0;
}
