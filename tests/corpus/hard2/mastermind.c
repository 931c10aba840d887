#include <stdio.h>
#include <string.h>

#define CODE_LENGTH 4
#define MIN_COLOUR '1'
#define MAX_COLOUR '6'
#define COLOUR_COUNT (MAX_COLOUR - MIN_COLOUR + 1)
#define MAX_TURNS 10
#define INPUT_SIZE 32

static char secret[CODE_LENGTH + 1];

static int read_secret(void)
{
    char input[INPUT_SIZE];

    if (scanf("%31s", input) != 1)
        return 0;
    if (strlen(input) != CODE_LENGTH) {
        printf("code must have %d pegs\n", CODE_LENGTH);
        return 0;
    }
    for (int i = 0; i < CODE_LENGTH; i++) {
        if (input[i] < MIN_COLOUR || input[i] > MAX_COLOUR) {
            printf("invalid colour '%c'\n", input[i]);
            return 0;
        }
    }
    strcpy(secret, input);
    return 1;
}

static int min_int(int first, int second)
{
    return first < second ? first : second;
}

static int play_turn(int turn)
{
    char guess[INPUT_SIZE];
    int secret_counts[COLOUR_COUNT] = { 0 };
    int guess_counts[COLOUR_COUNT] = { 0 };
    int black = 0;
    int white = 0;

    if (scanf("%31s", guess) != 1)
        return -1;
    if (strlen(guess) != CODE_LENGTH) {
        printf("code must have %d pegs\n", CODE_LENGTH);
        return 0;
    }
    for (int i = 0; i < CODE_LENGTH; i++) {
        if (guess[i] < MIN_COLOUR || guess[i] > MAX_COLOUR) {
            printf("invalid colour '%c'\n", guess[i]);
            return 0;
        }
    }

    for (int i = 0; i < CODE_LENGTH; i++) {
        if (guess[i] == secret[i]) {
            black++;
        } else {
            secret_counts[secret[i] - MIN_COLOUR]++;
            guess_counts[guess[i] - MIN_COLOUR]++;
        }
    }
    for (int k = 0; k < COLOUR_COUNT; k++)
        white += min_int(secret_counts[k], guess_counts[k]);

    printf("turn %2d: %s -> %d black, %d white\n", turn, guess, black, white);
    return black == CODE_LENGTH;
}

int main(void)
{
    if (!read_secret())
        return 1;
    for (int turn = 1; turn <= MAX_TURNS; turn++) {
        int outcome = play_turn(turn);
        if (outcome < 0)
            break;
        if (outcome == 1) {
            printf("solved in %d turn(s)\n", turn);
            return 0;
        }
    }
    printf("not solved, the code was %s\n", secret);
    return 0;
}
