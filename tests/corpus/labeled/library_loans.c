/* Track which library books are on loan and which loans are overdue. */
#include <stdbool.h>
#include <stdio.h>

#define TITLE_CAPACITY 32
#define LOAN_PERIOD_DAYS 21
#define FINE_PER_DAY_CENTS 15
#define TODAY 60

struct Book {
    char title[TITLE_CAPACITY];
    bool on_loan;
    int borrowed_on_day;
};

static int days_overdue(const struct Book *book, int today)
{
    if (!book->on_loan) {
        return 0;
    }
    int late = today - book->borrowed_on_day - LOAN_PERIOD_DAYS;
    return late > 0 ? late : 0;
}

static void print_book(const struct Book *book, int today)
{
    const char *status = book->on_loan ? "on loan" : "available";
    printf("%-24s %-9s overdue %d days\n", book->title, status, days_overdue(book, today));
}

static int total_fines_cents(const struct Book books[], int count, int today)
{
    int fines = 0;
    for (int i = 0; i < count; i++) {
        fines += days_overdue(&books[i], today) * FINE_PER_DAY_CENTS;
    }
    return fines;
}

int main(void)
{
    const struct Book books[] = {
        {"The C Programming Language", true, 20},
        {"Clean Code", false, 0},
        {"Structure and Interpretation", true, 45},
        {"Algorithms", true, 2},
    };
    const int count = (int)(sizeof(books) / sizeof(books[0]));

    for (int i = 0; i < count; i++) {
        print_book(&books[i], TODAY);
    }
    printf("fines due: %d cents\n", total_fines_cents(books, count, TODAY));
    return 0;
}
