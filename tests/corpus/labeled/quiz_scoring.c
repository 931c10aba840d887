/* Quiz */
#include <ctype.h>
#include <stdio.h>

#define Q 6
#define PTS 5

int main(void)
{
    const char key[Q + 1] = "ABDCCA";
    char a[Q];
    int n = 0;
    int c;

    while (n < Q && (c = getchar()) != EOF) {
        if (isalpha(c)) {
            a[n] = (char)toupper(c);
            n++;
        }
    }
    if (n == 0) {
        printf("no answers\n");
        return 0;
    }

    int r = 0;
    int w = 0;
    int s = 0;
    int b = 0;
    int tmp = 0;
    for (int i = 0; i < n; i++) {
        if (a[i] == key[i]) {
            r++;
            s += PTS;
            tmp++;
            if (tmp > b) {
                b = tmp;
            }
        } else {
            w++;
            tmp = 0;
        }
    }

    printf("answers: %d of %d\n", n, Q);
    for (int i = 0; i < n; i++) {
        printf("q%d: %c %s\n", i + 1, a[i], a[i] == key[i] ? "ok" : "wrong");
    }
    printf("right: %d, wrong: %d, missing: %d\n", r, w, Q - n);
    printf("score: %d\n", s);
    printf("best streak: %d\n", b);
    if (r == Q) {
        printf("perfect!\n");
    } else if (r * 2 < Q) {
        printf("study more\n");
    }
    return 0;
}
