/* Read lines, print them reversed and count their vowels. */
#include <stdio.h>
#include <string.h>

#define SZ 100

static void f(char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n / 2; i++) {
        char t = s[i];
        s[i] = s[n - 1 - i];
        s[n - 1 - i] = t;
    }
}

static int g(const char *s)
{
    int c = 0;
    for (size_t i = 0; s[i] != '\0'; i++) {
        if (strchr("aeiouAEIOU", s[i]) != NULL) {
            c++;
        }
    }
    return c;
}

static void h(char *s)
{
    s[strcspn(s, "\n")] = '\0';
}

int main(void)
{
    char buf[SZ];
    int x = 0;
    int y = 0;

    while (fgets(buf, sizeof buf, stdin) != NULL) {
        h(buf);
        int z = g(buf);
        f(buf);
        printf("%s (%d)\n", buf, z);
        x++;
        y += z;
    }
    printf("lines: %d, vowels: %d\n", x, y);
    return 0;
}
