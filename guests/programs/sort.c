/*
 * sort.c - qsort on ints (with duplicates, already sorted, reversed),
 * on strings (array of char pointers, strcmp comparator), on structs with a
 * tie-break, and bsearch for present and absent keys. Every result is
 * verified; the sorted data is checksummed. Exit status 11.
 */
#include <stdlib.h>
#include <string.h>
#include "guest.h"

#define NI 3000
#define NS 600

static int ints[NI];
static char words[NS][12];
static const char *wp[NS];

struct rec {
    uint16_t key;
    uint16_t idx;
    int32_t val;
};
static struct rec recs[1000];

static unsigned ncmp;

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    ncmp++;
    return (x > y) - (x < y);
}

static int cmp_int_desc(const void *a, const void *b) { return cmp_int(b, a); }

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

static int sorted_int(const int *a, int n, int desc)
{
    int i;
    for (i = 1; i < n; i++)
        if (desc ? a[i - 1] < a[i] : a[i - 1] > a[i])
            return 0;
    return 1;
}

int main(void)
{
    uint32_t s = 20240601u;
    int i, found = 0, missing = 0;
    uint64_t sum_before = 0, sum_after = 0;

    puts("sort: qsort of 3000 ints with duplicates");
    for (i = 0; i < NI; i++) {
        ints[i] = (int)(xs32(&s) % 2001u) - 1000;
        sum_before += (uint32_t)ints[i];
    }
    ncmp = 0;
    qsort(ints, NI, sizeof ints[0], cmp_int);
    for (i = 0; i < NI; i++)
        sum_after += (uint32_t)ints[i];
    printf("  sorted %d, sum preserved %d, min %d max %d median %d\n",
           sorted_int(ints, NI, 0), sum_before == sum_after, ints[0], ints[NI - 1],
           ints[NI / 2]);
    printf("  first:");
    for (i = 0; i < 10; i++)
        printf(" %d", ints[i]);
    printf("\n  last: ");
    for (i = NI - 10; i < NI; i++)
        printf(" %d", ints[i]);
    putchar('\n');
    check_u32("ints ascending", (uint32_t)sorted_int(ints, NI, 0), 1);
    ck_bytes(ints, sizeof ints);

    puts("bsearch in the sorted ints:");
    for (i = -1100; i <= 1100; i += 7) {
        int key = i;
        int *p = bsearch(&key, ints, NI, sizeof ints[0], cmp_int);
        if (p) {
            found++;
            if (*p != key)
                check_u32("bsearch hit value", (uint32_t)*p, (uint32_t)key);
        } else {
            int j, present = 0;
            for (j = 0; j < NI; j++)
                present |= ints[j] == key;
            missing++;
            if (present)
                check_u32("bsearch missed a present key", (uint32_t)key, 0xffffffffu);
        }
    }
    printf("  keys found %d, absent %d\n", found, missing);
    ck_u32((uint32_t)found);

    puts("qsort on already sorted, reversed and descending orders:");
    ncmp = 0;
    qsort(ints, NI, sizeof ints[0], cmp_int);
    printf("  re-sort sorted: ok %d\n", sorted_int(ints, NI, 0));
    qsort(ints, NI, sizeof ints[0], cmp_int_desc);
    printf("  descending: ok %d first %d last %d\n", sorted_int(ints, NI, 1), ints[0],
           ints[NI - 1]);
    check_u32("ints descending", (uint32_t)sorted_int(ints, NI, 1), 1);
    qsort(ints, NI, sizeof ints[0], cmp_int);
    check_u32("ints ascending again", (uint32_t)sorted_int(ints, NI, 0), 1);
    ck_bytes(ints, sizeof ints);

    puts("qsort of 600 pseudo-random words:");
    for (i = 0; i < NS; i++) {
        int len = 2 + (int)(xs32(&s) % 9u), k;
        for (k = 0; k < len; k++)
            words[i][k] = (char)('a' + xs32(&s) % 26u);
        words[i][len] = 0;
        wp[i] = words[i];
    }
    qsort(wp, NS, sizeof wp[0], cmp_str);
    {
        int ok = 1;
        for (i = 1; i < NS; i++)
            if (strcmp(wp[i - 1], wp[i]) > 0)
                ok = 0;
        check_u32("words sorted", (uint32_t)ok, 1);
    }
    for (i = 0; i < NS; i += 60)
        printf("  [%3d] %s\n", i, wp[i]);
    for (i = 0; i < NS; i++)
        ck_str(wp[i]);

    puts("bsearch for words:");
    {
        static const char *probe[] = { "aaaa", "cx", "zzzzzzzz", "munno", "m", "qemu" };
        unsigned k;
        int hits = 0;
        for (i = 0; i < NS; i += 3) {
            const char *key = words[i];
            const char **p = bsearch(&key, wp, NS, sizeof wp[0], cmp_str);
            hits += p && strcmp(*p, key) == 0;
        }
        printf("  %d of %d existing words found\n", hits, (NS + 2) / 3);
        check_u32("existing words found", (uint32_t)hits, (NS + 2) / 3);
        for (k = 0; k < sizeof probe / sizeof probe[0]; k++) {
            const char **p = bsearch(&probe[k], wp, NS, sizeof wp[0], cmp_str);
            printf("  '%s': %s\n", probe[k], p ? "present" : "absent");
            ck_u32(p != NULL);
        }
    }

    puts("qsort of 1000 structs by key with index tie-break (stable result):");
    for (i = 0; i < 1000; i++) {
        recs[i].key = (uint16_t)(xs32(&s) % 50u);
        recs[i].idx = (uint16_t)i;
        recs[i].val = (int32_t)xs32(&s);
    }
    qsort(recs, 1000, sizeof recs[0], cmp_rec);
    {
        int ok = 1;
        for (i = 1; i < 1000; i++)
            if (cmp_rec(&recs[i - 1], &recs[i]) >= 0)
                ok = 0;
        check_u32("structs ordered", (uint32_t)ok, 1);
        for (i = 0; i < 1000; i += 125)
            printf("  rec[%4d] key %2u idx %3u val %ld\n", i, recs[i].key, recs[i].idx,
                   (long)recs[i].val);
        ck_bytes(recs, sizeof recs);
    }

    print_summary("sort");
    return g_fail ? 1 : 11;
}
