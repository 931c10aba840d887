/* Print the average height, weight and age of a basketball team. */
#include <stdio.h>

#define NAME_CAPACITY 16

struct Player {
    char name[NAME_CAPACITY];
    double height_cm;
    double weight_kg;
    double age_years;
};

static double average_height(const struct Player players[], int count)
{
    double total = 0.0;
    for (int i = 0; i < count; i++) {
        total += players[i].height_cm;
    }
    if (count == 0) {
        return 0.0;
    }
    return total / count;
}

static double average_weight(const struct Player players[], int count)
{
    double total = 0.0;
    for (int i = 0; i < count; i++) {
        total += players[i].weight_kg;
    }
    if (count == 0) {
        return 0.0;
    }
    return total / count;
}

static double average_age(const struct Player players[], int count)
{
    double total = 0.0;
    for (int i = 0; i < count; i++) {
        total += players[i].age_years;
    }
    if (count == 0) {
        return 0.0;
    }
    return total / count;
}

int main(void)
{
    const struct Player players[] = {
        {"Jordan", 198.0, 98.0, 23.0},
        {"Pippen", 203.0, 103.0, 25.0},
        {"Kerr", 191.0, 79.0, 27.0},
        {"Rodman", 201.0, 100.0, 31.0},
        {"Kukoc", 208.0, 104.0, 24.0},
    };
    const int count = (int)(sizeof(players) / sizeof(players[0]));

    printf("players: %d\n", count);
    printf("average height: %.2f cm\n", average_height(players, count));
    printf("average weight: %.2f kg\n", average_weight(players, count));
    printf("average age: %.2f years\n", average_age(players, count));
    return 0;
}
