/*
 * arm-align-fixup: ARM load/store multiple and doubleword at an address that
 * is not word aligned, as the kernel handles them for a user task: an ARMv6+
 * CPU raises an alignment fault for LDM, STM, LDRD and STRD (the single
 * loads and stores are done unaligned by the CPU), and the kernel completes
 * the access for the task (arch/arm/mm/alignment.c do_alignment(), user
 * mode UM_FIXUP, forced on for ARMv6+ by safe_usermode(); an arm64 kernel
 * does the same for 32-bit tasks, arch/arm64/kernel/compat_alignment.c). An
 * access the emulation cannot make (address 1) is SIGSEGV at the address
 * (do_bad_area()), not SIGBUS. LDREX/STREX are not fixed up: SIGBUS.
 * QEMU 7.2 sent SIGBUS BUS_ADRALN for all of them (LTP sigtimedwait01:
 * glibc's sigtimedwait() reads a timespec with LDRD, at (void *)1).
 * ARM mode and Thumb-2 are both checked.
 * arches: arm
 */
#include "check.h"
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>

#ifndef __arm__
int main(void)
{
    guest_skip("ARM only");
}
#else

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static void *volatile got_addr;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = si->si_addr;
    siglongjmp(jb, 1);
}

#define ARM_FN __attribute__((target("arm"), noinline))
#define THUMB_FN __attribute__((target("thumb"), noinline))

#define DEFINE_OPS(mode, ATTR)                                              \
static ATTR void ldrd_##mode(const void *p, uint32_t *lo, uint32_t *hi)     \
{                                                                           \
    uint32_t a, b;                                                          \
    asm volatile("ldrd r2, r3, [%2]\n\tmov %0, r2\n\tmov %1, r3"            \
                 : "=r"(a), "=r"(b) : "r"(p) : "r2", "r3", "memory");       \
    *lo = a; *hi = b;                                                       \
}                                                                           \
static ATTR void strd_##mode(void *p, uint32_t lo, uint32_t hi)             \
{                                                                           \
    asm volatile("mov r2, %1\n\tmov r3, %2\n\tstrd r2, r3, [%0]"            \
                 : : "r"(p), "r"(lo), "r"(hi) : "r2", "r3", "memory");      \
}                                                                           \
static ATTR void ldm_##mode(const void *p, uint32_t *w)                     \
{                                                                           \
    uint32_t a, b, c;                                                       \
    asm volatile("ldmia %3, {r2, r3, r12}\n\tmov %0, r2\n\tmov %1, r3\n\t"  \
                 "mov %2, r12"                                              \
                 : "=r"(a), "=r"(b), "=r"(c) : "r"(p)                       \
                 : "r2", "r3", "r12", "memory");                            \
    w[0] = a; w[1] = b; w[2] = c;                                           \
}                                                                           \
static ATTR void stm_##mode(void *p, const uint32_t *w)                     \
{                                                                           \
    asm volatile("mov r2, %1\n\tmov r3, %2\n\tmov r12, %3\n\t"              \
                 "stmia %0, {r2, r3, r12}"                                  \
                 : : "r"(p), "r"(w[0]), "r"(w[1]), "r"(w[2])                \
                 : "r2", "r3", "r12", "memory");                            \
}

DEFINE_OPS(arm, ARM_FN)
DEFINE_OPS(thumb, THUMB_FN)

static ARM_FN uint32_t ldrex_arm(const void *p)
{
    uint32_t v;
    asm volatile("ldrex %0, [%1]\n\tclrex" : "=r"(v) : "r"(p) : "memory");
    return v;
}

static void check_mode(const char *mode,
                       void (*ldrd)(const void *, uint32_t *, uint32_t *),
                       void (*strd)(void *, uint32_t, uint32_t),
                       void (*ldm)(const void *, uint32_t *),
                       void (*stm)(void *, const uint32_t *))
{
    static unsigned char buf[64] __attribute__((aligned(8)));
    uint32_t lo = 0, hi = 0, w[3] = { 0 }, in[3] = { 0x11223344, 0x55667788, 0x99aabbcc };
    int off, i;

    for (off = 1; off < 4; off++) {
        for (i = 0; i < (int)sizeof(buf); i++) {
            buf[i] = i;
        }
        got_sig = 0;
        if (!sigsetjmp(jb, 1)) {
            ldrd(buf + off, &lo, &hi);
        }
        CHECK(!got_sig && lo == (uint32_t)((off + 3) << 24 | (off + 2) << 16 | (off + 1) << 8 | off) &&
              hi == (uint32_t)((off + 7) << 24 | (off + 6) << 16 | (off + 5) << 8 | (off + 4)),
              "%s: LDRD at offset %d loads both words (signal %d, %08x %08x)",
              mode, off, got_sig, lo, hi);

        got_sig = 0;
        if (!sigsetjmp(jb, 1)) {
            strd(buf + 16 + off, 0xa1a2a3a4, 0xb1b2b3b4);
        }
        CHECK(!got_sig && !memcmp(buf + 16 + off, "\xa4\xa3\xa2\xa1\xb4\xb3\xb2\xb1", 8) &&
              buf[16 + off - 1] == 16 + off - 1 && buf[16 + off + 8] == 16 + off + 8,
              "%s: STRD at offset %d stores both words (signal %d)", mode, off, got_sig);

        got_sig = 0;
        if (!sigsetjmp(jb, 1)) {
            ldm(buf + 32 + off, w);
        }
        CHECK(!got_sig && w[0] == (uint32_t)((32 + off + 3) << 24 | (32 + off + 2) << 16 |
                                             (32 + off + 1) << 8 | (32 + off)),
              "%s: LDM at offset %d loads (signal %d, %08x)", mode, off, got_sig, w[0]);

        got_sig = 0;
        if (!sigsetjmp(jb, 1)) {
            stm(buf + 48 + off, in);
        }
        CHECK(!got_sig && !memcmp(buf + 48 + off, in, 12),
              "%s: STM at offset %d stores (signal %d)", mode, off, got_sig);
    }

    /* the emulated access faults: SIGSEGV at the address (sigtimedwait01) */
    got_sig = 0;
    if (!sigsetjmp(jb, 1)) {
        ldrd((const void *)1, &lo, &hi);
    }
    CHECK(got_sig == SIGSEGV && got_code == SEGV_MAPERR && got_addr == (void *)1,
          "%s: LDRD at address 1: SIGSEGV SEGV_MAPERR at 1 (signal %d code %d addr %p)",
          mode, got_sig, got_code, got_addr);
    got_sig = 0;
    if (!sigsetjmp(jb, 1)) {
        ldm((const void *)1, w);
    }
    CHECK(got_sig == SIGSEGV, "%s: LDM at address 1: SIGSEGV (signal %d)", mode, got_sig);
}

int main(void)
{
    static unsigned char buf[16] __attribute__((aligned(8)));
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_sig;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

    check_mode("ARM", ldrd_arm, strd_arm, ldm_arm, stm_arm);
    check_mode("Thumb-2", ldrd_thumb, strd_thumb, ldm_thumb, stm_thumb);

    /* exclusives are not fixed up: SIGBUS BUS_ADRALN */
    got_sig = 0;
    if (!sigsetjmp(jb, 1)) {
        ldrex_arm(buf + 1);
    }
    CHECK(got_sig == SIGBUS && got_code == BUS_ADRALN,
          "LDREX at offset 1: SIGBUS BUS_ADRALN (signal %d code %d)", got_sig, got_code);
    return guest_done();
}
#endif
