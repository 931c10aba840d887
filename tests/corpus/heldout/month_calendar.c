#include <stdio.h>

int main(void)
{
    int m, y;

    while (scanf("%d %d", &m, &y) == 2) {
        if (m < 1 || m > 12 || y < 1583 || y > 9999) {
            printf("bad date %d/%d\n", m, y);
            continue;
        }

        int d;
        if (m == 2) {
            if ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)
                d = 29;
            else
                d = 28;
        } else if (m == 4 || m == 6 || m == 9 || m == 11) {
            d = 30;
        } else {
            d = 31;
        }

        /* weekday of the 1st (0 = Sunday), Sakamoto's method */
        int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
        int yy = y;
        if (m < 3)
            yy--;
        int x = (yy + yy / 4 - yy / 100 + yy / 400 + t[m - 1] + 1) % 7;

        printf("\n     %02d/%d\n", m, y);
        printf("Su Mo Tu We Th Fr Sa\n");
        for (int i = 0; i < x; i++)
            printf("   ");
        int c = x;
        for (int i = 1; i <= d; i++) {
            printf("%2d ", i);
            c++;
            if (c % 7 == 0)
                printf("\n");
        }
        if (c % 7 != 0)
            printf("\n");

        int w = 0;
        for (int i = 0; i < d; i++) {
            int k = (x + i) % 7;
            if (k == 0 || k == 6)
                w++;
        }
        printf("%d days, %d weekend days\n", d, w);
    }
    return 0;
}
