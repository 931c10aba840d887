/* Weather log: reads "high low" temperature pairs (Celsius), one day per line. */
#include <stdio.h>

#define MAX_DAYS 31
#define FROST_LIMIT 0.0
#define HEAT_LIMIT 30.0

struct summary {
    int days;
    double mean_high;
    double mean_low;
    int warmest_day;
    double widest_range;
    int frost_days;
    int hot_days;
};

static int read_log(double highs[], double lows[], int max)
{
    int n = 0;
    while (n < max && scanf("%lf %lf", &highs[n], &lows[n]) == 2) {
        if (lows[n] > highs[n]) {
            double swap = lows[n];
            lows[n] = highs[n];
            highs[n] = swap;
        }
        n++;
    }
    return n;
}

static struct summary summarize(const double highs[], const double lows[], int n)
{
    struct summary result = {0};
    result.days = n;

    double high_sum = 0.0;
    for (int i = 0; i < n; i++)
        high_sum += highs[i];
    result.mean_high = high_sum / n;

    double low_sum = 0.0;
    for (int d = 0; d < n; d++)
        low_sum += lows[d];
    result.mean_low = low_sum / n;

    for (int i = 0; i < n; i++) {
        if (highs[i] > highs[result.warmest_day])
            result.warmest_day = i;
        if (highs[i] - lows[i] > result.widest_range)
            result.widest_range = highs[i] - lows[i];
        if (lows[i] < FROST_LIMIT)
            result.frost_days++;
        if (highs[i] >= HEAT_LIMIT)
            result.hot_days++;
    }
    return result;
}

static void print_summary(const struct summary *summary, const double highs[])
{
    printf("Days recorded : %d\n", summary->days);
    printf("Mean high     : %6.1f C\n", summary->mean_high);
    printf("Mean low      : %6.1f C\n", summary->mean_low);
    printf("Warmest day   : day %d (%.1f C)\n", summary->warmest_day + 1, highs[summary->warmest_day]);
    printf("Widest range  : %6.1f C\n", summary->widest_range);
    printf("Frost days    : %d\n", summary->frost_days);
    printf("Hot days      : %d\n", summary->hot_days);
}

int main(void)
{
    double highs[MAX_DAYS];
    double lows[MAX_DAYS];
    int n = read_log(highs, lows, MAX_DAYS);
    if (n == 0) {
        printf("no readings\n");
        return 1;
    }
    struct summary result = summarize(highs, lows, n);
    print_summary(&result, highs);
    return 0;
}
