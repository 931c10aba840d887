/* Monthly electricity bills. Each input line: "customer previous_reading current_reading". */
#include <stdio.h>

#define LINE_LEN 100

/* Handles one customer; returns 0 when the input is exhausted. */
static int process_customer(double *grand_total)
{
    char line[LINE_LEN];
    char customer[LINE_LEN];
    long previous, current;

    if (fgets(line, sizeof line, stdin) == NULL)
        return 0;
    if (sscanf(line, "%s %ld %ld", customer, &previous, &current) != 3 || current < previous) {
        printf("invalid meter line: %s", line);
        return 1;
    }

    long used = current - previous;
    double energy = used * 0.14;
    double surcharge = 0.0;
    if (used > 500)
        surcharge = (used - 500) * 0.05;
    double net = energy + surcharge + 8.50;
    double vat = net * 0.07;
    double total = net + vat;
    *grand_total += total;

    printf("Customer: %s\n", customer);
    printf("  usage        %8ld kWh\n", used);
    printf("  energy       %8.2f\n", energy);
    printf("  surcharge    %8.2f\n", surcharge);
    printf("  service fee  %8.2f\n", 8.50);
    printf("  VAT          %8.2f\n", vat);
    printf("  amount due   %8.2f\n\n", total);
    return 1;
}

int main(void)
{
    double grand_total = 0.0;
    while (process_customer(&grand_total))
        ;
    printf("Total billed: %.2f\n", grand_total);
    return 0;
}
