/* Simulate a snack machine driven by numbered commands read from standard input. */
#include <stdbool.h>
#include <stdio.h>

enum Command {
    COMMAND_QUIT = 0,
    COMMAND_INSERT_COIN = 1,
    COMMAND_BUY = 2,
    COMMAND_REFUND = 3,
};

enum {
    COIN_VALUE_CENTS = 25,
    SNACK_PRICE_CENTS = 75,
    INITIAL_STOCK = 3,
};

struct Machine {
    int credit_cents;
    int stock;
    int sold;
};

static void insert_coin(struct Machine *machine)
{
    machine->credit_cents += COIN_VALUE_CENTS;
    printf("credit: %d cents\n", machine->credit_cents);
}

static void buy_snack(struct Machine *machine)
{
    if (machine->stock == 0) {
        printf("sold out\n");
        return;
    }
    if (machine->credit_cents < SNACK_PRICE_CENTS) {
        printf("need %d more cents\n", SNACK_PRICE_CENTS - machine->credit_cents);
        return;
    }
    machine->credit_cents -= SNACK_PRICE_CENTS;
    machine->stock--;
    machine->sold++;
    printf("snack dispensed, credit left: %d cents\n", machine->credit_cents);
}

static void refund(struct Machine *machine)
{
    printf("refunded %d cents\n", machine->credit_cents);
    machine->credit_cents = 0;
}

static bool handle_command(struct Machine *machine, int command)
{
    switch (command) {
    case COMMAND_QUIT:
        return false;
    case COMMAND_INSERT_COIN:
        insert_coin(machine);
        break;
    case COMMAND_BUY:
        buy_snack(machine);
        break;
    case COMMAND_REFUND:
        refund(machine);
        break;
    default:
        printf("unknown command %d\n", command);
        break;
    }
    return true;
}

int main(void)
{
    struct Machine machine = {0, INITIAL_STOCK, 0};
    int command = COMMAND_QUIT;
    bool running = true;

    while (running && scanf("%d", &command) == 1) {
        running = handle_command(&machine, command);
    }
    printf("snacks sold: %d, stock left: %d, credit kept: %d cents\n", machine.sold, machine.stock,
           machine.credit_cents);
    return 0;
}
