/* Apply deposit, withdraw and balance commands read from standard input to one bank account. */
#include <stdio.h>

#define DEPOSIT_COMMAND 'd'
#define WITHDRAW_COMMAND 'w'
#define BALANCE_COMMAND 'b'
#define OVERDRAFT_FEE 5

struct Account {
    int balance;
    int rejected;
};

static int read_amount(void)
{
    int amount = 0;
    if (scanf("%d", &amount) != 1 || amount <= 0) {
        return 0;
    }
    return amount;
}

static void deposit(struct Account *account, int amount)
{
    account->balance += amount;
    printf("deposit %d -> balance %d\n", amount, account->balance);
}

static void withdraw(struct Account *account, int amount)
{
    if (amount > account->balance) {
        account->balance -= OVERDRAFT_FEE;
        account->rejected++;
        printf("withdraw %d refused, fee %d -> balance %d\n", amount, OVERDRAFT_FEE, account->balance);
        return;
    }
    account->balance -= amount;
    printf("withdraw %d -> balance %d\n", amount, account->balance);
}

static void apply_command(struct Account *account, char command)
{
    switch (command) {
    case DEPOSIT_COMMAND:
        deposit(account, read_amount());
        break;
    case WITHDRAW_COMMAND:
        withdraw(account, read_amount());
        break;
    case BALANCE_COMMAND:
        printf("balance: %d\n", account->balance);
        break;
    default:
        printf("unknown command '%c'\n", command);
        break;
    }
}

int main(void)
{
    struct Account account = {0, 0};
    char command = '\0';

    while (scanf(" %c", &command) == 1) {
        apply_command(&account, command);
    }
    printf("final balance: %d, refused withdrawals: %d\n", account.balance, account.rejected);
    return 0;
}
