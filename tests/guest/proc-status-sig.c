/*
 * proc-status-sig: the signal lines of /proc/self/status describe the
 * guest's signal state, as fs/proc/array.c task_sig() and render_sigset_t()
 * write them: SigPnd (the task's pending), ShdPnd (the process's), SigBlk
 * (the task's mask), SigIgn and SigCgt (the process's SIG_IGN and caught
 * handlers), _NSIG bits in hex, the highest signal first (16 digits; 32 on
 * MIPS, whose _NSIG is 128), numbered as the guest's signals (MIPS SIGUSR1
 * is 16, SIGURG 21). Also /proc/thread-self/status and
 * /proc/self/task/<tid>/status of another thread, and SIGPIPE ignored
 * across execve (a signal inherited ignored is ignored: SigIgn, not
 * SigCgt).
 */
#include "check.h"
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>

/* The kernel's _NSIG (arch/mips/include/uapi/asm/signal.h: 128). */
#ifdef __mips__
#define KNSIG 128
#else
#define KNSIG 64
#endif

typedef struct {
    uint32_t w[KNSIG / 32];
} sigbits;

static int has(const sigbits *b, int sig)
{
    return (b->w[(sig - 1) / 32] >> ((sig - 1) % 32)) & 1;
}

/* Parses "Name:\t<hex>" of the status text; 0 if absent or malformed. */
static int field(const char *text, const char *name, sigbits *b, int *digits)
{
    const char *p = strstr(text, name);
    int n = 0, i;

    memset(b, 0, sizeof(*b));
    if (!p) {
        return 0;
    }
    p += strlen(name);
    while (*p == ':' || *p == '\t' || *p == ' ') {
        p++;
    }
    while (p[n] && p[n] != '\n') {
        n++;
    }
    *digits = n;
    if (n != KNSIG / 4) {
        return 0;
    }
    /* digit i (from the left) holds signals KNSIG - 4i - 3 .. KNSIG - 4i */
    for (i = 0; i < n; i++) {
        int c = p[i], x, j;
        x = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (x < 0) {
            return 0;
        }
        for (j = 0; j < 4; j++) {
            if (x & (1 << j)) {
                int sig = KNSIG - 4 * i - 3 + j;
                b->w[(sig - 1) / 32] |= 1u << ((sig - 1) % 32);
            }
        }
    }
    return 1;
}

static char *slurp(const char *path)
{
    static char buf[2][8192];
    static int which;
    char *b = buf[which++ & 1];
    int fd = open(path, O_RDONLY);
    ssize_t n, t = 0;

    if (fd < 0) {
        return NULL;
    }
    while ((n = read(fd, b + t, sizeof(buf[0]) - 1 - t)) > 0) {
        t += n;
    }
    close(fd);
    b[t] = 0;
    return b;
}

static void noop(int s)
{
    (void)s;
}

/* The masks sigaction() gives for the classic signals 1..31. */
static void expected_disp(sigbits *ign, sigbits *cgt)
{
    struct sigaction sa;
    int s;

    memset(ign, 0, sizeof(*ign));
    memset(cgt, 0, sizeof(*cgt));
    for (s = 1; s < 32; s++) {
        if (sigaction(s, NULL, &sa) != 0) {
            continue;
        }
        if (sa.sa_handler == SIG_IGN) {
            ign->w[0] |= 1u << (s - 1);
        } else if (sa.sa_handler != SIG_DFL) {
            cgt->w[0] |= 1u << (s - 1);
        }
    }
}

static int child_exec(int ready, int go)
{
    /* run again by execve with SIGPIPE ignored: it stays ignored */
    struct sigaction sa;
    sigbits ign, cgt;
    int d1 = 0, d2 = 0;
    char *st = slurp("/proc/self/status");
    char b;

    /* the parent reads our /proc/<pid>/status meanwhile */
    CHECK(write(ready, "r", 1) == 1 && read(go, &b, 1) >= 0, "after execve: handshake with the parent");

    CHECK(sigaction(SIGPIPE, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN,
          "after execve SIGPIPE is SIG_IGN");
    CHECK(st && field(st, "SigIgn", &ign, &d1) && field(st, "SigCgt", &cgt, &d2) &&
          has(&ign, SIGPIPE) && !has(&cgt, SIGPIPE),
          "after execve SigIgn has SIGPIPE (%d), SigCgt not (%d)",
          has(&ign, SIGPIPE), has(&cgt, SIGPIPE));
    return guest_done();
}

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int stage;
static pid_t thread_tid;

static void set_stage(int s)
{
    pthread_mutex_lock(&mu);
    stage = s;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
}

static void wait_stage(int s)
{
    pthread_mutex_lock(&mu);
    while (stage < s) {
        pthread_cond_wait(&cv, &mu);
    }
    pthread_mutex_unlock(&mu);
}

static void *thread_fn(void *arg)
{
    sigset_t m;
    sigbits blk = { { 0 } }, leader = { { 0 } };
    int d = 0;
    char *st;

    (void)arg;
    thread_tid = syscall(SYS_gettid);
    sigemptyset(&m);
    sigaddset(&m, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &m, NULL);
    /* pthread_create() blocks every signal in the creator until it returns */
    wait_stage(1);

    st = slurp("/proc/thread-self/status");
    CHECK(st && field(st, "SigBlk", &blk, &d) && has(&blk, SIGUSR2) &&
          has(&blk, SIGUSR1) && has(&blk, SIGURG),
          "thread: /proc/thread-self/status SigBlk has its own SIGUSR2 "
          "(%d), SIGUSR1 (%d), SIGURG (%d)",
          has(&blk, SIGUSR2), has(&blk, SIGUSR1), has(&blk, SIGURG));
    st = slurp("/proc/self/status");
    CHECK(st && field(st, "SigBlk", &leader, &d) && !has(&leader, SIGUSR2) &&
          has(&leader, SIGUSR1),
          "thread: /proc/self/status SigBlk is the leader's (no SIGUSR2)");
    set_stage(2);
    wait_stage(3);
    return NULL;
}

int main(int argc, char **argv)
{
    sigset_t m;
    sigbits pnd, shd, blk, ign, cgt, eign, ecgt;
    int d = 0, ok;
    char *st;

    if (argc == 4 && strcmp(argv[1], "child") == 0) {
        return child_exec(atoi(argv[2]), atoi(argv[3]));
    }

    signal(SIGPIPE, SIG_IGN);
    signal(SIGUSR2, noop);
    sigemptyset(&m);
    sigaddset(&m, SIGHUP);
    sigaddset(&m, SIGUSR1);
    sigaddset(&m, SIGURG);
    sigprocmask(SIG_BLOCK, &m, NULL);
    raise(SIGUSR1);                 /* this thread's: SigPnd */
    kill(getpid(), SIGURG);         /* the process's: ShdPnd */

    st = slurp("/proc/self/status");
    CHECK(st != NULL, "read /proc/self/status");
    if (!st) {
        return guest_done();
    }
    ok = field(st, "SigBlk", &blk, &d);
    CHECK(ok, "SigBlk has %d hex digits (%d)", KNSIG / 4, d);
    CHECK(ok && has(&blk, SIGHUP) && has(&blk, SIGUSR1) && has(&blk, SIGURG) &&
          !has(&blk, SIGUSR2) && !has(&blk, SIGPIPE),
          "SigBlk: SIGHUP %d SIGUSR1(%d) %d SIGURG(%d) %d, not SIGUSR2",
          has(&blk, SIGHUP), SIGUSR1, has(&blk, SIGUSR1), SIGURG, has(&blk, SIGURG));
    ok = field(st, "SigPnd", &pnd, &d);
    CHECK(ok && has(&pnd, SIGUSR1) && !has(&pnd, SIGURG),
          "SigPnd: SIGUSR1 (%d) pending for the thread (%d), SIGURG not (%d)",
          SIGUSR1, ok && has(&pnd, SIGUSR1), ok && has(&pnd, SIGURG));
    ok = field(st, "ShdPnd", &shd, &d);
    CHECK(ok && has(&shd, SIGURG) && !has(&shd, SIGUSR1),
          "ShdPnd: SIGURG (%d) pending for the process (%d)",
          SIGURG, ok && has(&shd, SIGURG));

    expected_disp(&eign, &ecgt);
    ok = field(st, "SigIgn", &ign, &d);
    CHECK(ok && has(&ign, SIGPIPE) && ign.w[0] == eign.w[0],
          "SigIgn: %#x, as sigaction says %#x (SIGPIPE)", ign.w[0], eign.w[0]);
    ok = field(st, "SigCgt", &cgt, &d);
    CHECK(ok && has(&cgt, SIGUSR2) && !has(&cgt, SIGSEGV) && !has(&cgt, SIGBUS) &&
          !has(&cgt, SIGTERM) && (cgt.w[0] & 0x7fffffff) == ecgt.w[0],
          "SigCgt: %#x, as sigaction says %#x (SIGUSR2 = %d only)",
          cgt.w[0], ecgt.w[0], SIGUSR2);

    /* the same through /proc/<pid>/status */
    {
        char path[64];
        sigbits ign2;
        snprintf(path, sizeof(path), "/proc/%d/status", (int)getpid());
        st = slurp(path);
        CHECK(st && field(st, "SigIgn", &ign2, &d) && ign2.w[0] == eign.w[0],
              "/proc/<pid>/status SigIgn as sigaction says");
    }

    /* another thread's mask, seen by itself and by this thread */
    {
        pthread_t t;
        char path[96];
        CHECK(pthread_create(&t, NULL, thread_fn, NULL) == 0, "pthread_create");
        set_stage(1);
        wait_stage(2);
        snprintf(path, sizeof(path), "/proc/self/task/%d/status", (int)thread_tid);
        st = slurp(path);
        CHECK(st && field(st, "SigBlk", &blk, &d) && has(&blk, SIGUSR2) &&
              has(&blk, SIGUSR1),
              "/proc/self/task/<tid>/status SigBlk is that thread's (SIGUSR2 %d)",
              st ? has(&blk, SIGUSR2) : -1);
        set_stage(3);
        pthread_join(t, NULL);
    }

    /* SIGPIPE stays ignored across execve: SigIgn of the new program, in
     * its own /proc/self/status and in its /proc/<pid>/status as another
     * process (this one) reads it */
    {
        pid_t c;
        int ws = 0, rp[2], gp[2];
        char b, path[64], a1[16], a2[16];
        sigbits cign;
        CHECK(pipe(rp) == 0 && pipe(gp) == 0, "pipes");
        fflush(stdout);
        c = fork();
        if (c == 0) {
            sigset_t none;
            sigemptyset(&none);
            sigprocmask(SIG_SETMASK, &none, NULL);
            signal(SIGUSR2, SIG_DFL);
            close(rp[0]); close(gp[1]);
            snprintf(a1, sizeof(a1), "%d", rp[1]);
            snprintf(a2, sizeof(a2), "%d", gp[0]);
            execl("/proc/self/exe", argv[0], "child", a1, a2, (char *)NULL);
            _exit(99);
        }
        close(rp[1]); close(gp[0]);
        if (read(rp[0], &b, 1) == 1) {
#ifdef __mips__
            /* Another process's status is its kernel's: under an emulator,
             * the 64-bit host's (64 signals, the host's numbers). */
            if (!qc_native()) {
                SKIP("another process's /proc/<pid>/status on MIPS: under an emulator it is the "
                     "64-bit host's (64 signals, the host's numbers)");
            } else
#endif
            {
                snprintf(path, sizeof(path), "/proc/%d/status", (int)c);
                st = slurp(path);
                CHECK(st && field(st, "SigIgn", &cign, &d) && has(&cign, SIGPIPE),
                      "another process's /proc/<pid>/status: SigIgn has the "
                      "inherited SIGPIPE (%d)", st ? has(&cign, SIGPIPE) : -1);
            }
        } else {
            CHECK(0, "the child started");
        }
        close(gp[1]);
        waitpid(c, &ws, 0);
        close(rp[0]);
        CHECK(WIFEXITED(ws) && WEXITSTATUS(ws) == 0,
              "the re-executed program's checks pass (status %#x)", ws);
    }
    return guest_done();
}
