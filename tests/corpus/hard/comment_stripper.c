/* Copies C source from stdin to stdout with all comments removed. */
#include <stdio.h>

enum lexer_state {
    IN_CODE,
    AFTER_SLASH,
    IN_LINE_COMMENT,
    IN_BLOCK_COMMENT,
    BLOCK_AFTER_STAR,
    IN_QUOTE,
    QUOTE_ESCAPE
};

/* Returns the number of comments that were removed. */
static int strip_comments(FILE *in, FILE *out)
{
    enum lexer_state state = IN_CODE;
    int quote = 0;
    int removed = 0;
    int c;

    while ((c = getc(in)) != EOF) {
        switch (state) {
        case IN_CODE:
            if (c == '/') {
                state = AFTER_SLASH;
                break;
            }
            putc(c, out);
            if (c == '"' || c == '\'') {
                quote = c;
                state = IN_QUOTE;
            }
            break;
        case AFTER_SLASH:
            if (c == '/') {
                state = IN_LINE_COMMENT;
                removed++;
            } else if (c == '*') {
                state = IN_BLOCK_COMMENT;
                removed++;
            } else {
                /* it was just a division: emit the slash and look at c again */
                putc('/', out);
                ungetc(c, in);
                state = IN_CODE;
            }
            break;
        case IN_LINE_COMMENT:
            if (c == '\n') {
                putc(c, out);
                state = IN_CODE;
            }
            break;
        case IN_BLOCK_COMMENT:
            if (c == '*')
                state = BLOCK_AFTER_STAR;
            break;
        case BLOCK_AFTER_STAR:
            if (c == '/') {
                putc(' ', out);
                state = IN_CODE;
            } else if (c != '*') {
                state = IN_BLOCK_COMMENT;
            }
            break;
        case IN_QUOTE:
            putc(c, out);
            if (c == '\\')
                state = QUOTE_ESCAPE;
            else if (c == quote)
                state = IN_CODE;
            break;
        case QUOTE_ESCAPE:
            putc(c, out);
            state = IN_QUOTE;
            break;
        }
    }
    if (state == AFTER_SLASH)
        putc('/', out);
    return removed;
}

int main(void)
{
    int removed = strip_comments(stdin, stdout);
    printf("[%d comment(s) removed]\n", removed);
    return 0;
}
