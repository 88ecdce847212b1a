/*
 * systable: the generated syscall table's answers (linux-user/qc/syscalls/
 * syscalls.spec, scripts/gen-syscalls), checked against what the kernel of
 * the guest's ABI answers.
 *
 * - every table entry the emulator answers by design (no handler; status
 *   error:<ERRNO> or enosys, listed in the generated systable-bydesign.h)
 *   gets exactly that errno; none of them reaches the host kernel;
 * - on ARM the OABI-only entries are among them (an EABI kernel has no
 *   entry point for them), but an OABI caller (swi 0x900000+n) has them;
 * - numbers in no table get ENOSYS (the kernel's sys_ni_syscall), except on
 *   ARM where numbers at or above __ARM_NR_BASE + 0x800 raise SIGILL
 *   (arch/arm/kernel/traps.c bad_syscall) and the private range below that
 *   answers ENOSYS;
 * - syscalls whose last argument is an o32 stack word (MIPS: words 5-8 come
 *   from the guest stack, counted by the generated o32 table) still see it.
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include "systable-bydesign.h"

#include "sysnr.h"
/* The table's offset (MIPS o32: 4000) and one past its last entry. */
#define NR_BASE QC_NR_BASE
#define NR_END QC_NR_END

struct bydesign {
    long nr;
    int err;
    const char *name;
};

static const struct bydesign bydesign[] = {
#define X(nr, e, name) { nr, e, name },
    QC_BYDESIGN_LIST
#undef X
};

#if defined(__arm__)
/* time() the OABI way: swi 0x900000 + 13, from ARM (not Thumb) state. An
 * EABI kernel without CONFIG_OABI_COMPAT has no such entry (SIGILL), so
 * this runs under the emulator only. */
__attribute__((target("arm"), noinline)) static long oabi_time(void)
{
    register long r0 asm("r0") = 0;

    asm volatile("swi #0x90000d" : "+r"(r0) : : "memory");
    return r0;
}
#endif

/* Runs syscall(nr) in a child; returns the signal that killed it, or 0. */
static int killing_signal(long nr)
{
    pid_t pid = fork();
    int st;

    if (pid == 0) {
        syscall(nr, 0, 0, 0, 0, 0, 0);
        _exit(0);
    }
    if (pid < 0 || waitpid(pid, &st, 0) != pid) {
        return -1;
    }
    return WIFSIGNALED(st) ? WTERMSIG(st) : 0;
}

static int has(const char *name)
{
    size_t i;

    for (i = 0; i < sizeof(bydesign) / sizeof(bydesign[0]); i++) {
        if (strcmp(bydesign[i].name, name) == 0) {
            return 1;
        }
    }
    return 0;
}

int main(void)
{
    size_t i;
    char path[] = "/tmp/qc-systable.XXXXXX";
    char buf[8192];
    int fd;

    /* Every by-design entry of this arch's table, with its exact errno
     * (the emulator's answers: natively these would be real calls). */
    for (i = 0; !qc_native() && i < sizeof(bydesign) / sizeof(bydesign[0]); i++) {
        const struct bydesign *b = &bydesign[i];
        CHECK_ERRNO(syscall(b->nr, 0, 0, 0, 0, 0, 0), b->err,
                    "%s (%ld) answers %s by design", b->name, b->nr,
                    strerror(b->err));
    }
    /* A few that must be in the list: by-design rows of the spec. */
    CHECK(has("kexec_load") && has("userfaultfd") && has("init_module"),
          "kexec_load, userfaultfd and init_module are by-design answers");

    /* Numbers in no table. */
    CHECK_ERRNO(syscall(NR_END), ENOSYS, "first number past the table (%d)",
                NR_END);
    CHECK_ERRNO(syscall(NR_BASE + 1000), ENOSYS, "number %d", NR_BASE + 1000);
    CHECK_ERRNO(syscall(9999), ENOSYS, "number 9999");
#if defined(__mips__)
    CHECK_ERRNO(syscall(1000), ENOSYS, "number 1000 (below the o32 base)");
    CHECK_ERRNO(syscall(3999), ENOSYS, "number 3999 (below the o32 base)");
    CHECK_ERRNO(syscall(-1), ENOSYS, "number -1");
#elif defined(__arm__)
    CHECK_ERRNO(syscall(0xf0003), ENOSYS, "__ARM_NR_usr26 (no 26-bit mode)");
    CHECK_ERRNO(syscall(0xf0007), ENOSYS, "unassigned ARM private 0xf0007");
    CHECK_ERRNO(syscall(0xf07ff), ENOSYS, "last ARM private number 0xf07ff");
    CHECK(killing_signal(0xf0800) == SIGILL,
          "0xf0800 (past the ARM private range) raises SIGILL");
    CHECK(killing_signal(-1) == SIGILL, "number -1 raises SIGILL on ARM");
    /* The OABI-only entries (time, alarm, ...) are ENOSYS for this EABI
     * program (the by-design list above); an OABI caller still has them. */
    if (!qc_native()) {
        long t0 = (long)time(NULL), t = oabi_time();
        CHECK(t >= t0 && t <= t0 + 5, "OABI swi 0x90000d (time) is served: %ld", t);
    }
#else
    CHECK_ERRNO(syscall(1000), ENOSYS, "number 1000");
    CHECK_ERRNO(syscall(-1), ENOSYS, "number -1");
    CHECK(killing_signal(0x7fffffff) == 0, "number 0x7fffffff is no crash");
#endif

    /*
     * Stack arguments on MIPS o32: sync_file_range's flags are its 7th word
     * (sp+24) and fadvise64's advice too; bad values must reach the kernel.
     * On every arch the same calls go through glibc's wrappers.
     */
    fd = mkstemp(path);
    CHECK(fd >= 0, "mkstemp");
    if (fd >= 0) {
        int r;
        unlink(path);
        memset(buf, 'x', sizeof(buf));
        CHECK(write(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf), "write");
        CHECK_OK(sync_file_range(fd, 0, 4096, SYNC_FILE_RANGE_WRITE),
                 "sync_file_range(fd, 0, 4096, WRITE)");
        CHECK_ERRNO(sync_file_range(fd, 0, 4096, 0x80), EINVAL,
                    "sync_file_range with bad flags (a stack word on o32)");
        CHECK_ERRNO(sync_file_range(fd, -4096, 4096, 0), EINVAL,
                    "sync_file_range with a negative offset");
        CHECK_ERRNO(sync_file_range(-1, 0, 4096, SYNC_FILE_RANGE_WRITE), EBADF,
                    "sync_file_range on a bad fd");
        r = posix_fadvise(fd, 0, 4096, POSIX_FADV_DONTNEED);
        CHECK(r == 0, "posix_fadvise DONTNEED (got %d)", r);
        r = posix_fadvise(fd, 0, 4096, 999);
        CHECK(r == EINVAL, "posix_fadvise bad advice -> EINVAL (a stack word "
              "on o32; got %d)", r);
        r = posix_fadvise(fd, 1, -1, POSIX_FADV_NORMAL);
#if defined(__i386__)
        /* glibc uses fadvise64 here, whose length is a size_t: 4 GiB
         * (the native run on an IA32 kernel answers 0) */
        CHECK(r == 0, "posix_fadvise length -1 is 4 GiB on i386 -> 0 (got %d)", r);
        r = syscall(SYS_fadvise64_64, fd, 1, 0, -1, -1, POSIX_FADV_NORMAL);
        CHECK(r == -1 && errno == EINVAL, "fadvise64_64 negative 64-bit length -> EINVAL");
#else
        /* ARM's arm_fadvise64_64 and MIPS o32's fadvise64 take a 64-bit length */
        CHECK(r == EINVAL, "posix_fadvise negative length -> EINVAL (got %d)",
              r);
#endif
        close(fd);
    }
    return guest_done();
}
