/* Lattice polygon facts: area, orientation, bounding box and Pick's theorem. */
#include <stdio.h>
#include <stdlib.h>

#define MAX_POINTS 64
#define MIN_VERTICES 3

struct point {
    long x;
    long y;
};

static long gcd(long a, long b)
{
    while (b != 0) {
        long rem = a % b;
        a = b;
        b = rem;
    }
    return a;
}

/* Shoelace formula without the final halving, so it stays an integer. */
static long twice_signed_area(const struct point poly[], int n)
{
    long sum = 0;
    for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        sum += poly[i].x * poly[j].y - poly[j].x * poly[i].y;
    }
    return sum;
}

/* Lattice points on the edges: each edge contributes gcd(|dx|, |dy|). */
static long boundary_points(const struct point poly[], int n)
{
    long count = 0;
    for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        long dx = labs(poly[j].x - poly[i].x);
        long dy = labs(poly[j].y - poly[i].y);
        count += gcd(dx, dy);
    }
    return count;
}

static void bounding_box(const struct point poly[], int n, struct point *low, struct point *high)
{
    *low = poly[0];
    *high = poly[0];
    for (int i = 1; i < n; i++) {
        if (poly[i].x < low->x) low->x = poly[i].x;
        if (poly[i].y < low->y) low->y = poly[i].y;
        if (poly[i].x > high->x) high->x = poly[i].x;
        if (poly[i].y > high->y) high->y = poly[i].y;
    }
}

static int read_polygon(struct point poly[], int max)
{
    int n;
    if (scanf("%d", &n) != 1 || n < MIN_VERTICES || n > max)
        return 0;
    for (int i = 0; i < n; i++)
        if (scanf("%ld %ld", &poly[i].x, &poly[i].y) != 2)
            return 0;
    return n;
}

struct polygon_facts {
    int vertices;
    long doubled_area;
    long boundary;
    long interior;
    struct point low;
    struct point high;
};

static struct polygon_facts analyze(const struct point poly[], int n)
{
    struct polygon_facts facts;
    facts.vertices = n;
    facts.doubled_area = twice_signed_area(poly, n);
    facts.boundary = boundary_points(poly, n);
    /* Pick's theorem: A = I + B/2 - 1, solved for I */
    facts.interior = (labs(facts.doubled_area) - facts.boundary + 2) / 2;
    bounding_box(poly, n, &facts.low, &facts.high);
    return facts;
}

static void print_facts(const struct polygon_facts *facts)
{
    const char *turn = facts->doubled_area > 0 ? "counter-clockwise"
                     : facts->doubled_area < 0 ? "clockwise" : "degenerate";
    printf("vertices:        %d\n", facts->vertices);
    printf("area:            %.1f\n", labs(facts->doubled_area) / 2.0);
    printf("orientation:     %s\n", turn);
    printf("boundary points: %ld\n", facts->boundary);
    printf("interior points: %ld\n", facts->interior);
    printf("bounding box:    (%ld, %ld) - (%ld, %ld)\n", facts->low.x, facts->low.y, facts->high.x, facts->high.y);
}

int main(void)
{
    struct point poly[MAX_POINTS];
    int n = read_polygon(poly, MAX_POINTS);
    if (n == 0) {
        printf("expected a vertex count (%d..%d) followed by x y pairs\n", MIN_VERTICES, MAX_POINTS);
        return 1;
    }
    struct polygon_facts facts = analyze(poly, n);
    print_facts(&facts);
    return 0;
}
