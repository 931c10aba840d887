#include <stdio.h>

#define MAX_HOLDINGS 30
#define SYMBOL_SIZE 8
#define PERCENT 100.0
#define ALERT_LOSS_PERCENT 10.0

struct holding {
    char symbol[SYMBOL_SIZE];
    int shares;
    double buy_price;
    double current_price;
};

static int read_holdings(struct holding holdings[], int capacity)
{
    int n = 0;
    while (n < capacity && scanf("%7s %d %lf %lf", holdings[n].symbol, &holdings[n].shares,
                                 &holdings[n].buy_price, &holdings[n].current_price) == 4) {
        if (holdings[n].shares <= 0 || holdings[n].buy_price <= 0.0) {
            printf("skipping %s: invalid position\n", holdings[n].symbol);
            continue;
        }
        n++;
    }
    return n;
}

static double position_value(const struct holding *holding)
{
    return holding->shares * holding->current_price;
}

static double position_cost(const struct holding *holding)
{
    return holding->shares * holding->buy_price;
}

static double change_percent(const struct holding *holding)
{
    return (holding->current_price - holding->buy_price) / holding->buy_price * PERCENT;
}

struct totals {
    double value;
    double cost;
};

static struct totals portfolio_totals(const struct holding holdings[], int n)
{
    struct totals totals = { 0.0, 0.0 };
    for (int i = 0; i < n; i++) {
        totals.value += position_value(&holdings[i]);
        totals.cost += position_cost(&holdings[i]);
        if (change_percent(&holdings[i]) <= -ALERT_LOSS_PERCENT)
            printf("ALERT: %s is down %.1f%%\n", holdings[i].symbol,
                   -change_percent(&holdings[i]));
    }
    return totals;
}

static void print_holdings(const struct holding holdings[], int n)
{
    printf("%-6s %6s %9s %9s %10s %7s\n", "symbol", "shares", "bought", "now", "value", "change");
    for (int i = 0; i < n; i++)
        printf("%-6s %6d %9.2f %9.2f %10.2f %+6.1f%%\n", holdings[i].symbol, holdings[i].shares,
               holdings[i].buy_price, holdings[i].current_price, position_value(&holdings[i]),
               change_percent(&holdings[i]));
}

int main(void)
{
    struct holding holdings[MAX_HOLDINGS];
    int n = read_holdings(holdings, MAX_HOLDINGS);

    print_holdings(holdings, n);
    struct totals totals = portfolio_totals(holdings, n);
    printf("total value %.2f, cost %.2f, gain %+.2f\n", totals.value, totals.cost,
           totals.value - totals.cost);
    return 0;
}
