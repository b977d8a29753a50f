/*
 * bm.h - freestanding support for the bare-metal SMP programs
 * (vexpress-a9, Cortex-A9 MPCore, A32 only, no newlib).
 *
 *   startup        lib/start.S   per-core stacks, VBAR, secondary parking
 *   printing       lib/print.c   semihosting SYS_WRITE0 line buffer, bm_printf
 *   sync           lib/sync.c    spinlock, atomics, all-core barrier
 *   GIC            lib/gic.c     distributor / CPU interface helpers, IRQ dispatch
 *   exceptions     lib/exc.c     default exception handler (prints, exits 1)
 *
 * Output rule: only core 0 prints, so the text never depends on how the
 * cores interleave.
 */
#ifndef BM_H
#define BM_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* ---- barriers, hints, CP15 ------------------------------------------- */
static inline void dmb(void) { __asm__ volatile("dmb" ::: "memory"); }
static inline void dsb(void) { __asm__ volatile("dsb" ::: "memory"); }
static inline void isb(void) { __asm__ volatile("isb" ::: "memory"); }
static inline void sev(void) { __asm__ volatile("sev" ::: "memory"); }
static inline void wfe(void) { __asm__ volatile("wfe" ::: "memory"); }
static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }
static inline void irq_enable(void) { __asm__ volatile("cpsie i" ::: "memory"); }
static inline void irq_disable(void) { __asm__ volatile("cpsid i" ::: "memory"); }

#define CP15_READ(op1, crn, crm, op2)                                        \
    ({ uint32_t v_;                                                          \
       __asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2   \
                        : "=r"(v_) :: "memory");                             \
       v_; })
#define CP15_WRITE(op1, crn, crm, op2, val)                                  \
    __asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2      \
                     :: "r"((uint32_t)(val)) : "memory")

static inline uint32_t read_mpidr(void) { return CP15_READ(0, c0, c0, 5); }
static inline unsigned core_id(void) { return read_mpidr() & 3; }
static inline uint32_t read_cpsr(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, cpsr" : "=r"(v));
    return v;
}
static inline uint32_t read_sp(void)
{
    uint32_t v;
    __asm__ volatile("mov %0, sp" : "=r"(v));
    return v;
}

/* ---- MMIO -------------------------------------------------------------- */
static inline uint32_t rd32(uintptr_t a) { return *(volatile uint32_t *)a; }
static inline void wr32(uintptr_t a, uint32_t v) { *(volatile uint32_t *)a = v; }
static inline uint8_t rd8(uintptr_t a) { return *(volatile uint8_t *)a; }
static inline void wr8(uintptr_t a, uint8_t v) { *(volatile uint8_t *)a = v; }

/* PERIPHBASE from CBAR (mrc p15, 4, r, c15, c0, 0); QEMU: 0x1E000000. */
static inline uintptr_t periphbase(void) { return CP15_READ(4, c15, c0, 0) & 0xFFFFE000u; }
#define SCU_CTRL      0x000
#define SCU_CONFIG    0x004
#define GICC_OFF      0x100
#define GTIMER_OFF    0x200
#define PTIMER_OFF    0x600
#define GICD_OFF      0x1000

/* ---- startup (start.S) ------------------------------------------------- */
extern volatile uint32_t bm_boot_cpsr[4], bm_boot_sctlr[4];
extern volatile uint32_t bm_booted, bm_release;
extern char _vectors[], __stacks_start[], __stacks_end[];
void bm_exit(int status) __attribute__((noreturn));
int main(void);
void secondary_main(unsigned core);
/* Number of cores on the board: SCU config bits[1:0] + 1. */
unsigned bm_ncores(void);
/* Core 0: wait until every core has reached the entry point, then release
 * the parked secondaries (bm_release = 1; DSB; SEV). */
void bm_release_cores(void);

/* ---- semihosting and printing (print.c) ------------------------------- */
uint32_t semihost(uint32_t op, const void *arg);
void bm_putc(char c);
void bm_puts(const char *s);        /* no newline added */
void bm_flush(void);
void bm_print_hex(uint32_t v);      /* 8 digits, no prefix */
void bm_print_dec(uint32_t v);
/* %s %c %d %u %x %X with optional '0' flag and width, %%. */
void bm_printf(const char *fmt, ...);
void bm_vprintf(const char *fmt, va_list ap);
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

/* ---- synchronisation (sync.c) ------------------------------------------ */
typedef struct { volatile uint32_t v; } spinlock_t;
void spin_lock(spinlock_t *l);
void spin_unlock(spinlock_t *l);
/* Returns the new value. Full barrier (DMB before and after). */
uint32_t atomic_add(volatile uint32_t *p, uint32_t v);
/* All bm_ncores() cores meet here (sense-reversing, LDREX/STREX + WFE/SEV). */
void bm_barrier(void);

/* ---- GIC (gic.c) -------------------------------------------------------- */
#define GICD_CTLR       0x000
#define GICD_TYPER      0x004
#define GICD_IIDR       0x008
#define GICD_ISENABLER  0x100
#define GICD_ICENABLER  0x180
#define GICD_ISPENDR    0x200
#define GICD_ICPENDR    0x280
#define GICD_ISACTIVER  0x300
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR  0x800
#define GICD_ICFGR      0xC00
#define GICD_SGIR       0xF00
#define GICC_CTLR       0x00
#define GICC_PMR        0x04
#define GICC_BPR        0x08
#define GICC_IAR        0x0C
#define GICC_EOIR       0x10
#define GICC_RPR        0x14
#define GICC_HPPIR      0x18
#define SGI_FILTER_LIST       0
#define SGI_FILTER_ALL_BUT_ME 1
#define SGI_FILTER_ME         2
#define IRQ_GTIMER 27
#define IRQ_PTIMER 29
#define GIC_SPURIOUS 1023

static inline uintptr_t gicd(void) { return periphbase() + GICD_OFF; }
static inline uintptr_t gicc(void) { return periphbase() + GICC_OFF; }
/* Core 0, once: distributor off, SPIs disabled/cleared, priority 0xA0,
 * target core 0; distributor on. */
void gic_dist_init(void);
/* Every core: its banked SGI/PPI state (PPIs disabled, priorities 0x80),
 * PMR 0xF0, BPR 0, CPU interface on. */
void gic_cpu_init(void);
void gic_enable_irq(unsigned id);
void gic_disable_irq(unsigned id);
void gic_send_sgi(unsigned filter, unsigned targets, unsigned id);
static inline uint32_t gic_iar(void) { return rd32(gicc() + GICC_IAR); }
static inline void gic_eoi(uint32_t iar) { wr32(gicc() + GICC_EOIR, iar); }

/* IRQ handlers, shared by all cores: called from bm_irq() in IRQ mode with
 * the IAR value (already acknowledged; EOI is written after the return). */
typedef void (*bm_irq_handler_t)(uint32_t iar, unsigned core);
extern bm_irq_handler_t bm_irq_handlers[96];
extern volatile uint32_t bm_irq_unexpected[4];
void bm_irq(void);

/* ---- exceptions (exc.c) ------------------------------------------------- */
enum { EXC_UND = 1, EXC_SVC = 2, EXC_PABT = 3, EXC_DABT = 4, EXC_FIQ = 7 };
struct bm_frame {
    uint32_t spsr, pad;
    uint32_t r[13];
    uint32_t pc;        /* return address: faulting instruction for aborts */
};
/* A program may install its own handler; returning 1 means "handled, go
 * back to frame->pc", 0 falls through to the default (print + exit 1). */
typedef int (*bm_exc_handler_t)(unsigned type, struct bm_frame *f);
extern bm_exc_handler_t bm_exc_hook;
void bm_exception(unsigned type, struct bm_frame *f);

#endif
