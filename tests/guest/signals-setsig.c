/* signals-setsig: a signal chosen with fcntl(F_SETSIG) for O_ASYNC I/O
 * arrives with si_code POLL_IN, si_band and si_fd, as SIGIO does
 * (fs/fcntl.c send_sigio_to_task()). QEMU 7.2 read such a realtime signal's
 * siginfo as a sigqueue() one: si_fd 0 (LTP fcntl38, fcntl39: dnotify).
 */
#include "check.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>

static volatile int got_sig, got_fd = -1, got_code;
static volatile long got_band;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_fd = si->si_fd;
    got_code = si->si_code;
    got_band = si->si_band;
}

int main(void)
{
    int p[2], sig = SIGRTMIN + 1;
    struct sigaction sa = { .sa_sigaction = on_sig, .sa_flags = SA_SIGINFO };
    sigset_t block, old;

    CHECK_OK(pipe(p), "pipe");
    CHECK_OK(sigaction(sig, &sa, NULL), "sigaction(SIGRTMIN+1, SA_SIGINFO)");
    sigemptyset(&block);
    sigaddset(&block, sig);
    sigprocmask(SIG_BLOCK, &block, &old);
    CHECK_OK(fcntl(p[0], F_SETOWN, getpid()), "F_SETOWN");
    CHECK_OK(fcntl(p[0], F_SETSIG, sig), "F_SETSIG SIGRTMIN+1");
    CHECK(fcntl(p[0], F_GETSIG) == sig, "F_GETSIG");
    CHECK_OK(fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_ASYNC), "O_ASYNC");
    CHECK(write(p[1], "x", 1) == 1, "write to the pipe");
    sigsuspend(&old);
    CHECK(got_sig == sig, "the F_SETSIG signal arrived (%d)", got_sig);
    CHECK(got_code == POLL_IN, "si_code POLL_IN (got %d)", got_code);
    CHECK(got_fd == p[0], "si_fd is the pipe's read end %d (got %d)", p[0], got_fd);
    CHECK(got_band & POLLIN, "si_band has POLLIN (got %#lx)", (long)got_band);
    return guest_done();
}
