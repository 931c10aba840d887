#include <stdio.h>

#define SIZE 4

void fill(int m[SIZE][SIZE], int q)
{
    for (int i = 0; i < SIZE; i++)
        for (int j = 0; j < SIZE; j++)
            m[i][j] = (i + 1) * (j + 1) + q * (i - j);
}

void out(int m[SIZE][SIZE])
{
    for (int i = 0; i < SIZE; i++) {
        for (int j = 0; j < SIZE; j++)
            printf("%4d", m[i][j]);
        printf("\n");
    }
}

int calc(int m[SIZE][SIZE])
{
    int t = 0;
    for (int i = 0; i < SIZE; i++)
        t += m[i][i];
    return t;
}

int chk(int m[SIZE][SIZE])
{
    for (int i = 0; i < SIZE; i++)
        for (int j = i + 1; j < SIZE; j++)
            if (m[i][j] != m[j][i])
                return 0;
    return 1;
}

void r(int m[SIZE][SIZE])
{
    out(m);
    printf("t = %d, s = %s\n\n", calc(m), chk(m) ? "yes" : "no");
}

int main(void)
{
    int a[SIZE][SIZE];
    int b[SIZE][SIZE];

    fill(a, 0);
    fill(b, 1);
    r(a);
    r(b);
    return 0;
}
