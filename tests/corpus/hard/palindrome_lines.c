/* For every input line: is it a palindrome (ignoring case, spaces and punctuation),
 * and how many words does it have? */
#include <stdio.h>
#include <string.h>
#include <ctype.h>

#define LINE_LEN 200

static int handle(int *res)
{
    char line[LINE_LEN];
    char s2[LINE_LEN];
    size_t len = 0;
    int tmp = 0;
    int in_word = 0;

    if (fgets(line, sizeof line, stdin) == NULL)
        return 0;
    line[strcspn(line, "\n")] = '\0';

    for (size_t i = 0; line[i] != '\0'; i++) {
        unsigned char c = (unsigned char)line[i];
        if (isalnum(c))
            s2[len++] = (char)tolower(c);
        if (isspace(c)) {
            in_word = 0;
        } else if (!in_word) {
            in_word = 1;
            tmp++;
        }
    }
    s2[len] = '\0';

    int is_palindrome = len > 0;
    for (size_t i = 0, j = len ? len - 1 : 0; i < j; i++, j--) {
        if (s2[i] != s2[j]) {
            is_palindrome = 0;
            break;
        }
    }
    if (is_palindrome)
        (*res)++;

    printf("\"%s\"\n", line);
    printf("    letters: %-4zu words: %-3d palindrome: %s\n", len, tmp, is_palindrome ? "yes" : "no");
    return 1;
}

int main(void)
{
    int res = 0;
    int lines = 0;
    while (handle(&res))
        lines++;
    printf("%d of %d line(s) are palindromes\n", res, lines);
    return 0;
}
