/*
 * cpu-mips-unaligned: misaligned loads and stores as a MIPS kernel handles them
 * for a user task (arch/mips/kernel/unaligned.c do_ade()): lh, lhu, lw, sh,
 * sw and the FPU's lwc1, ldc1, swc1, sdc1 are emulated (by default; Debian's
 * mipsel OpenJDK Zero VM relies on it), also in a branch delay slot and in
 * MIPS16e code; ll and sc, and every access once the thread called
 * sysmips(MIPS_FIXADE, 0), get SIGBUS; an access the task may not make gets
 * SIGSEGV. The kernel's signals there are force_sig(): si_code SI_KERNEL,
 * the pc at the instruction (at the branch, for one in a delay slot); the
 * FPU forms report SIGSEGV SEGV_MAPERR/SEGV_ACCERR at the address. QEMU
 * 7.2 sent SIGBUS BUS_ADRALN for every one of them and let ll/sc through.
 * arches: mips mipsel
 */
#include "check.h"
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>

#ifndef __mips__
int main(void)
{
    guest_skip("MIPS only");
}
#else

#define MIPS_FIXADE 7       /* arch/mips/include/asm/sysmips.h */

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static void *volatile got_addr;
static volatile uint32_t got_insn, got_next;

static void on_sig(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    const uint32_t *pc = (const uint32_t *)(uintptr_t)uc->uc_mcontext.pc;

    got_sig = sig;
    got_code = si->si_code;
    got_addr = si->si_addr;
    got_insn = pc[0];
    got_next = pc[1];
    siglongjmp(jb, 1);
}

/* Run stmt; true when no signal came (else got_* say which). */
#define TRY(stmt) ({ got_sig = 0; if (sigsetjmp(jb, 1) == 0) { stmt; } got_sig == 0; })

static unsigned char buf[64] __attribute__((aligned(16)));
static unsigned char ref[64];

static void fill(void)
{
    for (int i = 0; i < 64; i++) {
        buf[i] = ref[i] = 0x11 + i * 7;
    }
}

static int32_t do_lw(const void *p)
{
    int32_t v;
    asm volatile("lw %0, 0(%1)" : "=r"(v) : "r"(p) : "memory");
    return v;
}

static int32_t do_lh(const void *p)
{
    int32_t v;
    asm volatile("lh %0, 0(%1)" : "=r"(v) : "r"(p) : "memory");
    return v;
}

static uint32_t do_lhu(const void *p)
{
    uint32_t v;
    asm volatile("lhu %0, 0(%1)" : "=r"(v) : "r"(p) : "memory");
    return v;
}

static void do_sw(void *p, int32_t v)
{
    asm volatile("sw %1, 0(%0)" : : "r"(p), "r"(v) : "memory");
}

static void do_sh(void *p, int32_t v)
{
    asm volatile("sh %1, 0(%0)" : : "r"(p), "r"(v) : "memory");
}

static float do_lwc1(const void *p)
{
    float f;
    asm volatile("lwc1 %0, 0(%1)" : "=f"(f) : "r"(p) : "memory");
    return f;
}

static double do_ldc1(const void *p)
{
    double d;
    asm volatile("ldc1 %0, 0(%1)" : "=f"(d) : "r"(p) : "memory");
    return d;
}

static void do_swc1(void *p, float f)
{
    asm volatile("swc1 %1, 0(%0)" : : "r"(p), "f"(f) : "memory");
}

static void do_sdc1(void *p, double d)
{
    asm volatile("sdc1 %1, 0(%0)" : : "r"(p), "f"(d) : "memory");
}

/* The indexed FPU forms (COP1X; gcc -O2 emits them for a[i]). */
static double do_ldxc1(const void *base, long idx)
{
    double d;
    asm volatile("ldxc1 %0, %2(%1)" : "=f"(d) : "r"(base), "r"(idx) : "memory");
    return d;
}

static float do_lwxc1(const void *base, long idx)
{
    float f;
    asm volatile("lwxc1 %0, %2(%1)" : "=f"(f) : "r"(base), "r"(idx) : "memory");
    return f;
}

static void do_sdxc1(void *base, long idx, double d)
{
    asm volatile("sdxc1 %2, %1(%0)" : : "r"(base), "r"(idx), "f"(d) : "memory");
}

static void do_swxc1(void *base, long idx, float f)
{
    asm volatile("swxc1 %2, %1(%0)" : : "r"(base), "r"(idx), "f"(f) : "memory");
}

/* The DSP ASE's indexed loads (74Kf: the CPU QEMU picks for a program with
 * MIPS16e code, as this one). */
static int32_t do_lwx(const void *base, long idx)
{
    int32_t v;
    asm volatile(".set push\n.set dsp\nlwx %0, %2(%1)\n.set pop"
                 : "=r"(v) : "r"(base), "r"(idx) : "memory");
    return v;
}

static int32_t do_lhx(const void *base, long idx)
{
    int32_t v;
    asm volatile(".set push\n.set dsp\nlhx %0, %2(%1)\n.set pop"
                 : "=r"(v) : "r"(base), "r"(idx) : "memory");
    return v;
}

static int32_t do_ll(const void *p)
{
    int32_t v;
    asm volatile("ll %0, 0(%1)" : "=r"(v) : "r"(p) : "memory");
    return v;
}

static int32_t do_sc(void *p, int32_t v)
{
    asm volatile("sc %0, 0(%1)" : "+r"(v) : "r"(p) : "memory");
    return v;
}

/* Delay slots (noreorder): t says which way the branch went. */
static int32_t ds_beq_lw(const void *p, int *t)
{
    int32_t v;
    int w;
    asm volatile(".set push\n.set noreorder\n"
                 "li %1, 0\n"
                 "beq $zero, $zero, 1f\n"
                 "lw %0, 0(%2)\n"
                 "li %1, 10\n"
                 "1: addiu %1, %1, 1\n"
                 ".set pop\n"
                 : "=&r"(v), "=&r"(w) : "r"(p) : "memory");
    *t = w;         /* 1: taken */
    return v;
}

static void ds_bnez_sh(void *p, int32_t v, int cond, int *t)
{
    int w;
    asm volatile(".set push\n.set noreorder\n"
                 "li %0, 0\n"
                 "bnez %3, 1f\n"
                 "sh %2, 0(%1)\n"
                 "li %0, 10\n"
                 "1: addiu %0, %0, 1\n"
                 ".set pop\n"
                 : "=&r"(w) : "r"(p), "r"(v), "r"(cond) : "memory");
    *t = w;         /* 1: taken, 11: not taken */
}

static double ds_beql_ldc1(const void *p, int *t)
{
    double d;
    int w;
    asm volatile(".set push\n.set noreorder\n"
                 "li %1, 0\n"
                 "beql $zero, $zero, 1f\n"
                 "ldc1 %0, 0(%2)\n"
                 "li %1, 10\n"
                 "1: addiu %1, %1, 1\n"
                 ".set pop\n"
                 : "=&f"(d), "=&r"(w) : "r"(p) : "memory");
    *t = w;
    return d;
}

/* bal to 1, whose jr $ra (delay slot: the load) comes back to 0. */
static int32_t ds_jr_lw(const void *p, int *t)
{
    int32_t v;
    int w;
    asm volatile(".set push\n.set noreorder\n"
                 "li %1, 0\n"
                 "bal 1f\n"
                 "nop\n"
                 "0: b 2f\n"
                 "addiu %1, %1, 7\n"
                 "1: jr $ra\n"
                 "lw %0, 0(%2)\n"
                 "li %1, 99\n"
                 "2:\n"
                 ".set pop\n"
                 : "=&r"(v), "=&r"(w) : "r"(p) : "memory", "$31");
    *t = w;         /* 7: back at 0 */
    return v;
}

/* MIPS16e code: the compiler's lw/lh/lhu/sw/sh of a pointer it thinks is
 * aligned. */
__attribute__((mips16, noipa)) static int m16_lw(volatile int *p)
{
    return *p;
}

__attribute__((mips16, noipa)) static int m16_lh(volatile short *p)
{
    return *p;
}

__attribute__((mips16, noipa)) static unsigned m16_lhu(volatile unsigned short *p)
{
    return *p;
}

__attribute__((mips16, noipa)) static void m16_sw(volatile int *p, int v)
{
    *p = v;
}

__attribute__((mips16, noipa)) static void m16_sh(volatile short *p, int v)
{
    *p = v;
}

static const char *sig_name(void)
{
    static char s[64];
    snprintf(s, sizeof(s), "signal %d code %d addr %p", got_sig, got_code, got_addr);
    return got_sig ? s : "no signal";
}

static void test_int(void)
{
    for (int off = 1; off < 4; off++) {
        int32_t e32, v = 0;
        int16_t e16;
        uint16_t eu16;
        int32_t h = 0;
        uint32_t hu = 0;

        fill();
        memcpy(&e32, buf + off, 4);
        CHECK(TRY(v = do_lw(buf + off)) && v == e32,
              "lw at +%d: 0x%08x (%s)", off, (unsigned)v, sig_name());
        memcpy(&e16, buf + off, 2);
        memcpy(&eu16, buf + off, 2);
        if (off & 1) {
            CHECK(TRY(h = do_lh(buf + off)) && h == e16,
                  "lh at +%d: %d, sign-extended (%s)", off, h, sig_name());
            CHECK(TRY(hu = do_lhu(buf + off)) && hu == eu16,
                  "lhu at +%d: %u, zero-extended (%s)", off, hu, sig_name());
        }

        int32_t s = 0x8899aabb;
        memcpy(ref + off, &s, 4);
        CHECK(TRY(do_sw(buf + off, s)) && memcmp(buf, ref, 64) == 0,
              "sw at +%d: the 4 bytes written, neighbours untouched (%s)", off, sig_name());
        if (off & 1) {
            int16_t s16 = (int16_t)0xc3d4;
            fill();
            memcpy(ref + 8 + off, &s16, 2);
            CHECK(TRY(do_sh(buf + 8 + off, 0x1234c3d4)) && memcmp(buf, ref, 64) == 0,
                  "sh at +%d: the low 2 bytes written, neighbours untouched (%s)",
                  8 + off, sig_name());
        }
    }
    /* a negative halfword: sign extension */
    fill();
    buf[9] = 0x80; buf[10] = 0x80;
    int32_t h = 0;
    CHECK(TRY(h = do_lh(buf + 9)) && h == (int16_t)0x8080 && h < 0,
          "lh of 0x8080 at +9: %d (%s)", h, sig_name());
}

static void test_fpu(void)
{
    static const int offs[] = { 1, 2, 4, 6 };
    for (unsigned i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
        int off = offs[i];
        float f = 0, ef;
        double d = 0, ed;

        fill();
        memcpy(&ef, buf + off, 4);
        memcpy(&ed, buf + off, 8);
        if (off & 3) {
            CHECK(TRY(f = do_lwc1(buf + off)) && memcmp(&f, &ef, 4) == 0,
                  "lwc1 at +%d (%s)", off, sig_name());
        }
        CHECK(TRY(d = do_ldc1(buf + off)) && memcmp(&d, &ed, 8) == 0,
              "ldc1 at +%d (%s)", off, sig_name());

        double sd = -1234.5678e100;
        float sf = 3.25f;
        memcpy(ref + off, &sd, 8);
        CHECK(TRY(do_sdc1(buf + off, sd)) && memcmp(buf, ref, 64) == 0,
              "sdc1 at +%d: 8 bytes written, neighbours untouched (%s)", off, sig_name());
        if (off & 3) {
            fill();
            memcpy(ref + 20 + off, &sf, 4);
            CHECK(TRY(do_swc1(buf + 20 + off, sf)) && memcmp(buf, ref, 64) == 0,
                  "swc1 at +%d: 4 bytes written, neighbours untouched (%s)",
                  20 + off, sig_name());
        }
    }
    /* the indexed forms */
    double d = 0, ed, sd = 6.02214076e23;
    float f = 0, ef, sf = -0.15625f;
    fill();
    memcpy(&ed, buf + 13, 8);
    memcpy(&ef, buf + 7, 4);
    CHECK(TRY(d = do_ldxc1(buf + 8, 5)) && memcmp(&d, &ed, 8) == 0,
          "ldxc1 at +8+5 (%s)", sig_name());
    CHECK(TRY(d = do_ldxc1(buf + 10, 2)) && memcpy(&ed, buf + 12, 8) &&
          memcmp(&d, &ed, 8) == 0, "ldxc1 at +10+2, 4-byte aligned (%s)", sig_name());
    CHECK(TRY(f = do_lwxc1(buf + 4, 3)) && memcmp(&f, &ef, 4) == 0,
          "lwxc1 at +4+3 (%s)", sig_name());
    memcpy(ref + 25, &sd, 8);
    CHECK(TRY(do_sdxc1(buf + 20, 5, sd)) && memcmp(buf, ref, 64) == 0,
          "sdxc1 at +20+5, neighbours untouched (%s)", sig_name());
    memcpy(ref + 41, &sf, 4);
    CHECK(TRY(do_swxc1(buf + 40, 1, sf)) && memcmp(buf, ref, 64) == 0,
          "swxc1 at +40+1, neighbours untouched (%s)", sig_name());

    /* a value that survives a round trip through the FPU and arithmetic */
    double x = 1.0 / 3.0, y = 0;
    fill();
    memcpy(buf + 12, &x, 8);
    CHECK(TRY(y = do_ldc1(buf + 12) * 3.0) && y == x * 3.0,
          "ldc1 of 1/3 at +12 (4-byte aligned), times 3: %g (%s)", y, sig_name());
}

static void test_delay_slots(void)
{
    int t = -1;
    int32_t v = 0, e;

    fill();
    memcpy(&e, buf + 5, 4);
    CHECK(TRY(v = ds_beq_lw(buf + 5, &t)) && v == e && t == 1,
          "lw in the delay slot of a taken beq: loaded, branch taken (t=%d, %s)", t, sig_name());

    int16_t s16 = 0x5a6b;
    fill();
    memcpy(ref + 3, &s16, 2);
    t = -1;
    CHECK(TRY(ds_bnez_sh(buf + 3, s16, 1, &t)) && t == 1 && memcmp(buf, ref, 64) == 0,
          "sh in the delay slot of a taken bnez (t=%d, %s)", t, sig_name());
    fill();
    memcpy(ref + 7, &s16, 2);
    t = -1;
    CHECK(TRY(ds_bnez_sh(buf + 7, s16, 0, &t)) && t == 11 && memcmp(buf, ref, 64) == 0,
          "sh in the delay slot of a bnez not taken: falls through (t=%d, %s)", t, sig_name());

    double d = 0, ed;
    fill();
    memcpy(&ed, buf + 20, 8);
    t = -1;
    CHECK(TRY(d = ds_beql_ldc1(buf + 20, &t)) && memcmp(&d, &ed, 8) == 0 && t == 1,
          "ldc1 in the delay slot of a taken beql (t=%d, %s)", t, sig_name());

    fill();
    memcpy(&e, buf + 30, 4);
    t = -1;
    CHECK(TRY(v = ds_jr_lw(buf + 30, &t)) && v == e && t == 7,
          "lw in the delay slot of jr $ra: loaded, jumped to ra (t=%d, %s)", t, sig_name());
}

static void test_dsp(void)
{
    int32_t v = 0, e;
    int16_t e16;

    fill();
    if (!TRY(v = do_lwx(buf, 4)) && got_sig == SIGILL) {
        SKIP("DSP lwx/lhx: no DSP ASE on this CPU (SIGILL)");
        return;
    }
    memcpy(&e, buf + 9, 4);
    CHECK(TRY(v = do_lwx(buf + 8, 1)) && v == e, "DSP lwx at +8+1 (%s)", sig_name());
    memcpy(&e16, buf + 15, 2);
    buf[16] |= 0x80;
    memcpy(&e16, buf + 15, 2);
    CHECK(TRY(v = do_lhx(buf + 12, 3)) && v == e16, "DSP lhx at +12+3 (%s)", sig_name());
}

static void test_mips16(void)
{
    int32_t v = 0, e;
    int16_t e16;
    uint16_t eu16;

    fill();
    memcpy(&e, buf + 3, 4);
    CHECK(TRY(v = m16_lw((volatile int *)(buf + 3))) && v == e,
          "MIPS16e lw at +3 (%s)", sig_name());
    memcpy(&e16, buf + 5, 2);
    CHECK(TRY(v = m16_lh((volatile short *)(buf + 5))) && v == e16,
          "MIPS16e lh at +5 (%s)", sig_name());
    memcpy(&eu16, buf + 7, 2);
    CHECK(TRY(v = m16_lhu((volatile unsigned short *)(buf + 7))) && (uint32_t)v == eu16,
          "MIPS16e lhu at +7 (%s)", sig_name());
    int32_t s = 0x31415926;
    memcpy(ref + 10, &s, 4);
    CHECK(TRY(m16_sw((volatile int *)(buf + 10), s)) && memcmp(buf, ref, 64) == 0,
          "MIPS16e sw at +10 (%s)", sig_name());
    int16_t s16 = (int16_t)0xfedc;
    memcpy(ref + 17, &s16, 2);
    CHECK(TRY(m16_sh((volatile short *)(buf + 17), s16)) && memcmp(buf, ref, 64) == 0,
          "MIPS16e sh at +17 (%s)", sig_name());
}

/* The signal's instruction: the one at the pc (op: its major opcode). */
static int insn_op(uint32_t insn)
{
    return insn >> 26;
}

static void test_llsc(void)
{
    int32_t v = 0;

    fill();
    CHECK(!TRY(v = do_ll(buf + 1)) && got_sig == SIGBUS && got_code == SI_KERNEL &&
          insn_op(got_insn) == 0x30,
          "ll at +1: SIGBUS SI_KERNEL at the ll (%s, insn 0x%08x)", sig_name(), got_insn);
    CHECK(!TRY(v = do_sc(buf + 2, 77)) && got_sig == SIGBUS && got_code == SI_KERNEL &&
          insn_op(got_insn) == 0x38 && memcmp(buf, ref, 64) == 0,
          "sc at +2: SIGBUS SI_KERNEL at the sc, nothing written (%s)", sig_name());
    CHECK(!TRY(v = do_ll(buf + 4); v = do_sc(buf + 6, 1)) && got_sig == SIGBUS &&
          insn_op(got_insn) == 0x38 && memcmp(buf, ref, 64) == 0,
          "sc at +6 after ll at +4: SIGBUS (%s)", sig_name());
    int32_t w = 0;
    CHECK(TRY(w = do_ll(buf + 8); v = do_sc(buf + 8, w + 1)) && v == 1,
          "aligned ll/sc still work (sc=%d, %s)", v, sig_name());
}

static void test_faults(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    char *p = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int32_t v = 0;
    double d = 0;

    CHECK(p != MAP_FAILED && munmap(p + pg, pg) == 0, "a page with an unmapped page after it");
    memset(p, 0x42, pg);
    char *end = p + pg;

    CHECK(!TRY(v = do_lw(end - 2)) && got_sig == SIGSEGV && got_code == SI_KERNEL &&
          insn_op(got_insn) == 0x23,
          "lw across into an unmapped page: SIGSEGV SI_KERNEL at the lw (%s)", sig_name());
    CHECK(!TRY(v = do_lw(end + 1)) && got_sig == SIGSEGV && got_code == SI_KERNEL,
          "lw in an unmapped page: SIGSEGV SI_KERNEL (%s)", sig_name());
    /* (what it wrote before the fault is not said: the kernel's swl/swr
     * pair writes the first page's part first on big-endian) */
    CHECK(!TRY(do_sw(end - 1, 0)) && got_sig == SIGSEGV && got_code == SI_KERNEL,
          "sw across into an unmapped page: SIGSEGV SI_KERNEL (%s)", sig_name());
    CHECK(!TRY(d = do_ldc1(end - 4)) && got_sig == SIGSEGV && got_code == SEGV_ACCERR &&
          got_addr == end - 4,
          "ldc1 across into an unmapped page: SIGSEGV SEGV_ACCERR at its address (%s)",
          sig_name());
    CHECK(!TRY(d = do_ldc1(end + 4)) && got_sig == SIGSEGV && got_code == SEGV_MAPERR &&
          got_addr == end + 4,
          "ldc1 in an unmapped page: SIGSEGV SEGV_MAPERR at its address (%s)", sig_name());

    CHECK(mprotect(p, pg, PROT_READ) == 0, "the page made read-only");
    CHECK(!TRY(do_sw(p + 9, 0)) && got_sig == SIGSEGV && got_code == SI_KERNEL &&
          p[9] == 0x42 && p[12] == 0x42,
          "sw on a read-only page: SIGSEGV SI_KERNEL, nothing written (%s)", sig_name());
    CHECK(!TRY(do_sdc1(p + 4, 1.0)) && got_sig == SIGSEGV && got_code == SEGV_ACCERR &&
          got_addr == p + 4,
          "sdc1 on a read-only page: SIGSEGV SEGV_ACCERR (%s)", sig_name());
    CHECK(TRY(v = do_lw(p + 5)) && v == 0x42424242,
          "lw from a read-only page is emulated (%s)", sig_name());
    munmap(p, pg);

    /* A page of a file truncated under its mapping: the emulation's own
     * access faults on the host; the kernel's fixup gives SIGSEGV. */
    char path[] = "/tmp/qc-unaligned-XXXXXX";
    int fd = mkstemp(path);
    char *m = MAP_FAILED;
    if (fd >= 0 && ftruncate(fd, pg) == 0) {
        m = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    }
    CHECK(m != MAP_FAILED && ftruncate(fd, 0) == 0, "a file mapping truncated to nothing");
    if (m != MAP_FAILED) {
        CHECK(!TRY(v = do_lw(m + 1)) && got_sig == SIGSEGV && got_code == SI_KERNEL,
              "lw at +1 of it: SIGSEGV SI_KERNEL (%s)", sig_name());
        CHECK(!TRY(do_sh(m + 3, 1)) && got_sig == SIGSEGV && got_code == SI_KERNEL,
              "sh at +3 of it: SIGSEGV SI_KERNEL (%s)", sig_name());
        CHECK(!TRY(d = do_ldc1(m + 4)) && got_sig == SIGSEGV && got_code == SEGV_ACCERR &&
              got_addr == m + 4,
              "ldc1 at +4 of it: SIGSEGV SEGV_ACCERR at its address (%s)", sig_name());
        munmap(m, pg);
    }
    if (fd >= 0) {
        close(fd);
        unlink(path);
    }

    /* access_ok(): the kernel's half of the address space */
    CHECK(!TRY(v = do_lw((void *)0x80000001)) && got_sig == SIGBUS && got_code == SI_KERNEL,
          "lw at 0x80000001: SIGBUS SI_KERNEL (%s)", sig_name());
    CHECK(!TRY(d = do_ldc1((void *)0x80000004)) && got_sig == SIGBUS &&
          got_code == BUS_ADRERR && got_addr == (void *)0x80000004,
          "ldc1 at 0x80000004: SIGBUS BUS_ADRERR at its address (%s)", sig_name());
    (void)v; (void)d;
}

static void *thread_lw(void *arg)
{
    (void)arg;
    return (void *)(intptr_t)(TRY(do_lw(buf + 1)) ? 0 : got_sig);
}

static void test_fixade(void)
{
    int32_t v = 0, e;
    int t = -1;

    fill();
    CHECK(syscall(__NR_sysmips, MIPS_FIXADE, 0, 0) == 0, "sysmips(MIPS_FIXADE, 0)");
    CHECK(!TRY(v = do_lw(buf + 1)) && got_sig == SIGBUS && got_code == SI_KERNEL &&
          insn_op(got_insn) == 0x23,
          "MIPS_FIXADE off: lw at +1 gets SIGBUS SI_KERNEL at the lw (%s, insn 0x%08x)",
          sig_name(), got_insn);
    CHECK(!TRY(do_sdc1(buf + 4, 2.0)) && got_sig == SIGBUS && got_code == SI_KERNEL &&
          memcmp(buf, ref, 64) == 0,
          "MIPS_FIXADE off: sdc1 at +4 gets SIGBUS, nothing written (%s)", sig_name());
    CHECK(!TRY(v = ds_beq_lw(buf + 2, &t)) && got_sig == SIGBUS &&
          got_insn == 0x10000002 && insn_op(got_next) == 0x23,
          "MIPS_FIXADE off: lw in a delay slot: the pc is the branch's "
          "(%s, insn 0x%08x 0x%08x)", sig_name(), got_insn, got_next);

    pthread_t th;
    void *r = NULL;
    CHECK(pthread_create(&th, NULL, thread_lw, NULL) == 0 && pthread_join(th, &r) == 0 &&
          r == (void *)SIGBUS, "a thread created then inherits it: SIGBUS (%ld)", (long)(intptr_t)r);

    CHECK(syscall(__NR_sysmips, MIPS_FIXADE, 3, 0) == 0, "sysmips(MIPS_FIXADE, 3)");
    memcpy(&e, buf + 1, 4);
    CHECK(TRY(v = do_lw(buf + 1)) && v == e, "MIPS_FIXADE on again: lw at +1 emulated (%s)",
          sig_name());
    CHECK(syscall(__NR_sysmips, MIPS_FIXADE, 1, 0) == 0 &&
          pthread_create(&th, NULL, thread_lw, NULL) == 0 && pthread_join(th, &r) == 0 &&
          r == NULL, "and in a new thread (%ld)", (long)(intptr_t)r);
    CHECK_ERRNO(syscall(__NR_sysmips, MIPS_FIXADE, 4, 0), EINVAL, "MIPS_FIXADE 4: EINVAL");
}

static void test_misaligned_pc(void)
{
    void (*f)(void) = (void (*)(void))((uintptr_t)do_lw + 2);

    CHECK(!TRY(f()) && got_sig == SIGBUS && got_code == SI_KERNEL,
          "a jump to a misaligned pc: SIGBUS SI_KERNEL (%s)", sig_name());
}

int main(void)
{
    struct sigaction sa = { 0 };

    sa.sa_sigaction = on_sig;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);

    test_int();
    test_fpu();
    test_delay_slots();
    test_mips16();
    test_dsp();
    test_llsc();
    test_faults();
    test_fixade();
    test_misaligned_pc();
    return guest_done();
}
#endif
