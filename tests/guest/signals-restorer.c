/* signals-restorer: a handler installed by a raw rt_sigaction without
 * SA_RESTORER (the way LTP's rt_sigaction01 and other libc-less programs do
 * it) returns through the kernel's own trampoline: on i386 the vDSO's
 * __kernel_sigreturn / __kernel_rt_sigreturn (arch/x86/kernel/signal_32.c),
 * on ARM the sigpage. QEMU 7.2's i386 sigtramp page had its rt_sigreturn
 * stub 8 bytes past default_rt_sigreturn (a uint16_t pointer + 8), so every
 * SA_SIGINFO handler without a restorer returned into zeros: SIGSEGV.
 * Each case runs in a child; the parent checks it exited normally.
 */
#include "check.h"
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#if defined(__mips__)
/* arch/mips/include/uapi/asm/signal.h: flags first, no restorer */
struct k_sigaction {
    unsigned int flags;
    void *handler;
    unsigned long mask[128 / (8 * sizeof(long))];
};
#define K_MASK_BYTES 16
#else
/* include/linux/signal_types.h (i386, ARM): sa_restorer after sa_flags */
struct k_sigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    unsigned long mask[64 / (8 * sizeof(long))];
};
#define K_MASK_BYTES 8
#endif

static volatile int got_sig, info_ok;

static void on_plain(int sig)
{
    got_sig = sig;
}

static void on_info(int sig, siginfo_t *si, void *uc)
{
    got_sig = sig;
    info_ok = si && uc && si->si_signo == sig && si->si_code == SI_TKILL &&
              si->si_pid == getpid();
}

static void run_case(int sig, unsigned long flags)
{
    struct k_sigaction k = { 0 };
    volatile uint32_t live = 0x5a5aa5a5u;   /* must survive the handler */

    k.handler = (flags & SA_SIGINFO) ? (void *)on_info : (void *)on_plain;
    k.flags = flags;                        /* no SA_RESTORER, no restorer */
    if (syscall(SYS_rt_sigaction, sig, &k, NULL, K_MASK_BYTES) != 0) {
        _exit(4);
    }
    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), sig);
    if (got_sig != sig) {
        _exit(2);
    }
    if ((flags & SA_SIGINFO) && !info_ok) {
        _exit(3);
    }
    _exit(live == 0x5a5aa5a5u ? 0 : 5);
}

static void one(int sig, unsigned long flags, const char *what)
{
    int status = 0;
    pid_t pid;

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        run_case(sig, flags);
    }
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid, "fork/wait (%s)", what);
    if (WIFSIGNALED(status)) {
        printf("  %s: killed by signal %d\n", what, WTERMSIG(status));
    } else if (WEXITSTATUS(status)) {
        printf("  %s: exit %d (2 handler not run, 3 bad siginfo, "
               "4 rt_sigaction failed, 5 state lost)\n",
               what, WEXITSTATUS(status));
    }
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "raw rt_sigaction without a restorer, handler returns: %s", what);
}

int main(void)
{
    one(SIGUSR1, 0, "SIGUSR1 plain handler");
    one(SIGUSR1, SA_SIGINFO, "SIGUSR1 SA_SIGINFO");
    one(SIGRTMIN, SA_SIGINFO | SA_RESETHAND, "SIGRTMIN SA_SIGINFO|SA_RESETHAND");
    one(SIGRTMIN + 1, SA_NODEFER, "SIGRTMIN+1 SA_NODEFER");
    return guest_done();
}
