#include <stdio.h>

struct item {
    char name[20];
    int quantity;
    double price;
};

int main(void) {
    struct item north[5] = {
        {"bolts", 120, 0.15}, {"nuts", 8, 0.10}, {"hinges", 35, 2.40},
        {"brackets", 4, 3.75}, {"screws", 500, 0.05},
    };
    struct item south[4] = {
        {"bolts", 9, 0.15}, {"washers", 300, 0.02}, {"hinges", 2, 2.40}, {"locks", 15, 12.90},
    };
    double north_value = 0.0, south_value = 0.0;
    int north_low = 0, south_low = 0;

    printf("North warehouse\n");
    for (int i = 0; i < 5; i++) {
        double value = north[i].quantity * north[i].price;
        north_value += value;
        printf("  %-10s %4d x %6.2f = %8.2f", north[i].name, north[i].quantity, north[i].price, value);
        if (north[i].quantity < 10) {
            printf("  LOW STOCK");
            north_low++;
        }
        printf("\n");
    }
    printf("  value %.2f, %d low\n", north_value, north_low);

    printf("South warehouse\n");
    for (int i = 0; i < 4; i++) {
        double value = south[i].quantity * south[i].price;
        south_value += value;
        printf("  %-10s %4d x %6.2f = %8.2f", south[i].name, south[i].quantity, south[i].price, value);
        if (south[i].quantity < 10) {
            printf("  LOW STOCK");
            south_low++;
        }
        printf("\n");
    }
    printf("  value %.2f, %d low\n", south_value, south_low);

    // reorder everything that is low back up to 50, supplier gives 20% off
    double reorder_cost = 0.0;
    for (int i = 0; i < 5; i++)
        if (north[i].quantity < 10)
            reorder_cost += (50 - north[i].quantity) * north[i].price * 0.8;
    for (int i = 0; i < 4; i++)
        if (south[i].quantity < 10)
            reorder_cost += (50 - south[i].quantity) * south[i].price * 0.8;
    printf("reorder cost: %.2f\n", reorder_cost);

    double combined = north_value + south_value;
    printf("combined stock value: %.2f\n", combined);
    if (combined > 250.0)
        printf("insurance premium: %.2f\n", combined * 0.012);
    else
        printf("insurance premium: %.2f (minimum)\n", 3.0);
    return 0;
}
