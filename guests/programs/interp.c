/*
 * interp.c - a small stack-machine bytecode interpreter (dense switch ->
 * jump table, indirect branches, byte/halfword operand fetches) running a
 * few programs: loops, factorial, gcd, a call/return, and a sieve of
 * Eratosthenes in VM memory. Then the same sieve natively up to 2,000,000
 * with prime-counting checkpoints and twin-prime counts. Exit status 17.
 */
#include <string.h>
#include "guest.h"

enum {
    OP_HALT, OP_PUSH8, OP_PUSH16, OP_PUSH32, OP_POP, OP_DUP, OP_SWAP, OP_OVER,
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_AND, OP_OR, OP_XOR, OP_SHL, OP_SHR,
    OP_NEG, OP_NOT, OP_EQ, OP_LT, OP_GT, OP_JMP, OP_JZ, OP_JNZ, OP_LOAD, OP_STORE,
    OP_LOADB, OP_STOREB, OP_CALL, OP_RET, OP_PRINT, OP_INC, OP_DEC, OP_ROT,
    NOPS
};

static const char *const opnames[NOPS] = {
    "halt", "push8", "push16", "push32", "pop", "dup", "swap", "over", "add", "sub", "mul",
    "div", "mod", "and", "or", "xor", "shl", "shr", "neg", "not", "eq", "lt", "gt", "jmp",
    "jz", "jnz", "load", "store", "loadb", "storeb", "call", "ret", "print", "inc", "dec",
    "rot",
};

#define MEMW 4096
typedef struct {
    int32_t stack[256];
    uint32_t rstack[64];
    int sp, rsp;
    int32_t mem[MEMW];
    uint8_t bmem[65536];
    unsigned long steps;
    unsigned long opcount[NOPS];
} vm_t;

static vm_t vm;

static int32_t run(const uint8_t *code, int verbose)
{
    uint32_t pc = 0;
    int32_t a, b;
    vm.sp = vm.rsp = 0;
    for (;;) {
        uint8_t op = code[pc++];
        vm.steps++;
        vm.opcount[op]++;
        switch (op) {
        case OP_HALT: return vm.sp ? vm.stack[vm.sp - 1] : 0;
        case OP_PUSH8: vm.stack[vm.sp++] = (int8_t)code[pc++]; break;
        case OP_PUSH16:
            vm.stack[vm.sp++] = (int16_t)(code[pc] | code[pc + 1] << 8);
            pc += 2;
            break;
        case OP_PUSH32:
            vm.stack[vm.sp++] = (int32_t)((uint32_t)code[pc] | (uint32_t)code[pc + 1] << 8 |
                                          (uint32_t)code[pc + 2] << 16 |
                                          (uint32_t)code[pc + 3] << 24);
            pc += 4;
            break;
        case OP_POP: vm.sp--; break;
        case OP_DUP: vm.stack[vm.sp] = vm.stack[vm.sp - 1]; vm.sp++; break;
        case OP_SWAP: a = vm.stack[vm.sp - 1]; vm.stack[vm.sp - 1] = vm.stack[vm.sp - 2]; vm.stack[vm.sp - 2] = a; break;
        case OP_OVER: vm.stack[vm.sp] = vm.stack[vm.sp - 2]; vm.sp++; break;
        case OP_ROT: /* a b c -> b c a */
            a = vm.stack[vm.sp - 3];
            vm.stack[vm.sp - 3] = vm.stack[vm.sp - 2];
            vm.stack[vm.sp - 2] = vm.stack[vm.sp - 1];
            vm.stack[vm.sp - 1] = a;
            break;
#define BIN(OPC, EXPR) case OPC: b = vm.stack[--vm.sp]; a = vm.stack[vm.sp - 1]; vm.stack[vm.sp - 1] = (EXPR); break;
        BIN(OP_ADD, (int32_t)((uint32_t)a + (uint32_t)b))
        BIN(OP_SUB, (int32_t)((uint32_t)a - (uint32_t)b))
        BIN(OP_MUL, (int32_t)((uint32_t)a * (uint32_t)b))
        BIN(OP_DIV, b == 0 || (a == INT32_MIN && b == -1) ? 0 : a / b)
        BIN(OP_MOD, b == 0 || (a == INT32_MIN && b == -1) ? 0 : a % b)
        BIN(OP_AND, a & b)
        BIN(OP_OR, a | b)
        BIN(OP_XOR, a ^ b)
        BIN(OP_SHL, (int32_t)((uint32_t)a << (b & 31)))
        BIN(OP_SHR, (int32_t)((uint32_t)a >> (b & 31)))
        BIN(OP_EQ, a == b)
        BIN(OP_LT, a < b)
        BIN(OP_GT, a > b)
        case OP_NEG: vm.stack[vm.sp - 1] = (int32_t)(0u - (uint32_t)vm.stack[vm.sp - 1]); break;
        case OP_NOT: vm.stack[vm.sp - 1] = ~vm.stack[vm.sp - 1]; break;
        case OP_INC: vm.stack[vm.sp - 1] = (int32_t)((uint32_t)vm.stack[vm.sp - 1] + 1); break;
        case OP_DEC: vm.stack[vm.sp - 1] = (int32_t)((uint32_t)vm.stack[vm.sp - 1] - 1); break;
        case OP_JMP: pc = (uint32_t)(code[pc] | code[pc + 1] << 8); break;
        case OP_JZ:
            if (vm.stack[--vm.sp] == 0) pc = (uint32_t)(code[pc] | code[pc + 1] << 8);
            else pc += 2;
            break;
        case OP_JNZ:
            if (vm.stack[--vm.sp] != 0) pc = (uint32_t)(code[pc] | code[pc + 1] << 8);
            else pc += 2;
            break;
        case OP_LOAD: vm.stack[vm.sp - 1] = vm.mem[(uint32_t)vm.stack[vm.sp - 1] % MEMW]; break;
        case OP_STORE: /* value addr -> */
            vm.mem[(uint32_t)vm.stack[vm.sp - 1] % MEMW] = vm.stack[vm.sp - 2];
            vm.sp -= 2;
            break;
        case OP_LOADB: vm.stack[vm.sp - 1] = vm.bmem[(uint32_t)vm.stack[vm.sp - 1] & 0xffff]; break;
        case OP_STOREB:
            vm.bmem[(uint32_t)vm.stack[vm.sp - 1] & 0xffff] = (uint8_t)vm.stack[vm.sp - 2];
            vm.sp -= 2;
            break;
        case OP_CALL:
            vm.rstack[vm.rsp++] = pc + 2;
            pc = (uint32_t)(code[pc] | code[pc + 1] << 8);
            break;
        case OP_RET: pc = vm.rstack[--vm.rsp]; break;
        case OP_PRINT:
            if (verbose)
                printf("    vm: %ld\n", (long)vm.stack[vm.sp - 1]);
            ck_u32((uint32_t)vm.stack[--vm.sp]);
            break;
        default:
            printf("bad opcode %u at %lu\n", op, (unsigned long)pc - 1);
            return -1;
        }
    }
}

/* ---- a tiny assembler with labels ---- */
static uint8_t code[1024];
static unsigned cl;
static unsigned labels[32];
static unsigned fix_at[64], fix_lab[64], nfix;

static void e(uint8_t b) { code[cl++] = b; }
static void push(int32_t v)
{
    if (v >= -128 && v <= 127) { e(OP_PUSH8); e((uint8_t)v); }
    else if (v >= -32768 && v <= 32767) { e(OP_PUSH16); e((uint8_t)v); e((uint8_t)(v >> 8)); }
    else { e(OP_PUSH32); e((uint8_t)v); e((uint8_t)(v >> 8)); e((uint8_t)(v >> 16)); e((uint8_t)(v >> 24)); }
}
static void jump(uint8_t op, unsigned lab) { e(op); fix_at[nfix] = cl; fix_lab[nfix++] = lab; e(0); e(0); }
static void label(unsigned lab) { labels[lab] = cl; }
static void begin(void) { cl = 0; nfix = 0; }
static void resolve(void)
{
    unsigned i;
    for (i = 0; i < nfix; i++) {
        code[fix_at[i]] = (uint8_t)labels[fix_lab[i]];
        code[fix_at[i] + 1] = (uint8_t)(labels[fix_lab[i]] >> 8);
    }
}

static void report(const char *name, int32_t r)
{
    printf("  %-28s -> %ld (%u bytes of code, %lu steps so far)\n", name, (long)r, cl, vm.steps);
    ck_u32((uint32_t)r);
}

static uint8_t sieve[2000001];

int main(void)
{
    int32_t r;

    puts("interp: sum 1..10000");
    begin();
    push(0); push(10000);                 /* acc n */
    label(0);
    e(OP_DUP); jump(OP_JZ, 1);            /* acc n */
    e(OP_DUP); e(OP_ROT); e(OP_ADD);      /* n acc+n */
    e(OP_SWAP); e(OP_DEC); jump(OP_JMP, 0);
    label(1); e(OP_POP); e(OP_HALT);
    resolve();
    r = run(code, 0);
    report("sum 1..10000", r);
    check_u32("vm sum", (uint32_t)r, 50005000);

    puts("interp: factorials mod 2^32 with print");
    begin();
    push(1); push(1);                     /* f i */
    label(0);
    e(OP_DUP); push(13); e(OP_GT); jump(OP_JNZ, 1);
    e(OP_DUP); e(OP_ROT); e(OP_MUL);      /* i f*i */
    e(OP_DUP); e(OP_PRINT);
    e(OP_SWAP); e(OP_INC); jump(OP_JMP, 0);
    label(1); e(OP_POP); e(OP_HALT);
    resolve();
    r = run(code, 1);
    report("13!", r);
    check_u32("13! mod 2^32", (uint32_t)r, 1932053504u);

    puts("interp: gcd via call/ret");
    begin();
    push(1071); push(462); jump(OP_CALL, 2); e(OP_PRINT);
    push(2147483646); push(1073741823); jump(OP_CALL, 2); e(OP_PRINT);
    push(832040); push(514229); jump(OP_CALL, 2); e(OP_HALT);
    label(2);                              /* a b -> gcd */
    e(OP_DUP); jump(OP_JZ, 3);
    e(OP_SWAP); e(OP_OVER); e(OP_MOD); jump(OP_JMP, 2);
    label(3); e(OP_POP); e(OP_RET);
    resolve();
    r = run(code, 1);
    report("gcd(832040,514229)", r);

    puts("interp: sieve of Eratosthenes below 30000 in VM byte memory");
    begin();
    push(2);                               /* i */
    label(0);
    e(OP_DUP); e(OP_DUP); e(OP_MUL); push(30000); e(OP_LT); jump(OP_JZ, 4);
    e(OP_DUP); e(OP_LOADB); jump(OP_JNZ, 3);   /* composite? skip */
    e(OP_DUP); e(OP_DUP); e(OP_MUL);           /* i j=i*i */
    label(1);
    e(OP_DUP); push(30000); e(OP_LT); jump(OP_JZ, 2);
    push(1); e(OP_OVER); e(OP_STOREB);         /* mark j */
    e(OP_OVER); e(OP_ADD); jump(OP_JMP, 1);    /* j += i */
    label(2); e(OP_POP);
    label(3); e(OP_INC); jump(OP_JMP, 0);
    label(4); e(OP_POP);
    push(0); push(2);                           /* count k */
    label(5);
    e(OP_DUP); push(30000); e(OP_LT); jump(OP_JZ, 7);
    e(OP_DUP); e(OP_LOADB); jump(OP_JNZ, 6);
    e(OP_SWAP); e(OP_INC); e(OP_SWAP);
    label(6); e(OP_INC); jump(OP_JMP, 5);
    label(7); e(OP_POP); e(OP_HALT);
    resolve();
    memset(vm.bmem, 0, sizeof vm.bmem);
    r = run(code, 0);
    report("primes below 30000", r);
    check_u32("pi(30000)", (uint32_t)r, 3245);

    puts("interp: opcode histogram");
    {
        int k;
        for (k = 0; k < NOPS; k++)
            if (vm.opcount[k]) {
                printf("  %-7s %9lu\n", opnames[k], vm.opcount[k]);
                ck_u32((uint32_t)vm.opcount[k]);
            }
    }

    puts("native sieve below 2,000,001:");
    {
        uint32_t i, j, count = 0, twins = 0, last = 0, next_mark = 10;
        uint64_t sum = 0;
        memset(sieve, 0, sizeof sieve);
        sieve[0] = sieve[1] = 1;
        for (i = 2; i * i <= 2000000; i++)
            if (!sieve[i])
                for (j = i * i; j <= 2000000; j += i)
                    sieve[j] = 1;
        for (i = 2; i <= 2000000; i++) {
            if (!sieve[i]) {
                count++;
                sum += i;
                if (last && i - last == 2)
                    twins++;
                last = i;
            }
            if (i == next_mark) {
                printf("  pi(%7lu) = %6lu  twins %5lu  sum %llu\n", (unsigned long)i,
                       (unsigned long)count, (unsigned long)twins, (unsigned long long)sum);
                ck_u32(count);
                next_mark *= 10;
                if (next_mark > 2000000)
                    next_mark = 2000000;
            }
        }
        printf("  largest prime %lu\n", (unsigned long)last);
        check_u32("pi(10^6)", ({ uint32_t c = 0; for (i = 2; i <= 1000000; i++) c += !sieve[i]; c; }), 78498);
        check_u64("sum of primes < 2e6", sum, 142913828922ull);
    }

    print_summary("interp");
    return g_fail ? 1 : 17;
}
