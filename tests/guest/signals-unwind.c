/* signals-unwind: unwinding through a signal frame, as pthread_cancel()
 * does: the cancellation signal's handler unwinds (_Unwind_ForcedUnwind)
 * from inside the handler, through the signal frame, into the code the
 * signal interrupted and on to the thread's start. The unwinder finds the
 * interrupted registers through the frame's return trampoline's unwind
 * information: on i386 the vDSO's __kernel_rt_sigreturn (glibc sets no
 * SA_RESTORER when there is a vDSO), whose CFI must describe the frame as
 * the kernel lays it out (arch/x86/entry/vdso/vdso32/sigreturn.S). QEMU
 * 10.0's i386 vDSO counted the sigcontext 4 bytes too far (it forgot the
 * popped pretcode) and the unwinder took cs (0x23) for the interrupted
 * eip: a thread cancelled while blocked in a syscall crashed the process.
 * Cases: a thread blocked in pause() (the signal arrives in the syscall,
 * on i386 inside __kernel_vsyscall), in nanosleep(), and one spinning with
 * asynchronous cancellation (the signal arrives in translated code).
 * Each round runs in a child, so a crash is a FAIL line, not a lost test.
 */
#include "check.h"
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <sys/wait.h>

static volatile int started;

static void *in_pause(void *a)
{
    (void)a;
    started = 1;
    for (;;) {
        pause();
    }
    return NULL;
}

static void *in_nanosleep(void *a)
{
    struct timespec ts = { 100, 0 };

    (void)a;
    started = 1;
    for (;;) {
        nanosleep(&ts, NULL);
    }
    return NULL;
}

static volatile unsigned long spins;

static void *spinning(void *a)
{
    (void)a;
    pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
    started = 1;
    for (;;) {
        spins++;
    }
    return NULL;
}

static int cleanup_ran;

static void note_cleanup(void *a)
{
    (void)a;
    cleanup_ran = 1;
}

static void *with_cleanup(void *a)
{
    void *(*body)(void *) = (void *(*)(void *))a;
    void *r;

    pthread_cleanup_push(note_cleanup, NULL);
    r = body(NULL);
    pthread_cleanup_pop(0);
    return r;
}

/* 0: every round cancelled and joined, with the thread's cleanup run */
static int rounds(void *(*body)(void *), int n)
{
    for (int i = 0; i < n; i++) {
        pthread_t t;
        void *res = NULL;
        struct timespec settle = { 0, 5 * 1000 * 1000 };

        started = 0;
        cleanup_ran = 0;
        if (pthread_create(&t, NULL, with_cleanup, (void *)body) != 0) {
            return 10;
        }
        while (!started) {
            sched_yield();
        }
        nanosleep(&settle, NULL);       /* now blocked (or spinning) */
        if (pthread_cancel(t) != 0 || pthread_join(t, &res) != 0) {
            return 11;
        }
        if (res != PTHREAD_CANCELED) {
            return 12;
        }
        if (!cleanup_ran) {
            return 13;
        }
    }
    return 0;
}

static void in_child(void *(*body)(void *), const char *what)
{
    pid_t pid;
    int st = -1;

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        _exit(rounds(body, 20));
    }
    CHECK(pid > 0 && waitpid(pid, &st, 0) == pid, "%s: fork and wait", what);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0,
          "%s: 20 cancellations unwind through the signal frame, cleanup "
          "handlers run (status %#x%s%d)", what, st,
          WIFSIGNALED(st) ? ", killed by signal " : ", exit ",
          WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
}

int main(void)
{
    in_child(in_pause, "a thread blocked in pause()");
    in_child(in_nanosleep, "a thread blocked in nanosleep()");
    in_child(spinning, "a thread spinning with asynchronous cancellation");
    return guest_done();
}
