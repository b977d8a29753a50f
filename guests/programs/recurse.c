/*
 * recurse.c - deep and heavy recursion: Ackermann A(2,n) and A(3,n), naive
 * Fibonacci, a 50000-deep recursion whose frames each hold a 64-byte stack
 * array (about 5 MB of stack), mutual recursion, Towers of Hanoi,
 * permutations by recursive swapping, recursive flood fill and a
 * recursive-descent expression parser. Exit status 13.
 */
#include <string.h>
#include "guest.h"

static unsigned long calls;

static __attribute__((noinline)) uint32_t ack(uint32_t m, uint32_t n)
{
    calls++;
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

static __attribute__((noinline)) uint32_t fib(uint32_t n)
{
    calls++;
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/* Non-tail recursion with a live stack array in every frame. */
static __attribute__((noinline)) uint32_t deep(uint32_t n, uint32_t seed)
{
    volatile uint8_t frame[64];
    uint32_t i, r;
    for (i = 0; i < sizeof frame; i++)
        frame[i] = (uint8_t)(seed + i * n);
    if (n == 0)
        return seed;
    r = deep(n - 1, seed * 1103515245u + 12345u);
    /* use the frame after the call so it must survive the whole descent */
    for (i = 0; i < sizeof frame; i += 8)
        r = (r << 1 | r >> 31) ^ frame[i];
    return r + n;
}

static __attribute__((noinline)) int is_odd(uint32_t n);
static __attribute__((noinline)) int is_even(uint32_t n)
{
    if (n == 0)
        return 1;
    return is_odd(n - 1) ? 1 : 0;
}
static __attribute__((noinline)) int is_odd(uint32_t n)
{
    if (n == 0)
        return 0;
    return is_even(n - 1) ? 1 : 0;
}

static uint32_t hanoi_moves, hanoi_hash;
static __attribute__((noinline)) void hanoi(int n, int from, int to, int via)
{
    if (n == 0)
        return;
    hanoi(n - 1, from, via, to);
    hanoi_moves++;
    hanoi_hash = hanoi_hash * 31 + (uint32_t)(n * 9 + from * 3 + to);
    hanoi(n - 1, via, to, from);
}

static uint32_t perm_count, perm_hash;
static void permute(char *a, int k, int n)
{
    int i;
    if (k == n) {
        uint32_t h = 0;
        for (i = 0; i < n; i++)
            h = h * 10 + (uint32_t)(a[i] - '0');
        perm_count++;
        perm_hash ^= h * 2654435761u;
        return;
    }
    for (i = k; i < n; i++) {
        char t = a[k]; a[k] = a[i]; a[i] = t;
        permute(a, k + 1, n);
        t = a[k]; a[k] = a[i]; a[i] = t;
    }
}

#define GW 48
#define GH 24
static char grid[GH][GW + 1];
static int fill(int x, int y, char from, char to)
{
    if (x < 0 || y < 0 || x >= GW || y >= GH || grid[y][x] != from)
        return 0;
    grid[y][x] = to;
    return 1 + fill(x + 1, y, from, to) + fill(x - 1, y, from, to) +
           fill(x, y + 1, from, to) + fill(x, y - 1, from, to);
}

/* expr := term (('+'|'-') term)* ; term := factor (('*'|'/'|'%') factor)* ;
   factor := number | '-' factor | '(' expr ')' */
static const char *ep;
static long expr(void);
static long factor(void)
{
    long v = 0;
    while (*ep == ' ')
        ep++;
    if (*ep == '-') {
        ep++;
        return -factor();
    }
    if (*ep == '(') {
        ep++;
        v = expr();
        while (*ep == ' ')
            ep++;
        if (*ep == ')')
            ep++;
        return v;
    }
    while (*ep >= '0' && *ep <= '9')
        v = v * 10 + (*ep++ - '0');
    return v;
}
static long term(void)
{
    long v = factor();
    for (;;) {
        while (*ep == ' ')
            ep++;
        if (*ep == '*') { ep++; v *= factor(); }
        else if (*ep == '/') { long d; ep++; d = factor(); v = d ? v / d : 0; }
        else if (*ep == '%') { long d; ep++; d = factor(); v = d ? v % d : 0; }
        else return v;
    }
}
static long expr(void)
{
    long v = term();
    for (;;) {
        while (*ep == ' ')
            ep++;
        if (*ep == '+') { ep++; v += term(); }
        else if (*ep == '-') { ep++; v -= term(); }
        else return v;
    }
}

int main(void)
{
    uint32_t n, r;

    puts("recurse: Ackermann");
    for (n = 0; n <= 6; n++) {
        calls = 0;
        r = ack(2, n);
        printf("  A(2,%lu) = %lu (%lu calls)\n", (unsigned long)n, (unsigned long)r, calls);
        ck_u32(r);
        ck_u32((uint32_t)calls);
    }
    for (n = 0; n <= 6; n++) {
        calls = 0;
        r = ack(3, n);
        printf("  A(3,%lu) = %lu (%lu calls)\n", (unsigned long)n, (unsigned long)r, calls);
        ck_u32((uint32_t)calls);
    }
    check_u32("A(3,6)", ack(3, OPAQUE(6u)), 509);

    puts("recurse: Fibonacci");
    for (n = 0; n <= 24; n += 4) {
        calls = 0;
        r = fib(n);
        printf("  fib(%lu) = %lu (%lu calls)\n", (unsigned long)n, (unsigned long)r, calls);
        ck_u32(r);
    }
    check_u32("fib(25)", fib(OPAQUE(25u)), 75025);

    puts("recurse: 50000 deep with 64-byte frame arrays");
    {
        static const uint32_t depths[] = { 1, 10, 1000, 20000, 50000 };
        unsigned k;
        for (k = 0; k < sizeof depths / sizeof depths[0]; k++) {
            r = deep(depths[k], 0x1234u + k);
            printf("  deep(%lu) = %08lx\n", (unsigned long)depths[k], (unsigned long)r);
            ck_u32(r);
        }
    }

    puts("recurse: mutual recursion");
    printf("  is_even(10000) %d is_odd(10000) %d is_even(7777) %d\n", is_even(OPAQUE(10000u)),
           is_odd(OPAQUE(10000u)), is_even(OPAQUE(7777u)));
    check_u32("is_even(30001)", (uint32_t)is_even(OPAQUE(30001u)), 0);

    puts("recurse: Towers of Hanoi, 18 discs");
    hanoi(18, 0, 2, 1);
    printf("  moves %lu hash %08lx\n", (unsigned long)hanoi_moves, (unsigned long)hanoi_hash);
    check_u32("hanoi moves", hanoi_moves, (1u << 18) - 1);
    ck_u32(hanoi_hash);

    puts("recurse: permutations of 8");
    {
        char a[] = "01234567";
        permute(a, 0, 8);
        printf("  count %lu hash %08lx restored '%s'\n", (unsigned long)perm_count,
               (unsigned long)perm_hash, a);
        check_u32("8! permutations", perm_count, 40320);
        ck_u32(perm_hash);
    }

    puts("recurse: flood fill");
    {
        int x, y, area;
        uint32_t s = 4242;
        for (y = 0; y < GH; y++) {
            for (x = 0; x < GW; x++)
                grid[y][x] = (xs32(&s) % 100u) < 28 ? '#' : '.';
            grid[y][GW] = 0;
        }
        grid[GH / 2][GW / 2] = '.';
        area = fill(GW / 2, GH / 2, '.', 'o');
        for (y = 0; y < GH; y += 3)
            printf("  %s\n", grid[y]);
        printf("  filled area %d\n", area);
        ck_u32((uint32_t)area);
        for (y = 0; y < GH; y++)
            ck_bytes(grid[y], GW);
    }

    puts("recurse: expression parser");
    {
        static const char *exprs[] = {
            "1+2*3", "(1+2)*3", "-(4-10)*-(2+3)", "100/7%4 + 2*(3+4*(5-6*(7+8)))",
            "((((((((((1+1))))))))))*1024", "123456*789 - 987654/3", "2*-3*-4*-5",
        };
        unsigned k;
        for (k = 0; k < sizeof exprs / sizeof exprs[0]; k++) {
            long v;
            ep = exprs[k];
            v = expr();
            printf("  %-32s = %ld\n", exprs[k], v);
            ck_u32((uint32_t)v);
        }
        ep = "100/7%4 + 2*(3+4*(5-6*(7+8)))";
        check_u32("parser", (uint32_t)expr(), (uint32_t)(100 / 7 % 4 + 2 * (3 + 4 * (5 - 6 * (7 + 8)))));
    }

    print_summary("recurse");
    return g_fail ? 1 : 13;
}
