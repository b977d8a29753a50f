/*
 * strmem.c - newlib string and memory functions at every alignment:
 * memcpy, memmove (overlapping both directions), memset, memcmp, memchr,
 * strlen, strcmp/strncmp, strcpy/strncpy (zero padding), strcat/strncat,
 * strchr/strrchr, strstr, strspn/strcspn/strpbrk, strtok, strtol/strtoul,
 * atoi and ctype. Each result is compared with a naive byte loop.
 * Exit status 0.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "guest.h"

#pragma GCC diagnostic ignored "-Wstringop-truncation"

#define BUF 192

static unsigned char src[BUF + 16], dst[BUF + 16], ref[BUF + 16];
static unsigned bad;

static void naive_move(unsigned char *d, const unsigned char *s, size_t n)
{
    unsigned char tmp[BUF + 16];
    size_t i;
    for (i = 0; i < n; i++)
        tmp[i] = s[i];
    for (i = 0; i < n; i++)
        d[i] = tmp[i];
}

static int sgn(int x) { return (x > 0) - (x < 0); }

static int naive_cmp(const unsigned char *a, const unsigned char *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

static void fill(unsigned char *p, size_t n, uint32_t seed)
{
    size_t i;
    for (i = 0; i < n; i++)
        p[i] = (unsigned char)(xs32(&seed) >> 24);
}

static void expect(int cond, const char *what, unsigned a, unsigned b, unsigned c)
{
    if (!cond) {
        bad++;
        if (bad < 20)
            printf("  MISMATCH %s (%u,%u,%u)\n", what, a, b, c);
    }
}

int main(void)
{
    unsigned sa, da, len;
    uint32_t seed = 0xc0ffee11u;

    puts("strmem: memcpy / memset / memcmp / memchr over alignments 0..7, lengths 0..67");
    for (sa = 0; sa < 8; sa++)
        for (da = 0; da < 8; da++)
            for (len = 0; len < 68; len++) {
                fill(src, sizeof src, seed + sa * 131 + len);
                fill(dst, sizeof dst, seed ^ (da * 977 + len));
                memcpy(ref, dst, sizeof ref);
                memcpy(dst + da, src + sa, len);
                naive_move(ref + da, src + sa, len);
                expect(memcmp(dst, ref, sizeof ref) == 0, "memcpy", sa, da, len);

                memset(dst + da, (int)(sa * 37 + len), len);
                {
                    unsigned k;
                    for (k = 0; k < len; k++)
                        ref[da + k] = (unsigned char)(sa * 37 + len);
                }
                expect(memcmp(dst, ref, sizeof ref) == 0, "memset", sa, da, len);

                fill(dst, sizeof dst, seed + len);
                memcpy(ref, dst, sizeof ref);
                if (len)
                    ref[da + (sa * 7 + len) % len] ^= (unsigned char)(1u << (sa % 8));
                expect(sgn(memcmp(dst + da, ref + da, len)) ==
                           naive_cmp(dst + da, ref + da, len),
                       "memcmp", sa, da, len);
                ck_u32((uint32_t)(sgn(memcmp(dst + da, ref + da, len)) + 1));
                {
                    unsigned char c = dst[da + (len ? len - 1 : 0)];
                    unsigned char *p = memchr(dst + sa, c, len);
                    unsigned k;
                    unsigned char *q = NULL;
                    for (k = 0; k < len; k++)
                        if (dst[sa + k] == c) {
                            q = dst + sa + k;
                            break;
                        }
                    expect(p == q, "memchr", sa, da, len);
                    ck_u32(p ? (uint32_t)(p - dst) : 0xffffffffu);
                }
                ck_bytes(dst, 80);
            }
    printf("  checksum after block ops %08lx\n", (unsigned long)g_ck);

    puts("memmove overlapping forward and backward:");
    for (sa = 0; sa < 24; sa++)
        for (da = 0; da < 24; da++)
            for (len = 0; len < 100; len += 7) {
                fill(src, sizeof src, 12345u + len);
                memcpy(ref, src, sizeof ref);
                memmove(src + da, src + sa, len);
                naive_move(ref + da, ref + sa, len);
                expect(memcmp(src, ref, sizeof ref) == 0, "memmove", sa, da, len);
                ck_bytes(src, 128);
            }
    printf("  checksum after memmove %08lx\n", (unsigned long)g_ck);

    puts("strlen / strcmp / strncmp at all alignments:");
    for (sa = 0; sa < 8; sa++)
        for (len = 0; len < 70; len++) {
            char *a = (char *)src + sa, *b = (char *)dst + (7 - sa);
            unsigned k;
            for (k = 0; k < len; k++)
                a[k] = b[k] = (char)('A' + (k * 7 + sa) % 26);
            a[len] = b[len] = 0;
            expect(strlen(a) == len, "strlen", sa, 0, len);
            expect(strcmp(a, b) == 0, "strcmp eq", sa, 0, len);
            if (len) {
                b[len / 2] = (char)(b[len / 2] + 1);
                expect(strcmp(a, b) < 0 && strcmp(b, a) > 0, "strcmp lt", sa, 0, len);
                expect(strncmp(a, b, len / 2) == 0, "strncmp prefix", sa, 0, len);
                expect(strncmp(a, b, len / 2 + 1) < 0, "strncmp diff", sa, 0, len);
                b[len / 2] = (char)0xe9; /* high-bit char compares as unsigned */
                expect(strcmp(a, b) < 0, "strcmp unsigned", sa, 0, len);
            }
            ck_u32((uint32_t)strlen(a));
        }

    puts("strcpy / strncpy / strcat / strncat:");
    {
        char buf[64];
        unsigned k;
        memset(buf, 'x', sizeof buf);
        strncpy(buf, "abc", 10);
        for (k = 3; k < 10; k++)
            expect(buf[k] == 0, "strncpy pads zeros", k, 0, 0);
        expect(buf[10] == 'x', "strncpy stops", 0, 0, 0);
        strncpy(buf, "0123456789", 4);
        expect(memcmp(buf, "0123\0\0", 6) == 0, "strncpy no terminator", 0, 0, 0);
        strcpy(buf, "Cortex");
        strcat(buf, "-A9");
        strncat(buf, " MPCore board", 7);
        printf("  '%s' (%u chars)\n", buf, (unsigned)strlen(buf));
        expect(strcmp(buf, "Cortex-A9 MPCore") == 0, "strcat/strncat", 0, 0, 0);
        ck_str(buf);
    }

    puts("searching:");
    {
        static const char hay[] =
            "the quick brown fox jumps over the lazy dog; THE QUICK BROWN FOX";
        static const char *needles[] = { "fox", "the", "dog;", "THE", "x", "",
                                         "cat", "FOX", "lazy dog", "quick brown fox jumps!" };
        unsigned k;
        for (k = 0; k < sizeof needles / sizeof needles[0]; k++) {
            const char *p = strstr(hay, needles[k]);
            printf("  strstr(\"%s\") -> %ld\n", needles[k], p ? (long)(p - hay) : -1L);
            ck_u32(p ? (uint32_t)(p - hay) : 0xffffffffu);
        }
        printf("  strchr('o') %ld strrchr('o') %ld strchr(0) %ld strchr('Z') %ld\n",
               (long)(strchr(hay, 'o') - hay), (long)(strrchr(hay, 'o') - hay),
               (long)(strchr(hay, 0) - hay), strchr(hay, 'Z') ? 1L : -1L);
        printf("  strspn(\"the \") %u strcspn(\";\") %u strpbrk(\"xyz\") %ld\n",
               (unsigned)strspn(hay, "the "), (unsigned)strcspn(hay, ";"),
               (long)(strpbrk(hay, "xyz") - hay));
        ck_u32((uint32_t)(strrchr(hay, 'o') - hay));
        ck_u32((uint32_t)strcspn(hay, ";"));
    }

    puts("strtok:");
    {
        char line[] = "  alpha,beta;;gamma , delta,,epsilon;";
        char *t;
        int n = 0;
        for (t = strtok(line, " ,;"); t; t = strtok(NULL, " ,;")) {
            printf("  token %d: '%s'\n", n++, t);
            ck_str(t);
        }
        expect(n == 5, "strtok count", (unsigned)n, 0, 0);
    }

    puts("strtol / strtoul / atoi / ctype:");
    {
        static const char *nums[] = { "0", "42", "-42", "  +17xyz", "0x1F", "0777",
                                      "2147483647", "-2147483648", "4294967295",
                                      "99999999999", "-0", "z", "1010" };
        static const int bases[] = { 10, 10, 10, 10, 16, 0, 10, 10, 10, 10, 10, 36, 2 };
        unsigned k;
        for (k = 0; k < sizeof nums / sizeof nums[0]; k++) {
            char *end;
            long v = strtol(nums[k], &end, bases[k]);
            unsigned long u = strtoul(nums[k], NULL, bases[k]);
            printf("  strtol(\"%s\", %d) = %ld (used %ld) strtoul = %lu atoi = %d\n",
                   nums[k], bases[k], v, (long)(end - nums[k]), u, atoi(nums[k]));
            ck_u32((uint32_t)v);
            ck_u32((uint32_t)u);
        }
        {
            int c, up = 0, al = 0, dg = 0, sp = 0, pu = 0;
            char s[128];
            for (c = 0; c < 128; c++) {
                up += isupper(c) != 0;
                al += isalpha(c) != 0;
                dg += isdigit(c) != 0;
                sp += isspace(c) != 0;
                pu += ispunct(c) != 0;
                s[c] = (char)toupper(c ? c : 1);
            }
            printf("  ctype counts: upper %d alpha %d digit %d space %d punct %d\n",
                   up, al, dg, sp, pu);
            ck_bytes(s, sizeof s);
        }
    }

    printf("mismatches: %u\n", bad);
    check_u32("mismatches", bad, 0);
    print_summary("strmem");
    return g_fail ? 1 : 0;
}
