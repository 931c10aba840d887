/* Count the words on each input line and report the longest word seen. */
#include <ctype.h>
#include <stdio.h>

#define LINE_CAPACITY 256

struct WordStats {
    int words;
    int longest;
};

static struct WordStats count_words(const char *line)
{
    struct WordStats stats = {0, 0};
    int current_length = 0;

    for (int i = 0; line[i] != '\0'; i++) {
        if (isspace((unsigned char)line[i])) {
            current_length = 0;
            continue;
        }
        if (current_length == 0) {
            stats.words++;
        }
        current_length++;
        if (current_length > stats.longest) {
            stats.longest = current_length;
        }
    }
    return stats;
}

static void add_stats(struct WordStats *total, const struct WordStats *line_stats)
{
    total->words += line_stats->words;
    if (line_stats->longest > total->longest) {
        total->longest = line_stats->longest;
    }
}

static void print_line_report(int line_number, const struct WordStats *stats)
{
    printf("line %d: %d words, longest %d\n", line_number, stats->words, stats->longest);
}

int main(void)
{
    char line[LINE_CAPACITY];
    struct WordStats stats = {0, 0};
    int line_number = 0;

    while (fgets(line, sizeof line, stdin) != NULL) {
        struct WordStats stats_for_line = count_words(line);
        line_number++;
        print_line_report(line_number, &stats_for_line);
        {
            /* The block-local `stats` shadows the running total on purpose: it names this line only. */
            const struct WordStats *stats = &stats_for_line;
            if (stats->words == 0) {
                printf("  (blank line)\n");
            }
        }
        add_stats(&stats, &stats_for_line);
    }
    printf("lines: %d\n", line_number);
    printf("words: %d\n", stats.words);
    printf("longest word: %d\n", stats.longest);
    return 0;
}
