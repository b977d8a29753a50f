/*
 * print.c - semihosting output for the bare-metal programs.
 *
 * Characters collect in a line buffer that is written with one
 * SYS_WRITE0 (0x04) per line (or when 200 characters have piled up).
 * Only core 0 prints, so the buffer needs no lock.
 */
#include "bm.h"

uint32_t semihost(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    /* lr is clobbered if the SVC is taken as a real exception in SVC mode. */
    __asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory", "lr");
    return r0;
}

static char line[208];
static unsigned line_len;

void bm_flush(void)
{
    if (line_len == 0)
        return;
    line[line_len] = 0;
    semihost(0x04, line);           /* SYS_WRITE0 */
    line_len = 0;
}

void bm_putc(char c)
{
    line[line_len++] = c;
    if (c == '\n' || line_len >= 200)
        bm_flush();
}

void bm_puts(const char *s)
{
    while (*s)
        bm_putc(*s++);
}

static void put_num(uint32_t v, unsigned base, int upper, unsigned width, char pad)
{
    char tmp[12];
    unsigned n = 0;
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    do {
        tmp[n++] = digits[v % base];    /* __aeabi_uidivmod from libgcc for base 10 */
        v /= base;
    } while (v);
    while (width > n) {
        bm_putc(pad);
        width--;
    }
    while (n)
        bm_putc(tmp[--n]);
}

void bm_print_hex(uint32_t v) { put_num(v, 16, 0, 8, '0'); }
void bm_print_dec(uint32_t v) { put_num(v, 10, 0, 0, ' '); }

void bm_vprintf(const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            bm_putc(*fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        unsigned width = 0;
        if (*fmt == '0') {
            pad = '0';
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (unsigned)(*fmt++ - '0');
        switch (*fmt) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            unsigned n = 0;
            while (s[n])
                n++;
            while (width > n) {
                bm_putc(' ');
                width--;
            }
            bm_puts(s);
            break;
        }
        case 'c':
            bm_putc((char)va_arg(ap, int));
            break;
        case 'd': {
            int v = va_arg(ap, int);
            if (v < 0) {
                bm_putc('-');
                put_num(0u - (uint32_t)v, 10, 0, width ? width - 1 : 0, pad);
            } else {
                put_num((uint32_t)v, 10, 0, width, pad);
            }
            break;
        }
        case 'u':
            put_num(va_arg(ap, uint32_t), 10, 0, width, pad);
            break;
        case 'x':
        case 'X':
            put_num(va_arg(ap, uint32_t), 16, *fmt == 'X', width, pad);
            break;
        case '%':
            bm_putc('%');
            break;
        case 0:
            return;
        default:
            bm_putc('%');
            bm_putc(*fmt);
            break;
        }
    }
}

void bm_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bm_vprintf(fmt, ap);
    va_end(ap);
}

/* GCC may emit calls to these even with -ffreestanding. */
void *memset(void *d, int c, size_t n)
{
    unsigned char *p = d;
    while (n--)
        *p++ = (unsigned char)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    unsigned char *p = d;
    const unsigned char *q = s;
    while (n--)
        *p++ = *q++;
    return d;
}
