/* mman: mmap/munmap/mprotect of anonymous and file memory, and the faults a
 * protection change must cause; code in a file truncated under its mapping
 * gives SIGBUS (BUS_ADRERR) at the code's address, as from the CPU. */
#include "check.h"
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <string.h>
#include <errno.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static sigjmp_buf jb;
static volatile void *fault_addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig; (void)uc;
    fault_addr = si->si_addr;
    siglongjmp(jb, 1);
}

static int writes_fault(volatile char *p)
{
    fault_addr = NULL;
    if (sigsetjmp(jb, 1) == 0) {
        *p = 1;
        return 0;
    }
    return 1;
}

/* Alone at the start of its page: made execute-only below. */
__attribute__((noinline, aligned(65536))) static int xonly(int x)
{
    return x * 3 + 1;
}

static void *bus_expect;

static void on_bus_exit(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    _exit(sig == SIGBUS && si->si_code == BUS_ADRERR && si->si_addr == bus_expect ? 50 : 51);
}

/* Call into a file mapping PROT_READ|PROT_EXEC whose file was truncated to
 * nothing, in a child: 50 when it got SIGBUS (BUS_ADRERR) for that
 * address. The emulator reads the code to translate it, and took that
 * SIGBUS itself (an internal error; found by the syscall fuzzer). */
static int exec_truncated(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    int st = -1;

    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        struct sigaction sb = { 0 };
        int fd = open("mman-code", O_RDWR | O_CREAT | O_TRUNC, 0700);
        if (fd < 0 || ftruncate(fd, 2 * pg) < 0) {
            _exit(52);
        }
        void *code = mmap(NULL, 2 * pg, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
        if (code == MAP_FAILED || ftruncate(fd, 0) < 0) {
            _exit(53);
        }
        sb.sa_sigaction = on_bus_exit;
        sb.sa_flags = SA_SIGINFO;
        sigaction(SIGBUS, &sb, NULL);
        bus_expect = (char *)code + pg;
        ((void (*)(void))bus_expect)();
        _exit(54);
    }
    waitpid(pid, &st, 0);
    unlink("mman-code");
    return WIFEXITED(st) ? WEXITSTATUS(st) : 1000 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}

int main(void)
{
    int r = exec_truncated();
    CHECK(r == 50, "calling code of a file truncated under its mapping: SIGBUS BUS_ADRERR "
          "at that address (status %d)", r);

    struct sigaction sa = { 0 };
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    long pg = sysconf(_SC_PAGESIZE);

    char *p = mmap(NULL, 16 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED, "mmap 16 anonymous pages");
    CHECK(((unsigned long)p & (pg - 1)) == 0, "mmap result is page aligned");
    int zero = 1;
    for (long i = 0; i < 16 * pg; i++)
        if (p[i]) zero = 0;
    CHECK(zero, "anonymous memory is zero-filled");
    memset(p, 0xab, 16 * pg);
    CHECK(mprotect(p + 4 * pg, pg, PROT_READ) == 0, "mprotect one page read-only");
    CHECK(p[4 * pg] == (char)0xab, "read-only page still readable");
    CHECK(writes_fault(p + 4 * pg + 10), "write to read-only page faults");
    CHECK(fault_addr == p + 4 * pg + 10, "si_addr is the faulting address");
    CHECK(!writes_fault(p + 5 * pg), "neighbouring page still writable");
    CHECK(mprotect(p + 4 * pg, pg, PROT_READ | PROT_WRITE) == 0 && !writes_fault(p + 4 * pg),
          "mprotect back to read-write");
    CHECK(munmap(p + 8 * pg, 8 * pg) == 0, "munmap upper half");
    CHECK(writes_fault(p + 9 * pg), "unmapped page faults");
    CHECK(!writes_fault(p + 7 * pg), "lower half still mapped");
    CHECK(munmap(p, 8 * pg) == 0, "munmap lower half");

    CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL,
          "mmap length 0 gives EINVAL");
    CHECK(mmap((void *)(pg + 1), pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED &&
          errno == EINVAL, "unaligned MAP_FIXED gives EINVAL");
    CHECK(munmap((void *)(pg + 1), pg) == -1 && errno == EINVAL, "unaligned munmap gives EINVAL");
    CHECK(mmap(NULL, pg, PROT_READ, MAP_PRIVATE, 9999, 0) == MAP_FAILED && errno == EBADF,
          "file mmap of a bad fd gives EBADF");

    char path[] = "/tmp/qc-mman-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0 && ftruncate(fd, 2 * pg) == 0, "temp file of 2 pages");
    char *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(m != MAP_FAILED, "mmap file MAP_SHARED");
    strcpy(m + pg, "through the mapping");
    CHECK(msync(m, 2 * pg, MS_SYNC) == 0, "msync");
    char buf[32] = {0};
    CHECK(pread(fd, buf, 19, pg) == 19 && strcmp(buf, "through the mapping") == 0, "file sees the mapped write");
    CHECK(pwrite(fd, "back", 4, 0) == 4 && memcmp(m, "back", 4) == 0, "mapping sees the file write");
    munmap(m, 2 * pg);
    close(fd);
    unlink(path);
    /* remap_file_pages (mm/mmap.c, emulated by the kernel since 4.0): the
     * first page of a shared file mapping shows the file's third page */
    long pgsz = sysconf(_SC_PAGESIZE);
    int rf = open("mman-remap", O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(rf >= 0 && ftruncate(rf, 3 * pgsz) == 0, "a three-page file");
    for (int i = 0; i < 3; i++)
        pwrite(rf, &"ABC"[i], 1, i * pgsz);
    char *rm = mmap(NULL, 3 * pgsz, PROT_READ, MAP_SHARED, rf, 0);
    CHECK(rm != MAP_FAILED && rm[0] == 'A' && rm[2 * pgsz] == 'C', "mapped shared");
    CHECK(syscall(SYS_remap_file_pages, rm, pgsz, 0, 2, 0) == 0 && rm[0] == 'C' && rm[pgsz] == 'B',
          "remap_file_pages: the first page now shows the third (%c)", rm[0]);
    CHECK_ERRNO(syscall(SYS_remap_file_pages, rm, pgsz, PROT_READ, 0, 0), EINVAL, "remap_file_pages with prot: EINVAL");
    char *pm = mmap(NULL, pgsz, PROT_READ, MAP_PRIVATE, rf, 0);
    CHECK_ERRNO(syscall(SYS_remap_file_pages, pm, pgsz, 0, 1, 0), EINVAL, "remap_file_pages of a private mapping: EINVAL");
    munmap(pm, pgsz);
    munmap(rm, 3 * pgsz);
    CHECK_ERRNO(syscall(SYS_remap_file_pages, rm, pgsz, 0, 1, 0), EINVAL, "remap_file_pages of no mapping: EINVAL");
    close(rf);
    unlink("mman-remap");
    /* remap_file_pages of a SysV segment removed meanwhile (LTP shmctl05's
     * race, made deterministic): the kernel's do_mmap(MAP_FIXED) unmaps the
     * range before shm_mmap() fails with EIDRM, so the range is free
     * afterwards: shmdt has nothing to detach and a new mapping fits there.
     * The emulator kept it "mapped" (a 2 GiB MIPS space ran out of room). */
    int sid = shmget(IPC_PRIVATE, pgsz, IPC_CREAT | 0600);
    char *shm = sid >= 0 ? shmat(sid, NULL, 0) : (char *)-1;
    CHECK(shm != (char *)-1 && shmctl(sid, IPC_RMID, NULL) == 0, "a SysV segment attached, then removed");
    long rr = syscall(SYS_remap_file_pages, shm, pgsz, 0, 0, 0);
    CHECK(rr == -1 && (errno == EIDRM || errno == EINVAL),
          "remap_file_pages of the removed segment fails (r=%ld, %s)", rr, strerror(errno));
    CHECK_ERRNO(shmdt(shm), EINVAL, "  ... and has unmapped it: shmdt has nothing there");
    void *again = mmap(shm, pgsz, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    CHECK(again == shm, "  ... a MAP_FIXED_NOREPLACE mapping fits there (%p at %p)", again, shm);
    if (again != MAP_FAILED)
        munmap(again, pgsz);

    /* Execute-only code (PROT_EXEC alone) still runs, also when it is
     * translated again. The emulator reads guest code to translate it: on a
     * host with protection keys (x86 PKU) PROT_EXEC alone makes the host
     * page unreadable, and the translator took a host SIGSEGV (seen on the
     * IA32 device; the emulator now keeps such pages readable on the host). */
    unsigned long xpg = (unsigned long)xonly & ~(unsigned long)(sysconf(_SC_PAGESIZE) - 1);
    int before = xonly(2);
    CHECK(mprotect((void *)xpg, sysconf(_SC_PAGESIZE), PROT_EXEC) == 0, "mprotect a code page PROT_EXEC");
    CHECK(xonly(5) == 16 && before == 7, "execute-only code runs");
    CHECK(mprotect((void *)xpg, sysconf(_SC_PAGESIZE), PROT_READ | PROT_EXEC) == 0, "and back to r-x");
    return guest_done();
}
