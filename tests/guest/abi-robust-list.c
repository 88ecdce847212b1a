/*
 * abi-robust-list: set_robust_list/get_robust_list and what the kernel does
 * with the list when its thread dies (kernel/futex/core.c
 * exit_robust_list()): robust mutexes whose owner died give EOWNERDEAD to
 * the next locker, in a thread, across processes (exit, fatal signal,
 * execve), a waiter is woken, and a cyclic or corrupt list neither hangs nor
 * crashes the process.
 * timeout: 60
 */
#include "check.h"
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#define FUTEX_OWNER_DIED 0x40000000u
#define FUTEX_TID_MASK 0x3fffffffu

/* struct robust_list_head of include/uapi/linux/futex.h on a 32-bit ABI. */
struct rl_head {
    void *next;
    long futex_offset;
    void *pending;
};
struct rl_entry {
    struct rl_entry *next;
    volatile uint32_t lock;
};

static pthread_mutex_t tm;

static void robust_init(pthread_mutex_t *m, int pshared)
{
    pthread_mutexattr_t a;
    int r;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    if (pshared) {
        pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
    }
    r = pthread_mutex_init(m, &a);
    CHECK(r == 0, "pthread_mutex_init robust%s (r=%d %s)",
          pshared ? " pshared" : "", r, strerror(r));
    if (r) {
        guest_done();
    }
}

static void *lock_and_exit(void *arg)
{
    pthread_mutex_lock(&tm);
    return NULL;   /* ends the thread holding tm */
}

static volatile int holder_locked;
static void *lock_wait_exit(void *arg)
{
    pthread_mutex_lock(&tm);
    holder_locked = 1;
    usleep(300 * 1000);  /* let the waiter block in the kernel */
    return NULL;
}

static void *timed_waiter(void *arg)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += 10;
    return (void *)(long)pthread_mutex_timedlock(&tm, &ts);
}

/* Raw lists, registered by hand; the thread ends with a raw SYS_exit. */
static struct rl_head bad_head;
static struct rl_entry e1, e2, pend;
static volatile uint32_t tid_seen;
static int bad_kind;

static void *bad_list_thread(void *arg)
{
    uint32_t tid = syscall(SYS_gettid);
    tid_seen = tid;
    bad_head.futex_offset = offsetof(struct rl_entry, lock);
    if (bad_kind == 0) {
        /* cyclic: e1 -> e2 -> e1 -> ..., never back to the head */
        e1.next = &e2;
        e2.next = &e1;
        e1.lock = tid;
        e2.lock = 0;
        bad_head.next = &e1;
        bad_head.pending = NULL;
    } else {
        /* corrupt: the first entry is unmapped; pending is not reached */
        bad_head.next = (void *)0x10;
        pend.lock = tid;
        bad_head.pending = &pend;
    }
    syscall(SYS_set_robust_list, &bad_head, sizeof(bad_head));
    syscall(SYS_exit, 0);
    return NULL;
}

static void shared_case(const char *what, int how)
{
    pthread_mutex_t *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                              MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int st = 0, r;
    pid_t c;

    robust_init(m, 1);
    fflush(stdout);
    c = fork();
    if (c == 0) {
        if (pthread_mutex_lock(m) != 0) {
            _exit(3);
        }
        if (how == 0) {
            _exit(0);                   /* exit_group holding the mutex */
        } else if (how == 1) {
            signal(SIGTERM, SIG_DFL);
            raise(SIGTERM);             /* a fatal signal */
            _exit(4);
        } else {
            execl("/bin/true", "true", (char *)NULL);
            _exit(5);
        }
    }
    waitpid(c, &st, 0);
    if (how == 1) {
        CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM,
              "%s: child killed by SIGTERM (status %#x)", what, st);
    } else {
        CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0,
              "%s: child exited (status %#x)", what, st);
    }
    r = pthread_mutex_trylock(m);
    CHECK(r == EOWNERDEAD, "%s: next locker gets EOWNERDEAD (r=%d %s)", what,
          r, strerror(r));
    if (r == EOWNERDEAD) {
        CHECK(pthread_mutex_consistent(m) == 0, "%s: consistent", what);
        pthread_mutex_unlock(m);
    }
    munmap(m, 4096);
}

int main(void)
{
    struct rl_head *h = NULL;
    size_t len = 0;
    pthread_t t, w;
    void *res;
    int r;

    /* set_robust_list: only the struct's size is accepted. */
    CHECK_ERRNO(syscall(SYS_set_robust_list, &bad_head, 8), EINVAL,
                "set_robust_list with a wrong length");
    CHECK(syscall(SYS_get_robust_list, 0, &h, &len) == 0,
          "get_robust_list(0) works");
    CHECK(h != NULL && len == 12, "glibc registered a head, len 12 (%p %zu)",
          (void *)h, len);
    CHECK_ERRNO(syscall(SYS_get_robust_list, 0x3ffffff0, &h, &len), ESRCH,
                "get_robust_list of a task that does not exist");
    CHECK_ERRNO(syscall(SYS_get_robust_list, 0, (void *)8, &len), EFAULT,
                "get_robust_list to a bad pointer");

    /* A thread ends holding a robust mutex. */
    robust_init(&tm, 0);
    pthread_create(&t, NULL, lock_and_exit, NULL);
    pthread_join(t, NULL);
    r = pthread_mutex_lock(&tm);
    CHECK(r == EOWNERDEAD, "thread exit: lock gives EOWNERDEAD (r=%d %s)", r,
          strerror(r));
    CHECK(pthread_mutex_consistent(&tm) == 0, "pthread_mutex_consistent");
    CHECK(pthread_mutex_unlock(&tm) == 0, "unlock after consistent");
    r = pthread_mutex_lock(&tm);
    CHECK(r == 0, "lock again is plain success (r=%d)", r);
    pthread_mutex_unlock(&tm);

    /* A waiter blocked in the kernel is woken when the owner dies. */
    holder_locked = 0;
    pthread_create(&t, NULL, lock_wait_exit, NULL);
    while (!holder_locked) {
        usleep(1000);
    }
    pthread_create(&w, NULL, timed_waiter, NULL);
    pthread_join(t, NULL);
    pthread_join(w, &res);
    CHECK((long)res == EOWNERDEAD, "blocked waiter woken with EOWNERDEAD (%ld %s)",
          (long)res, strerror((long)res));
    if ((long)res == EOWNERDEAD) {
        pthread_mutex_consistent(&tm);
        pthread_mutex_unlock(&tm);
    }

    /* Process-shared robust mutexes whose owner process dies. */
    shared_case("exit", 0);
    shared_case("fatal signal", 1);
    if (access("/bin/true", X_OK) == 0) {
        shared_case("execve", 2);
    } else {
        SKIP("robust mutex of a process that calls execve: no /bin/true to execute (%s)", strerror(errno));
    }

    /* A cyclic list: the walk stops after ROBUST_LIST_LIMIT entries. */
    bad_kind = 0;
    pthread_create(&t, NULL, bad_list_thread, NULL);
    pthread_join(t, NULL);
    CHECK(e1.lock == FUTEX_OWNER_DIED,
          "cyclic list: owned word is OWNER_DIED, no owner, walk ended (%#x)", e1.lock);
    CHECK(e2.lock == 0, "cyclic list: unowned word untouched (%#x)", e2.lock);

    /* A corrupt list: the walk stops at the bad pointer. */
    bad_kind = 1;
    pthread_create(&t, NULL, bad_list_thread, NULL);
    pthread_join(t, NULL);
    CHECK(pend.lock == tid_seen,
          "corrupt list: walk stopped at the fault, pending untouched (%#x)",
          pend.lock);
    return guest_done();
}
