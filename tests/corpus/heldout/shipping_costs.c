#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static double domestic_cost(double weight_kg)
{
    double cost = 4.50;
    if (weight_kg > 2.0) {
        cost += (weight_kg - 2.0) * 1.20;
    }
    if (cost > 25.0) {
        cost = 25.0;
    }
    return cost;
}

static double europe_cost(double weight_kg)
{
    double cost = 9.90;
    if (weight_kg > 2.0) {
        cost += (weight_kg - 2.0) * 2.75;
    }
    if (cost > 60.0) {
        cost = 60.0;
    }
    return cost;
}

static double worldwide_cost(double weight_kg)
{
    double cost = 16.00;
    if (weight_kg > 2.0) {
        cost += (weight_kg - 2.0) * 4.10;
    }
    if (cost > 120.0) {
        cost = 120.0;
    }
    return cost;
}

static bool shipping_cost(const char *zone, double weight_kg, double *cost)
{
    if (strcmp(zone, "domestic") == 0)
        *cost = domestic_cost(weight_kg);
    else if (strcmp(zone, "europe") == 0)
        *cost = europe_cost(weight_kg);
    else if (strcmp(zone, "world") == 0)
        *cost = worldwide_cost(weight_kg);
    else
        return false;
    return true;
}

int main(void)
{
    char zone[16];
    double weight_kg;
    double cost;

    while (scanf("%15s %lf", zone, &weight_kg) == 2) {
        if (weight_kg <= 0.0 || weight_kg > 30.0) {
            printf("%s %.1f kg: cannot ship\n", zone, weight_kg);
        } else if (shipping_cost(zone, weight_kg, &cost)) {
            printf("%s %.1f kg: %.2f\n", zone, weight_kg, cost);
        } else {
            printf("unknown zone %s\n", zone);
        }
    }
    return 0;
}
