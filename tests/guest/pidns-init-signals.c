/*
 * pidns-init-signals: signals to a PID namespace's init (pid 1), as the
 * kernel treats them (kernel/signal.c). The init of a PID namespace is
 * SIGNAL_UNKILLABLE: a signal it has no handler for is discarded when it is
 * sent (sig_task_ignored(): kill() and raise() of itself, SIGPIPE from a
 * write to a pipe with no reader, ...), but a signal the CPU forces (a fault,
 * a trap: force_sig_info_to_task() clears SIGNAL_UNKILLABLE) kills it as it
 * kills any process. Container engines run the image's entrypoint as such an
 * init, a foreign-architecture one under the emulator.
 *
 * The emulator as pid 1 hung for ever in both cases (found by trinity under
 * tests/fuzz/run-trinity, when trinity's main process ran as the namespace's
 * init and died of a SIGSEGV of its own): it "dies" of a guest signal by
 * sending the host signal to itself, which the host kernel discards for an
 * init, and then waits in sigsuspend() for it.
 *
 * Each case runs in a child cloned into new user and PID namespaces; the
 * parent waits at most 10 s for it. Needs user namespaces on the host (root
 * or unprivileged ones), else skipped with the reason.
 * timeout: 120
 */
#include "check.h"
#include <signal.h>
#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#define HUNG (-2)

/* clone(flags, stack 0, ...) behaves like fork: the child returns 0. */
static long raw_clone(unsigned long flags)
{
    return syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
}

/*
 * Run fn in a child (as pid 1 of new user and PID namespaces when init);
 * its wait status, HUNG after 10 s (the child is then killed), or -1 with
 * errno when it could not be created.
 */
static int run(int (*fn)(void), int init)
{
    long pid;
    int st;

    fflush(stdout);
    pid = raw_clone(init ? CLONE_NEWUSER | CLONE_NEWPID : 0);
    if (pid == 0) {
        if (init && getpid() != 1) {
            _exit(99);
        }
        _exit(fn());
    }
    if (pid < 0) {
        return -1;
    }
    for (int i = 0; i < 1000; i++) {
        long w = waitpid(pid, &st, WNOHANG);
        if (w == pid) {
            return st;
        }
        if (w < 0) {
            return -1;
        }
        nanosleep(&(struct timespec){ 0, 10 * 1000 * 1000 }, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    return HUNG;
}

static const char *how(int st, char *buf, size_t len)
{
    if (st == HUNG) {
        snprintf(buf, len, "still running after 10 s");
    } else if (WIFEXITED(st)) {
        snprintf(buf, len, "exit %d", WEXITSTATUS(st));
    } else if (WIFSIGNALED(st)) {
        snprintf(buf, len, "signal %d", WTERMSIG(st));
    } else {
        snprintf(buf, len, "status 0x%x", st);
    }
    return buf;
}

/* kill() and raise() of itself with no handler: discarded for an init */
static int self_signals(void)
{
    if (kill(getpid(), SIGTERM) || raise(SIGUSR1) || kill(1, SIGHUP) ||
        syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGALRM)) {
        return 2;
    }
    return 0;
}

/* a write to a pipe with no reader: EPIPE, and SIGPIPE discarded for an init */
static int broken_pipe(void)
{
    int p[2];

    if (pipe(p) || close(p[0])) {
        return 2;
    }
    return write(p[1], "x", 1) == -1 && errno == EPIPE ? 0 : 3;
}

static int segv(void)
{
    *(volatile int *)16 = 1;
    return 0;
}

/* the same with SIGSEGV blocked: the kernel unblocks a forced signal */
static int segv_blocked(void)
{
    sigset_t s;

    sigemptyset(&s);
    sigaddset(&s, SIGSEGV);
    sigprocmask(SIG_BLOCK, &s, NULL);
    *(volatile int *)16 = 1;
    return 0;
}

/* the architecture's trap instruction: SIGILL or SIGTRAP */
static int trap(void)
{
    __builtin_trap();
    return 0;
}

int main(void)
{
    char a[64], b[64];
    int st, ref;

    st = run(self_signals, 1);
    if (st == -1) {
        guest_skip("no user and PID namespace here");
    }
    if (st == (99 << 8)) {
        guest_skip("the cloned child is not pid 1 of its namespace");
    }
    CHECK(st == 0, "init: kill/raise/tgkill of itself with no handler are discarded (%s)",
          how(st, a, sizeof(a)));

    st = run(broken_pipe, 1);
    CHECK(st == 0, "init: write to a broken pipe gives EPIPE, SIGPIPE discarded (%s)",
          how(st, a, sizeof(a)));

    ref = run(broken_pipe, 0);
    CHECK(WIFSIGNALED(ref) && WTERMSIG(ref) == SIGPIPE,
          "not init: write to a broken pipe kills by SIGPIPE (%s)", how(ref, a, sizeof(a)));

    st = run(segv, 1);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
          "init: a bad store kills by SIGSEGV (%s)", how(st, a, sizeof(a)));

    st = run(segv_blocked, 1);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
          "init: a bad store with SIGSEGV blocked kills by SIGSEGV (%s)", how(st, a, sizeof(a)));

    ref = run(trap, 0);
    st = run(trap, 1);
    CHECK(WIFSIGNALED(ref) && WIFSIGNALED(st) && WTERMSIG(st) == WTERMSIG(ref),
          "init: the trap instruction kills as it kills another process (%s; not init: %s)",
          how(st, a, sizeof(a)), how(ref, b, sizeof(b)));
    return guest_done();
}
