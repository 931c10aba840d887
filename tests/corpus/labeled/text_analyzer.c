/* Analyze the text on standard input: lines, words, letter frequencies and the most common letter. */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>

#define ALPHABET_SIZE 26

static void analyze_text(void)
{
    int letter_counts[ALPHABET_SIZE] = {0};
    int lines = 0;
    int words = 0;
    int characters = 0;
    bool inside_word = false;
    int character = getchar();

    while (character != EOF) {
        characters++;
        if (character == '\n') {
            lines++;
        }
        if (isspace(character)) {
            inside_word = false;
        } else if (!inside_word) {
            inside_word = true;
            words++;
        }
        if (isalpha(character)) {
            letter_counts[tolower(character) - 'a']++;
        }
        character = getchar();
    }

    printf("characters: %d\n", characters);
    printf("lines: %d\n", lines);
    printf("words: %d\n", words);

    int most_common = 0;
    printf("letters used:");
    for (int letter = 0; letter < ALPHABET_SIZE; letter++) {
        if (letter_counts[letter] > 0) {
            printf(" %c=%d", 'a' + letter, letter_counts[letter]);
        }
        if (letter_counts[letter] > letter_counts[most_common]) {
            most_common = letter;
        }
    }
    printf("\n");

    if (letter_counts[most_common] == 0) {
        printf("no letters found\n");
    } else {
        printf("most common letter: %c (%d times)\n", 'a' + most_common, letter_counts[most_common]);
    }
}

int main(void)
{
    analyze_text();
    return 0;
}
