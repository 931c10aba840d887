/* Show how a savings deposit grows year by year with monthly compound interest. */
#include <stdio.h>

static double grow_one_year(double balance)
{
    for (int month = 0; month < 12; month++) {
        balance += balance * (0.035 / 12);
    }
    return balance;
}

static int years_to_reach(double balance, double goal)
{
    int years = 0;
    while (balance < goal && years < 100) {
        balance = grow_one_year(balance);
        years++;
    }
    return years;
}

static void print_growth_table(double deposit, int years)
{
    double balance = deposit;
    for (int year = 1; year <= years; year++) {
        balance = grow_one_year(balance);
        printf("year %2d: %10.2f\n", year, balance);
    }
}

int main(void)
{
    double deposit = 2500.0;

    printf("deposit: %.2f\n", deposit);
    print_growth_table(deposit, 5);
    printf("years to double: %d\n", years_to_reach(deposit, deposit * 2));
    printf("years to reach 10000: %d\n", years_to_reach(deposit, 10000.0));
    return 0;
}
