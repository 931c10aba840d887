#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define MAX_WORDS 200
#define WORD_SIZE 32
#define TOP_COUNT 5

static char data[MAX_WORDS][WORD_SIZE];
static int a[MAX_WORDS];
static int n;

static int get_thing(char *tmp, int size)
{
    int c;
    int len = 0;

    while ((c = getchar()) != EOF && !isalpha(c))
        ;
    if (c == EOF)
        return 0;
    while (c != EOF && isalpha(c)) {
        if (len < size - 1)
            tmp[len++] = (char)tolower(c);
        c = getchar();
    }
    tmp[len] = '\0';
    return 1;
}

static int foo(const char *tmp)
{
    for (int i = 0; i < n; i++)
        if (strcmp(data[i], tmp) == 0)
            return i;
    return -1;
}

static void do_it(const char *tmp)
{
    int x = foo(tmp);
    if (x >= 0) {
        a[x]++;
        return;
    }
    if (n == MAX_WORDS)
        return;
    strcpy(data[n], tmp);
    a[n] = 1;
    n++;
}

static void blah(void)
{
    for (int i = 0; i < TOP_COUNT && i < n; i++) {
        int b = i;
        for (int j = i + 1; j < n; j++)
            if (a[j] > a[b] || (a[j] == a[b] && strcmp(data[j], data[b]) < 0))
                b = j;
        if (b == i)
            continue;
        char tmp2[WORD_SIZE];
        strcpy(tmp2, data[i]);
        strcpy(data[i], data[b]);
        strcpy(data[b], tmp2);
        int val = a[i];
        a[i] = a[b];
        a[b] = val;
    }
}

static void stuff(void)
{
    for (int i = 0; i < TOP_COUNT && i < n; i++)
        printf("%2d. %-15s %d\n", i + 1, data[i], a[i]);
}

int main(void)
{
    char tmp[WORD_SIZE];
    int total = 0;

    while (get_thing(tmp, WORD_SIZE)) {
        do_it(tmp);
        total++;
    }
    printf("%d words, %d distinct\n", total, n);
    blah();
    stuff();
    return 0;
}
