/* Run-length encoding of each input line: "aaabcc" becomes "a3b1c2". */
#include <stdio.h>
#include <string.h>

#define LINE_CAPACITY 200

static void strip_newline(char *text)
{
    text[strcspn(text, "\n")] = '\0';
}

/* Length of the run of identical characters that starts at text. */
static size_t run_length(const char *text)
{
    size_t length = 1;
    while (text[length] != '\0' && text[length] == text[0]) {
        length++;
    }
    return length;
}

static void print_encoded(const char *text)
{
    const char *position = text;
    while (*position != '\0') {
        size_t length = run_length(position);
        printf("%c%zu", *position, length);
        position += length;
    }
    putchar('\n');
}

int main(void)
{
    char line[LINE_CAPACITY];
    int line_number = 0;

    while (fgets(line, sizeof line, stdin) != NULL) {
        strip_newline(line);
        line_number++;
        printf("%d: ", line_number);
        print_encoded(line);
    }
    return 0;
}
