/*
 * crcsha.c - CRC-32 (IEEE 802.3, reflected 0xEDB88320) table-driven and
 * bitwise, Adler-32, and an own SHA-256 implementation checked against the
 * FIPS 180-2 test vectors: "", "abc", the 448-bit message
 * "abcdbcdecdefdefg...nopq" and one million 'a' (fed in odd-sized chunks).
 * Exit status 0 when every vector matches, 1 otherwise.
 */
#include <string.h>
#include "guest.h"

static uint32_t crc_table[256];

static void crc_init(void)
{
    uint32_t i, j, c;
    for (i = 0; i < 256; i++) {
        c = i;
        for (j = 0; j < 8; j++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
        crc_table[i] = c;
    }
}

static uint32_t crc32_table(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    while (n--)
        crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static uint32_t crc32_bitwise(uint32_t crc, const uint8_t *p, size_t n)
{
    int k;
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (k = 0; k < 8; k++)
            crc = crc & 1 ? (crc >> 1) ^ 0xedb88320u : crc >> 1;
    }
    return ~crc;
}

static uint32_t adler32(const uint8_t *p, size_t n)
{
    uint32_t a = 1, b = 0;
    while (n--) {
        a = (a + *p++) % 65521u;
        b = (b + a) % 65521u;
    }
    return (b << 16) | a;
}

/* ---- SHA-256 ---- */
typedef struct {
    uint32_t h[8];
    uint64_t len;
    uint8_t buf[64];
    unsigned fill;
} sha256_ctx;

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256_block(uint32_t h[8], const uint8_t *p)
{
    uint32_t w[64], a, b, c, d, e, f, g, hh, t1, t2;
    int i;
    for (i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    a = h[0]; b = h[1]; c = h[2]; d = h[3]; e = h[4]; f = h[5]; g = h[6]; hh = h[7];
    for (i = 0; i < 64; i++) {
        t1 = hh + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

static void sha256_init(sha256_ctx *c)
{
    static const uint32_t iv[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    memcpy(c->h, iv, sizeof iv);
    c->len = 0;
    c->fill = 0;
}

static void sha256_update(sha256_ctx *c, const void *data, size_t n)
{
    const uint8_t *p = data;
    c->len += n;
    while (n) {
        size_t take = 64 - c->fill;
        if (take > n)
            take = n;
        memcpy(c->buf + c->fill, p, take);
        c->fill += (unsigned)take;
        p += take;
        n -= take;
        if (c->fill == 64) {
            sha256_block(c->h, c->buf);
            c->fill = 0;
        }
    }
}

static void sha256_final(sha256_ctx *c, uint8_t out[32])
{
    uint64_t bits = c->len * 8;
    uint8_t pad = 0x80, z = 0, lenbe[8];
    int i;
    sha256_update(c, &pad, 1);
    while (c->fill != 56)
        sha256_update(c, &z, 1);
    for (i = 0; i < 8; i++)
        lenbe[i] = (uint8_t)(bits >> (56 - 8 * i));
    sha256_update(c, lenbe, 8);
    for (i = 0; i < 32; i++)
        out[i] = (uint8_t)(c->h[i / 4] >> (24 - 8 * (i % 4)));
}

static void hex(const uint8_t *d, int n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    int i;
    for (i = 0; i < n; i++) {
        out[2 * i] = digits[d[i] >> 4];
        out[2 * i + 1] = digits[d[i] & 15];
    }
    out[2 * n] = 0;
}

static void check_hex(const char *what, const char *got, const char *want)
{
    int ok = strcmp(got, want) == 0;
    if (ok)
        g_pass++;
    else
        g_fail++;
    printf("  %s %-22s %s\n", ok ? "ok  " : "FAIL", what, got);
    if (!ok)
        printf("       %-22s %s (wanted)\n", "", want);
    ck_str(got);
}

static uint8_t big[65536];

int main(void)
{
    uint8_t dig[32];
    char hx[65];
    sha256_ctx c;
    uint32_t s = 0x1badb002u;
    unsigned i;

    crc_init();
    puts("crcsha: CRC-32");
    printf("  table[1] %08lx table[128] %08lx table[255] %08lx\n",
           (unsigned long)crc_table[1], (unsigned long)crc_table[128],
           (unsigned long)crc_table[255]);
    check_u32("crc32(\"123456789\") table", crc32_table(0, (const uint8_t *)"123456789", 9), 0xcbf43926u);
    check_u32("crc32(\"123456789\") bits", crc32_bitwise(0, (const uint8_t *)"123456789", 9), 0xcbf43926u);
    check_u32("crc32(\"\")", crc32_table(0, (const uint8_t *)"", 0), 0);
    check_u32("crc32(quick fox)",
              crc32_table(0, (const uint8_t *)"The quick brown fox jumps over the lazy dog", 43),
              0x414fa339u);
    for (i = 0; i < sizeof big; i++)
        big[i] = (uint8_t)(xs32(&s) >> 13);
    {
        uint32_t t = crc32_table(0, big, sizeof big);
        uint32_t b = crc32_bitwise(0, big, sizeof big);
        uint32_t inc = 0;
        size_t off = 0, step = 1;
        while (off < sizeof big) {
            size_t n = step < sizeof big - off ? step : sizeof big - off;
            inc = crc32_table(inc, big + off, n);
            off += n;
            step = step * 3 + 1;
        }
        printf("  64 KiB random: table %08lx bitwise %08lx incremental %08lx\n",
               (unsigned long)t, (unsigned long)b, (unsigned long)inc);
        check_u32("crc32 table == bitwise", t, b);
        check_u32("crc32 incremental", inc, t);
    }
    check_u32("adler32(\"Wikipedia\")", adler32((const uint8_t *)"Wikipedia", 9), 0x11e60398u);
    printf("  adler32(64 KiB) %08lx\n", (unsigned long)adler32(big, sizeof big));
    ck_u32(adler32(big, sizeof big));

    puts("SHA-256 (FIPS 180-2 vectors):");
    sha256_init(&c);
    sha256_final(&c, dig);
    hex(dig, 32, hx);
    check_hex("\"\"", hx, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    sha256_init(&c);
    sha256_update(&c, "abc", 3);
    sha256_final(&c, dig);
    hex(dig, 32, hx);
    check_hex("\"abc\"", hx, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    sha256_init(&c);
    sha256_update(&c, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56);
    sha256_final(&c, dig);
    hex(dig, 32, hx);
    check_hex("448-bit message", hx, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");

    {
        static uint8_t as[1000];
        size_t done = 0, chunk = 1;
        memset(as, 'a', sizeof as);
        sha256_init(&c);
        while (done < 1000000) {
            size_t n = chunk;
            if (n > 1000000 - done)
                n = 1000000 - done;
            sha256_update(&c, as, n);
            done += n;
            chunk = chunk % 983 + 13; /* stays below sizeof as */
        }
        sha256_final(&c, dig);
        hex(dig, 32, hx);
        check_hex("1,000,000 x 'a'", hx,
                  "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }

    sha256_init(&c);
    sha256_update(&c, big, sizeof big);
    sha256_final(&c, dig);
    hex(dig, 32, hx);
    printf("  sha256(64 KiB random) %s\n", hx);
    ck_str(hx);

    print_summary("crcsha");
    return g_fail ? 1 : 0;
}
