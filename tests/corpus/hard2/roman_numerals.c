#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_ROMAN 1
#define MAX_ROMAN 3999
#define ROMAN_SIZE 16
#define TOKEN_SIZE 32
#define SYMBOL_COUNT 13

static const int symbol_values[SYMBOL_COUNT] = {
    1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1
};
static const char *const symbols[SYMBOL_COUNT] = {
    "M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"
};

static void to_roman(int number, char roman[])
{
    roman[0] = '\0';
    for (int i = 0; i < SYMBOL_COUNT; i++) {
        while (number >= symbol_values[i]) {
            strcat(roman, symbols[i]);
            number -= symbol_values[i];
        }
    }
}

static int from_roman(const char *roman)
{
    int total = 0;
    size_t pos = 0;
    for (int i = 0; i < SYMBOL_COUNT; i++) {
        size_t len = strlen(symbols[i]);
        while (strncmp(roman + pos, symbols[i], len) == 0) {
            total += symbol_values[i];
            pos += len;
        }
    }
    return roman[pos] == '\0' ? total : -1;
}

static int is_number(const char *token)
{
    for (size_t i = 0; token[i] != '\0'; i++)
        if (!isdigit((unsigned char)token[i]))
            return 0;
    return token[0] != '\0';
}

static void convert_number(const char *token)
{
    long number = strtol(token, NULL, 10);
    char roman[ROMAN_SIZE];

    if (number < MIN_ROMAN || number > MAX_ROMAN) {
        printf("%s: outside %d..%d\n", token, MIN_ROMAN, MAX_ROMAN);
        return;
    }
    to_roman((int)number, roman);
    printf("%s = %s\n", token, roman);
}

static void convert_roman(const char *token)
{
    char upper[TOKEN_SIZE];
    char canonical[ROMAN_SIZE];
    size_t i;

    for (i = 0; token[i] != '\0' && i < TOKEN_SIZE - 1; i++)
        upper[i] = (char)toupper((unsigned char)token[i]);
    upper[i] = '\0';

    int value = from_roman(upper);
    if (value < MIN_ROMAN || value > MAX_ROMAN) {
        printf("%s: not a roman numeral\n", token);
        return;
    }
    to_roman(value, canonical);
    if (strcmp(canonical, upper) != 0)
        printf("%s: not canonical, did you mean %s (%d)?\n", token, canonical, value);
    else
        printf("%s = %d\n", token, value);
}

int main(void)
{
    char token[TOKEN_SIZE];

    while (scanf("%31s", token) == 1) {
        if (is_number(token))
            convert_number(token);
        else
            convert_roman(token);
    }
    return 0;
}
