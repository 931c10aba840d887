#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define MAX_DICT 200
#define WORD_SIZE 32
#define LINE_SIZE 256

static char arr[MAX_DICT][WORD_SIZE];
static int cnt2 = 0;

static void fix(char *q)
{
    for (; *q != '\0'; q++)
        *q = (char)tolower((unsigned char)*q);
}

static int chk(const char *q)
{
    for (int i = 0; i < cnt2; i++)
        if (strcmp(arr[i], q) == 0)
            return 1;
    return 0;
}

static void run(void)
{
    const char *separators = " \t\n.,;:!?\"()";
    int x;
    char tmp[LINE_SIZE];
    int line_no = 0;
    int bad = 0;

    if (scanf("%d", &x) != 1)
        return;
    for (int i = 0; i < x && cnt2 < MAX_DICT; i++) {
        if (scanf("%31s", arr[cnt2]) != 1)
            return;
        fix(arr[cnt2]);
        cnt2++;
    }
    if (fgets(tmp, sizeof tmp, stdin) == NULL)
        return;

    while (fgets(tmp, sizeof tmp, stdin) != NULL) {
        line_no++;
        for (char *tok = strtok(tmp, separators); tok != NULL; tok = strtok(NULL, separators)) {
            fix(tok);
            if (!chk(tok)) {
                printf("line %d: unknown word '%s'\n", line_no, tok);
                bad++;
            }
        }
    }
    printf("%d dictionary words, %d unknown word(s) in %d line(s)\n", cnt2, bad, line_no);
}

int main(void)
{
    run();
    return 0;
}
