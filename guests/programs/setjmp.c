/*
 * setjmp.c - setjmp/longjmp: basic return values (longjmp(env, 0) makes
 * setjmp return 1), volatile locals surviving the jump, jumps out of deep
 * recursion through many frames, nested jump buffers used as a
 * try/catch/rethrow stack, and a loop driven entirely by longjmp.
 * Exit status 9.
 */
#include <setjmp.h>
#include <string.h>
#include "guest.h"

/* dive() only ever leaves through longjmp */
#pragma GCC diagnostic ignored "-Winfinite-recursion"

static jmp_buf top;
static unsigned depth_reached;

static __attribute__((noinline)) void dive(unsigned depth, unsigned target, uint32_t acc)
{
    volatile char pad[24];
    pad[depth % 24] = (char)depth;
    if (depth == target) {
        depth_reached = depth;
        longjmp(top, (int)(acc & 0x7fff) + 1);
    }
    dive(depth + 1, target, acc * 31 + depth + (uint32_t)pad[depth % 24]);
    pad[0]++; /* never reached */
}

/* ---- a tiny exception system built on nested jmp_bufs ---- */
#define MAXTRY 16
static jmp_buf *handlers[MAXTRY];
static int nhandlers;
static int thrown;

static __attribute__((noreturn)) void throw_(int code)
{
    thrown = code;
    longjmp(*handlers[--nhandlers], code);
}

#define TRY                               \
    {                                     \
        jmp_buf jb_;                      \
        handlers[nhandlers++] = &jb_;     \
        if (setjmp(jb_) == 0) {
#define CATCH(e)                          \
            nhandlers--;                  \
        } else {                          \
            int e = thrown;
#define END_TRY                           \
        }                                 \
    }

static __attribute__((noinline)) int risky(int n_arg)
{
    volatile int n = n_arg;
    if (n % 7 == 3)
        throw_(100 + n);
    if (n % 11 == 5) {
        volatile int r = 0;
        TRY
            if (n % 2)
                throw_(200 + n);
            r = n * 2;
        CATCH(e)
            r = -e;
            if (n % 3 == 0)
                throw_(e + 1000); /* rethrow to the outer handler */
        END_TRY
        return r;
    }
    return n;
}

int main(void)
{
    jmp_buf env;
    volatile int count = 0;
    volatile uint32_t vacc = 0;
    int r;
    volatile int i;

    puts("setjmp: basic");
    r = setjmp(env);
    printf("  setjmp returned %d (count %d)\n", r, count);
    ck_u32((uint32_t)r);
    if (count < 5) {
        count++;
        longjmp(env, count == 3 ? 0 : count * 10);
    }
    check_u32("loop via longjmp count", (uint32_t)count, 5);

    puts("setjmp: longjmp out of deep recursion");
    {
        static const unsigned targets[] = { 0, 1, 2, 10, 100, 1000, 5000 };
        volatile unsigned k;
        for (k = 0; k < sizeof targets / sizeof targets[0]; k++) {
            volatile unsigned local_marker = 0xabc00000u + k;
            r = setjmp(top);
            if (r == 0) {
                dive(0, targets[k], 7);
                puts("  NOT REACHED");
                g_fail++;
            } else {
                printf("  target %4u: depth %4u value %5d marker %08lx\n", targets[k],
                       depth_reached, r, (unsigned long)local_marker);
                ck_u32((uint32_t)r);
                if (local_marker != 0xabc00000u + k)
                    g_fail++;
            }
        }
    }

    puts("setjmp: nested try/catch with rethrow");
    {
        volatile uint32_t sum = 0;
        volatile int caught = 0, rethrown = 0;
        for (i = 0; i < 60; i++) {
            int res = 0;
            TRY
                res = risky(i);
            CATCH(e)
                caught++;
                if (e >= 1000)
                    rethrown++;
                res = e;
            END_TRY
            sum = sum * 33 + (uint32_t)res;
            if (i < 20 || res != i)
                printf("  risky(%2d) -> %d\n", i, res);
        }
        printf("  caught %d rethrown %d handlers left %d sum %08lx\n", caught, rethrown,
               nhandlers, (unsigned long)sum);
        check_u32("handler stack empty", (uint32_t)nhandlers, 0);
        ck_u32(sum);
    }

    puts("setjmp: volatile state across 1000 jumps");
    {
        jmp_buf loop;
        volatile int n = 0;
        if (setjmp(loop) < 1000) {
            vacc = vacc * 1664525u + 1013904223u + (uint32_t)n;
            n++;
            if (n < 1000)
                longjmp(loop, n);
        }
        printf("  n %d acc %08lx\n", n, (unsigned long)vacc);
        check_u32("jump loop iterations", (uint32_t)n, 1000);
        ck_u32(vacc);
    }

    puts("setjmp: jmp_buf copied with memcpy");
    {
        jmp_buf a, b;
        volatile int phase = 0;
        if (setjmp(a) == 0) {
            memcpy(b, a, sizeof(jmp_buf));
            phase = 1;
            longjmp(b, 77);
        }
        phase++;
        printf("  phase %d\n", phase);
        check_u32("copied jmp_buf works", (uint32_t)phase, 2);
    }

    print_summary("setjmp");
    return g_fail ? 1 : 9;
}
