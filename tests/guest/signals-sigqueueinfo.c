/* signals-sigqueueinfo: a siginfo the guest builds (rt_sigqueueinfo,
 * rt_tgsigqueueinfo, pidfd_send_signal) carries the guest's signal number;
 * the kernel requires si_signo == sig for pidfd_send_signal (EINVAL
 * otherwise) and the receiver reads si_signo and si_value. On MIPS the guest's
 * numbers differ from the host's (SIGUSR1 16, not 10): QEMU 7.2 passed the
 * guest's si_signo unconverted (LTP pidfd_send_signal01, clone301 on MIPS).
 */
#include "check.h"
#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>

static volatile int got_signo, got_val;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    (void)sig; (void)uc;
    got_signo = si->si_signo;
    got_val = si->si_value.sival_int;
}

static siginfo_t make_info(int val)
{
    siginfo_t si;
    memset(&si, 0, sizeof(si));
    si.si_signo = SIGUSR1;
    si.si_code = SI_QUEUE;
    si.si_pid = getpid();
    si.si_uid = getuid();
    si.si_value.sival_int = val;
    return si;
}

int main(void)
{
    struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
    siginfo_t si;

    CHECK_OK(sigaction(SIGUSR1, &sa, NULL), "sigaction(SIGUSR1)");
    si = make_info(11);
    CHECK_OK(syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, &si), "rt_sigqueueinfo");
    CHECK(got_signo == SIGUSR1 && got_val == 11,
          "rt_sigqueueinfo delivers SIGUSR1 with its value (signo %d, value %d)", got_signo, got_val);
    si = make_info(22);
    CHECK_OK(syscall(SYS_rt_tgsigqueueinfo, getpid(), syscall(SYS_gettid), SIGUSR1, &si),
             "rt_tgsigqueueinfo");
    CHECK(got_signo == SIGUSR1 && got_val == 22, "rt_tgsigqueueinfo (signo %d, value %d)",
          got_signo, got_val);
#ifdef SYS_pidfd_open
    int pfd = syscall(SYS_pidfd_open, getpid(), 0);
    si = make_info(33);
    CHECK(pfd >= 0 && syscall(SYS_pidfd_send_signal, pfd, SIGUSR1, &si, 0) == 0,
          "pidfd_send_signal with a siginfo");
    CHECK(got_signo == SIGUSR1 && got_val == 33, "pidfd_send_signal (signo %d, value %d)",
          got_signo, got_val);
    si = make_info(44);
    si.si_signo = SIGUSR2;
    CHECK_ERRNO(syscall(SYS_pidfd_send_signal, pfd, SIGUSR1, &si, 0), EINVAL,
                "pidfd_send_signal with si_signo other than sig: EINVAL");
#endif
    return guest_done();
}
