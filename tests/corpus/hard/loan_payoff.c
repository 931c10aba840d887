/* Car loan payoff plan. Input: "principal monthly_payment". */
#include <stdio.h>

static void payoff_plan(void)
{
    double balance, payment;
    if (scanf("%lf %lf", &balance, &payment) != 2 || balance <= 0.0 || payment <= 0.0) {
        printf("enter a positive principal and payment\n");
        return;
    }

    double total_interest = 0.0;
    double year_interest = 0.0;
    int month = 0;

    while (balance > 0.0 && month < 360) {
        double interest = balance * 0.069 / 12;
        if (payment <= interest) {
            printf("payment %.2f does not even cover the interest\n", payment);
            return;
        }
        if (month == 0)
            printf("%4s %12s %12s\n", "year", "interest", "balance");
        double paid = payment < balance + interest ? payment : balance + interest;
        balance = balance + interest - paid;
        year_interest += interest;
        total_interest += interest;
        month++;
        if (month % 12 == 0 || balance <= 0.0) {
            printf("%4d %12.2f %12.2f\n", (month + 11) / 12, year_interest, balance);
            year_interest = 0.0;
        }
    }
    if (balance > 0.0)
        printf("still owing %.2f after %d months\n", balance, month);
    else
        printf("paid off after %d months (%d years %d months)\n", month, month / 12, month % 12);
    printf("total interest: %.2f\n", total_interest);
}

int main(void)
{
    payoff_plan();
    return 0;
}
