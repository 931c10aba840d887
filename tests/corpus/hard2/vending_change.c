#include <stdio.h>

static void print_change(int change)
{
    int count;

    count = change / 200;
    if (count > 0)
        printf("  %d x 2.00\n", count);
    change %= 200;

    count = change / 100;
    if (count > 0)
        printf("  %d x 1.00\n", count);
    change %= 100;

    count = change / 50;
    if (count > 0)
        printf("  %d x 0.50\n", count);
    change %= 50;

    count = change / 20;
    if (count > 0)
        printf("  %d x 0.20\n", count);
    change %= 20;

    count = change / 10;
    if (count > 0)
        printf("  %d x 0.10\n", count);
    change %= 10;

    count = change / 5;
    if (count > 0)
        printf("  %d x 0.05\n", count);
}

static void handle_purchase(int price, int paid)
{
    printf("price %d cents, paid %d cents: ", price, paid);
    if (price <= 0 || price % 5 != 0) {
        printf("invalid price\n");
        return;
    }
    if (paid < price) {
        printf("not enough money, %d cents missing\n", price - paid);
        return;
    }
    printf("change %d cents\n", paid - price);
    print_change(paid - price);
}

int main(void)
{
    int price, paid;

    while (scanf("%d %d", &price, &paid) == 2)
        handle_purchase(price, paid);
    return 0;
}
