#include <stdio.h>
#include <string.h>

#define LINE_LEN 100

enum { ADD, SUB, MUL, DIV, OP_COUNT };

int main(void)
{
    char s[LINE_LEN];
    char w[LINE_LEN];
    double x = 0.0, v = 0.0, hi = 0.0;
    int n = 0, e = 0;
    int t[OP_COUNT] = {0};

    while (fgets(s, sizeof s, stdin) != NULL) {
        int k = sscanf(s, "%s %lf", w, &v);
        if (k < 1)
            continue;
        if (strcmp(w, "print") == 0) {
            printf("= %g\n", x);
            continue;
        }
        if (strcmp(w, "reset") == 0) {
            x = 0.0;
            continue;
        }
        if (k != 2) {
            printf("missing number: %s", s);
            e++;
            continue;
        }

        if (strcmp(w, "add") == 0) {
            x += v;
            t[ADD]++;
        } else if (strcmp(w, "sub") == 0) {
            x -= v;
            t[SUB]++;
        } else if (strcmp(w, "mul") == 0) {
            x *= v;
            t[MUL]++;
        } else if (strcmp(w, "div") == 0) {
            if (v == 0.0) {
                printf("division by zero\n");
                e++;
                continue;
            }
            x /= v;
            t[DIV]++;
        } else {
            printf("unknown command %s\n", w);
            e++;
            continue;
        }
        n++;
        if (n == 1 || x > hi)
            hi = x;
    }

    printf("result: %g\n", x);
    printf("%d ops (add %d, sub %d, mul %d, div %d), %d errors\n",
           n, t[ADD], t[SUB], t[MUL], t[DIV], e);
    if (n > 0)
        printf("highest value seen: %g\n", hi);
    return 0;
}
