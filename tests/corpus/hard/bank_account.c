/* A tiny bank account driven by commands: D amount, W amount, B, H, Q. */
#include <stdio.h>
#include <ctype.h>
#include <string.h>

#define MAX_HISTORY 16
#define MAX_WITHDRAWAL 500.0
#define LINE_LEN 64

struct account {
    double balance;
    double history[MAX_HISTORY];
    int entries;
};

/* Applies a signed change to the balance and remembers it. */
static void record(struct account *acct, double change)
{
    acct->balance += change;
    if (acct->entries < MAX_HISTORY)
        acct->history[acct->entries++] = change;
}

static const char *deposit(struct account *acct, double amount)
{
    if (amount <= 0.0)
        return "deposit must be positive";
    record(acct, amount);
    return NULL;
}

static const char *withdraw(struct account *acct, double amount)
{
    if (amount <= 0.0 || amount > MAX_WITHDRAWAL)
        return "withdrawal must be positive and within the limit";
    if (amount > acct->balance)
        return "insufficient funds";
    record(acct, -amount);
    return NULL;
}

static void print_history(const struct account *acct)
{
    printf("%3s  %-10s %10s\n", "#", "type", "amount");
    for (int i = 0; i < acct->entries; i++) {
        double change = acct->history[i];
        printf("%3d. %-10s %10.2f\n", i + 1, change > 0 ? "deposit" : "withdrawal",
               change > 0 ? change : -change);
    }
    printf("%-15s %10.2f\n", "balance", acct->balance);
}

/* Runs one command line; returns 0 when the user asked to quit. */
static int execute(struct account *acct, const char *line)
{
    char command = '\0';
    double amount = 0.0;
    const char *error = NULL;

    if (sscanf(line, " %c %lf", &command, &amount) < 1)
        return 1;
    switch (toupper((unsigned char)command)) {
    case 'D':
        error = deposit(acct, amount);
        break;
    case 'W':
        error = withdraw(acct, amount);
        break;
    case 'B':
        printf("Balance: %.2f\n", acct->balance);
        break;
    case 'H':
        print_history(acct);
        break;
    case 'Q':
        return 0;
    default:
        error = "unknown command";
        break;
    }
    if (error != NULL)
        printf("Error: %s (%s)\n", error, line);
    return 1;
}

int main(void)
{
    struct account acct = {0};
    char line[LINE_LEN];
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (!execute(&acct, line))
            break;
    }
    printf("Final balance: %.2f\n", acct.balance);
    return 0;
}
