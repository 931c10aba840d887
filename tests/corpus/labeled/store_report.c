/* Print a stock report for the fruit and the vegetable shelves of a grocery store. */
#include <stdio.h>

#define SHELF_SIZE 4
#define LOW_STOCK 10
#define NAME_CAPACITY 12

struct Product {
    char name[NAME_CAPACITY];
    int stock;
    double price;
};

int main(void)
{
    const struct Product fruit[SHELF_SIZE] = {
        {"apples", 40, 0.30}, {"pears", 8, 0.45}, {"plums", 25, 0.20}, {"kiwis", 5, 0.35},
    };
    const struct Product vegetables[SHELF_SIZE] = {
        {"carrots", 60, 0.10}, {"leeks", 12, 0.80}, {"onions", 3, 0.15}, {"beets", 9, 0.50},
    };

    printf("fruit shelf\n");
    double fruit_value = 0.0;
    int fruit_low = 0;
    for (int i = 0; i < SHELF_SIZE; i++) {
        double value = fruit[i].stock * fruit[i].price;
        fruit_value += value;
        printf("  %-8s %3d %6.2f\n", fruit[i].name, fruit[i].stock, value);
        if (fruit[i].stock < LOW_STOCK) {
            printf("  reorder %s\n", fruit[i].name);
            fruit_low++;
        }
    }
    printf("  shelf value: %.2f, low items: %d\n", fruit_value, fruit_low);

    printf("vegetable shelf\n");
    double vegetable_value = 0.0;
    int vegetable_low = 0;
    for (int i = 0; i < SHELF_SIZE; i++) {
        double value = vegetables[i].stock * vegetables[i].price;
        vegetable_value += value;
        printf("  %-8s %3d %6.2f\n", vegetables[i].name, vegetables[i].stock, value);
        if (vegetables[i].stock < LOW_STOCK) {
            printf("  reorder %s\n", vegetables[i].name);
            vegetable_low++;
        }
    }
    printf("  shelf value: %.2f, low items: %d\n", vegetable_value, vegetable_low);

    double store_value = fruit_value + vegetable_value;
    printf("store value: %.2f\n", store_value);
    if (fruit_value > vegetable_value) {
        printf("fruit shelf is worth more\n");
    } else {
        printf("vegetable shelf is worth more\n");
    }
    printf("items to reorder: %d\n", fruit_low + vegetable_low);
    return 0;
}
