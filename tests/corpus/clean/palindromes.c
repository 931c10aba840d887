/* Report which input lines are palindromes, ignoring case, spaces and punctuation. */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define LINE_CAPACITY 200

static void keep_letters_lowercase(const char *text, char *letters)
{
    size_t length = 0;
    for (size_t i = 0; i < strlen(text); i++) {
        if (isalnum((unsigned char)text[i])) {
            letters[length] = (char)tolower((unsigned char)text[i]);
            length++;
        }
    }
    letters[length] = '\0';
}

static bool is_palindrome(const char *letters)
{
    size_t length = strlen(letters);
    if (length == 0) {
        return false;
    }
    for (size_t left = 0, right = length - 1; left < right; left++, right--) {
        if (letters[left] != letters[right]) {
            return false;
        }
    }
    return true;
}

static void strip_newline(char *text)
{
    text[strcspn(text, "\n")] = '\0';
}

int main(void)
{
    char line[LINE_CAPACITY];
    char letters[LINE_CAPACITY];
    int palindrome_count = 0;

    while (fgets(line, sizeof line, stdin) != NULL) {
        strip_newline(line);
        keep_letters_lowercase(line, letters);
        if (is_palindrome(letters)) {
            palindrome_count++;
            printf("yes: \"%s\"\n", line);
        } else {
            printf("no:  \"%s\"\n", line);
        }
    }
    printf("palindromes: %d\n", palindrome_count);
    return 0;
}
