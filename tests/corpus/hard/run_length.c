/* Run-length encodes each input line ("aaab" -> "a3b1") and reports the size change. */
#include <stdio.h>
#include <string.h>

#define LINE_LEN 100
#define ENCODED_LEN (2 * LINE_LEN + 1)

/* Writes the encoding of text into buf2 and returns its length. */
static size_t proc(const char *text, char *buf2, size_t size)
{
    size_t used = 0;
    size_t i = 0;
    buf2[0] = '\0';
    while (text[i] != '\0' && used < size) {
        char c = text[i];
        int x1 = 0;
        while (text[i] == c) {
            x1++;
            i++;
        }
        int written = snprintf(buf2 + used, size - used, "%c%d", c, x1);
        if (written < 0)
            break;
        used += (size_t)written;
    }
    return used < size ? used : size - 1;
}

static void strip_newline(char *line)
{
    line[strcspn(line, "\r\n")] = '\0';
}

static void print_line_report(const char *original, const char *encoded)
{
    size_t before = strlen(original);
    size_t after = strlen(encoded);
    printf("%-24s -> %-28s", original, encoded);
    if (before == 0)
        printf("(empty)\n");
    else
        printf("%3zu -> %3zu chars (%5.1f%%)\n", before, after, 100.0 * after / before);
}

int main(void)
{
    char line[LINE_LEN];
    char encoded[ENCODED_LEN];
    size_t total_before = 0;
    size_t total_after = 0;

    while (fgets(line, sizeof line, stdin) != NULL) {
        strip_newline(line);
        total_before += strlen(line);
        total_after += proc(line, encoded, sizeof encoded);
        print_line_report(line, encoded);
    }
    if (total_before > 0)
        printf("overall: %zu -> %zu chars\n", total_before, total_after);
    return 0;
}
