#include <stdio.h>
#include <string.h>

#define LINE_CAPACITY 256
#define MAX_WORDS 64
#define WORD_SEPARATORS " \t"

static void strip_newline(char *line)
{
    line[strcspn(line, "\n")] = '\0';
}

static int split_words(char *line, char *words[], int max_words)
{
    int count = 0;
    char *word = strtok(line, WORD_SEPARATORS);

    while (word != NULL && count < max_words) {
        words[count++] = word;
        word = strtok(NULL, WORD_SEPARATORS);
    }
    return count;
}

static void print_reversed(char *words[], int count)
{
    for (int i = count - 1; i >= 0; i--) {
        printf("%s", words[i]);
        if (i > 0) {
            putchar(' ');
        }
    }
    putchar('\n');
}

int main(void)
{
    char line[LINE_CAPACITY];
    char *words[MAX_WORDS];

    while (fgets(line, sizeof line, stdin) != NULL) {
        strip_newline(line);
        int count = split_words(line, words, MAX_WORDS);
        print_reversed(words, count);
    }
    return 0;
}
