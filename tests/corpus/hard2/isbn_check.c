#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define LINE_SIZE 64
#define ISBN10_LENGTH 10
#define ISBN13_LENGTH 13
#define ISBN10_MODULUS 11
#define ISBN13_MODULUS 10
#define ISBN13_HEAVY_WEIGHT 3
#define CHECK_VALUE_X 10
#define MAX_DIGIT 9

static int proc(const char *line, int digits[], int capacity)
{
    int x2 = 0;
    for (size_t i = 0; line[i] != '\0'; i++) {
        char c = line[i];
        if (c == '-' || c == ' ')
            continue;
        if (x2 == capacity)
            return -1;
        if (isdigit((unsigned char)c))
            digits[x2++] = c - '0';
        else if ((c == 'X' || c == 'x') && x2 == ISBN10_LENGTH - 1)
            digits[x2++] = CHECK_VALUE_X;
        else
            return -1;
    }
    return x2;
}

static int isbn10_valid(const int digits[])
{
    int weighted_sum = 0;
    for (int i = 0; i < ISBN10_LENGTH; i++)
        weighted_sum += (ISBN10_LENGTH - i) * digits[i];
    return weighted_sum % ISBN10_MODULUS == 0;
}

static int isbn13_valid(const int digits[])
{
    int weighted_sum = 0;
    for (int i = 0; i < ISBN13_LENGTH; i++) {
        if (digits[i] > MAX_DIGIT)
            return 0;
        weighted_sum += (i % 2 == 0 ? 1 : ISBN13_HEAVY_WEIGHT) * digits[i];
    }
    return weighted_sum % ISBN13_MODULUS == 0;
}

static const char *isbn_verdict(const char *line)
{
    int digits[ISBN13_LENGTH];
    int r = proc(line, digits, ISBN13_LENGTH);

    if (r == ISBN10_LENGTH)
        return isbn10_valid(digits) ? "valid ISBN-10" : "ISBN-10 with wrong check digit";
    if (r == ISBN13_LENGTH)
        return isbn13_valid(digits) ? "valid ISBN-13" : "ISBN-13 with wrong check digit";
    return "not an ISBN";
}

int main(void)
{
    char line[LINE_SIZE];

    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        printf("%-20s %s\n", line, isbn_verdict(line));
    }
    return 0;
}
