/* Issue numbered tickets to the customers named on standard input, one name per line. */
#include <stdio.h>
#include <string.h>

#define FIRST_TICKET 100
#define NAME_CAPACITY 64

static int next_ticket_number(void)
{
    static int tickets_issued = 0;
    int ticket = FIRST_TICKET + tickets_issued;
    tickets_issued++;
    return ticket;
}

static void strip_newline(char *text)
{
    text[strcspn(text, "\n")] = '\0';
}

static void issue_ticket(const char *customer)
{
    printf("ticket %d: %s\n", next_ticket_number(), customer);
}

int main(void)
{
    char customer[NAME_CAPACITY];
    int skipped = 0;

    while (fgets(customer, sizeof customer, stdin) != NULL) {
        strip_newline(customer);
        if (strlen(customer) == 0) {
            skipped++;
            continue;
        }
        issue_ticket(customer);
    }
    printf("next free ticket: %d\n", next_ticket_number());
    printf("blank lines skipped: %d\n", skipped);
    return 0;
}
