/*
 * signals-x87: the interrupted code's x87 state survives a signal handler.
 * The kernel saves the FPU in the signal frame (arch/x86/kernel/fpu/signal.c
 * copy_fpstate_to_sigframe(): the FXSAVE/XSAVE image, and for a 32-bit task
 * the legacy FSAVE header derived from it), gives the handler a fresh FPU
 * (control word 0x37f, every register empty) and sigreturn restores the
 * saved image: the x87 registers, the control word (rounding mode) and the
 * stack top are the interrupted code's again. QEMU ran FSAVE (which, like
 * FNSAVE, re-initialises the FPU) before storing the FXSAVE/XSAVE image that
 * sigreturn restores from, so every signal wiped the x87 stack: a 32-bit
 * program doing floating point while a timer fires computed zeros. Both
 * frame kinds: rt (SA_SIGINFO) and the old sigreturn frame.
 * arches: i386
 */
#include "check.h"
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>

#ifndef __i386__
int main(void)
{
    guest_skip("i386 only");
}
#else

static volatile unsigned short h_cw;
static volatile unsigned int h_tag, h_top;
static volatile int h_count;
static volatile double sink;
/* what the rt handler found in its frame's FPU state */
static volatile unsigned int f_magic, f_cw, f_fxcw;
static unsigned char f_st0[10], f_fxst0[10];

static void in_handler(void)
{
    unsigned int env[7];
    unsigned short cw, mycw = 0x0c7f;
    volatile double x = 7.0;

    __asm__ volatile("fnstcw %0" : "=m"(cw));
    __asm__ volatile("fnstenv %0" : "=m"(env));
    h_cw = cw;
    h_tag = env[2] & 0xffff;
    h_top = (env[1] >> 11) & 7;
    h_count++;
    /* The handler uses the FPU itself: other values, another rounding. */
    __asm__ volatile("fldcw %0" : : "m"(mycw));
    x = x * x + 1.0 / 3.0;
    sink = x;
    __asm__ volatile("fldz\n\tfld1\n\tfaddp\n\tfstp %%st(0)" : : : "st", "st(1)");
}

static void on_sig(int sig)
{
    (void)sig;
    in_handler();
}

/*
 * The frame's FPU state (arch/x86/include/uapi/asm/sigcontext.h struct
 * _fpstate_32): the legacy FSAVE header (cw, sw, tag, ..., _st[8], then
 * status and magic: 0 = "FXSR FPU data" follows, X86_FXSR_MAGIC, which an
 * x86-64 kernel always writes), then the FXSAVE image at offset 112 (fcw
 * at 0, st0 at 32).
 */
static void on_sig_info(int sig, siginfo_t *si, void *uc)
{
    struct _libc_fpstate *fp = ((ucontext_t *)uc)->uc_mcontext.fpregs;
    const unsigned char *fx = (const unsigned char *)fp + 112;
    uint16_t fxcw;

    (void)sig;
    (void)si;
    f_magic = fp->status >> 16;
    f_cw = fp->cw & 0xffff;
    memcpy(f_st0, &fp->_st[0], 10);
    memcpy(&fxcw, fx, 2);
    f_fxcw = fxcw;
    memcpy(f_fxst0, fx + 32, 10);
    in_handler();
}

struct x87_out {
    double o1, o3;
    long double o2;
    unsigned short cw;
    unsigned int top;
};

/*
 * Load three values and a control word, make a kill(getpid(), sig) system
 * call with them on the x87 stack (the signal is delivered on its return),
 * then store them back.
 */
static void run(int sig, struct x87_out *out)
{
    static const double a = 1.25, c = -3.0e-5;
    unsigned short cw = 0x0f7f;     /* round toward zero, 64-bit mantissa */
    unsigned int env[7];
    int pid = getpid();
    long ret;

    memset(out, 0, sizeof(*out));
    __asm__ volatile(
        "fldcw %[cw]\n\t"
        "fldl %[a]\n\t"
        "fldpi\n\t"
        "fldl %[c]\n\t"
        "push %%ebx\n\t"
        "mov %%esi, %%ebx\n\t"
        "int $0x80\n\t"
        "pop %%ebx\n\t"
        "fstpl %[o3]\n\t"
        "fstpt %[o2]\n\t"
        "fstpl %[o1]\n\t"
        "fnstcw %[cwo]\n\t"
        : "=a"(ret), [o1] "=m"(out->o1), [o2] "=m"(out->o2),
          [o3] "=m"(out->o3), [cwo] "=m"(out->cw)
        : "a"(SYS_kill), "S"(pid), "c"(sig), [cw] "m"(cw), [a] "m"(a),
          [c] "m"(c)
        : "memory", "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)",
          "st(6)", "st(7)");
    __asm__ volatile("fnstenv %0" : "=m"(env));
    out->top = (env[1] >> 11) & 7;
    /* back to the default control word (fnstenv masked the exceptions) */
    unsigned short def = 0x037f;
    __asm__ volatile("fldcw %0" : : "m"(def));
    (void)ret;
}

static void one(const char *what, int flags)
{
    struct sigaction sa;
    struct x87_out ref, got;

    memset(&sa, 0, sizeof(sa));
    if (flags & SA_SIGINFO) {
        sa.sa_sigaction = on_sig_info;
    } else {
        sa.sa_handler = on_sig;
    }
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    CHECK(sigaction(SIGUSR1, &sa, NULL) == 0, "%s: sigaction", what);

    run(0, &ref);                   /* kill(pid, 0): no signal */
    h_count = 0;
    run(SIGUSR1, &got);
    CHECK(h_count == 1, "%s: the handler ran once (%d)", what, h_count);
    CHECK(h_cw == 0x37f && h_tag == 0xffff && h_top == 0,
          "%s: the handler gets a fresh FPU (cw %#x tag %#x top %u)", what,
          h_cw, h_tag, h_top);
    CHECK(ref.o1 == 1.25 && ref.o3 == -3.0e-5 && ref.cw == 0x0f7f,
          "%s: without a signal the values come back (%g %g cw %#x)", what,
          ref.o1, ref.o3, ref.cw);
    CHECK(got.o1 == ref.o1 && got.o3 == ref.o3 &&
          memcmp(&got.o2, &ref.o2, 10) == 0,
          "%s: the x87 registers survive the handler (%g %Lg %g, want %g %Lg %g)",
          what, got.o1, got.o2, got.o3, ref.o1, ref.o2, ref.o3);
    CHECK(got.cw == 0x0f7f, "%s: the control word survives it (%#x)", what,
          got.cw);
    CHECK(got.top == ref.top && got.top == 0,
          "%s: the stack is balanced after it (top %u)", what, got.top);
    if (flags & SA_SIGINFO) {
        long double want = -3.0e-5;

        CHECK(f_magic == 0, "%s: the frame says FXSR data follows (magic %#x)",
              what, f_magic);
        CHECK(f_cw == 0x0f7f && memcmp(f_st0, &want, 10) == 0,
              "%s: the frame's FSAVE header holds the interrupted state "
              "(cw %#x)", what, f_cw);
        CHECK(f_fxcw == 0x0f7f && memcmp(f_fxst0, &want, 10) == 0,
              "%s: the frame's FXSAVE image holds it too, not a reset FPU "
              "(fcw %#x)", what, f_fxcw);
    }
}

int main(void)
{
    one("rt frame (SA_SIGINFO)", SA_SIGINFO);
    one("sigreturn frame", 0);
    return guest_done();
}
#endif
