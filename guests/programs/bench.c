/*
 * bench.c - compute-bound benchmark for interpreter speed measurements.
 * Each iteration: SHA-256 over 4 KiB, table CRC-32 over 16 KiB, a sieve of
 * Eratosthenes below 32768 and a 16x16 integer matrix multiply, all folded
 * into one running checksum. The iteration count comes from argv[1]
 * (semihosting command line), default 360 (about 0.3 billion guest
 * instructions; see README.md). Only checksums are printed, never times.
 * Exit status 0.
 */
#include <stdlib.h>
#include <string.h>
#include "guest.h"

#define DEFAULT_ITERS 360

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
    for (i = 16; i < 64; i++)
        w[i] = w[i - 16] + (ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3)) +
               w[i - 7] + (ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10));
    a = h[0]; b = h[1]; c = h[2]; d = h[3]; e = h[4]; f = h[5]; g = h[6]; hh = h[7];
    for (i = 0; i < 64; i++) {
        t1 = hh + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

static uint32_t crc_table[256];
static uint8_t data[16384];
static uint8_t sieve[32768];
static uint32_t ma[16][16], mb[16][16], mc[16][16];

static uint32_t crc32(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    while (n--)
        crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static uint32_t count_primes(void)
{
    uint32_t i, j, c = 0;
    memset(sieve, 0, sizeof sieve);
    for (i = 2; i * i < sizeof sieve; i++)
        if (!sieve[i])
            for (j = i * i; j < sizeof sieve; j += i)
                sieve[j] = 1;
    for (i = 2; i < sizeof sieve; i++)
        c += !sieve[i];
    return c;
}

static uint32_t matmul(uint32_t seed)
{
    int i, j, k;
    uint32_t s = 0;
    for (i = 0; i < 16; i++)
        for (j = 0; j < 16; j++) {
            ma[i][j] = seed + (uint32_t)(i * 16 + j);
            mb[i][j] = seed ^ (uint32_t)(j * 16 + i);
        }
    for (i = 0; i < 16; i++)
        for (j = 0; j < 16; j++) {
            uint32_t acc = 0;
            for (k = 0; k < 16; k++)
                acc += ma[i][k] * mb[k][j];
            mc[i][j] = acc;
            s = (s << 1 | s >> 31) ^ acc;
        }
    return s;
}

int main(int argc, char **argv)
{
    unsigned long iters = DEFAULT_ITERS, it;
    uint32_t h[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    uint32_t crc = 0, check = 0, s = 0x13579bdfu, i, j, c;

    if (argc > 1)
        iters = strtoul(argv[1], NULL, 0);
    for (i = 0; i < 256; i++) {
        c = i;
        for (j = 0; j < 8; j++)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
        crc_table[i] = c;
    }
    for (i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(xs32(&s) >> 24);

    printf("bench: %lu iterations\n", iters);
    for (it = 0; it < iters; it++) {
        uint32_t primes, mm;
        for (i = 0; i < 4096; i += 64)
            sha256_block(h, data + ((it * 4096 + i) & (sizeof data - 1)));
        crc = crc32(crc, data, sizeof data);
        primes = count_primes();
        mm = matmul(h[it & 7] ^ crc);
        data[it & (sizeof data - 1)] ^= (uint8_t)(h[0] ^ mm);
        check = (check << 5 | check >> 27) ^ h[0] ^ crc ^ primes ^ mm;
        if (iters < 20 || it % (iters / 10) == 0 || it + 1 == iters)
            printf("  iter %6lu: sha %08lx crc %08lx primes %lu mm %08lx check %08lx\n", it,
                   (unsigned long)h[0], (unsigned long)crc, (unsigned long)primes,
                   (unsigned long)mm, (unsigned long)check);
    }
    printf("bench: final checksum %08lx\n", (unsigned long)check);
    return 0;
}
