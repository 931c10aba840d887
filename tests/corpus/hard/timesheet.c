/* Weekly payroll. Each line: "name hourly_wage h_mon h_tue ... h_sun". */
#include <stdio.h>

#define MAX_EMPLOYEES 20
#define LINE_LEN 160
#define REGULAR_HOURS 40.0
#define OVERTIME_FACTOR 1.5
#define MAX_HOURS_PER_DAY 16.0

struct employee {
    char name[LINE_LEN];
    double wage;
    double hours[7];
};

static int parse_employee(const char *line, struct employee *emp)
{
    int used = 0;
    if (sscanf(line, "%s %lf%n", emp->name, &emp->wage, &used) != 2 || emp->wage < 0.0)
        return 0;
    line += used;
    for (int d = 0; d < 7; d++) {
        if (sscanf(line, "%lf%n", &emp->hours[d], &used) != 1)
            return 0;
        if (emp->hours[d] < 0.0 || emp->hours[d] > MAX_HOURS_PER_DAY)
            return 0;
        line += used;
    }
    return 1;
}

static double weekly_hours(const struct employee *emp)
{
    double total = 0.0;
    for (int d = 0; d < 7; d++)
        total += emp->hours[d];
    return total;
}

static double weekly_pay(const struct employee *emp)
{
    double hours = weekly_hours(emp);
    if (hours <= REGULAR_HOURS)
        return hours * emp->wage;
    return REGULAR_HOURS * emp->wage + (hours - REGULAR_HOURS) * emp->wage * OVERTIME_FACTOR;
}

static int read_staff(struct employee staff[], int max)
{
    char line[LINE_LEN];
    int n = 0;
    while (n < max && fgets(line, sizeof line, stdin) != NULL) {
        if (parse_employee(line, &staff[n]))
            n++;
        else
            printf("skipping malformed line: %s", line);
    }
    return n;
}

static void print_payroll(const struct employee staff[], int n)
{
    double payroll = 0.0;
    printf("%-10s %7s %7s %9s\n", "name", "hours", "avg/day", "pay");
    for (int i = 0; i < n; i++) {
        double hours = weekly_hours(&staff[i]);
        double pay = weekly_pay(&staff[i]);
        payroll += pay;
        printf("%-10s %7.1f %7.2f %9.2f%s\n", staff[i].name, hours, hours / 7, pay,
               hours > REGULAR_HOURS ? "  overtime" : "");
    }
    printf("%-10s %25.2f\n", "total", payroll);
}

int main(void)
{
    struct employee staff[MAX_EMPLOYEES];
    int n = read_staff(staff, MAX_EMPLOYEES);
    print_payroll(staff, n);
    return 0;
}
