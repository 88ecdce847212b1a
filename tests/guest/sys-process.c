/*
 * sys-process: process and futex syscalls Linux added after QEMU 7.2,
 * through syscall(2) (linux-user/qc/sys/clone3.c, sys/futex.c, pidfd_open in
 * sys/file.c, process_mrelease in sys/mm.c, io_pgetevents in sys/aio.c): clone3, pidfd_open, pidfd_send_signal, pidfd_getfd,
 * process_mrelease, futex_wake/futex_wait/futex_waitv/futex_requeue, rseq,
 * rseq_slice_yield, io_pgetevents_time64 (quotactl_fd: sys-quota.c).
 * Also run natively (sys-common.h).
 */
#include "sys-common.h"
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

struct clone_args {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
             stack_size, tls, set_tid, set_tid_size, cgroup;
};
struct futex_waitv { uint64_t val, uaddr; uint32_t flags, reserved; };
struct ts64 { int64_t tv_sec, tv_nsec; };
#define FUTEX2_SIZE_U32 0x02
#define FUTEX2_PRIVATE 128
#define CLONE_PIDFD_QC 0x1000

static void test_clone3(void)
{
    struct clone_args a;
    memset(&a, 0, sizeof a);
    a.exit_signal = SIGCHLD;
    pid_t pid = syscall(QC_NR_clone3, &a, 64);
    if (pid == 0)
        _exit(42);
    CHECK(pid > 0, "clone3 fork-like (VER0 size)");
    int st = 0;
    CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 42, "clone3 child exits 42");

    int pidfd = -1;
    memset(&a, 0, sizeof a);
    a.flags = CLONE_PIDFD_QC;
    a.pidfd = (uintptr_t)&pidfd;
    a.exit_signal = SIGCHLD;
    pid = syscall(QC_NR_clone3, &a, sizeof a);
    if (pid == 0)
        _exit(7);
    CHECK(pid > 0 && pidfd >= 0, "clone3 CLONE_PIDFD returns a pidfd");
    CHECK(fcntl(pidfd, F_GETFD) == FD_CLOEXEC, "clone3 pidfd is close-on-exec");
    siginfo_t si;
    memset(&si, 0, sizeof si);
    CHECK(waitid(P_PIDFD, pidfd, &si, WEXITED) == 0 && si.si_pid == pid && si.si_status == 7,
          "waitid(P_PIDFD) on the clone3 pidfd");
    close(pidfd);

    pid_t ptid = 0;
    memset(&a, 0, sizeof a);
    a.flags = CLONE_PARENT_SETTID;
    a.parent_tid = (uintptr_t)&ptid;
    a.exit_signal = SIGCHLD;
    pid = syscall(QC_NR_clone3, &a, 80);
    if (pid == 0)
        _exit(0);
    CHECK(pid > 0, "clone3 CLONE_PARENT_SETTID (VER1 size)");
    waitpid(pid, &st, 0);

    memset(&a, 0, sizeof a);
    a.exit_signal = SIGCHLD;
    CHECK_ERRNO(syscall(QC_NR_clone3, &a, 63), EINVAL, "clone3 size 63: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_clone3, &a, 8192), E2BIG, "clone3 size > page: E2BIG");
    CHECK_ERRNO(syscall(QC_NR_clone3, BADPTR, 64), EFAULT, "clone3 bad pointer: EFAULT");
    struct { struct clone_args a; uint64_t x; } big;
    memset(&big, 0, sizeof big);
    big.a.exit_signal = SIGCHLD;
    big.x = 1;
    CHECK_ERRNO(syscall(QC_NR_clone3, &big, sizeof big), E2BIG, "clone3 nonzero tail: E2BIG");
    a.flags = SIGCHLD;   /* CSIGNAL bits in flags are refused by clone3 */
    CHECK_ERRNO(syscall(QC_NR_clone3, &a, 64), EINVAL, "clone3 signal in flags: EINVAL");
    a.flags = 0;
    a.exit_signal = 1000;
    CHECK_ERRNO(syscall(QC_NR_clone3, &a, 64), EINVAL, "clone3 exit_signal 1000: EINVAL");
    a.exit_signal = SIGCHLD;
    a.stack_size = 4096;
    CHECK_ERRNO(syscall(QC_NR_clone3, &a, 64), EINVAL, "clone3 stack_size without stack: EINVAL");
    a.stack_size = 0;
    a.flags = CLONE_SIGHAND | 0x100000000ULL;  /* CLONE_CLEAR_SIGHAND */
    CHECK_ERRNO(syscall(QC_NR_clone3, &a, 64), EINVAL, "clone3 CLONE_SIGHAND|CLONE_CLEAR_SIGHAND: EINVAL");
    a.flags = CLONE_THREAD;
    CHECK_ERRNO(syscall(QC_NR_clone3, &a, 64), EINVAL, "clone3 CLONE_THREAD with exit_signal: EINVAL");
    a.flags = 1ULL << 40;
    CHECK_ERRNO(syscall(QC_NR_clone3, &a, 64), EINVAL, "clone3 unknown flag: EINVAL");
    memset(&a, 0, sizeof a);
    a.exit_signal = SIGCHLD;
    a.set_tid_size = 1;
    CHECK_ERRNO(syscall(QC_NR_clone3, &a, 80), EINVAL, "clone3 set_tid_size without set_tid: EINVAL");
}

static void test_pidfd(void)
{
    int pfd = syscall(QC_NR_pidfd_open, getpid(), 0);
    CHECK(pfd >= 0, "pidfd_open(self)");
    CHECK(fcntl(pfd, F_GETFD) == FD_CLOEXEC, "pidfd is close-on-exec");
    int nb = syscall(QC_NR_pidfd_open, getpid(), O_NONBLOCK);
    CHECK(nb >= 0 && (fcntl(nb, F_GETFL) & O_NONBLOCK), "pidfd_open PIDFD_NONBLOCK (O_NONBLOCK converted)");
    close(nb);
    CHECK_ERRNO(syscall(QC_NR_pidfd_open, getpid(), O_APPEND), EINVAL, "pidfd_open bad flags: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_pidfd_open, -1, 0), EINVAL, "pidfd_open pid -1: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_pidfd_open, 0x3ffffff0, 0), ESRCH, "pidfd_open no such pid: ESRCH");

    int p[2];
    pipe(p);
    int fd = syscall(QC_NR_pidfd_getfd, pfd, p[1], 0);
    CHECK(fd >= 0 && fd != p[1], "pidfd_getfd duplicates our own fd");
    CHECK(write(fd, "z", 1) == 1, "the duplicate writes to the pipe");
    char c = 0;
    CHECK(read(p[0], &c, 1) == 1 && c == 'z', "read what the duplicate wrote");
    CHECK(fcntl(fd, F_GETFD) == FD_CLOEXEC, "pidfd_getfd result is close-on-exec");
    close(fd);
    CHECK_ERRNO(syscall(QC_NR_pidfd_getfd, pfd, p[1], 1), EINVAL, "pidfd_getfd flags: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_pidfd_getfd, pfd, 9999, 0), EBADF, "pidfd_getfd bad target fd: EBADF");
    CHECK_ERRNO(syscall(QC_NR_pidfd_getfd, 9999, p[1], 0), EBADF, "pidfd_getfd bad pidfd: EBADF");

    pid_t child = fork();
    if (child == 0) {
        pause();
        _exit(0);
    }
    int cfd = syscall(QC_NR_pidfd_open, child, 0);
    CHECK(cfd >= 0, "pidfd_open(child)");
    CHECK(syscall(QC_NR_pidfd_send_signal, cfd, 0, NULL, 0) == 0, "pidfd_send_signal signal 0");
    CHECK_ERRNO(syscall(QC_NR_pidfd_send_signal, cfd, SIGTERM, NULL, 1 << 8), EINVAL, "pidfd_send_signal bad flags: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_pidfd_send_signal, 9999, SIGTERM, NULL, 0), EBADF, "pidfd_send_signal bad pidfd: EBADF");
    CHECK(syscall(QC_NR_pidfd_send_signal, cfd, SIGUSR2, NULL, 0) == 0, "pidfd_send_signal SIGUSR2");
    int st = 0;
    CHECK(waitpid(child, &st, 0) == child && WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR2,
          "child killed by SIGUSR2 (signal number converted)");
    CHECK_ERRNO(syscall(QC_NR_pidfd_send_signal, cfd, SIGTERM, NULL, 0), ESRCH, "pidfd_send_signal to a reaped child: ESRCH");
    /* process_mrelease: only for a process being killed; a live one or a
     * reaped one is refused. */
    CHECK_ERRNO(syscall(QC_NR_process_mrelease, cfd, 1), EINVAL, "process_mrelease flags: EINVAL");
    PROBE("process_mrelease reaped child", syscall(QC_NR_process_mrelease, cfd, 0));
    PROBE("process_mrelease self (alive)", syscall(QC_NR_process_mrelease, pfd, 0));
    CHECK_ERRNO(syscall(QC_NR_process_mrelease, 9999, 0), EBADF, "process_mrelease bad pidfd: EBADF");
    close(cfd);
    close(pfd);
    close(p[0]); close(p[1]);
}

static volatile uint32_t fword;
static volatile int woke;

static void *waiter(void *arg)
{
    (void)arg;
    long r = syscall(QC_NR_futex_wait, &fword, 0, 0xffffffff, FUTEX2_SIZE_U32 | FUTEX2_PRIVATE, NULL, 0);
    woke = r == 0 ? 1 : -errno;
    return NULL;
}

static void *waitv_waiter(void *arg)
{
    struct futex_waitv *w = arg;
    long r = syscall(QC_NR_futex_waitv, w, 2, 0, NULL, 0);
    woke = r >= 0 ? (int)r + 10 : -errno;
    return NULL;
}

static void test_futex2(void)
{
    uint32_t flags = FUTEX2_SIZE_U32 | FUTEX2_PRIVATE;
    fword = 5;
    struct ts64 ts = { 0, 10 * 1000 * 1000 };
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    struct ts64 abs = { now.tv_sec, now.tv_nsec + 20 * 1000 * 1000 };
    if (abs.tv_nsec >= 1000000000) { abs.tv_sec++; abs.tv_nsec -= 1000000000; }
    CHECK_ERRNO(syscall(QC_NR_futex_wait, &fword, 4, 0xffffffff, flags, &abs, CLOCK_MONOTONIC), EAGAIN,
                "futex_wait with a stale value: EAGAIN (value compared in guest byte order)");
    CHECK_ERRNO(syscall(QC_NR_futex_wait, &fword, 5, 0xffffffff, flags, &abs, CLOCK_MONOTONIC), ETIMEDOUT,
                "futex_wait times out (absolute CLOCK_MONOTONIC)");
    (void)ts;
    CHECK_ERRNO(syscall(QC_NR_futex_wait, &fword, 5, 0xffffffff, flags, BADPTR, CLOCK_MONOTONIC), EFAULT,
                "futex_wait bad timeout: EFAULT");
    CHECK_ERRNO(syscall(QC_NR_futex_wait, &fword, 5, 0xffffffff, 0x3 /* U64 */, NULL, 0), EINVAL,
                "futex_wait 64-bit size: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_futex_wait, (char *)&fword + 1, 5, 0xffffffff, flags, NULL, 0), EINVAL,
                "futex_wait unaligned: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_futex_wait, BADPTR, 5, 0xffffffff, flags, NULL, 0), EFAULT,
                "futex_wait bad address: EFAULT");
    CHECK(syscall(QC_NR_futex_wake, &fword, 0xffffffff, 1, flags) == 0, "futex_wake with no waiter: 0");
    CHECK_ERRNO(syscall(QC_NR_futex_wake, &fword, 0, 1, flags), EINVAL, "futex_wake mask 0: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_futex_wake, &fword, 0xffffffff, 1, flags | 0x10000), EINVAL, "futex_wake bad flags: EINVAL");

    /* A real wait/wake pair between two threads. */
    fword = 0;
    woke = 0;
    pthread_t t;
    /* glibc 2.36 creates threads with clone3 on i386 (clone elsewhere). */
    CHECK(pthread_create(&t, NULL, waiter, NULL) == 0, "pthread_create");
    int n = 0;
    for (int i = 0; i < 2000 && n == 0; i++) {
        usleep(1000);
        n = syscall(QC_NR_futex_wake, &fword, 0xffffffff, 1, flags);
    }
    pthread_join(t, NULL);
    CHECK(n == 1 && woke == 1, "futex_wake wakes a futex_wait waiter (n=%d woke=%d)", n, woke);

    /* futex_waitv: two futexes, wake the second. */
    static uint32_t f2[2] = { 1, 2 };
    struct futex_waitv w[2];
    memset(w, 0, sizeof w);
    w[0].val = 1; w[0].uaddr = (uintptr_t)&f2[0]; w[0].flags = flags;
    w[1].val = 2; w[1].uaddr = (uintptr_t)&f2[1]; w[1].flags = flags;
    struct ts64 short_abs;
    clock_gettime(CLOCK_MONOTONIC, &now);
    short_abs.tv_sec = now.tv_sec; short_abs.tv_nsec = now.tv_nsec + 10 * 1000 * 1000;
    if (short_abs.tv_nsec >= 1000000000) { short_abs.tv_sec++; short_abs.tv_nsec -= 1000000000; }
    CHECK_ERRNO(syscall(QC_NR_futex_waitv, w, 2, 0, &short_abs, CLOCK_MONOTONIC), ETIMEDOUT, "futex_waitv times out");
    w[1].val = 3;
    CHECK_ERRNO(syscall(QC_NR_futex_waitv, w, 2, 0, NULL, 0), EAGAIN, "futex_waitv stale value: EAGAIN");
    w[1].val = 2;
    woke = 0;
    CHECK(pthread_create(&t, NULL, waitv_waiter, w) == 0, "pthread_create");
    n = 0;
    for (int i = 0; i < 2000 && n == 0; i++) {
        usleep(1000);
        n = syscall(QC_NR_futex_wake, &f2[1], 0xffffffff, 1, flags);
    }
    pthread_join(t, NULL);
    CHECK(n == 1 && woke == 11, "futex_waitv returns the index of the woken futex (woke=%d)", woke);
    CHECK_ERRNO(syscall(QC_NR_futex_waitv, w, 2, 1, NULL, 0), EINVAL, "futex_waitv flags: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_futex_waitv, w, 0, 0, NULL, 0), EINVAL, "futex_waitv nr 0: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_futex_waitv, w, 129, 0, NULL, 0), EINVAL, "futex_waitv nr 129: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_futex_waitv, BADPTR, 2, 0, NULL, 0), EFAULT, "futex_waitv bad array: EFAULT");
    w[0].reserved = 1;
    CHECK_ERRNO(syscall(QC_NR_futex_waitv, w, 2, 0, NULL, 0), EINVAL, "futex_waitv reserved field set: EINVAL");
    w[0].reserved = 0;
    CHECK_ERRNO(syscall(QC_NR_futex_waitv, w, 2, 0, BADPTR, CLOCK_MONOTONIC), EFAULT, "futex_waitv bad timeout: EFAULT");

    /* futex_requeue: nothing waits; the value check still applies. */
    CHECK(syscall(QC_NR_futex_requeue, w, 0, 1, 1) == 0, "futex_requeue with no waiters: 0");
    w[0].val = 9;
    CHECK_ERRNO(syscall(QC_NR_futex_requeue, w, 0, 1, 1), EAGAIN, "futex_requeue value mismatch: EAGAIN");
    CHECK_ERRNO(syscall(QC_NR_futex_requeue, w, 1, 1, 1), EINVAL, "futex_requeue flags: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_futex_requeue, BADPTR, 0, 1, 1), EFAULT, "futex_requeue bad array: EFAULT");
}

static void test_misc(void)
{
    /* rseq: registering is ENOSYS by design under emulation (see
     * syscalls-new.c); glibc already registered one natively, so the
     * native kernel answers EBUSY for a second area. */
    static uint32_t area[8] __attribute__((aligned(32)));
    errno = 0;
    long r = syscall(SYS_rseq, area, 32, 0, 0x53053053);
    if (qc_native())
        CHECK(r == -1 && (errno == EBUSY || errno == EINVAL), "native rseq: EBUSY/EINVAL (glibc owns it)");
    else
        CHECK(r == -1 && errno == ENOSYS, "rseq: ENOSYS by design under emulation");
    PROBE("rseq_slice_yield", syscall(QC_NR_rseq_slice_yield));

    /* io_pgetevents_time64 on no context: EINVAL (the rest: tests/guest/sys-aio.c) */
    struct ts64 t = { 0, 0 };
    CHECK_ERRNO(syscall(NR_io_pgetevents_time64, 0UL, 0L, 1L, BADPTR, &t, NULL), EINVAL,
                "io_pgetevents_time64 on context 0: EINVAL");
    CHECK_ERRNO(syscall(NR_io_pgetevents_time64, 0UL, 0L, 1L, BADPTR, BADPTR, NULL), EFAULT,
                "io_pgetevents_time64 with a bad timeout: EFAULT (read before the context)");
}

int main(void)
{
    test_clone3();
    test_pidfd();
    test_futex2();
    test_misc();
    return guest_done();
}
