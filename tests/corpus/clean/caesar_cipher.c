/* Read a shift on the first line, then print every following line Caesar-encoded with it. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define ALPHABET_SIZE 26
#define LINE_CAPACITY 128

static int normalize_shift(int shift)
{
    return ((shift % ALPHABET_SIZE) + ALPHABET_SIZE) % ALPHABET_SIZE;
}

static char shift_letter(char letter, int shift)
{
    if (!isalpha((unsigned char)letter)) {
        return letter;
    }
    char base = isupper((unsigned char)letter) ? 'A' : 'a';
    return (char)(base + (letter - base + shift) % ALPHABET_SIZE);
}

static void encode_line(char *line, int shift)
{
    size_t length = strlen(line);
    for (size_t i = 0; i < length; i++) {
        line[i] = shift_letter(line[i], shift);
    }
}

int main(void)
{
    char line[LINE_CAPACITY];
    int shift = 0;

    if (fgets(line, sizeof line, stdin) == NULL || sscanf(line, "%d", &shift) != 1) {
        printf("no shift given\n");
        return 0;
    }
    shift = normalize_shift(shift);
    printf("shift: %d\n", shift);
    while (fgets(line, sizeof line, stdin) != NULL) {
        encode_line(line, shift);
        printf("%s", line);
    }
    return 0;
}
