/* Printer queue kept in a circular buffer. Commands: add <pages>, print, list. */
#include <stdio.h>
#include <string.h>

#define QUEUE_CAPACITY 4
#define LINE_LEN 64
#define WORD_LEN LINE_LEN

struct job {
    int id;
    int pages;
};

struct queue {
    struct job jobs[QUEUE_CAPACITY];
    int head;
    int count;
};

static int queue_is_empty(const struct queue *q)
{
    return q->count == 0;
}

static int queue_is_full(const struct queue *q)
{
    return q->count == QUEUE_CAPACITY;
}

static int slot(const struct queue *q, int offset)
{
    return (q->head + offset) % QUEUE_CAPACITY;
}

static void queue_push(struct queue *q, struct job job)
{
    q->jobs[slot(q, q->count)] = job;
    q->count++;
}

static struct job queue_pop(struct queue *q)
{
    struct job first = q->jobs[q->head];
    q->head = slot(q, 1);
    q->count--;
    return first;
}

static int pages_waiting(const struct queue *q)
{
    int total = 0;
    for (int i = 0; i < q->count; i++)
        total += q->jobs[slot(q, i)].pages;
    return total;
}

static void queue_list(const struct queue *q)
{
    printf("%d job(s), %d page(s) waiting:", q->count, pages_waiting(q));
    for (int i = 0; i < q->count; i++) {
        const struct job *job = &q->jobs[slot(q, i)];
        printf(" #%d(%dp)", job->id, job->pages);
    }
    putchar('\n');
}

static void add_job(struct queue *q, int pages, int *next_id)
{
    if (queue_is_full(q)) {
        printf("queue full, job rejected\n");
        return;
    }
    struct job job = { *next_id, pages };
    (*next_id)++;
    queue_push(q, job);
    printf("queued job #%d\n", job.id);
}

static void print_next(struct queue *q)
{
    if (queue_is_empty(q)) {
        printf("nothing to print\n");
        return;
    }
    struct job done = queue_pop(q);
    printf("printed job #%d (%d pages)\n", done.id, done.pages);
}

static void run_command(struct queue *q, const char *line, int *next_id)
{
    char word[WORD_LEN];
    int pages;
    if (sscanf(line, "%s", word) != 1)
        return;
    if (strcmp(word, "add") == 0 && sscanf(line, "%*s %d", &pages) == 1 && pages > 0)
        add_job(q, pages, next_id);
    else if (strcmp(word, "print") == 0)
        print_next(q);
    else if (strcmp(word, "list") == 0)
        queue_list(q);
    else
        printf("bad command: %s", line);
}

int main(void)
{
    struct queue q = {0};
    char line[LINE_LEN];
    int next_id = 1;
    while (fgets(line, sizeof line, stdin) != NULL)
        run_command(&q, line, &next_id);
    return 0;
}
