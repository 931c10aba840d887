#include <ctype.h>
#include <stdio.h>

#define LINE_CAPACITY 256

/* prints every word of the line with its length, returns the longest length */
int do_it(char *data)
{
    int res = 0;
    char *p = data;

    while (*p != '\0') {
        while (*p != '\0' && isspace((unsigned char)*p))
            p++;
        if (*p == '\0')
            break;
        char *tmp = p;
        while (*p != '\0' && !isspace((unsigned char)*p))
            p++;
        int n = (int)(p - tmp);
        printf("  %.*s (%d)\n", n, tmp, n);
        if (n > res)
            res = n;
    }
    return res;
}

int main(void)
{
    char buf[LINE_CAPACITY];
    int m = 0;
    int k = 0;

    while (fgets(buf, sizeof buf, stdin) != NULL) {
        k++;
        printf("line %d:\n", k);
        int x = do_it(buf);
        if (x > m)
            m = x;
    }
    printf("longest word: %d letters\n", m);
    return 0;
}
