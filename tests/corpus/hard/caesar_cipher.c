/* Caesar cipher. First line: the shift key. Every further line is encrypted,
 * then decrypted again to check the round trip. */
#include <stdio.h>
#include <string.h>
#include <ctype.h>

#define ALPHABET 26
#define LINE_LEN 120

static void proc1(const char *s, char *str2, int k)
{
    size_t i;
    for (i = 0; s[i] != '\0'; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isupper(c))
            str2[i] = (char)('A' + (c - 'A' + k) % ALPHABET);
        else if (islower(c))
            str2[i] = (char)('a' + (c - 'a' + k) % ALPHABET);
        else
            str2[i] = (char)c;
    }
    str2[i] = '\0';
}

static void proc2(const char *s, char *str2, int k)
{
    size_t i;
    for (i = 0; s[i] != '\0'; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isupper(c))
            str2[i] = (char)('A' + (c - 'A' - k + ALPHABET) % ALPHABET);
        else if (islower(c))
            str2[i] = (char)('a' + (c - 'a' - k + ALPHABET) % ALPHABET);
        else
            str2[i] = (char)c;
    }
    str2[i] = '\0';
}

static int read_key(int *k)
{
    char line[LINE_LEN];
    if (fgets(line, sizeof line, stdin) == NULL || sscanf(line, "%d", k) != 1)
        return 0;
    *k %= ALPHABET;
    if (*k < 0)
        *k += ALPHABET;
    return 1;
}

int main(void)
{
    char line[LINE_LEN];
    char secret[LINE_LEN];
    char plain[LINE_LEN];
    int k;

    if (!read_key(&k)) {
        printf("first line must be the key\n");
        return 1;
    }
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        proc1(line, secret, k);
        proc2(secret, plain, k);
        printf("%-30s -> %-30s [%s]\n", line, secret, strcmp(plain, line) == 0 ? "ok" : "MISMATCH");
    }
    return 0;
}
