/* signals-race: one thread keeps replacing a signal's action while other
 * threads keep taking that signal. The action is the process's (the kernel's
 * sighand_struct, under siglock), so each delivery must use one whole action,
 * the old or the new: never the handler of one and the flags or restorer of
 * the other, never a handler already replaced by SIG_IGN. QEMU 7.2 read the
 * shared table field by field while another thread rewrote it: the guest
 * jumped to "handler" 1 (SIG_IGN) or returned from a non-rt frame through
 * the rt restorer, and died of SIGSEGV.
 * Each case runs in a child; the parent checks it exited normally.
 * timeout: 120
 */
#include "check.h"
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

enum { CASE_IGN, CASE_SIGINFO, CASE_IGN_SIGINFO, NCASES };
static const char *const case_name[NCASES] = {
    "handler / SIG_IGN",
    "plain handler / SA_SIGINFO handler",
    "SA_SIGINFO handler / SIG_IGN",
};

static volatile int stop, bad_info;
static volatile long taken;

static void on_plain(int sig)
{
    if (sig != SIGUSR1) {
        bad_info = 1;
    }
    taken++;
}

static void on_info(int sig, siginfo_t *si, void *uc)
{
    /* A frame built as a non-rt one has no siginfo/ucontext pointers. */
    if (sig != SIGUSR1 || !si || !uc || si->si_signo != SIGUSR1) {
        bad_info = 1;
    }
    taken++;
}

/* Takes the signal: kill() to the process, delivered to a thread that does
 * not block it, which is never the changer (it blocks SIGUSR1). */
static void *raiser(void *arg)
{
    (void)arg;
    while (!stop) {
        kill(getpid(), SIGUSR1);
    }
    return NULL;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void run_case(int c)
{
    struct sigaction a = { 0 }, b = { 0 };
    sigset_t set;
    pthread_t t[2];
    double end = now() + 1.5;

    a.sa_handler = on_plain;
    switch (c) {
    case CASE_IGN:
        b.sa_handler = SIG_IGN;
        break;
    case CASE_SIGINFO:
        b.sa_sigaction = on_info;
        b.sa_flags = SA_SIGINFO;
        break;
    case CASE_IGN_SIGINFO:
        a.sa_sigaction = on_info;
        a.sa_flags = SA_SIGINFO;
        b.sa_handler = SIG_IGN;
        break;
    }
    sigaction(SIGUSR1, &a, NULL);

    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &set, NULL);     /* inherited by none: */
    for (int i = 0; i < 2; i++) {
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
        pthread_create(&t[i], NULL, raiser, NULL);
        pthread_sigmask(SIG_BLOCK, &set, NULL);
    }
    for (long i = 0; ; i++) {
        sigaction(SIGUSR1, (i & 1) ? &b : &a, NULL);
        if ((i & 1023) == 0 && now() > end) {
            break;
        }
    }
    sigaction(SIGUSR1, &a, NULL);
    stop = 1;
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], NULL);
    }
    _exit(bad_info ? 2 : taken ? 0 : 3);
}

int main(void)
{
    for (int c = 0; c < NCASES; c++) {
        int status = 0;
        pid_t pid;

        fflush(stdout);
        pid = fork();
        if (pid == 0) {
            run_case(c);
        }
        CHECK(pid > 0, "fork for case %s", case_name[c]);
        if (pid <= 0) {
            continue;
        }
        CHECK(waitpid(pid, &status, 0) == pid, "waitpid (%s)", case_name[c]);
        if (WIFSIGNALED(status)) {
            printf("  %s: child killed by signal %d\n", case_name[c],
                   WTERMSIG(status));
        } else if (WEXITSTATUS(status) == 2) {
            printf("  %s: a SA_SIGINFO handler got a non-rt frame\n",
                   case_name[c]);
        } else if (WEXITSTATUS(status) == 3) {
            printf("  %s: no signal was taken\n", case_name[c]);
        }
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "actions replaced while another thread takes the signal: %s",
              case_name[c]);
    }
    return guest_done();
}
