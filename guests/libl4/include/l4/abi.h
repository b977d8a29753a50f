/*
 * l4/abi.h - every number of the user/kernel ABI (docs/abi.md): call numbers,
 * thread ids, thread_control actions, exchange_registers layout, map flags,
 * mutex ops, UTCB and KIP layout, fault tags, errno values.
 *
 * Usable from C and from assembly (.S): the C-only parts are guarded.
 */
#ifndef L4_ABI_H
#define L4_ABI_H

/* ---- entry: svc #0, call number in r12, args r0-r4, result r0 -------- */
#define L4_SYS_IPC                  0
#define L4_SYS_THREAD_SWITCH        1
#define L4_SYS_THREAD_CONTROL       2
#define L4_SYS_EXCHANGE_REGISTERS   3
#define L4_SYS_MAP                  4
#define L4_SYS_UNMAP                5
#define L4_SYS_GETID                6
#define L4_SYS_CAPABILITY_CONTROL   7
#define L4_SYS_CONTAINER_CONTROL    8   /* -ENOSYS until issue Capabilities */
#define L4_SYS_IRQ_CONTROL          9
#define L4_SYS_MUTEX_CONTROL        10
#define L4_SYS_CACHE_CONTROL        11
#define L4_SYS_TIME                 12
#define L4_SYS_CONSOLE_WRITE        13
#define L4_SYS_COUNT                14  /* first unknown number: -ENOSYS */

/* ---- thread ids: container << 24 | generation << 12 | slot ------------ */
#define L4_NILTHREAD        0xFFFFFFFFu /* no thread / "myself" where allowed */
#define L4_ANYTHREAD        0xFFFFFFFEu /* receive from any sender */
#define L4_TID_CONTAINER_SHIFT  24
#define L4_TID_GENERATION_SHIFT 12
#define L4_TID_SLOT_MASK        0xFFFu
#define L4_TID_GENERATION_MASK  0xFFFu
#define L4_TID_CONTAINER_MASK   0xFFu
#define L4_CONTAINER_MIN    1
#define L4_CONTAINER_MAX    127
#define L4_SLOT_MIN         1
#define L4_SLOT_MAX         4095

/* ---- thread_control(action, tid, arg) ---------------------------------- */
#define L4_TC_CREATE        0
#define L4_TC_RUN           1
#define L4_TC_SUSPEND       2
#define L4_TC_DESTROY       3
#define L4_TC_RECYCLE       4
#define L4_TC_WAIT          5
#define L4_TC_EXIT          6
#define L4_TC_SCHED         7
/* space flags, or-ed into CREATE */
#define L4_TC_SHARE_SPACE   0x100
#define L4_TC_NEW_SPACE     0x200
#define L4_TC_COPY_SPACE    0x300
#define L4_TC_SPACE_MASK    0x300
/* SCHED argument: priority bits 0-7, affinity mask bits 8-11 (0 = any core) */
#define L4_PRIO_MIN         0
#define L4_PRIO_MAX         31
#define L4_SCHED_PRIO_MASK      0xFFu
#define L4_SCHED_AFFINITY_SHIFT 8
#define L4_SCHED_AFFINITY_MASK  0xFu
#define L4_SCHED_ARG(prio, mask) \
    (((prio) & L4_SCHED_PRIO_MASK) | (((mask) & L4_SCHED_AFFINITY_MASK) << L4_SCHED_AFFINITY_SHIFT))
#define L4_EXIT_CODE_MASK   0xFFu       /* only the low 8 bits of an exit code are kept */

/* ---- exchange_registers(struct exregs *, tid) ------------------------- */
#define L4_EXREGS_READ          1
#define L4_EXREGS_SET_PAGER     2
#define L4_EXREGS_SET_UTCB      4
#define L4_EXREGS_VALID_R(n)    (1u << (n))     /* r0-r12 */
#define L4_EXREGS_VALID_SP      (1u << 13)
#define L4_EXREGS_VALID_LR      (1u << 14)
#define L4_EXREGS_VALID_PC      (1u << 15)
#define L4_EXREGS_SIZE          80
/* byte offsets in struct exregs (for assembly) */
#define L4_EXREGS_OFF_VALID     0
#define L4_EXREGS_OFF_FLAGS     4
#define L4_EXREGS_OFF_R0        8
#define L4_EXREGS_OFF_SP        60
#define L4_EXREGS_OFF_LR        64
#define L4_EXREGS_OFF_PC        68
#define L4_EXREGS_OFF_PAGER     72
#define L4_EXREGS_OFF_UTCB      76

/* ---- map(phys, virt, pages, flags, tid) / unmap(virt, pages, tid) ----- */
#define L4_PAGE_SIZE        4096u
#define L4_PAGE_SHIFT       12
#define L4_MAP_READ         1
#define L4_MAP_WRITE        2
#define L4_MAP_EXEC         4
#define L4_MAP_IO           8
#define L4_MAP_RO           (L4_MAP_READ)
#define L4_MAP_RW           (L4_MAP_READ | L4_MAP_WRITE)
#define L4_MAP_RX           (L4_MAP_READ | L4_MAP_EXEC)
#define L4_MAP_RWX          (L4_MAP_READ | L4_MAP_WRITE | L4_MAP_EXEC)
#define L4_MAP_KIND_IO      (L4_MAP_IO | L4_MAP_RW)     /* 11 */
#define L4_USER_VIRT_MIN    0x00001000u
#define L4_USER_VIRT_END    0x80000000u                 /* first address of the kernel half */

/* ---- mutex_control(addr, op, expected) -------------------------------- */
#define L4_MUTEX_LOCK       0
#define L4_MUTEX_UNLOCK     1
/* the user-side word */
#define L4_MUTEX_FREE       0
#define L4_MUTEX_LOCKED     1
#define L4_MUTEX_CONTENDED  2

/* ---- time(struct l4_time *, set) -------------------------------------- */
#define L4_TIME_READ        0
#define L4_TIME_SET         1   /* always -EPERM */

/* ---- console_write(buf, len) ------------------------------------------- */
#define L4_CONSOLE_WRITE_MAX 4096

/* ---- ipc(to, from, flags) (docs/ipc.md) --------------------------------
 * flags: bits 0-1 tier; for EXTENDED also bits 4-11 = index (0-5) of the MR
 * holding the buffer address and bits 16-27 = size in bytes (0-2048): what a
 * send sends and what a receive accepts at most. Every other bit must be 0.
 * After a receive (or the receive half of a call / reply-and-wait), r2 holds
 * the flags of what arrived: the tier used and, for EXTENDED, the bytes copied. */
#define L4_IPC_SHORT        0   /* MR0-MR5 */
#define L4_IPC_FULL         1   /* MR0-MR5 and the 64 UTCB words */
#define L4_IPC_EXTENDED     2   /* MR0-MR5 and up to 2048 bytes buffer to buffer */
#define L4_IPC_TIER_MASK    3
#define L4_IPC_INDEX_SHIFT  4
#define L4_IPC_INDEX_MASK   0xFF0u
#define L4_IPC_SIZE_SHIFT   16
#define L4_IPC_SIZE_MASK    0x0FFF0000u
#define L4_IPC_EXTENDED_MAX 2048
#define L4_IPC_EXT(index, size) \
    (L4_IPC_EXTENDED | ((uint32_t)(index) << L4_IPC_INDEX_SHIFT) | ((uint32_t)(size) << L4_IPC_SIZE_SHIFT))
#define L4_IPC_TIER(flags)  ((flags) & L4_IPC_TIER_MASK)
#define L4_IPC_SIZE(flags)  (((flags) & L4_IPC_SIZE_MASK) >> L4_IPC_SIZE_SHIFT)
#define L4_MR_COUNT         6   /* MR0-MR5 travel in r3-r8 */
#define L4_MR_TAG           0   /* MR0: the tag, meaning agreed by the two parties */
#define L4_MR_SENDER        1   /* MR1: the sender's id, always written by the kernel on receive */

/* ---- capability_control(op, a, b, c) (docs/capabilities.md) -------------- */
#define L4_CAP_NCAPS        0   /* -> caps the caller's space and container hold */
#define L4_CAP_READ         1   /* a = struct l4_cap[], b = max -> entries written */
#define L4_CAP_SHARE        2   /* a = id: the caller's container holds it */
#define L4_CAP_GRANT        3   /* a = id, b = thread: its space holds it */
#define L4_CAP_REPLICATE    4   /* a = id -> new id */
#define L4_CAP_SPLIT        5   /* a = id, b = rights (or 0), c = quantity -> new id */
#define L4_CAP_DEDUCE       6   /* a = id, b = struct l4_cap * with the narrowed fields */
#define L4_CAP_DESTROY      7   /* a = id */
#define L4_CAP_REVOKE       8   /* a = id: every cap derived from it goes */
/* cap types */
#define L4_CAPTYPE_THREAD_CONTROL 1
#define L4_CAPTYPE_EXREGS         2
#define L4_CAPTYPE_PHYSMEM        3
#define L4_CAPTYPE_VIRTMEM        4
#define L4_CAPTYPE_IPC            5
#define L4_CAPTYPE_IRQ            6
#define L4_CAPTYPE_MUTEX          7
#define L4_CAPTYPE_QUANTITY       8
#define L4_CAPTYPE_CAP_CONTROL    9
/* targets */
#define L4_CAPTARGET_THREAD       1
#define L4_CAPTARGET_SPACE        2
#define L4_CAPTARGET_CONTAINER    3
/* pools */
#define L4_POOL_THREADS 1
#define L4_POOL_SPACES 2
#define L4_POOL_MUTEXES 3
#define L4_POOL_MAP_PAGES 4
#define L4_POOL_CAPS 5
/* generic rights, and a few per type (the full lists: docs/capabilities.md) */
#define L4_CAP_CHANGEABLE   (1u << 29)
#define L4_CAP_TRANSFERABLE (1u << 30)
#define L4_CAP_REPLICABLE   (1u << 31)
#define L4_CAPR_IPC_SEND 1
#define L4_CAPR_IPC_RECEIVE 2
#define L4_CAPR_IPC_SHORT 4
#define L4_CAPR_IPC_FULL 8
#define L4_CAPR_IPC_EXTENDED 16
#define L4_CAP_SIZE         40

/* ---- irq_control(op, irq, tid) ------------------------------------------ */
#define L4_IRQ_REGISTER     0   /* tid (NIL: caller) becomes the handler of irq */
#define L4_IRQ_WAIT         1   /* the handler waits: returns the interrupts counted (>= 1) */
#define L4_IRQ_RELEASE      2   /* the handler gives the irq up */
#define L4_IRQ_SPI_FIRST    32  /* GIC ids 32..95 are the board's shared peripheral interrupts */
#define L4_IRQ_SPI_END      96
#define L4_IRQ_UART0        37  /* PL011 UART0: SPI 5 */
#define L4_UART0_PHYS       0x10009000u

/* ---- UTCB ---------------------------------------------------------------- */
#define L4_UTCB_SIZE        256
#define L4_UTCB_WORDS       64
#define L4_UTCB_ALIGN       256
#define L4_UTCB_PAGE        0x7FFFF000u /* root's UTCB page: 16 slots, slot 0 = root */
#define L4_UTCB_SLOTS       16
#define L4_UTCB_SLOT(n)     (L4_UTCB_PAGE + (uint32_t)(n) * L4_UTCB_SIZE)

/* ---- root thread start-up --------------------------------------------- */
#define L4_ROOT_STACK_TOP   0x7FF00000u
#define L4_ROOT_STACK_SIZE  0x10000u

/* ---- Kernel Interface Page --------------------------------------------- */
#define L4_KIP_ADDR         0xFF000000u
#define L4_KIP_MAGIC        0x5A43344Cu /* "L4CZ" little-endian */
#define L4_KIP_VERSION      1
#define L4_KIP_OFF_MAGIC    0x00
#define L4_KIP_OFF_VERSION  0x04
#define L4_KIP_OFF_CORES    0x08
#define L4_KIP_OFF_CLOCK_HZ 0x0C
#define L4_KIP_OFF_UTCB_SIZE 0x10
#define L4_KIP_OFF_NSYSCALLS 0x14
#define L4_KIP_OFF_TIMESLICE 0x18
#define L4_CLOCK_HZ         100000000u

/* ---- faults become IPC: MR0 tags --------------------------------------- */
#define L4_FAULT_DATA_ABORT     0xFFFF0001u
#define L4_FAULT_PREFETCH_ABORT 0xFFFF0002u
#define L4_FAULT_UNDEFINED      0xFFFF0003u
#define L4_FAULT_DIVIDE_BY_ZERO 0xFFFF0004u /* MR2: pc of the call to the division routine */
/* the udf immediate libl4's __aeabi_idiv0/__aeabi_ldiv0 trap with (src/div0.S) */
#define L4_TRAP_DIVIDE_BY_ZERO  0xD0
/* the pager's answer in MR0 */
#define L4_FAULT_REPLY_RETRY    0   /* resume at the faulting instruction */
#define L4_FAULT_REPLY_SKIP     1   /* resume after it (emulated) */
#define L4_FAULT_REPLY_STOP     2   /* any other value stops the thread */

/* ---- errno values (results are -errno) ---------------------------------- */
#define L4_EPERM        1
#define L4_ESRCH        3
#define L4_EINTR        4
#define L4_EAGAIN       11
#define L4_ENOMEM       12
#define L4_EFAULT       14
#define L4_EBUSY        16
#define L4_EEXIST       17
#define L4_EINVAL       22
#define L4_EDEADLK      35
#define L4_ENOSYS       38
#define L4_ENOIPC       200
#define L4_ENOCAP       201
#define L4_ENOUTCB      202
#define L4_ENOMAP       203
#define L4_ENOIRQ       204
#define L4_EABORT       205
#define L4_ENOCHILD     206

#ifndef __ASSEMBLER__
#include <stdint.h>

typedef uint32_t l4_tid_t;

struct exregs {                 /* 80 bytes, word aligned */
    uint32_t valid;             /* bit n: r[n] (0-12), 13 sp, 14 lr, 15 pc */
    uint32_t flags;             /* L4_EXREGS_READ / SET_PAGER / SET_UTCB */
    uint32_t r[13];             /* r0-r12 */
    uint32_t sp, lr, pc;
    uint32_t pager;             /* with L4_EXREGS_SET_PAGER */
    uint32_t utcb;              /* with L4_EXREGS_SET_UTCB */
};
_Static_assert(sizeof(struct exregs) == L4_EXREGS_SIZE, "struct exregs is 80 bytes");
_Static_assert(__builtin_offsetof(struct exregs, sp) == L4_EXREGS_OFF_SP, "exregs sp");
_Static_assert(__builtin_offsetof(struct exregs, utcb) == L4_EXREGS_OFF_UTCB, "exregs utcb");

struct l4_cap {                 /* 40 bytes: what capability_control READ gives and DEDUCE takes */
    uint32_t id;
    uint8_t type, target_kind, pool, owner_kind;   /* owner_kind: 0 a space, 1 a container */
    uint32_t rights;
    uint32_t target;            /* thread, space or container id */
    uint32_t start, end;        /* page frames / virtual pages / irq lines: [start, end) */
    uint32_t size, used;        /* quantities */
    uint32_t owner;             /* space or container id */
    uint32_t parent;            /* the cap it was derived from (0: none) */
};
_Static_assert(sizeof(struct l4_cap) == L4_CAP_SIZE, "struct l4_cap is 40 bytes");

struct l4_time {
    uint32_t sec, usec;
};

struct l4_kip {
    uint32_t magic;             /* 0x00 L4_KIP_MAGIC */
    uint32_t version;           /* 0x04 1 */
    uint32_t cores;             /* 0x08 */
    uint32_t clock_hz;          /* 0x0C 100000000 */
    uint32_t utcb_size;         /* 0x10 256 */
    uint32_t nsyscalls;         /* 0x14 */
    uint32_t timeslice;         /* 0x18 cycles */
};
_Static_assert(__builtin_offsetof(struct l4_kip, timeslice) == L4_KIP_OFF_TIMESLICE, "kip");

struct l4_utcb {
    uint32_t mr[L4_UTCB_WORDS];
};
_Static_assert(sizeof(struct l4_utcb) == L4_UTCB_SIZE, "utcb");

static inline uint32_t l4_tid_container(l4_tid_t t) { return (t >> L4_TID_CONTAINER_SHIFT) & L4_TID_CONTAINER_MASK; }
static inline uint32_t l4_tid_generation(l4_tid_t t) { return (t >> L4_TID_GENERATION_SHIFT) & L4_TID_GENERATION_MASK; }
static inline uint32_t l4_tid_slot(l4_tid_t t) { return t & L4_TID_SLOT_MASK; }
static inline l4_tid_t l4_make_tid(uint32_t container, uint32_t generation, uint32_t slot)
{
    return (container << L4_TID_CONTAINER_SHIFT) | ((generation & L4_TID_GENERATION_MASK) << L4_TID_GENERATION_SHIFT)
         | (slot & L4_TID_SLOT_MASK);
}
#endif /* !__ASSEMBLER__ */

#endif /* L4_ABI_H */
