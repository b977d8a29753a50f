/*
 * print.c - allocation-free console output over console_write: l4_putc,
 * l4_puts and a small printf (%d %i %u %x %X %p %s %c %%, flags '0' '-',
 * field width, 'l'/'h'/'z' accepted and ignored). Output collects in a
 * 128-byte buffer on the caller's stack, so threads never share state and a
 * short line is one console_write (one piece on the console).
 */
#include "l4/l4.h"

struct sink {
    char *buf;          /* NULL: console */
    size_t size, len;   /* string: capacity, chars stored */
    size_t total;       /* chars produced */
    char chunk[128];    /* console: pending bytes */
    unsigned pending;
};

static void sink_flush(struct sink *s)
{
    if (!s->buf && s->pending) {
        l4_console_write(s->chunk, s->pending);
        s->pending = 0;
    }
}

static void sink_put(struct sink *s, char c)
{
    s->total++;
    if (s->buf) {
        if (s->len + 1 < s->size)
            s->buf[s->len++] = c;
        return;
    }
    s->chunk[s->pending++] = c;
    if (s->pending == sizeof s->chunk)
        sink_flush(s);
}

static void put_field(struct sink *s, const char *p, unsigned n, unsigned width, int left, char pad)
{
    unsigned fill = width > n ? width - n : 0;
    /* zero padding goes after a sign */
    if (!left && pad == '0' && n && *p == '-') {
        sink_put(s, *p++);
        n--;
    }
    if (!left)
        while (fill--)
            sink_put(s, pad);
    while (n--)
        sink_put(s, *p++);
    if (left)
        while (fill--)
            sink_put(s, ' ');
}

static void format(struct sink *s, const char *fmt, va_list ap)
{
    static const char lower[] = "0123456789abcdef", upper[] = "0123456789ABCDEF";
    char num[12];

    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            sink_put(s, *fmt);
            continue;
        }
        fmt++;
        int left = 0;
        char pad = ' ';
        for (;; fmt++) {
            if (*fmt == '-')
                left = 1;
            else if (*fmt == '0')
                pad = '0';
            else
                break;
        }
        unsigned width = 0;
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (unsigned)(*fmt++ - '0');
        while (*fmt == 'l' || *fmt == 'h' || *fmt == 'z')
            fmt++;
        if (left)
            pad = ' ';

        const char *digits = lower;
        unsigned base = 10, neg = 0;
        uint32_t v;
        switch (*fmt) {
        case '\0':
            return;
        case 'c': {
            char c = (char)va_arg(ap, int);
            put_field(s, &c, 1, width, left, ' ');
            continue;
        }
        case 's': {
            const char *str = va_arg(ap, const char *);
            if (!str)
                str = "(null)";
            put_field(s, str, (unsigned)strlen(str), width, left, ' ');
            continue;
        }
        case 'd':
        case 'i': {
            int32_t d = va_arg(ap, int32_t);
            neg = d < 0;
            v = neg ? 0u - (uint32_t)d : (uint32_t)d;
            break;
        }
        case 'u':
            v = va_arg(ap, uint32_t);
            break;
        case 'X':
            digits = upper;
            /* fall through */
        case 'x':
            v = va_arg(ap, uint32_t);
            base = 16;
            break;
        case 'p':
            v = (uint32_t)va_arg(ap, void *);
            base = 16;
            sink_put(s, '0');
            sink_put(s, 'x');
            if (width == 0) {
                width = 8;
                pad = '0';
            }
            break;
        default:                /* %% and anything unknown: print it */
            sink_put(s, *fmt);
            continue;
        }
        unsigned n = sizeof num;
        do {
            num[--n] = digits[v % base];
            v /= base;
        } while (v);
        if (neg)
            num[--n] = '-';
        put_field(s, num + n, sizeof num - n, width, left, pad);
    }
}

int l4_vprintf(const char *fmt, va_list ap)
{
    struct sink s;
    s.buf = 0;
    s.size = s.len = s.total = 0;
    s.pending = 0;
    format(&s, fmt, ap);
    sink_flush(&s);
    return (int)s.total;
}

int l4_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = l4_vprintf(fmt, ap);
    va_end(ap);
    return n;
}

int l4_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct sink s;
    s.buf = buf;
    s.size = size;
    s.len = s.total = 0;
    s.pending = 0;
    format(&s, fmt, ap);
    if (size)
        buf[s.len] = '\0';
    return (int)s.total;
}

int l4_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = l4_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

void l4_putc(int c)
{
    char ch = (char)c;
    l4_console_write(&ch, 1);
}

void l4_puts(const char *s)
{
    l4_printf("%s\n", s);
}
