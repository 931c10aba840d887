#include <ctype.h>
#include <stdio.h>

#define LINE_CAPACITY 512
#define ALPHABET_SIZE 26

static void analyze_text(FILE *input)
{
    char line[LINE_CAPACITY];
    int letter_counts[ALPHABET_SIZE] = {0};
    int line_count = 0, word_count = 0, sentence_count = 0;
    int letter_total = 0, longest_word = 0, current_word = 0;

    while (fgets(line, sizeof line, input) != NULL) {
        line_count++;
        for (size_t i = 0; line[i] != '\0'; i++) {
            unsigned char symbol = (unsigned char)line[i];
            if (isalpha(symbol)) {
                letter_counts[tolower(symbol) - 'a']++;
                letter_total++;
                current_word++;
                if (!isalpha((unsigned char)line[i + 1])) {
                    word_count++;
                    if (current_word > longest_word)
                        longest_word = current_word;
                    current_word = 0;
                }
            } else if (symbol == '.' || symbol == '!' || symbol == '?') {
                sentence_count++;
            }
        }
    }

    printf("lines: %d\nwords: %d\nsentences: %d\n", line_count, word_count, sentence_count);
    if (word_count == 0)
        return;
    printf("longest word: %d letters\n", longest_word);
    printf("average word length: %.2f\n", (double)letter_total / word_count);

    int most_common = 0;
    for (int letter = 1; letter < ALPHABET_SIZE; letter++) {
        if (letter_counts[letter] > letter_counts[most_common])
            most_common = letter;
    }
    printf("most common letter: %c (%d times)\n", 'a' + most_common, letter_counts[most_common]);

    printf("letter histogram:\n");
    for (int letter = 0; letter < ALPHABET_SIZE; letter++) {
        if (letter_counts[letter] == 0)
            continue;
        printf("  %c ", 'a' + letter);
        for (int mark = 0; mark < letter_counts[letter]; mark++)
            putchar('*');
        putchar('\n');
    }
}

int main(void)
{
    analyze_text(stdin);
    return 0;
}
