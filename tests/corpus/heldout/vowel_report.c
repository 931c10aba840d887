#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define LINE_CAPACITY 128
#define NOT_FOUND -1

static int count_vowels(const char *text) {
    int count = 0;
    for (size_t i = 0; text[i] != '\0'; i++) {
        char letter = (char)tolower((unsigned char)text[i]);
        if (letter == 'a' || letter == 'e' || letter == 'i' || letter == 'o' || letter == 'u') {
            count++;
        }
    }
    return count;
}

static int count_consonants(const char *text) {
    int count = 0;
    for (size_t i = 0; text[i] != '\0'; i++) {
        char letter = (char)tolower((unsigned char)text[i]);
        if (isalpha((unsigned char)letter) &&
            !(letter == 'a' || letter == 'e' || letter == 'i' || letter == 'o' || letter == 'u')) {
            count++;
        }
    }
    return count;
}

static int first_vowel_index(const char *text) {
    for (size_t i = 0; text[i] != '\0'; i++) {
        char letter = (char)tolower((unsigned char)text[i]);
        if (letter == 'a' || letter == 'e' || letter == 'i' || letter == 'o' || letter == 'u') {
            return (int)i;
        }
    }
    return NOT_FOUND;
}

int main(void) {
    char line[LINE_CAPACITY];

    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        printf("\"%s\": %d vowels, %d consonants, first vowel at %d\n", line,
               count_vowels(line), count_consonants(line), first_vowel_index(line));
    }
    return 0;
}
