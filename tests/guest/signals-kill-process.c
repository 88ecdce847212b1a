/* signals-kill-process: SIGSEGV, SIGBUS, SIGFPE and SIGILL sent with kill()
 * to a process are asynchronous signals like any other (kernel/signal.c
 * __send_signal_locked(), complete_signal(): any thread of the process that
 * does not block the signal may take it). The guest ignores them or counts
 * them in a handler; it must never die of them. Under QEMU 7.2 the kernel
 * could hand such a signal to the emulator's own call_rcu thread (QEMU's
 * threads keep SIGSEGV, SIGFPE and SIGILL unblocked), whose signal handler
 * found no guest CPU and crashed: the guest died of SIGSEGV, about once in
 * a hundred kill()s while its own thread was busy in a signal handler (LTP
 * kill12 on MIPS, pause01).
 * A child takes a flood of kill()s (with SIGUSR1 among them, to keep its
 * thread in handlers), then exits 0; the parent checks its status.
 * timeout: 120
 */
#include "check.h"
#include <signal.h>
#include <sys/wait.h>

#define ROUNDS 4000

static volatile sig_atomic_t counted, usr1, done;
static void on_count(int sig) { (void)sig; counted++; }
static void on_usr1(int sig) { (void)sig; usr1++; }
static void on_done(int sig) { (void)sig; done = 1; }

static void run_child(int ignore, int ready_fd)
{
    static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL };
    struct sigaction sa;
    unsigned i;

    memset(&sa, 0, sizeof(sa));
    for (i = 0; i < 4; i++) {
        sa.sa_handler = ignore ? SIG_IGN : on_count;
        sigaction(sigs[i], &sa, NULL);
    }
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_handler = on_done;
    sigaction(SIGUSR2, &sa, NULL);
    if (write(ready_fd, "r", 1) != 1)
        _exit(3);
    while (!done) {
        /* busy, with syscalls: the emulator blocks host signals in places */
        getppid();
    }
    _exit(0);
}

static void one_case(int ignore)
{
    static const int sigs[] = { SIGSEGV, SIGUSR1, SIGBUS, SIGUSR1, SIGFPE, SIGUSR1, SIGILL };
    int p[2], status = 0;
    char c;
    pid_t pid;

    CHECK(pipe(p) == 0, "pipe");
    pid = fork();
    if (pid == 0) {
        close(p[0]);
        run_child(ignore, p[1]);
    }
    close(p[1]);
    CHECK(pid > 0 && read(p[0], &c, 1) == 1, "%s: child ready", ignore ? "SIG_IGN" : "handler");
    close(p[0]);
    for (int r = 0; r < ROUNDS; r++) {
        for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
            kill(pid, sigs[i]);
        }
    }
    kill(pid, SIGUSR2);
    CHECK(waitpid(pid, &status, 0) == pid, "waitpid");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "%s: %d rounds of kill() with SIGSEGV, SIGBUS, SIGFPE, SIGILL: the child "
          "exits 0 (status 0x%x%s%d)", ignore ? "SIG_IGN" : "handler", ROUNDS, status,
          WIFSIGNALED(status) ? ", killed by signal " : ", exit ", 
          WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
}

int main(void)
{
    one_case(1);
    one_case(0);
    return guest_done();
}
