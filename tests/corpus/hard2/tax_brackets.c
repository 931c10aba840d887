#include <stdio.h>

struct bracket {
    double lower;
    double rate;
};

static const struct bracket brackets[] = {
    { 0.0, 0.10 },
    { 10000.0, 0.20 },
    { 40000.0, 0.35 },
    { 90000.0, 0.45 },
};
#define BRACKET_COUNT (sizeof brackets / sizeof brackets[0])

struct assessment {
    double taxable;
    double tax;
};

static double bracket_tax(double taxable)
{
    double tax = 0.0;
    for (size_t i = 0; i < BRACKET_COUNT; i++) {
        if (taxable <= brackets[i].lower)
            break;
        double upper = (i + 1 < BRACKET_COUNT) ? brackets[i + 1].lower : taxable;
        if (upper > taxable)
            upper = taxable;
        tax += (upper - brackets[i].lower) * brackets[i].rate;
    }
    return tax;
}

static struct assessment assess(double income, int children)
{
    struct assessment result;

    result.taxable = income - 12000.0;
    if (result.taxable < 0.0)
        result.taxable = 0.0;
    result.tax = bracket_tax(result.taxable);
    if (income > 150000.0)
        result.tax += (income - 150000.0) * 0.05;
    result.tax -= children * 250.0;
    if (result.tax < 0.0)
        result.tax = 0.0;
    return result;
}

static void print_assessment(double income, int children, struct assessment result)
{
    printf("income %10.2f, %d child(ren): taxable %10.2f, tax %9.2f (%.1f%%), monthly %8.2f\n",
           income, children, result.taxable, result.tax,
           income > 0.0 ? result.tax / income * 100.0 : 0.0, result.tax / 12);
}

int main(void)
{
    double income;
    int children;

    while (scanf("%lf %d", &income, &children) == 2) {
        if (income < 0.0 || children < 0) {
            printf("invalid line skipped\n");
            continue;
        }
        print_assessment(income, children, assess(income, children));
    }
    return 0;
}
