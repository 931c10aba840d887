/* Print a Celsius to Fahrenheit and Kelvin conversion table using function-like macros. */
#include <stdio.h>

#define FAHRENHEIT_PER_CELSIUS 1.8
#define FAHRENHEIT_FREEZING_POINT 32.0
#define KELVIN_OFFSET 273.15
#define CELSIUS_TO_FAHRENHEIT(celsius) ((celsius) * FAHRENHEIT_PER_CELSIUS + FAHRENHEIT_FREEZING_POINT)
#define CELSIUS_TO_KELVIN(celsius) ((celsius) + KELVIN_OFFSET)

static const int TABLE_START_CELSIUS = -20;
static const int TABLE_END_CELSIUS = 40;
static const int TABLE_STEP_CELSIUS = 10;

static void print_header(void)
{
    printf("%8s %10s %8s\n", "celsius", "fahrenheit", "kelvin");
}

static void print_row(int celsius)
{
    printf("%8d %10.2f %8.2f\n", celsius, CELSIUS_TO_FAHRENHEIT(celsius), CELSIUS_TO_KELVIN(celsius));
}

static int count_below_freezing(int start, int end, int step)
{
    int count = 0;
    for (int celsius = start; celsius <= end; celsius += step) {
        if (CELSIUS_TO_FAHRENHEIT(celsius) < FAHRENHEIT_FREEZING_POINT) {
            count++;
        }
    }
    return count;
}

int main(void)
{
    print_header();
    for (int celsius = TABLE_START_CELSIUS; celsius <= TABLE_END_CELSIUS; celsius += TABLE_STEP_CELSIUS) {
        print_row(celsius);
    }
    printf("rows below freezing: %d\n",
           count_below_freezing(TABLE_START_CELSIUS, TABLE_END_CELSIUS, TABLE_STEP_CELSIUS));
    return 0;
}
