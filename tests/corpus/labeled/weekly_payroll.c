/* Compute the weekly pay of a small team, with overtime and tax, and print a payroll summary. */
#include <stdio.h>

#define NAME_CAPACITY 16
#define REGULAR_HOURS 40.0
#define OVERTIME_MULTIPLIER 1.5
#define TAX_RATE 0.22
#define HIGH_EARNER_LIMIT 1000.0

struct Employee {
    char name[NAME_CAPACITY];
    double hourly_rate;
    double hours_worked;
};

static void run_payroll(const struct Employee employees[], int count)
{
    double total_gross = 0.0;
    double total_tax = 0.0;
    int top_earner = 0;
    double top_gross = 0.0;
    int overtime_workers = 0;

    printf("%-10s %8s %8s %8s\n", "name", "gross", "tax", "net");
    for (int i = 0; i < count; i++) {
        const struct Employee *employee = &employees[i];
        double regular_hours = employee->hours_worked;
        double overtime_hours = 0.0;
        if (employee->hours_worked > REGULAR_HOURS) {
            regular_hours = REGULAR_HOURS;
            overtime_hours = employee->hours_worked - REGULAR_HOURS;
            overtime_workers++;
        }
        double gross = employee->hourly_rate * regular_hours
                       + employee->hourly_rate * OVERTIME_MULTIPLIER * overtime_hours;
        double tax = gross * TAX_RATE;
        printf("%-10s %8.2f %8.2f %8.2f\n", employee->name, gross, tax, gross - tax);
        total_gross += gross;
        total_tax += tax;
        if (gross > top_gross) {
            top_gross = gross;
            top_earner = i;
        }
    }

    printf("total gross: %.2f\n", total_gross);
    printf("total tax: %.2f\n", total_tax);
    printf("workers with overtime: %d\n", overtime_workers);
    printf("top earner: %s\n", employees[top_earner].name);
    if (top_gross > HIGH_EARNER_LIMIT) {
        printf("note: top earner above %.0f\n", HIGH_EARNER_LIMIT);
    }
}

int main(void)
{
    const struct Employee employees[] = {
        {"Alice", 22.50, 38.0},
        {"Bogdan", 18.00, 46.5},
        {"Chen", 31.25, 40.0},
        {"Dana", 27.00, 44.0},
    };

    run_payroll(employees, (int)(sizeof(employees) / sizeof(employees[0])));
    return 0;
}
