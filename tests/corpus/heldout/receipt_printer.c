#include <stdio.h>

#define RECEIPT_WIDTH 34
#define TAX_RATE 0.20

struct line_item {
    const char *description;
    int quantity;
    double unit_price;
};

static double line_total(const struct line_item *item)
{
    return item->quantity * item->unit_price;
}

static double subtotal(const struct line_item items[], int count)
{
    double sum = 0.0;
    for (int i = 0; i < count; i++)
        sum += line_total(&items[i]);
    return sum;
}

static void print_receipt(const struct line_item items[], int count)
{
    for (int i = 0; i < RECEIPT_WIDTH; i++)
        putchar('-');
    putchar('\n');
    printf("%-22s %11s\n", "CORNER SHOP", "RECEIPT");
    for (int i = 0; i < RECEIPT_WIDTH; i++)
        putchar('-');
    putchar('\n');

    for (int i = 0; i < count; i++)
        printf("%2d x %-17s %10.2f\n", items[i].quantity, items[i].description,
               line_total(&items[i]));

    for (int i = 0; i < RECEIPT_WIDTH; i++)
        putchar('-');
    putchar('\n');

    double net = subtotal(items, count);
    printf("%-22s %11.2f\n", "subtotal", net);
    printf("%-22s %11.2f\n", "tax", net * TAX_RATE);
    printf("%-22s %11.2f\n", "total", net * (1.0 + TAX_RATE));
}

int main(void)
{
    const struct line_item basket[] = {
        {"bread", 1, 2.40},
        {"milk", 2, 1.15},
        {"apples", 6, 0.35},
        {"coffee", 1, 7.99},
    };

    print_receipt(basket, (int)(sizeof basket / sizeof basket[0]));
    return 0;
}
