#include <stdio.h>
#include <string.h>

#define LINE_WIDTH 30
#define MAX_WORDS 500

static char words[MAX_WORDS][LINE_WIDTH + 1];

static int read_words(void)
{
    int n = 0;
    while (n < MAX_WORDS && scanf("%30s", words[n]) == 1)
        n++;
    return n;
}

static void print_spaces(int count)
{
    for (int k = 0; k < count; k++)
        putchar(' ');
}

static void print_justified(int n)
{
    int i = 0;

    while (i < n) {
        int letters = (int)strlen(words[i]);
        int j = i + 1;
        while (j < n && letters + (int)strlen(words[j]) + (j - i) <= LINE_WIDTH) {
            letters += (int)strlen(words[j]);
            j++;
        }

        int gaps = j - i - 1;
        int last_line = (j == n);
        putchar('|');
        if (gaps == 0 || last_line) {
            int used = letters + gaps;
            for (int k = i; k < j; k++) {
                if (k > i)
                    putchar(' ');
                fputs(words[k], stdout);
            }
            print_spaces(LINE_WIDTH - used);
        } else {
            int spaces = LINE_WIDTH - letters;
            int even = spaces / gaps;
            int extra = spaces % gaps;
            for (int k = i; k < j; k++) {
                fputs(words[k], stdout);
                if (k < j - 1)
                    print_spaces(even + (k - i < extra ? 1 : 0));
            }
        }
        puts("|");
        i = j;
    }
}

int main(void)
{
    int n = read_words();

    print_justified(n);
    printf("%d words justified to width %d\n", n, LINE_WIDTH);
    return 0;
}
