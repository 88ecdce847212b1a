/* vm-errnos: the memory calls on ranges the guest has not mapped answer
 * as the kernel answers (ENOMEM), though the emulator's reservation lies
 * under them on the host; madvise applies its advice (and refuses unknown
 * advice); mlockall locks the guest's mappings, not the reservation;
 * /proc/self/smaps shows the residency and locking of a mapping; mmap
 * checks the descriptor first and MAP_SHARED_VALIDATE's flags; munmap
 * that must split a mapping at vm.max_map_count fails; a MAP_GROWSDOWN
 * mapping grows, also as the stack a thread runs down.
 * timeout: 120
 */
#include "check.h"
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>

#ifndef MADV_WIPEONFORK
#define MADV_WIPEONFORK 18
#endif
#ifndef MADV_KEEPONFORK
#define MADV_KEEPONFORK 19
#endif
#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif
#ifndef MADV_GUARD_INSTALL
#define MADV_GUARD_INSTALL 102
#define MADV_GUARD_REMOVE 103
#endif
#ifndef MAP_SHARED_VALIDATE
#define MAP_SHARED_VALIDATE 0x03
#endif
#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#ifndef MCL_ONFAULT
#define MCL_ONFAULT 4
#endif
/* A flag no arch defines (i386, ARM and MIPS leave 0x200 free). */
#define UNKNOWN_MAP_FLAG 0x200

static long pg;

/* n pages, the middle one unmapped: [p, p + pg) [hole] [p + 2pg, ...) */
static char *map_with_hole(int n, int prot)
{
    char *p = mmap(NULL, n * pg, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (p == MAP_FAILED) {
        printf("FAIL mmap: %s\n", strerror(errno));
        exit(1);
    }
    munmap(p + pg, pg);
    return p;
}

/* A field of /proc/self/status in kB (-1 when absent). */
static long status_kb(const char *key)
{
    char line[256];
    long v = -1;
    size_t n = strlen(key);
    FILE *f = fopen("/proc/self/status", "r");

    while (f && fgets(line, sizeof(line), f)) {
        if (!strncmp(line, key, n) && line[n] == ':') {
            v = strtol(line + n + 1, NULL, 10);
        }
    }
    if (f) {
        fclose(f);
    }
    return v;
}

/* A field (kB) and the VmFlags of the smaps entry that starts at addr. */
static long smaps_kb(void *addr, const char *key, char *flags, size_t fsz)
{
    char line[512], want[32];
    long v = -1;
    int in = 0;
    size_t n = strlen(key);
    FILE *f = fopen("/proc/self/smaps", "r");

    snprintf(want, sizeof(want), "%08lx-", (unsigned long)addr);
    while (f && fgets(line, sizeof(line), f)) {
        unsigned long s, e;
        if (sscanf(line, "%lx-%lx ", &s, &e) == 2 && strchr(line, ' ') &&
            line[strspn(line, "0123456789abcdef")] == '-') {
            in = !strncmp(line, want, strlen(want));
            continue;
        }
        if (in && !strncmp(line, key, n) && line[n] == ':') {
            v = strtol(line + n + 1, NULL, 10);
        }
        if (in && flags && !strncmp(line, "VmFlags:", 8)) {
            size_t k = strcspn(line + 8, "\n");
            k = k < fsz - 1 ? k : fsz - 1;
            memcpy(flags, line + 8, k);
            flags[k] = 0;
        }
    }
    if (f) {
        fclose(f);
    }
    return v;
}

/* Runs fn in a child; its fate: exit status, or 128 + signal. */
static int in_child(void (*fn)(void *), void *arg)
{
    int st;
    pid_t pid = fork();

    if (pid == 0) {
        fn(arg);
        _exit(0);
    }
    if (pid < 0 || waitpid(pid, &st, 0) != pid) {
        return -1;
    }
    return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
}

static void child_check_zero(void *arg)
{
    _exit(((volatile char *)arg)[0] == 0 ? 0 : 1);
}

static void child_touch(void *arg)
{
    ((volatile char *)arg)[0] = 1;
}

static void test_ranges(void)
{
    char *p = map_with_hole(3, PROT_READ | PROT_WRITE);
    unsigned char vec[4] = { 0xaa, 0xaa, 0xaa, 0xaa };

    memset(p, 1, pg);
    memset(p + 2 * pg, 1, pg);

    /* mm/mlock.c apply_vma_lock_flags(): a hole is ENOMEM */
    CHECK_OK(mlock(p, pg), "mlock of a mapped page");
    CHECK_ERRNO(mlock(p, 3 * pg), ENOMEM, "mlock over a hole: ENOMEM");
    CHECK_ERRNO(mlock(p + pg, pg), ENOMEM, "mlock of an unmapped page: ENOMEM");
    CHECK_ERRNO(munlock(p, 3 * pg), ENOMEM, "munlock over a hole: ENOMEM");
    CHECK_OK(munlock(p, pg), "munlock of a mapped page");
    CHECK_OK(munlock(p, 0), "munlock of nothing");

    /* mm/msync.c */
    CHECK_OK(msync(p, pg, MS_SYNC), "msync of a mapped page");
    CHECK_ERRNO(msync(p, 3 * pg, MS_SYNC), ENOMEM, "msync(MS_SYNC) over a hole: ENOMEM");
    CHECK_ERRNO(msync(p, 3 * pg, MS_ASYNC), ENOMEM, "msync(MS_ASYNC) over a hole: ENOMEM");
    CHECK_ERRNO(msync(p + 1, pg, MS_SYNC), EINVAL, "msync of an unaligned start: EINVAL");
    CHECK_ERRNO(msync(p + pg, pg, MS_SYNC | MS_ASYNC), EINVAL,
                "msync flags before the range: EINVAL");

    /* mm/mincore.c: ENOMEM at the hole, the vector filled up to it */
    CHECK_ERRNO(mincore(p, 3 * pg, vec), ENOMEM, "mincore over a hole: ENOMEM");
    CHECK(vec[0] == 1, "mincore filled the entry before the hole (%#x)", vec[0]);
    CHECK_ERRNO(mincore(p + pg, pg, vec), ENOMEM, "mincore of an unmapped page: ENOMEM");
    CHECK_ERRNO(mincore(p + 1, pg, vec), EINVAL, "mincore of an unaligned start: EINVAL");
    munmap(p, 3 * pg);

    /* residency needs no access right */
    p = mmap(NULL, 2 * pg, PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    p[0] = 1;
    CHECK_OK(mincore(p, 2 * pg, vec), "mincore of a write-only mapping");
    CHECK((vec[0] & 1) && !(vec[1] & 1), "mincore: the written page is resident, the other not (%#x %#x)",
          vec[0], vec[1]);
    munmap(p, 2 * pg);
    p = mmap(NULL, pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK_OK(mincore(p, pg, vec), "mincore of a PROT_NONE mapping");
    munmap(p, pg);
}

static void test_madvise(void)
{
    char *p = map_with_hole(3, PROT_READ | PROT_WRITE);
    char *s;
    int r;

    memset(p, 1, pg);
    memset(p + 2 * pg, 1, pg);
    CHECK_ERRNO(madvise(p, pg, 1212), EINVAL, "madvise with unknown advice: EINVAL");
    CHECK_ERRNO(madvise(p + 1, pg, MADV_NORMAL), EINVAL, "madvise of an unaligned start: EINVAL");
    CHECK_OK(madvise(p, 0, MADV_NORMAL), "madvise of nothing");
    CHECK_ERRNO(madvise(p, 3 * pg, MADV_NORMAL), ENOMEM, "madvise(MADV_NORMAL) over a hole: ENOMEM");
    CHECK_ERRNO(madvise(p, 3 * pg, MADV_WILLNEED), ENOMEM, "madvise(MADV_WILLNEED) over a hole: ENOMEM");
    CHECK_ERRNO(madvise(p + pg, pg, MADV_DONTNEED), ENOMEM, "madvise of an unmapped page: ENOMEM");
    /* madvise_walk_vmas(): ENOMEM, but the mapped parts got the advice */
    CHECK_ERRNO(madvise(p, 3 * pg, MADV_DONTNEED), ENOMEM, "madvise(MADV_DONTNEED) over a hole: ENOMEM");
    CHECK(p[0] == 0 && p[2 * pg] == 0, "MADV_DONTNEED over a hole still emptied both mapped pages (%d %d)",
          p[0], p[2 * pg]);
    CHECK_ERRNO(madvise(p, 3 * pg, MADV_POPULATE_READ), ENOMEM, "madvise(MADV_POPULATE_READ) over a hole: ENOMEM");
    munmap(p, 3 * pg);

    /* MADV_WIPEONFORK: private anonymous memory only, zero in the child */
    p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    p[0] = 1;
    CHECK_OK(madvise(p, pg, MADV_WIPEONFORK), "madvise(MADV_WIPEONFORK)");
    CHECK(in_child(child_check_zero, p) == 0, "MADV_WIPEONFORK: the child sees zeros");
    CHECK(p[0] == 1, "MADV_WIPEONFORK: the parent keeps its data");
    CHECK_OK(madvise(p, pg, MADV_KEEPONFORK), "madvise(MADV_KEEPONFORK)");
    CHECK(in_child(child_check_zero, p) == 1, "MADV_KEEPONFORK: the child sees the data again");
    munmap(p, pg);
    s = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK_ERRNO(madvise(s, pg, MADV_WIPEONFORK), EINVAL, "MADV_WIPEONFORK on a shared mapping: EINVAL");
    munmap(s, pg);

    /* MADV_GUARD_INSTALL (Linux 6.13): an access is SIGSEGV */
    p = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    errno = 0;
    r = madvise(p, pg, MADV_GUARD_INSTALL);
    if (r < 0 && errno == EINVAL) {
        SKIP("MADV_GUARD_INSTALL: the kernel has no guard regions (EINVAL; Linux 6.13)");
    } else {
        CHECK(r == 0, "madvise(MADV_GUARD_INSTALL)");
        CHECK(in_child(child_touch, p) == 128 + SIGSEGV, "a guard page is SIGSEGV");
        CHECK(in_child(child_touch, p + pg) == 0, "the page after it is not");
        CHECK_OK(madvise(p, pg, MADV_GUARD_REMOVE), "madvise(MADV_GUARD_REMOVE)");
        CHECK(in_child(child_touch, p) == 0, "a removed guard page is memory again");
    }
    munmap(p, 2 * pg);
}

static void test_locking(void)
{
    size_t len = 1 << 20;
    char flags[256] = "";
    struct rlimit rl;
    char *p;
    long rss, locked, before;

    /* mlock populates; smaps shows it (mm/mlock.c, fs/proc/task_mmu.c) */
    p = mmap(NULL, len, PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mlock(p, len) < 0) {
        SKIP("mlock of 1 MiB: %s", strerror(errno));
        munmap(p, len);
        return;
    }
    rss = smaps_kb(p, "Rss", flags, sizeof(flags));
    locked = smaps_kb(p, "Locked", NULL, 0);
    CHECK(rss == 1024, "smaps: Rss of a locked 1 MiB mapping is 1024 kB (%ld)", rss);
    CHECK(locked == 1024, "smaps: Locked of it is 1024 kB (%ld)", locked);
    CHECK(strstr(flags, " lo") != NULL, "smaps: its VmFlags say lo (%s)", flags);
    munlock(p, len);
    munmap(p, len);

    /* mlockall: the guest's mappings, under RLIMIT_MEMLOCK (8 MiB by default) */
    getrlimit(RLIMIT_MEMLOCK, &rl);
    before = status_kb("VmLck");
    CHECK_OK(mlockall(MCL_CURRENT), "mlockall(MCL_CURRENT) (RLIMIT_MEMLOCK %ld kB)",
             rl.rlim_cur == RLIM_INFINITY ? -1L : (long)(rl.rlim_cur / 1024));
    CHECK(status_kb("VmLck") > before, "mlockall locked memory (VmLck %ld kB)", status_kb("VmLck"));
    CHECK_OK(munlockall(), "munlockall()");
    CHECK(status_kb("VmLck") == 0, "munlockall unlocked it (VmLck %ld kB)", status_kb("VmLck"));
    CHECK_ERRNO(mlockall(0), EINVAL, "mlockall(0): EINVAL");
    CHECK_ERRNO(mlockall(MCL_ONFAULT), EINVAL, "mlockall(MCL_ONFAULT) alone: EINVAL");

    /* MCL_FUTURE: the next mapping is locked and populated */
    CHECK_OK(mlockall(MCL_FUTURE), "mlockall(MCL_FUTURE)");
    p = mmap(NULL, 64 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED && smaps_kb(p, "Locked", NULL, 0) == 64 * pg / 1024,
          "after MCL_FUTURE a new mapping is locked (%ld kB)", smaps_kb(p, "Locked", NULL, 0));
    munlockall();
    if (p != MAP_FAILED) {
        munmap(p, 64 * pg);
    }
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < (64ul << 20) && getuid() != 0) {
        CHECK_OK(mlockall(MCL_FUTURE), "mlockall(MCL_FUTURE) again");
        p = mmap(NULL, 64ul << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        CHECK(p == MAP_FAILED && errno == EAGAIN,
              "a locked mapping over RLIMIT_MEMLOCK is EAGAIN (%s)", p == MAP_FAILED ? strerror(errno) : "mapped");
        munlockall();
    }
}

static void test_mmap_flags(void)
{
    int fd = open("/proc/self/exe", O_RDONLY);
    void *p;

    /* mm/mmap.c ksys_mmap_pgoff(): the descriptor before the length */
    CHECK(mmap(NULL, 0, PROT_READ, MAP_SHARED, -1, 0) == MAP_FAILED && errno == EBADF,
          "mmap of no length on a bad descriptor: EBADF (%s)", strerror(errno));
    /* do_mmap(): MAP_SHARED_VALIDATE refuses flags MAP_SHARED ignores */
    p = mmap(NULL, pg, PROT_READ, MAP_SHARED_VALIDATE | UNKNOWN_MAP_FLAG, fd, 0);
    CHECK(p == MAP_FAILED && errno == EOPNOTSUPP,
          "MAP_SHARED_VALIDATE with an unknown flag: EOPNOTSUPP (%s)", p == MAP_FAILED ? strerror(errno) : "mapped");
    p = mmap(NULL, pg, PROT_READ, MAP_SHARED | UNKNOWN_MAP_FLAG, fd, 0);
    CHECK(p != MAP_FAILED, "MAP_SHARED with the same flag maps (%s)", p == MAP_FAILED ? strerror(errno) : "ok");
    if (p != MAP_FAILED) {
        munmap(p, pg);
    }
    p = mmap(NULL, pg, PROT_READ, MAP_SHARED_VALIDATE, fd, 0);
    CHECK(p != MAP_FAILED, "MAP_SHARED_VALIDATE with known flags maps (%s)",
          p == MAP_FAILED ? strerror(errno) : "ok");
    if (p != MAP_FAILED) {
        CHECK(((char *)p)[1] == 'E', "it maps the file");
        munmap(p, pg);
    }
    p = mmap(NULL, pg, PROT_READ, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p == MAP_FAILED && errno == EINVAL, "anonymous MAP_SHARED_VALIDATE: EINVAL (%s)",
          p == MAP_FAILED ? strerror(errno) : "mapped");
    close(fd);
}

/* munmap04: split a mapping when no more mappings can be made */
static void test_map_count(void)
{
    enum { MAX = 70000 };
    static char *maps[MAX];
    char *a = (char *)0x10000000;
    int n = 0, i;
    size_t len = 3 * pg;

    while (n < MAX && (uintptr_t)a < 0x70000000) {
        char *p = mmap(a, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
        a += 2 * len;
        if (p == MAP_FAILED && errno == EEXIST) {
            continue;
        }
        if (p == MAP_FAILED) {
            break;
        }
        maps[n++] = p;
    }
    if (n == MAX || (uintptr_t)a >= 0x70000000) {
        SKIP("map count: %d mappings did not reach vm.max_map_count", n);
    } else {
        CHECK_ERRNO(munmap(maps[2] + pg, pg), ENOMEM,
                    "munmap that splits a mapping at vm.max_map_count: ENOMEM (%d mappings)", n);
        CHECK_OK(munmap(maps[3], len), "munmap of a whole mapping there");
        maps[3] = NULL;
    }
    for (i = 0; i < n; i++) {
        if (maps[i]) {
            munmap(maps[i], len);
        }
    }
    CHECK_OK(munmap(maps[2] + pg, pg), "munmap of a free range");
}

/* mmap18: a MAP_GROWSDOWN mapping grows down to an access below it */
static char *growsdown(char **bottom, size_t pages)
{
    size_t gap = 256 * pg, space = gap + pages * pg;
    char *start = mmap(NULL, space, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *top = start + space;

    munmap(start, space);
    *bottom = top - pages * pg;
    return mmap(top - 4 * pg, 4 * pg, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, -1, 0);
}

static void child_grow(void *arg)
{
    char **b = arg;
    volatile char *q = b[0];
    int fd;

    q[0] = 1;                     /* a write below the mapping grows it */
    fd = open("/proc/self/exe", O_RDONLY);
    if (fd < 0 || read(fd, b[1], 16) != 16) {
        _exit(2);                 /* a syscall's write grows it too */
    }
    _exit(q[0] == 1 && b[1][1] == 'E' ? 0 : 3);
}

/*
 * mmap18: a thread whose stack is a MAP_GROWSDOWN mapping, made just before
 * the thread, runs down it (the emulator's own per-thread memory, the x86
 * GDT on QEMU 10.0, was once mapped right below it: the thread wrote its
 * frames over it and then the stack could not grow past it).
 */
static __attribute__((noinline)) int descend(char *limit)
{
    volatile char frame[200];

    frame[0] = 1;
    if ((char *)frame < limit) {
        return frame[0];
    }
    return descend(limit) + frame[0];
}

static void *thread_descend(void *limit)
{
    return (void *)(intptr_t)descend(limit);
}

static void child_thread_stack(void *arg)
{
    char *bottom, *m = growsdown(&bottom, 32);
    pthread_attr_t attr;
    pthread_t t;
    void *depth;

    (void)arg;
    if (m == MAP_FAILED || pthread_attr_init(&attr) ||
        pthread_attr_setstack(&attr, bottom, 32 * pg) ||
        pthread_create(&t, &attr, thread_descend, bottom + pg) ||
        pthread_join(t, &depth)) {
        _exit(2);
    }
    _exit((intptr_t)depth > 100 ? 0 : 3);
}

static void test_growsdown(void)
{
    char *bottom, *args[2];
    char *m = growsdown(&bottom, 32);

    if (m == MAP_FAILED) {
        SKIP("MAP_GROWSDOWN: %s", strerror(errno));
        return;
    }
    args[0] = m - 8 * pg;
    args[1] = m - 16 * pg;
    CHECK(in_child(child_grow, args) == 0, "a MAP_GROWSDOWN mapping grows for an access and a syscall below it");
    args[1] = m - 4 * pg;
    /* the kernel keeps stack_guard_gap to a mapping below */
    CHECK(mmap(m - 20 * pg, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED,
          "a page mapped 16 pages below it");
    args[0] = m - 8 * pg;
    CHECK(in_child(child_grow, args) == 128 + SIGSEGV, "closer than stack_guard_gap to a mapping it does not grow: SIGSEGV");
    munmap(m - 20 * pg, 24 * pg);
    CHECK(in_child(child_thread_stack, NULL) == 0,
          "a thread runs down its MAP_GROWSDOWN stack, which grows");
}

int main(void)
{
    pg = sysconf(_SC_PAGESIZE);
    test_ranges();
    test_madvise();
    test_locking();
    test_mmap_flags();
    test_growsdown();
    test_map_count();
    return guest_done();
}
