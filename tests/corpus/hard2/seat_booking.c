#include <stdio.h>

#define ROWS 5
#define SEATS_PER_ROW 8
#define FRONT_ROWS 2
#define FRONT_PRICE_CENTS 1500
#define BACK_PRICE_CENTS 1000
#define CENTS_PER_EURO 100
#define FREE '.'
#define TAKEN 'X'

static char hall[ROWS][SEATS_PER_ROW];
static int revenue_cents = 0;
static int tickets_sold = 0;

static void init_hall(void)
{
    for (int i = 0; i < ROWS; i++)
        for (int j = 0; j < SEATS_PER_ROW; j++)
            hall[i][j] = FREE;
}

static void print_euros(int cents)
{
    printf("%d.%02d EUR", cents / CENTS_PER_EURO, cents % CENTS_PER_EURO);
}

static int process_request(void)
{
    int row, seat;

    if (scanf("%d %d", &row, &seat) != 2)
        return 0;
    printf("request: row %d seat %d\n", row, seat);
    if (row < 1 || row > ROWS || seat < 1 || seat > SEATS_PER_ROW) {
        printf("  no such seat\n");
        return 1;
    }
    if (hall[row - 1][seat - 1] == TAKEN) {
        printf("  already taken\n");
        return 1;
    }

    hall[row - 1][seat - 1] = TAKEN;
    int price = row <= FRONT_ROWS ? FRONT_PRICE_CENTS : BACK_PRICE_CENTS;
    revenue_cents += price;
    tickets_sold++;

    printf("  booked for ");
    print_euros(price);
    printf("\n  hall now:\n");
    for (int i = 0; i < ROWS; i++) {
        printf("  %d ", i + 1);
        for (int j = 0; j < SEATS_PER_ROW; j++)
            putchar(hall[i][j]);
        putchar('\n');
    }
    printf("  sold %d, revenue ", tickets_sold);
    print_euros(revenue_cents);
    printf("\n");
    return 1;
}

int main(void)
{
    init_hall();
    while (process_request())
        ;
    return 0;
}
