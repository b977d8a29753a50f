/*
 * mutex.c - LDREX/STREX atomics and the user half of the futex-style mutex
 * (Drepper, "Futexes Are Tricky", mutex 3): the word is 0 free, 1 locked,
 * 2 locked with (possible) waiters. Uncontended lock/unlock never enter the
 * kernel; a contender sets 2 and sleeps in mutex_control(LOCK, expected 2),
 * an unlock that finds 2 wakes one sleeper with mutex_control(UNLOCK).
 */
#include "l4/l4.h"

volatile uint32_t l4_mutex_slowpath_count;

uint32_t l4_atomic_add(volatile uint32_t *p, uint32_t v)
{
    uint32_t res, fail;
    __asm__ volatile(
        "   dmb\n"
        "1: ldrex   %0, [%2]\n"
        "   add     %0, %0, %3\n"
        "   strex   %1, %0, [%2]\n"
        "   teq     %1, #0\n"
        "   bne     1b\n"
        "   dmb\n"
        : "=&r"(res), "=&r"(fail)
        : "r"(p), "r"(v)
        : "cc", "memory");
    return res;
}

uint32_t l4_atomic_xchg(volatile uint32_t *p, uint32_t v)
{
    uint32_t old, fail;
    __asm__ volatile(
        "   dmb\n"
        "1: ldrex   %0, [%2]\n"
        "   strex   %1, %3, [%2]\n"
        "   teq     %1, #0\n"
        "   bne     1b\n"
        "   dmb\n"
        : "=&r"(old), "=&r"(fail)
        : "r"(p), "r"(v)
        : "cc", "memory");
    return old;
}

uint32_t l4_atomic_cmpxchg(volatile uint32_t *p, uint32_t old, uint32_t new_)
{
    uint32_t cur, fail;
    __asm__ volatile(
        "   dmb\n"
        "1: ldrex   %0, [%2]\n"
        "   teq     %0, %3\n"
        "   bne     2f\n"
        "   strex   %1, %4, [%2]\n"
        "   teq     %1, #0\n"
        "   bne     1b\n"
        "   b       3f\n"
        "2: clrex\n"
        "3: dmb\n"
        : "=&r"(cur), "=&r"(fail)
        : "r"(p), "r"(old), "r"(new_)
        : "cc", "memory");
    return cur;
}

void l4_mutex_init(struct l4_mutex *m)
{
    m->word = L4_MUTEX_FREE;
    l4_dmb();
}

int l4_mutex_trylock(struct l4_mutex *m)
{
    return l4_atomic_cmpxchg(&m->word, L4_MUTEX_FREE, L4_MUTEX_LOCKED) == L4_MUTEX_FREE;
}

void l4_mutex_lock(struct l4_mutex *m)
{
    uint32_t c = l4_atomic_cmpxchg(&m->word, L4_MUTEX_FREE, L4_MUTEX_LOCKED);
    if (c == L4_MUTEX_FREE)
        return;                                 /* fast path */
    /* Contended: announce a waiter (2); whoever held it will wake us. */
    if (c != L4_MUTEX_CONTENDED)
        c = l4_atomic_xchg(&m->word, L4_MUTEX_CONTENDED);
    while (c != L4_MUTEX_FREE) {
        l4_atomic_add(&l4_mutex_slowpath_count, 1);
        /* Sleeps only if the word is still 2 (checked by the kernel under
         * its lock); -EAGAIN (changed meanwhile) and -EINTR (suspended)
         * just retry. */
        l4_mutex_control(&m->word, L4_MUTEX_LOCK, L4_MUTEX_CONTENDED);
        /* Take it as 2: other sleepers may remain and must be woken later. */
        c = l4_atomic_xchg(&m->word, L4_MUTEX_CONTENDED);
    }
}

void l4_mutex_unlock(struct l4_mutex *m)
{
    if (l4_atomic_xchg(&m->word, L4_MUTEX_FREE) == L4_MUTEX_CONTENDED)
        l4_mutex_control(&m->word, L4_MUTEX_UNLOCK, 0);
}
