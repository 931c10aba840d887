/* Count uppercase letters, lowercase letters and digits in the text read from standard input. */
#include <ctype.h>
#include <stdio.h>

#define TEXT_CAPACITY 512

static int read_text(char text[], int capacity)
{
    int length = 0;
    int character = getchar();
    while (character != EOF && length < capacity - 1) {
        text[length] = (char)character;
        length++;
        character = getchar();
    }
    text[length] = '\0';
    return length;
}

static int count_uppercase(const char text[])
{
    int count = 0;
    for (int i = 0; text[i] != '\0'; i++) {
        if (isupper((unsigned char)text[i])) {
            count++;
        }
    }
    return count;
}

static int count_lowercase(const char text[])
{
    int count = 0;
    for (int i = 0; text[i] != '\0'; i++) {
        if (islower((unsigned char)text[i])) {
            count++;
        }
    }
    return count;
}

static int count_digits(const char text[])
{
    int count = 0;
    for (int i = 0; text[i] != '\0'; i++) {
        if (isdigit((unsigned char)text[i])) {
            count++;
        }
    }
    return count;
}

int main(void)
{
    char text[TEXT_CAPACITY];
    int length = read_text(text, TEXT_CAPACITY);

    printf("characters: %d\n", length);
    printf("uppercase: %d\n", count_uppercase(text));
    printf("lowercase: %d\n", count_lowercase(text));
    printf("digits: %d\n", count_digits(text));
    return 0;
}
