#include <stdio.h>
#include <string.h>

int main(void)
{
    char name[32];
    char top_earner[32] = "";
    double hours, rate;
    double total_gross = 0.0, total_tax = 0.0, top_net = 0.0;
    int employees = 0, overtime_workers = 0;

    printf("%-10s %6s %9s %9s %9s\n", "name", "hours", "gross", "tax", "net");
    while (scanf("%31s %lf %lf", name, &hours, &rate) == 3) {
        if (hours < 0 || hours > 80 || rate <= 0) {
            printf("%-10s invalid entry skipped\n", name);
            continue;
        }

        double gross;
        if (hours > 40) {
            gross = 40 * rate + (hours - 40) * rate * 1.5;
            overtime_workers++;
        } else {
            gross = hours * rate;
        }

        double tax;
        if (gross > 1000) {
            tax = 1000 * 0.15 + (gross - 1000) * 0.25;
        } else {
            tax = gross * 0.15;
        }

        double net = gross - tax;
        printf("%-10s %6.1f %9.2f %9.2f %9.2f\n", name, hours, gross, tax, net);
        if (net > top_net) {
            top_net = net;
            strcpy(top_earner, name);
        }
        total_gross += gross;
        total_tax += tax;
        employees++;
    }

    printf("\n%d employees, %d with overtime\n", employees, overtime_workers);
    printf("total gross %.2f, total tax %.2f\n", total_gross, total_tax);
    if (employees > 0) {
        printf("top earner: %s (%.2f net)\n", top_earner, top_net);
        printf("average net pay: %.2f\n", (total_gross - total_tax) / employees);
    }
    return 0;
}
