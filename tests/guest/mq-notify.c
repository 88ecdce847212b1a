/*
 * mq-notify: POSIX message queue notification (ipc/mqueue.c do_mq_notify):
 * SIGEV_SIGNAL delivers the guest's signal with SI_MESGQ and its value,
 * once; SIGEV_THREAD (glibc: a netlink socket and a cookie the kernel
 * reads) runs the function in a new thread; SIGEV_NONE; the kernel's
 * EBUSY, EINVAL, EBADF and EFAULT. And the si_code of a POSIX timer's
 * signal (SI_TIMER), which MIPS numbers differently from the host.
 */
#include "check.h"
#include <fcntl.h>
#include <mqueue.h>
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>

static volatile int got_sig, got_code, got_val, got_pid;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int thread_val;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_code = si->si_code;
    got_val = si->si_value.sival_int;
    got_pid = si->si_pid;
}

static void on_thread(union sigval v)
{
    pthread_mutex_lock(&mu);
    thread_val = v.sival_int;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
}

static long raw_notify(mqd_t q, const void *sev)
{
    return syscall(SYS_mq_notify, q, sev);
}

int main(void)
{
    char name[64];
    struct mq_attr attr = { .mq_maxmsg = 4, .mq_msgsize = 64 };
    char buf[64];
    unsigned prio;

    snprintf(name, sizeof name, "/qc-mq-notify-%d", (int)getpid());
    mqd_t q = mq_open(name, O_CREAT | O_RDWR, 0600, &attr);
    if (q == (mqd_t)-1 && errno == ENOSYS)
        guest_skip("no POSIX message queues in this kernel");
    CHECK(q != (mqd_t)-1, "mq_open %s", name);
    mq_unlink(name);

    struct sigaction sa = { .sa_sigaction = on_sig, .sa_flags = SA_SIGINFO };
    sigaction(SIGUSR1, &sa, NULL);
    struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1 };
    sev.sigev_value.sival_int = 1234;
    CHECK(mq_notify(q, &sev) == 0, "SIGEV_SIGNAL registered");
    CHECK_ERRNO(mq_notify(q, &sev), EBUSY, "a second registration: EBUSY");
    CHECK(mq_send(q, "a", 1, 0) == 0, "a message into the empty queue");
    for (int i = 0; i < 100 && !got_sig; i++)
        usleep(1000);
    CHECK(got_sig == SIGUSR1 && got_code == SI_MESGQ && got_val == 1234 && got_pid == getpid(),
          "SIGUSR1 with SI_MESGQ, the value and our pid (sig %d code %d val %d pid %d of %d)", got_sig, got_code, got_val, got_pid, (int)getpid());
    CHECK(mq_receive(q, buf, sizeof buf, &prio) == 1, "the message");
    CHECK(mq_notify(q, &sev) == 0, "the registration went with the notification: registered again");
    CHECK(mq_notify(q, NULL) == 0, "unregistered (NULL)");
    CHECK(mq_notify(q, NULL) == 0, "NULL again: 0");
    got_sig = 0;
    CHECK(mq_send(q, "b", 1, 0) == 0 && mq_receive(q, buf, sizeof buf, &prio) == 1, "a message with nobody registered");
    usleep(20000);
    CHECK(got_sig == 0, "no signal after unregistering");

    struct sigevent none = { .sigev_notify = SIGEV_NONE };
    CHECK(mq_notify(q, &none) == 0 && mq_notify(q, NULL) == 0, "SIGEV_NONE registers");

    struct sigevent th = { .sigev_notify = SIGEV_THREAD, .sigev_notify_function = on_thread };
    th.sigev_value.sival_int = 777;
    CHECK(mq_notify(q, &th) == 0, "SIGEV_THREAD registered (glibc's netlink helper)");
    CHECK(mq_send(q, "c", 1, 0) == 0, "a message");
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 5;
    pthread_mutex_lock(&mu);
    while (!thread_val && pthread_cond_timedwait(&cv, &mu, &until) == 0)
        ;
    pthread_mutex_unlock(&mu);
    CHECK(thread_val == 777, "the notification function ran with the value (%d)", thread_val);
    mq_receive(q, buf, sizeof buf, &prio);

    struct { int value, signo, notify, pad[13]; } bad = { 0, SIGUSR1, 99 };
    CHECK_ERRNO(raw_notify(q, &bad), EINVAL, "an unknown sigev_notify: EINVAL");
    bad.notify = SIGEV_SIGNAL;
    bad.signo = 65;
    CHECK_ERRNO(raw_notify(q, &bad), EINVAL, "SIGEV_SIGNAL with signal 65: EINVAL");
    CHECK_ERRNO(raw_notify(q, (void *)16), EFAULT, "a bad sigevent pointer: EFAULT");
    CHECK_ERRNO(raw_notify(9999, &sev), EBADF, "a bad descriptor: EBADF");
    CHECK_ERRNO(raw_notify(0, &sev), EBADF, "a descriptor that is no queue: EBADF");
    mq_close(q);

    got_sig = got_code = 0;
    struct sigevent tev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1 };
    tev.sigev_value.sival_int = 55;
    timer_t tm;
    struct itimerspec its = { .it_value = { 0, 1000000 } };
    CHECK(timer_create(CLOCK_MONOTONIC, &tev, &tm) == 0 && timer_settime(tm, 0, &its, NULL) == 0, "a 1 ms timer");
    for (int i = 0; i < 200 && !got_sig; i++)
        usleep(1000);
    CHECK(got_sig == SIGUSR1 && got_code == SI_TIMER && got_val == 55,
          "its signal says SI_TIMER (%d, want %d) with the value (%d)", got_code, SI_TIMER, got_val);
    timer_delete(tm);
    return guest_done();
}
