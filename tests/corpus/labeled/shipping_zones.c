/* Print parcel shipping prices for three delivery zones. */
#include <stdio.h>

static double local_price(double weight_kg)
{
    double price = 4.99;
    if (weight_kg > 2.0) {
        price += (weight_kg - 2.0) * 1.25;
    }
    if (price > 25.0) {
        price = 25.0;
    }
    return price;
}

static double national_price(double weight_kg)
{
    double price = 7.49;
    if (weight_kg > 2.0) {
        price += (weight_kg - 2.0) * 1.75;
    }
    if (price > 40.0) {
        price = 40.0;
    }
    return price;
}

static double international_price(double weight_kg)
{
    double price = 15.99;
    if (weight_kg > 2.0) {
        price += (weight_kg - 2.0) * 4.5;
    }
    if (price > 120.0) {
        price = 120.0;
    }
    return price;
}

int main(void)
{
    const double weights_kg[] = {0.5, 2.0, 3.5, 10.0, 30.0};
    const int count = (int)(sizeof(weights_kg) / sizeof(weights_kg[0]));

    printf("%8s %8s %8s %8s\n", "kg", "local", "national", "intl");
    for (int i = 0; i < count; i++) {
        double weight = weights_kg[i];
        printf("%8.1f %8.2f %8.2f %8.2f\n", weight, local_price(weight), national_price(weight),
               international_price(weight));
    }
    return 0;
}
