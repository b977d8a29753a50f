/*
 * softfp.c - floating point without an FPU: every float/double operation
 * compiles to a libgcc soft-float call (__aeabi_dadd, __aeabi_dmul,
 * __aeabi_ddiv, __aeabi_fadd, __aeabi_d2iz, __aeabi_i2d, __aeabi_dcmplt,
 * ...) and newlib libm (sqrt, sin, cos, exp, log, pow, atan2, floor, fmod).
 * Results are printed as exact bit patterns (hex) as well as decimals, so
 * any integer-level difference in the emulated CPU shows up.
 * Exit status 0.
 */
#include <float.h>
#include <math.h>
#include <string.h>
#include "guest.h"

static uint64_t dbits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static uint32_t fbits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static void show(const char *what, double d)
{
    printf("  %-22s %-24.17g %016llx\n", what, d, (unsigned long long)dbits(d));
    ck_u64(dbits(d));
}

int main(void)
{
    static const double v[] = { 0.0, -0.0, 1.0, -1.0, 0.1, 1.0 / 3.0, 2.5, -7.75, 1e10,
                                1e-10, 123456789.125, DBL_MAX, DBL_MIN, 5e-324, 1e308 };
    unsigned i, j;

    puts("softfp: double + - * / over value pairs (bit patterns)");
    for (i = 0; i < sizeof v / sizeof v[0]; i++)
        for (j = 0; j < sizeof v / sizeof v[0]; j++) {
            double a = OPAQUE(v[i]), b = OPAQUE(v[j]);
            double s = a + b, d = a - b, m = a * b, q = b != 0.0 ? a / b : 0.0;
            int cmp = (a < b) | (a <= b) << 1 | (a == b) << 2 | (a > b) << 3;
            ck_u64(dbits(s));
            ck_u64(dbits(d));
            ck_u64(dbits(m));
            ck_u64(dbits(q));
            ck_u32((uint32_t)cmp);
            if ((i * 7 + j) % 13 == 0)
                printf("  %-10.4g %-10.4g + %016llx - %016llx * %016llx / %016llx c%x\n", a, b,
                       (unsigned long long)dbits(s), (unsigned long long)dbits(d),
                       (unsigned long long)dbits(m), (unsigned long long)dbits(q), cmp);
        }
    printf("  checksum so far %08lx\n", (unsigned long)g_ck);

    puts("softfp: conversions");
    {
        static const double cv[] = { 0.0, 0.5, 1.5, -1.5, 2.5, -2.5, 1e9, -1e9, 2147483647.0,
                                     -2147483648.0, 4294967295.0, 9.007199254740993e15,
                                     -123.999 };
        for (i = 0; i < sizeof cv / sizeof cv[0]; i++) {
            double d = OPAQUE(cv[i]);
            int32_t si = (d >= -2147483648.0 && d < 2147483648.0) ? (int32_t)d : 0;
            uint32_t ui = (d >= 0 && d < 4294967296.0) ? (uint32_t)d : 0;
            int64_t sl = (int64_t)d;
            float f = (float)d;
            printf("  %-22.17g i32 %11ld u32 %10lu i64 %17lld f32 %08lx back %-.9g\n", d,
                   (long)si, (unsigned long)ui, (long long)sl, (unsigned long)fbits(f),
                   (double)f);
            ck_u32((uint32_t)si);
            ck_u32(ui);
            ck_u64((uint64_t)sl);
            ck_u32(fbits(f));
        }
        {
            int32_t k;
            double acc = 0;
            for (k = -1000; k <= 1000; k += 7)
                acc += (double)k / 3.0 + (double)(uint32_t)(k * 1000003);
            show("int->double sum", acc);
        }
    }

    puts("softfp: float (single precision)");
    {
        float x = OPAQUE(1.0f), y = OPAQUE(3.0f);
        float h = 0.0f;
        for (i = 1; i <= 1000; i++)
            h += 1.0f / (float)i;
        printf("  1/3f = %.9g (%08lx)  harmonic(1000)f = %.9g (%08lx)\n", (double)(x / y),
               (unsigned long)fbits(x / y), (double)h, (unsigned long)fbits(h));
        ck_u32(fbits(x / y));
        ck_u32(fbits(h));
    }

    puts("softfp: libm");
    show("sqrt(2)", sqrt(OPAQUE(2.0)));
    show("sqrt(1e-300)", sqrt(OPAQUE(1e-300)));
    show("sin(1)", sin(OPAQUE(1.0)));
    show("cos(1)", cos(OPAQUE(1.0)));
    show("sin(1e6)", sin(OPAQUE(1e6)));
    show("tan(0.5)", tan(OPAQUE(0.5)));
    show("exp(1)", exp(OPAQUE(1.0)));
    show("exp(-745)", exp(OPAQUE(-745.0)));
    show("log(10)", log(OPAQUE(10.0)));
    show("log10(12345)", log10(OPAQUE(12345.0)));
    show("pow(2, 0.5)", pow(OPAQUE(2.0), 0.5));
    show("pow(1.0001, 10000)", pow(OPAQUE(1.0001), 10000.0));
    show("atan2(1, -1)", atan2(OPAQUE(1.0), -1.0));
    show("floor(-2.5)", floor(OPAQUE(-2.5)));
    show("ceil(-2.5)", ceil(OPAQUE(-2.5)));
    show("fmod(10, 3.3)", fmod(OPAQUE(10.0), 3.3));
    show("ldexp(1, -1074)", ldexp(OPAQUE(1.0), -1074));
    {
        int e;
        double m = frexp(OPAQUE(1000.0), &e);
        printf("  frexp(1000) = %.17g * 2^%d\n", m, e);
        ck_u64(dbits(m));
    }

    puts("softfp: numeric algorithms");
    {
        /* Newton's method for sqrt, Leibniz pi, a small LU-free linear solve */
        double x = 1.0, pi = 0.0, t;
        int k;
        for (k = 0; k < 8; k++)
            x = 0.5 * (x + 10.0 / x);
        show("newton sqrt(10)", x);
        for (k = 0; k < 20000; k++)
            pi += (k & 1 ? -4.0 : 4.0) / (2.0 * k + 1.0);
        show("leibniz pi (20000)", pi);
        {
            double a[3][4] = { { 2, 1, -1, 8 }, { -3, -1, 2, -11 }, { -2, 1, 2, -3 } };
            int r, c, p;
            for (p = 0; p < 3; p++)
                for (r = p + 1; r < 3; r++) {
                    t = a[r][p] / a[p][p];
                    for (c = p; c < 4; c++)
                        a[r][c] -= t * a[p][c];
                }
            for (r = 2; r >= 0; r--) {
                for (c = r + 1; c < 3; c++)
                    a[r][3] -= a[r][c] * a[c][3];
                a[r][3] /= a[r][r];
            }
            printf("  solve: x=%g y=%g z=%g\n", a[0][3], a[1][3], a[2][3]);
            check_u64("gauss x==2", dbits(a[0][3]), dbits(2.0));
            check_u64("gauss z==-1", dbits(a[2][3]), dbits(-1.0));
        }
    }
    check_u64("0.1+0.2 bits", dbits(OPAQUE(0.1) + 0.2), 0x3fd3333333333334ull);
    check_u64("sqrt(16)", dbits(sqrt(OPAQUE(16.0))), dbits(4.0));
    check_u32("(int)-2.9", (uint32_t)(int)OPAQUE(-2.9), (uint32_t)-2);

    print_summary("softfp");
    return g_fail ? 1 : 0;
}
