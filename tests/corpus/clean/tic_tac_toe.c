/* Decide the winner of a few fixed tic-tac-toe boards (2-D char arrays). */
#include <stdio.h>

#define BOARD_SIZE 3
#define EMPTY_CELL '.'
#define BOARD_COUNT 3

static char line_owner(const char board[BOARD_SIZE][BOARD_SIZE], int row, int column, int row_step,
                       int column_step)
{
    char first = board[row][column];
    if (first == EMPTY_CELL) {
        return EMPTY_CELL;
    }
    for (int k = 1; k < BOARD_SIZE; k++) {
        if (board[row + k * row_step][column + k * column_step] != first) {
            return EMPTY_CELL;
        }
    }
    return first;
}

static char find_winner(const char board[BOARD_SIZE][BOARD_SIZE])
{
    char owner = EMPTY_CELL;
    for (int i = 0; i < BOARD_SIZE && owner == EMPTY_CELL; i++) {
        owner = line_owner(board, i, 0, 0, 1);
        if (owner == EMPTY_CELL) {
            owner = line_owner(board, 0, i, 1, 0);
        }
    }
    if (owner == EMPTY_CELL) {
        owner = line_owner(board, 0, 0, 1, 1);
    }
    if (owner == EMPTY_CELL) {
        owner = line_owner(board, 0, BOARD_SIZE - 1, 1, -1);
    }
    return owner;
}

static void print_board(const char board[BOARD_SIZE][BOARD_SIZE])
{
    for (int i = 0; i < BOARD_SIZE; i++) {
        printf("  %.*s\n", BOARD_SIZE, board[i]);
    }
}

static void report_board(int number, const char board[BOARD_SIZE][BOARD_SIZE])
{
    char winner = find_winner(board);
    printf("board %d:\n", number);
    print_board(board);
    if (winner == EMPTY_CELL) {
        printf("  no winner\n");
    } else {
        printf("  winner: %c\n", winner);
    }
}

int main(void)
{
    const char boards[BOARD_COUNT][BOARD_SIZE][BOARD_SIZE] = {
        {{'X', 'O', 'X'}, {'O', 'X', 'O'}, {'O', 'X', 'X'}},
        {{'O', 'O', 'O'}, {'X', 'X', '.'}, {'X', '.', '.'}},
        {{'X', 'O', 'X'}, {'X', 'O', 'O'}, {'O', 'X', 'X'}},
    };

    for (int i = 0; i < BOARD_COUNT; i++) {
        report_board(i + 1, boards[i]);
    }
    return 0;
}
