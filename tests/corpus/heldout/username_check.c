#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static void strip_newline(char *text)
{
    text[strcspn(text, "\n")] = '\0';
}

static bool has_only_allowed_characters(const char *username)
{
    for (size_t i = 0; username[i] != '\0'; i++)
    {
        unsigned char symbol = (unsigned char)username[i];
        if (!isalnum(symbol) && symbol != '_')
            return false;
    }
    return true;
}

/* returns NULL when the name is fine, otherwise the reason it was rejected */
static const char *username_problem(const char *username)
{
    size_t length = strlen(username);

    if (length < 3)
        return "too short";
    if (length > 16)
        return "too long";
    if (!isalpha((unsigned char)username[0]))
        return "must start with a letter";
    if (!has_only_allowed_characters(username))
        return "only letters, digits and _ allowed";
    return NULL;
}

int main(void)
{
    char username[64];
    int accepted = 0;

    while (fgets(username, 64, stdin) != NULL)
    {
        strip_newline(username);
        const char *problem = username_problem(username);
        if (problem == NULL)
        {
            printf("ok: %s\n", username);
            accepted++;
        }
        else
        {
            printf("rejected '%s': %s\n", username, problem);
        }
    }
    printf("%d accepted\n", accepted);
    return 0;
}
