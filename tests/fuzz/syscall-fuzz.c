/*
 * syscall-fuzz: a guest program that calls random syscalls (from the kernel
 * table, minus tests/fuzz/deny.list) with random mixes of valid and invalid
 * arguments, in forked children, and reports emulator crashes.
 *
 * Usage: syscall-fuzz CALLS SEED
 *
 * Each child makes up to PER_CHILD calls in a scratch directory. Before each
 * call it records the syscall number in a page shared with the parent, and
 * clears it afterwards. A child that dies of a core-dumping signal (SEGV,
 * BUS, ILL, FPE, ABRT, TRAP, SYS) *while a syscall is in flight* died inside
 * the emulator's syscall layer: the kernel never answers a syscall with such
 * a signal (bad pointers give EFAULT). That is reported as CRASH with the
 * syscall and its arguments. Deaths between calls are the guest's own doing
 * (a random munmap of its code, say) and are only counted.
 *
 * The numbers come from fuzz-calls-<arch>.h, made by tests/fuzz/gen-list.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include FUZZ_CALLS_H

#define PER_CHILD 400
#define NCALLS (sizeof fuzz_calls / sizeof fuzz_calls[0])

struct shared {
    volatile int32_t in_flight;     /* syscall number, or -1 */
    volatile uint32_t args[8];
    volatile uint32_t done;         /* calls completed by this child */
    volatile int32_t tainted;       /* a may_destroy_self call was made: its
                                       number, else -1 */
};

static struct shared *sh;
static uint32_t rng;
static unsigned char *scratch;      /* 64 KiB of valid, writable memory */
static void *hole;                  /* an unmapped page */

static uint32_t rnd(void)
{
    rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5;
    return rng;
}

static uint32_t arg(void)
{
    static const uint32_t ints[] = {
        0, 1, 2, 3, 4, 8, 16, 64, 255, 4096, 65536, 0x7fffffff, 0x80000000,
        0xffffffff, 0xfffffffe, 0xffffff9c /* AT_FDCWD */, 0x1000000, 100000,
    };
    switch (rnd() % 10) {
    case 0: case 1: return ints[rnd() % (sizeof ints / sizeof ints[0])];
    case 2: return rnd();
    case 3: case 4: return (uint32_t)(uintptr_t)(scratch + (rnd() % 65536 & ~3u));
    case 5: return (uint32_t)(uintptr_t)scratch;       /* a pool of valid strings */
    case 6: return rnd() % 12;                           /* an fd */
    case 7: {                                            /* a bad pointer */
        static const uint32_t bad[] = { 0, 1, 0xfff, 0xfffff000, 0xc0000000, 0xffffe000, 0x7fff8000 };
        return rnd() & 1 ? (uint32_t)(uintptr_t)hole : bad[rnd() % 7];
    }
    case 8: return rnd() & 0xffff;
    default: return 1u << (rnd() % 32);
    }
}

static void on_alarm(int sig) { (void)sig; }
static int legit_self_destruction(const char *name);

static void child(unsigned seed, int calls)
{
    rng = seed * 2654435761u + 1;
    /* Blocking calls are interrupted (EINTR) every 20 ms instead of hanging. */
    struct sigaction sa = { 0 };
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = { { 0, 20000 }, { 0, 20000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    signal(SIGPIPE, SIG_IGN);
    /* stdin/stdout: files of the scratch directory, never a shared device
     * node (as root, a random fchmod/fchown on /dev/null changed it for the
     * whole machine). stderr is the harness's pipe. */
    int io = open("stdio", O_CREAT | O_RDWR, 0644);
    if (io < 0) {          /* an earlier child made "stdio" unusable */
        close(0);
        close(1);
    } else {
        dup2(io, 0);
        dup2(io, 1);
    }
    /* A few real fds: files, a pipe, a directory, a socket pair. */
    open("f0", O_CREAT | O_RDWR, 0644);
    open(".", O_RDONLY | O_DIRECTORY);
    int p[2];
    pipe(p);
    for (int i = 0; i < calls; i++) {
        int k = rnd() % NCALLS;
        uint32_t a[8];
        for (int j = 0; j < 8; j++)
            a[j] = arg();
        for (int j = 0; j < 8; j++)
            sh->args[j] = a[j];
        sh->in_flight = fuzz_calls[k].nr;
        if (legit_self_destruction(fuzz_calls[k].name))
            sh->tainted = fuzz_calls[k].nr;
        syscall(fuzz_calls[k].nr, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
        sh->in_flight = -1;
        sh->done++;
    }
    _exit(0);
}

/*
 * Calls after which the guest itself may legitimately die of SIGSEGV & co on
 * the way back from the call: they can unmap or re-protect the guest's own
 * code or stack (random address + length arguments), switch the CPU mode
 * (vm86) or load a random register state (sigreturn), as on a real kernel.
 */
static const char *const may_destroy_self[] = {
    "munmap", "mremap", "mprotect", "pkey_mprotect", "brk", "madvise",
    "process_madvise", "mmap", "mmap2", "old_mmap", "remap_file_pages",
    "shmat", "shmdt", "ipc", "mseal", "modify_ldt", "set_thread_area",
    "vm86", "vm86old", "sigreturn", "rt_sigreturn", "personality", "prctl",
    "arch_prctl", "set_tls", "userfaultfd", "sigaltstack", "rseq",
    "set_robust_list", "set_tid_address", "unshare", "setuid", "setuid32",
    "setresuid", "setresuid32", "setreuid", "setreuid32", "setfsuid",
    "setfsuid32", "capset", "rt_sigprocmask", "sigprocmask",
    /* arrange a signal of the guest's choosing (11, say) for later:
     * F_SETSIG/F_SETOWN on an O_ASYNC fd, a queue notification */
    "fcntl", "fcntl64", "mq_notify",
};

static int legit_self_destruction(const char *name)
{
    for (size_t i = 0; i < sizeof may_destroy_self / sizeof may_destroy_self[0]; i++)
        if (strcmp(name, may_destroy_self[i]) == 0)
            return 1;
    return 0;
}

static const char *name_of(int nr)
{
    for (size_t i = 0; i < NCALLS; i++)
        if (fuzz_calls[i].nr == nr)
            return fuzz_calls[i].name;
    return "?";
}

int main(int argc, char **argv)
{
    long total = argc > 1 ? atol(argv[1]) : 10000;
    unsigned seed = argc > 2 ? (unsigned)atol(argv[2]) : 1;
    sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    /* The 64 KiB scratch buffer is followed by a PROT_NONE guard page: a
     * random length from a pointer into it (getrandom(scratch + 60000,
     * 32768), read, ...) stops there with EFAULT or a short count, as the
     * kernel stops at the first unmapped page, instead of overwriting the
     * guest's own memory beyond it (a child then died of that damage in a
     * later call, counted as an emulator crash: i386 seed 7, getitimer). */
    scratch = mmap(NULL, 65536 + 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (scratch != MAP_FAILED)
        mprotect(scratch + 65536, 4096, PROT_NONE);
    hole = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(hole, 4096);
    if (sh == MAP_FAILED || scratch == MAP_FAILED)
        return 2;
    rng = seed;
    /* Random bytes, but no '/' or '.': a string at a random offset is then
     * a name in the scratch directory, never "/", ".." or an absolute path. */
    for (int i = 0; i < 65536; i++) {
        scratch[i] = rnd();
        if (scratch[i] == '/' || scratch[i] == '.')
            scratch[i] = 'x';
    }
    /* NUL-terminated names the calls may use as paths: all relative. */
    static const char *names[] = { "f0", "f1", "d0", ".", "f0/x", "" };
    for (int i = 0, off = 0; i < 6; i++, off += 8)
        memcpy(scratch + off, names[i], strlen(names[i]) + 1);

    long calls = 0, children = 0, guest_deaths = 0, timeouts = 0, crashes = 0;
    long tainted_deaths = 0;
    while (calls < total) {
        int n = total - calls < PER_CHILD ? (int)(total - calls) : PER_CHILD;
        sh->in_flight = -1;
        sh->tainted = -1;
        sh->done = 0;
        pid_t pid = fork();
        if (pid < 0) { perror("fork"); return 2; }
        if (pid == 0)
            child(seed + children * 7919, n);
        children++;
        int st = 0;
        struct timespec t0, t;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (;;) {
            pid_t r = waitpid(pid, &st, WNOHANG);
            if (r == pid) break;
            clock_gettime(CLOCK_MONOTONIC, &t);
            if (t.tv_sec - t0.tv_sec >= 5) {   /* blocked with SIGALRM masked, say */
                kill(pid, SIGKILL);
                waitpid(pid, &st, 0);
                timeouts++;
                st = 0;
                break;
            }
            usleep(2000);
        }
        /* The shared page is guest memory the random calls can write
         * too: a count outside the child's budget was overwritten, and
         * counts as nothing (the budget is a minimum). */
        long done = sh->done;
        calls += (done >= 0 && done <= n ? done : 0) + (sh->in_flight >= 0);
        if (WIFSIGNALED(st)) {
            int s = WTERMSIG(st);
            int core = s == SIGSEGV || s == SIGBUS || s == SIGILL || s == SIGFPE ||
                       s == SIGABRT || s == SIGTRAP || s == SIGSYS;
            int nr = sh->in_flight;
            /* After a call that may have destroyed the child's own code,
             * stack or registers, a later death in flight may be that
             * damage (the libc wrapper's own code or stack); SIGABRT is
             * never the guest's doing here. The emulator's internal-fault
             * detector and the harness's log checks catch emulator faults
             * in such children too. */
            if (core && nr >= 0 && !legit_self_destruction(name_of(nr)) &&
                (sh->tainted < 0 || s == SIGABRT)) {
                crashes++;
                printf("CRASH signal %d during %s (%d) args", s, name_of(nr), nr);
                for (int j = 0; j < 8; j++) printf(" %#x", sh->args[j]);
                printf("\n");
            } else if (core && nr >= 0 && sh->tainted >= 0) {
                tainted_deaths++;
                guest_deaths++;
            } else {
                guest_deaths++;
            }
        }
        /* A child that ended early (e.g. a random munmap of its own code):
         * the remaining budget goes to the next child. */
    }
    printf("syscall-fuzz: %ld calls in %ld children, %ld guest-caused deaths (%ld after a self-destroying call), %ld timeouts, %ld emulator crashes\n",
           calls, children, guest_deaths, tainted_deaths, timeouts, crashes);
    return crashes ? 1 : 0;
}
