/* Count vowels, consonants and other characters on each input line. */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define LINE_CAPACITY 160

struct LetterCounts {
    int vowels;
    int consonants;
    int others;
};

static bool is_vowel(char letter)
{
    return strchr("aeiou", tolower((unsigned char)letter)) != NULL;
}

static struct LetterCounts count_letters(const char *line)
{
    struct LetterCounts counts = {0, 0, 0};
    for (size_t i = 0; line[i] != '\0' && line[i] != '\n'; i++) {
        if (!isalpha((unsigned char)line[i])) {
            counts.others++;
        } else if (is_vowel(line[i])) {
            counts.vowels++;
        } else {
            counts.consonants++;
        }
    }
    return counts;
}

static void print_counts(int line_number, const struct LetterCounts *counts)
{
    printf("line %d: vowels %d, consonants %d, other %d\n", line_number, counts->vowels,
           counts->consonants, counts->others);
}

int main(void)
{
    char line[LINE_CAPACITY];
    int line_number = 0;

    while (fgets(line, sizeof line, stdin) != NULL) {
        line_number++;
        struct LetterCounts counts = count_letters(line);
        print_counts(line_number, &counts);
    }
    printf("lines read: %d\n", line_number);
    return 0;
}
