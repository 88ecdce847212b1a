/*
 * mips-unaligned-mm: misaligned loads and stores in microMIPS code, emulated
 * as the kernel's do_ade() does (emulate_load_store_microMIPS), for
 * tests/host/mips-unaligned-mm.sh. Built -mmicromips, so QEMU runs it on
 * its microMIPS CPU (M14Kc), which has no FPU: Debian's hard-float glibc
 * cannot start there (its __libc_start_main saves FPU registers), so this
 * program is freestanding: raw syscalls, no libc.
 *
 * No argument: each check prints "ok <what>" or "bad <what>"; exit 0.
 * "fixade": sysmips(MIPS_FIXADE, 0), then a misaligned lw: dies of SIGBUS.
 * "ll", "sc": a misaligned ll or sc: dies of SIGBUS.
 */
#define NR_exit_group 4246
#define NR_write 4004
#define NR_sysmips 4149

static long sys3(long nr, long a, long b, long c)
{
    register long v0 asm("$2") = nr;
    register long a0 asm("$4") = a;
    register long a1 asm("$5") = b;
    register long a2 asm("$6") = c;
    register long a3 asm("$7");

    asm volatile("syscall"
                 : "+r"(v0), "=r"(a3)
                 : "r"(a0), "r"(a1), "r"(a2)
                 : "memory", "$1", "$3", "$8", "$9", "$10", "$11", "$12",
                   "$13", "$14", "$15", "$24", "$25", "hi", "lo");
    return a3 ? -v0 : v0;
}

static unsigned long slen(const char *s)
{
    unsigned long n = 0;

    while (s[n]) {
        n++;
    }
    return n;
}

static void say(int ok, const char *what)
{
    const char *p = ok ? "ok " : "bad ";

    sys3(NR_write, 1, (long)p, slen(p));
    sys3(NR_write, 1, (long)what, slen(what));
    sys3(NR_write, 1, (long)"\n", 1);
}

static unsigned char buf[64] __attribute__((aligned(16)));

static void fill(void)
{
    for (int i = 0; i < 64; i++) {
        buf[i] = 0x11 + i * 7;
    }
}

/* A value from the bytes at p in the guest's order (no unaligned access). */
static unsigned get(const unsigned char *p, int n)
{
    unsigned v = 0;

    for (int i = 0; i < n; i++) {
#ifdef __MIPSEB__
        v = (v << 8) | p[i];
#else
        v |= (unsigned)p[i] << (8 * i);
#endif
    }
    return v;
}

/* Each byte but [off, off + n) as fill() left it, and those equal to v. */
static int stored(int off, int n, unsigned v)
{
    for (int i = 0; i < 64; i++) {
        if ((i < off || i >= off + n) && buf[i] != (unsigned char)(0x11 + i * 7)) {
            return 0;
        }
    }
    return get(buf + off, n) == (n == 4 ? v : (v & 0xffff));
}

/* The compiler's 16-bit forms (lw16, sw16, lhu16, sh16: base and data in
 * the 3-bit register set), of a pointer it takes for aligned. */
__attribute__((noipa)) static int lw16(volatile int *p)
{
    return *p;
}

__attribute__((noipa)) static void sw16(volatile int *p, int v)
{
    *p = v;
}

__attribute__((noipa)) static unsigned lhu16(volatile unsigned short *p)
{
    return *p;
}

__attribute__((noipa)) static void sh16(volatile short *p, int v)
{
    *p = v;
}

void cmain(long *sp)
{
    long argc = sp[0];
    char **argv = (char **)(sp + 1);
    unsigned char *b = buf;
    int v, w, t;
    unsigned u;

    fill();
    if (argc > 1 && argv[1][0] == 'f') {
        sys3(NR_sysmips, 7, 0, 0);
        v = lw16((volatile int *)(b + 1));
        sys3(NR_exit_group, 3, 0, 0);
    }
    if (argc > 1 && argv[1][0] == 'l') {
        asm volatile("ll %0, 0(%1)" : "=r"(v) : "r"(b + 2) : "memory");
        sys3(NR_exit_group, 3, 0, 0);
    }
    if (argc > 1 && argv[1][0] == 's') {
        v = 1;
        asm volatile("sc %0, 0(%1)" : "+r"(v) : "r"(b + 2) : "memory");
        sys3(NR_exit_group, 3, 0, 0);
    }

    say(lw16((volatile int *)(b + 1)) == (int)get(b + 1, 4), "lw16 at +1");
    say(lhu16((volatile unsigned short *)(b + 3)) == get(b + 3, 2), "lhu16 at +3");
    sw16((volatile int *)(b + 6), 0x8899aabb);
    say(stored(6, 4, 0x8899aabb), "sw16 at +6");
    fill();
    sh16((volatile short *)(b + 13), 0x1234c3d4);
    say(stored(13, 2, 0xc3d4), "sh16 at +13");

    /* 32-bit forms: an offset a 16-bit form cannot hold */
    fill();
    asm volatile("lw %0, 1(%1)" : "=r"(v) : "r"(b + 2) : "memory");
    say(v == (int)get(b + 3, 4), "lw32 at +2+1");
    asm volatile("lh %0, 1(%1)" : "=r"(v) : "r"(b + 8) : "memory");
    say(v == (short)get(b + 9, 2), "lh32 at +8+1");
    asm volatile("lhu %0, 1(%1)" : "=r"(u) : "r"(b + 10) : "memory");
    say(u == get(b + 11, 2), "lhu32 at +10+1");
    asm volatile("sw %0, 1(%1)" : : "r"(0x01020304), "r"(b + 20) : "memory");
    say(stored(21, 4, 0x01020304), "sw32 at +20+1");
    fill();
    asm volatile("sh %0, 1(%1)" : : "r"(0x0506), "r"(b + 30) : "memory");
    say(stored(31, 2, 0x0506), "sh32 at +30+1");

    /* lwxs: base + index * 4 */
    fill();
    asm volatile("lwxs %0, %2(%1)" : "=r"(v) : "r"(b + 1), "r"(3) : "memory");
    say(v == (int)get(b + 13, 4), "lwxs at +1+3*4");

    /* lwp/swp: two words into $8 and $9 */
    fill();
    asm volatile("lwp $8, 0(%2)\n\tmove %0, $8\n\tmove %1, $9"
                 : "=r"(v), "=r"(w) : "r"(b + 5) : "memory", "$8", "$9");
    say(v == (int)get(b + 5, 4) && w == (int)get(b + 9, 4), "lwp at +5");
    asm volatile("move $8, %0\n\tmove $9, %1\n\tswp $8, 0(%2)"
                 : : "r"(0x0a0b0c0d), "r"(0x1a1b1c1d), "r"(b + 37)
                 : "memory", "$8", "$9");
    say(get(b + 37, 4) == 0x0a0b0c0d && get(b + 41, 4) == 0x1a1b1c1d &&
        b[36] == (unsigned char)(0x11 + 36 * 7) &&
        b[45] == (unsigned char)(0x11 + 45 * 7), "swp at +37");

    /* lwsp16/swsp16: sp itself misaligned for one instruction */
    fill();
    asm volatile("move $10, $sp\n\tmove $sp, %1\n\tlw %0, 4($sp)\n\tmove $sp, $10"
                 : "=r"(v) : "r"(b + 2) : "memory", "$10");
    say(v == (int)get(b + 6, 4), "lwsp at +2+4");
    asm volatile("move $10, $sp\n\tmove $sp, %1\n\tsw %0, 8($sp)\n\tmove $sp, $10"
                 : : "r"(0x55667788), "r"(b + 47) : "memory", "$10");
    say(stored(55, 4, 0x55667788), "swsp at +47+8");

    /* delay slots: a 32-bit load after a taken beqz, a 16-bit one after b16,
     * a store after a beqz not taken */
    fill();
    asm volatile(".set push\n.set noreorder\n"
                 "li %1, 0\n"
                 "beqz $0, 1f\n"
                 "lw %0, 1(%2)\n"
                 "li %1, 10\n"
                 "1: addiu %1, %1, 1\n"
                 ".set pop\n"
                 : "=&r"(v), "=&r"(t) : "r"(b + 2) : "memory");
    say(v == (int)get(b + 3, 4) && t == 1, "lw32 in the delay slot of a taken beqz");
    {
        register int r2 asm("$2");
        register unsigned char *r4 asm("$4") = b + 7;

        asm volatile(".set push\n.set noreorder\n"
                     "li %1, 0\n"
                     "b16 1f\n"
                     "lw16 %0, 0(%2)\n"
                     "li %1, 10\n"
                     "1: addiu %1, %1, 1\n"
                     ".set pop\n"
                     : "=&r"(r2), "=&r"(t) : "r"(r4) : "memory");
        say(r2 == (int)get(b + 7, 4) && t == 1, "lw16 in the delay slot of b16");
    }
    asm volatile(".set push\n.set noreorder\n"
                 "li %0, 0\n"
                 "bnez %3, 1f\n"
                 "sw %2, 1(%1)\n"
                 "li %0, 10\n"
                 "1: addiu %0, %0, 1\n"
                 ".set pop\n"
                 : "=&r"(t) : "r"(b + 16), "r"(0x31415926), "r"(0) : "memory");
    say(stored(17, 4, 0x31415926) && t == 11, "sw32 in the delay slot of a bnez not taken");
    sys3(NR_exit_group, 0, 0, 0);
}

/* The entry point: argc at the stack pointer. */
asm(".text\n"
    ".globl __start\n"
    ".ent __start\n"
    "__start:\n"
    "move $4, $sp\n"
    "addiu $sp, $sp, -32\n"
    "jal cmain\n"
    "nop\n"
    ".end __start\n");
