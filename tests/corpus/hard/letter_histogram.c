/* Letter frequency histogram of the text on stdin (case-insensitive). */
#include <stdio.h>
#include <ctype.h>

#define ALPHABET_SIZE 26
#define BAR_WIDTH 40

static long count_letters(FILE *fp, long counts[ALPHABET_SIZE])
{
    long total = 0;
    int c;
    while ((c = getc(fp)) != EOF) {
        if (isalpha(c)) {
            counts[tolower(c) - 'a']++;
            total++;
        }
    }
    return total;
}

static int most_common(const long counts[], int n)
{
    int best = 0;
    for (int i = 1; i < n; i++)
        if (counts[i] > counts[best])
            best = i;
    return best;
}

static void print_bar(long length)
{
    for (long i = 0; i < length; i++)
        putchar('#');
}

static void print_histogram(const long counts[ALPHABET_SIZE], long total)
{
    int top = most_common(counts, ALPHABET_SIZE);
    printf("%-6s %6s %7s\n", "letter", "count", "share");
    for (int i = 0; i < ALPHABET_SIZE; i++) {
        if (counts[i] == 0)
            continue;
        printf("%-6c %6ld %6.2f%% ", 'a' + i, counts[i], 100.0 * counts[i] / total);
        print_bar(counts[i] * BAR_WIDTH / counts[top]);
        putchar('\n');
    }
    printf("%ld letters, most common '%c' (%ld times)\n", total, 'a' + top, counts[top]);
}

int main(void)
{
    long counts[ALPHABET_SIZE] = {0};
    long total = count_letters(stdin, counts);
    if (total == 0) {
        printf("no letters in input\n");
        return 0;
    }
    print_histogram(counts, total);
    return 0;
}
