/* Print each input line run-length encoded, e.g. "aaab" becomes "a3b1". */
#include <stdio.h>
#include <string.h>

#define LINE_CAPACITY 120

static size_t run_length_at(const char *text, size_t start)
{
    size_t end = start;
    while (text[end] != '\0' && text[end] == text[start]) {
        end++;
    }
    return end - start;
}

static void print_encoded(const char *text)
{
    size_t i = 0;
    while (text[i] != '\0') {
        size_t run = run_length_at(text, i);
        printf("%c%zu", text[i], run);
        i += run;
    }
    printf("\n");
}

static void strip_newline(char *text)
{
    text[strcspn(text, "\n")] = '\0';
}

int main(void)
{
    char line[LINE_CAPACITY];
    int encoded_lines = 0;

    while (fgets(line, sizeof line, stdin) != NULL) {
        strip_newline(line);
        print_encoded(line);
        encoded_lines++;
    }
    printf("encoded lines: %d\n", encoded_lines);
    return 0;
}
