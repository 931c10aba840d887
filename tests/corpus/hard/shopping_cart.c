/* Checkout receipt. Input lines: "item quantity unit_price". */
#include <stdio.h>

#define MAX_ITEMS 25
#define LINE_LEN 80
#define ITEM_FIELDS 3
#define BULK_QUANTITY 10
#define BULK_DISCOUNT 0.10
#define FREE_SHIPPING_FROM 50.00
#define SHIPPING_FEE 4.99

struct line_item {
    char name[LINE_LEN];
    int quantity;
    double unit_price;
};

struct totals {
    double subtotal;
    double tax;
    double shipping;
    double total;
};

static int read_cart(struct line_item cart[], int max)
{
    char line[LINE_LEN];
    int n = 0;
    while (n < max && fgets(line, sizeof line, stdin) != NULL) {
        struct line_item *item = &cart[n];
        if (sscanf(line, "%s %d %lf", item->name, &item->quantity, &item->unit_price) == ITEM_FIELDS
            && item->quantity > 0 && item->unit_price >= 0.0)
            n++;
    }
    return n;
}

/* Price of one cart line, with the bulk discount applied for large quantities. */
static double line_price(const struct line_item *item)
{
    double price = item->quantity * item->unit_price;
    if (item->quantity >= BULK_QUANTITY)
        price *= 1.0 - BULK_DISCOUNT;
    return price;
}

static struct totals compute_totals(const struct line_item cart[], int n)
{
    struct totals totals = {0};
    for (int i = 0; i < n; i++)
        totals.subtotal += line_price(&cart[i]);
    totals.tax = totals.subtotal * 0.15;
    totals.shipping = totals.subtotal >= FREE_SHIPPING_FROM ? 0.0 : SHIPPING_FEE;
    totals.total = totals.subtotal + totals.tax + totals.shipping;
    return totals;
}

static void print_receipt(const struct line_item cart[], int n, const struct totals *totals)
{
    printf("%-12s %4s %8s %9s\n", "item", "qty", "each", "price");
    for (int i = 0; i < n; i++)
        printf("%-12s %4d %8.2f %9.2f%s\n", cart[i].name, cart[i].quantity, cart[i].unit_price,
               line_price(&cart[i]), cart[i].quantity >= BULK_QUANTITY ? " *" : "");
    printf("%-26s %9.2f\n", "subtotal", totals->subtotal);
    printf("%-26s %9.2f\n", "tax", totals->tax);
    printf("%-26s %9.2f\n", "shipping", totals->shipping);
    printf("%-26s %9.2f\n", "TOTAL", totals->total);
    printf("(* bulk discount applied)\n");
}

int main(void)
{
    struct line_item cart[MAX_ITEMS];
    int n = read_cart(cart, MAX_ITEMS);
    if (n == 0) {
        printf("empty cart\n");
        return 0;
    }
    struct totals totals = compute_totals(cart, n);
    print_receipt(cart, n, &totals);
    return 0;
}
