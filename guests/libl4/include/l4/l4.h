/*
 * l4/l4.h - libl4: system call stubs, UTCB/KIP access, thread start-up,
 * mutexes and console output for programs on the Codezero-style kernel.
 *
 *   src/syscalls.S   one stub per system call (r12 = number, svc #0)
 *   src/crt0.S       _start: saves r0-r2, clears .bss, main(), EXIT
 *   src/thread.c     l4_thread_start, l4_self_priority
 *   src/mutex.c      LDREX/STREX mutex with mutex_control slow path
 *   src/print.c      l4_printf / l4_snprintf / l4_puts / l4_putc
 *   src/string.c     memset/memcpy/memmove/memcmp/strlen (gcc may call them)
 *   src/ipc.c        extended-tier send / receive / call helpers
 *   src/caps.c       l4_peers: the single threads one's IPC caps name
 *   src/div0.S       __aeabi_idiv0/__aeabi_ldiv0: division by zero is a fault
 *
 * Every call returns 0 or a result >= 0 on success and -errno on failure.
 */
#ifndef L4_L4_H
#define L4_L4_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "l4/abi.h"

/* ---- start-up values saved by crt0.S ----------------------------------- */
extern uint32_t l4_free_phys_base;      /* r0 at start: first free physical address */
extern uint32_t l4_free_phys_size;      /* r1 at start: bytes of free physical memory */
extern l4_tid_t l4_root_tid;            /* r2 at start: own thread id */

/* ---- system calls (src/syscalls.S) -------------------------------------- */
/* Raw call: r12 = nr, r0-r4 = a0-a4; r4-r8 are saved around it, so it is safe
 * even for calls that return message registers. Returns r0. */
int l4_syscall(uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4);

/* ipc: MR0-MR5 are loaded from mr[] into r3-r8 and the received r3-r8 are
 * stored back into mr[] (mr may be NULL: zeros are sent, nothing stored);
 * the flags of what arrived (r2 after a receive: the tier, and the bytes
 * copied for EXTENDED) go to *received unless it is NULL. */
int l4_ipc_flags(l4_tid_t to, l4_tid_t from, uint32_t flags, uint32_t mr[L4_MR_COUNT], uint32_t *received);
static inline int l4_ipc(l4_tid_t to, l4_tid_t from, uint32_t flags, uint32_t mr[L4_MR_COUNT])
{ return l4_ipc_flags(to, from, flags, mr, 0); }
int l4_thread_switch(l4_tid_t tid);
int l4_thread_control(uint32_t action, l4_tid_t tid, uint32_t arg);
int l4_exchange_registers(struct exregs *regs, l4_tid_t tid);
int l4_map(uint32_t phys, uint32_t virt, uint32_t npages, uint32_t flags, l4_tid_t tid);
int l4_unmap(uint32_t virt, uint32_t npages, l4_tid_t tid);
/* Returns the caller's id; space, container and pager ids through the
 * pointers (each may be NULL). */
l4_tid_t l4_getid(uint32_t *space, uint32_t *container, l4_tid_t *pager);
int l4_capability_control(uint32_t op, uint32_t a, uint32_t b, uint32_t c, uint32_t unused);
int l4_container_control(uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4);
int l4_irq_control(uint32_t op, uint32_t irq, l4_tid_t tid);
int l4_mutex_control(volatile uint32_t *addr, uint32_t op, uint32_t expected);
int l4_cache_control(uint32_t start, uint32_t end, uint32_t op);
/* time: fills *t unless t is NULL; the cycle count (r1:r2) goes to *cycles
 * unless cycles is NULL. */
int l4_time(struct l4_time *t, uint32_t set, uint64_t *cycles);
int l4_console_write(const void *buf, uint32_t len);

/* ---- conveniences over the stubs ------------------------------------------ */
static inline int l4_send(l4_tid_t to, uint32_t mr[L4_MR_COUNT])
{ return l4_ipc(to, L4_NILTHREAD, L4_IPC_SHORT, mr); }
static inline int l4_receive(l4_tid_t from, uint32_t mr[L4_MR_COUNT])
{ return l4_ipc(L4_NILTHREAD, from, L4_IPC_SHORT, mr); }
/* atomic send + receive from the same party */
static inline int l4_call(l4_tid_t to, uint32_t mr[L4_MR_COUNT])
{ return l4_ipc(to, to, L4_IPC_SHORT, mr); }
/* send a reply to `to`, then wait for the next message from anyone */
static inline int l4_reply_wait(l4_tid_t to, uint32_t mr[L4_MR_COUNT])
{ return l4_ipc(to, L4_ANYTHREAD, L4_IPC_SHORT, mr); }

/* full tier: MR0-MR5 and the caller's 64 UTCB words */
static inline int l4_send_full(l4_tid_t to, uint32_t mr[L4_MR_COUNT])
{ return l4_ipc(to, L4_NILTHREAD, L4_IPC_FULL, mr); }
static inline int l4_receive_full(l4_tid_t from, uint32_t mr[L4_MR_COUNT])
{ return l4_ipc(L4_NILTHREAD, from, L4_IPC_FULL, mr); }
static inline int l4_call_full(l4_tid_t to, uint32_t mr[L4_MR_COUNT])
{ return l4_ipc(to, to, L4_IPC_FULL, mr); }
/* extended tier: the buffer address travels in MR5 (mr[5] is overwritten);
 * a receive returns the bytes copied in *received_size (unless NULL) */
int l4_send_extended(l4_tid_t to, uint32_t mr[L4_MR_COUNT], const void *buf, uint32_t size);
int l4_receive_extended(l4_tid_t from, uint32_t mr[L4_MR_COUNT], void *buf, uint32_t size,
                        uint32_t *received_size);
/* sends size bytes from buf, then receives the reply (at most size bytes) into buf */
int l4_call_extended(l4_tid_t to, uint32_t mr[L4_MR_COUNT], void *buf, uint32_t size,
                     uint32_t *received_size);

static inline int l4_cap_count(void) { return l4_capability_control(L4_CAP_NCAPS, 0, 0, 0, 0); }
static inline int l4_cap_read(struct l4_cap *caps, uint32_t max)
{ return l4_capability_control(L4_CAP_READ, (uint32_t)caps, max, 0, 0); }
static inline int l4_cap_share(uint32_t id) { return l4_capability_control(L4_CAP_SHARE, id, 0, 0, 0); }
static inline int l4_cap_grant(uint32_t id, l4_tid_t to) { return l4_capability_control(L4_CAP_GRANT, id, to, 0, 0); }
static inline int l4_cap_replicate(uint32_t id) { return l4_capability_control(L4_CAP_REPLICATE, id, 0, 0, 0); }
static inline int l4_cap_split(uint32_t id, uint32_t rights, uint32_t quantity)
{ return l4_capability_control(L4_CAP_SPLIT, id, rights, quantity, 0); }
static inline int l4_cap_deduce(uint32_t id, const struct l4_cap *narrower)
{ return l4_capability_control(L4_CAP_DEDUCE, id, (uint32_t)narrower, 0, 0); }
static inline int l4_cap_destroy(uint32_t id) { return l4_capability_control(L4_CAP_DESTROY, id, 0, 0, 0); }
static inline int l4_cap_revoke(uint32_t id) { return l4_capability_control(L4_CAP_REVOKE, id, 0, 0, 0); }

/* The threads of other containers the caller holds an IPC send cap towards,
 * up to max; the count or -errno (src/caps.c). Needs the cap-control read
 * right. Only caps that name one thread count: a manifest's ipc entry with
 * pager_only = true (it names that container's pager) or a thread cap granted
 * at run time. An ipc entry without pager_only names the whole container, so
 * it gives no peer here: learn those threads' ids another way (for example an
 * IPC from them: MR1 is the sender). */
int l4_peers(l4_tid_t *peers, int max);

static inline int l4_irq_register(uint32_t irq, l4_tid_t tid) { return l4_irq_control(L4_IRQ_REGISTER, irq, tid); }
static inline int l4_irq_wait(uint32_t irq) { return l4_irq_control(L4_IRQ_WAIT, irq, L4_NILTHREAD); }
static inline int l4_irq_release(uint32_t irq) { return l4_irq_control(L4_IRQ_RELEASE, irq, L4_NILTHREAD); }

static inline l4_tid_t l4_myself(void) { return l4_getid(0, 0, 0); }
static inline int l4_yield(void) { return l4_thread_switch(L4_NILTHREAD); }

static inline int l4_run(l4_tid_t t) { return l4_thread_control(L4_TC_RUN, t, 0); }
static inline int l4_suspend(l4_tid_t t) { return l4_thread_control(L4_TC_SUSPEND, t, 0); }
static inline int l4_destroy(l4_tid_t t) { return l4_thread_control(L4_TC_DESTROY, t, 0); }
static inline int l4_recycle(l4_tid_t t) { return l4_thread_control(L4_TC_RECYCLE, t, 0); }
static inline int l4_wait(l4_tid_t t) { return l4_thread_control(L4_TC_WAIT, t, 0); }
static inline int l4_sched(l4_tid_t t, uint32_t prio, uint32_t mask)
{ return l4_thread_control(L4_TC_SCHED, t, L4_SCHED_ARG(prio, mask)); }
__attribute__((noreturn)) void l4_exit(int code);

/* cycles since boot (100 MHz emulated clock) */
static inline uint64_t l4_cycles(void)
{
    uint64_t c = 0;
    l4_time(0, L4_TIME_READ, &c);
    return c;
}

/* ---- UTCB and KIP ---------------------------------------------------------- */
static inline struct l4_utcb *l4_utcb(void)
{
    uint32_t v;
    __asm__ volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(v));
    return (struct l4_utcb *)v;
}
static inline const volatile struct l4_kip *l4_kip(void)
{
    return (const volatile struct l4_kip *)L4_KIP_ADDR;
}
static inline uint32_t l4_kip_cores(void) { return l4_kip()->cores; }
static inline uint32_t l4_kip_timeslice(void) { return l4_kip()->timeslice; }

/* ---- threads (src/thread.c) ----------------------------------------------- */
typedef int (*l4_thread_fn)(void *arg);

/* Creates a thread in the caller's space (TC_SHARE_SPACE, pager = caller),
 * sets r0/r1 (fn, arg), sp = stack_top (rounded down to 8), pc = the entry
 * trampoline and UTCB = L4_UTCB_SLOT(utcb_slot); if prio >= 0 or
 * affinity != 0 it SCHEDs it (prio < 0: keep the caller's priority, found
 * by SCHEDing the new thread from 31 down until accepted); then RUNs it. The thread calls fn(arg) and EXITs with its return value (the
 * kernel keeps the low 8 bits). Returns the tid, or -errno (the half-made
 * thread is destroyed). */
int l4_thread_start(l4_thread_fn fn, void *arg, void *stack_top, unsigned utcb_slot,
                    int prio, unsigned affinity);
/* The same in a space of its own: space_flag L4_TC_COPY_SPACE (the caller's
 * mappings, so the same code, data and stacks: the frames are shared) or
 * L4_TC_SHARE_SPACE. A thread in a copied space holds none of the caller's
 * caps, only those its container shares (docs/capabilities.md). */
int l4_thread_start_in(uint32_t space_flag, l4_thread_fn fn, void *arg, void *stack_top, unsigned utcb_slot,
                       int prio, unsigned affinity);
/* Same but does not RUN it (for tests that want to poke it first). */
int l4_thread_prepare(l4_thread_fn fn, void *arg, void *stack_top, unsigned utcb_slot,
                      int prio, unsigned affinity);
/* The trampoline: expects r0 = fn, r1 = arg (src/syscalls.S). */
void l4_thread_entry(void);
/* The caller's current priority. The ABI has no call to read it, so this
 * creates a scratch thread (which starts at the creator's priority), SCHEDs
 * it from 31 downwards until the kernel accepts (above the controller's own
 * priority is -EPERM) and destroys it. Returns the priority or -errno. */
int l4_self_priority(void);

/* ---- mutexes (src/mutex.c) ------------------------------------------------- */
struct l4_mutex {
    volatile uint32_t word;     /* 0 free, 1 locked, 2 locked with waiters */
};
#define L4_MUTEX_INIT { 0 }
void l4_mutex_init(struct l4_mutex *m);
void l4_mutex_lock(struct l4_mutex *m);
int l4_mutex_trylock(struct l4_mutex *m);      /* 1 when taken */
void l4_mutex_unlock(struct l4_mutex *m);
extern volatile uint32_t l4_mutex_slowpath_count;   /* mutex_control calls made */

/* atomics (LDREX/STREX, full barriers) */
uint32_t l4_atomic_add(volatile uint32_t *p, uint32_t v);     /* returns the new value */
uint32_t l4_atomic_xchg(volatile uint32_t *p, uint32_t v);    /* returns the old value */
uint32_t l4_atomic_cmpxchg(volatile uint32_t *p, uint32_t old, uint32_t new_); /* returns the old value */
static inline void l4_dmb(void) { __asm__ volatile("dmb" ::: "memory"); }

/* ---- console (src/print.c) ------------------------------------------------- */
void l4_putc(int c);
void l4_puts(const char *s);            /* s and a newline */
/* %d %i %u %x %X %p %s %c %%, flags '0' '-', width, 'l' ignored.
 * One console_write per 128 bytes of output (one per call for short lines).
 * Every integer argument is one 32-bit word. No format attribute: on
 * arm-none-eabi uint32_t is `unsigned long`, and %x for it is what we want. */
int l4_printf(const char *fmt, ...);
int l4_vprintf(const char *fmt, va_list ap);
int l4_snprintf(char *buf, size_t size, const char *fmt, ...);
int l4_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* ---- string (src/string.c) ------------------------------------------------- */
void *memset(void *d, int c, size_t n);
void *memcpy(void *__restrict d, const void *__restrict s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

#endif /* L4_L4_H */
