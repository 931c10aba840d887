#include <ctype.h>
#include <stdio.h>

#define LETTER_COUNT 26
#define DIGIT_COUNT 10

static const char *const t1[LETTER_COUNT] = {
    ".-", "-...", "-.-.", "-..", ".", "..-.", "--.", "....", "..", ".---", "-.-", ".-..", "--",
    "-.", "---", ".--.", "--.-", ".-.", "...", "-", "..-", "...-", ".--", "-..-", "-.--", "--.."
};
static const char *const t2[DIGIT_COUNT] = {
    "-----", ".----", "..---", "...--", "....-", ".....", "-....", "--...", "---..", "----."
};

static int f = 1;
static int z = 0;

static void thing(int c)
{
    if (isalpha(c)) {
        const char *q = t1[toupper(c) - 'A'];
        if (!f)
            putchar(' ');
        fputs(q, stdout);
        f = 0;
        z++;
    } else if (isdigit(c)) {
        const char *q = t2[c - '0'];
        if (!f)
            putchar(' ');
        fputs(q, stdout);
        f = 0;
        z++;
    } else if (c == '\n') {
        putchar('\n');
        f = 1;
    } else if (c == ' ') {
        if (!f)
            fputs(" /", stdout);
    } else {
        printf(" ?");
    }
}

int main(void)
{
    int c;

    while ((c = getchar()) != EOF)
        thing(c);
    if (!f)
        putchar('\n');
    printf("%d characters encoded\n", z);
    return 0;
}
