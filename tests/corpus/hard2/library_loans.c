#include <stdio.h>

#define MAX_LOANS 100
#define LOAN_PERIOD_DAYS 14
#define FEE_PER_DAY_CENTS 25
#define MAX_FEE_CENTS 1000
#define CENTS_PER_EURO 100

struct loan {
    int book_id;
    int days_out;
};

static int days_overdue(const struct loan *loan)
{
    int overdue = loan->days_out - LOAN_PERIOD_DAYS;
    return overdue > 0 ? overdue : 0;
}

static int is_overdue(const struct loan *loan)
{
    return days_overdue(loan) > 0;
}

static int cap_fee(int fee_cents)
{
    return fee_cents > MAX_FEE_CENTS ? MAX_FEE_CENTS : fee_cents;
}

static int late_fee_cents(const struct loan *loan)
{
    return cap_fee(days_overdue(loan) * FEE_PER_DAY_CENTS);
}

static void print_money(int cents)
{
    printf("%d.%02d EUR", cents / CENTS_PER_EURO, cents % CENTS_PER_EURO);
}

static void print_loan(const struct loan *loan)
{
    printf("book %5d: %3d days, ", loan->book_id, loan->days_out);
    if (is_overdue(loan)) {
        printf("%d days late, fee ", days_overdue(loan));
        print_money(late_fee_cents(loan));
    } else {
        printf("on time");
    }
    printf("\n");
}

static int read_loans(struct loan loans[], int capacity)
{
    int n;
    if (scanf("%d", &n) != 1 || n < 0)
        return 0;
    if (n > capacity)
        n = capacity;
    for (int i = 0; i < n; i++) {
        if (scanf("%d %d", &loans[i].book_id, &loans[i].days_out) != 2)
            return i;
    }
    return n;
}

static int total_fees_cents(const struct loan loans[], int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += late_fee_cents(&loans[i]);
    return total;
}

static int count_overdue(const struct loan loans[], int n)
{
    int count = 0;
    for (int i = 0; i < n; i++)
        if (is_overdue(&loans[i]))
            count++;
    return count;
}

int main(void)
{
    struct loan loans[MAX_LOANS];
    int n = read_loans(loans, MAX_LOANS);

    for (int i = 0; i < n; i++)
        print_loan(&loans[i]);
    printf("%d of %d loans overdue, total fees ", count_overdue(loans, n), n);
    print_money(total_fees_cents(loans, n));
    printf("\n");
    return 0;
}
