/*
 * sys-seccomp: the guest's classic-BPF filters as the kernel runs them
 * (kernel/seccomp.c): the operations that only ask (GET_ACTION_AVAIL,
 * GET_NOTIF_SIZES), the checks a new filter goes through (NO_NEW_PRIVS or
 * CAP_SYS_ADMIN, size, instructions), and in forked children: a filter
 * that allows, answers an errno (also by argument), traps (SIGSYS with
 * si_syscall, si_arch, si_errno) and kills (SIGSYS); stacked filters,
 * where the most restrictive action wins; filters kept across fork and
 * execve; PR_GET_SECCOMP; strict mode (read, write and exit only, SIGKILL
 * for anything else). Also runs natively (x86-64) as the ground truth.
 * variants: static
 * timeout: 20
 */
#include "check.h"
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#if defined(__i386__)
#define ARCH AUDIT_ARCH_I386
#elif defined(__x86_64__)
#define ARCH AUDIT_ARCH_X86_64
#elif defined(__arm__)
#define ARCH AUDIT_ARCH_ARM
#elif defined(__mips__) && defined(__MIPSEB__)
#define ARCH AUDIT_ARCH_MIPS
#else
#define ARCH AUDIT_ARCH_MIPSEL
#endif

/* the low word of args[0] in struct seccomp_data, for this byte order */
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define ARG0_LO (offsetof(struct seccomp_data, args[0]) + 4)
#else
#define ARG0_LO offsetof(struct seccomp_data, args[0])
#endif

#define NR offsetof(struct seccomp_data, nr)
#ifndef SYS_SECCOMP
#define SYS_SECCOMP 1           /* si_code of a seccomp SIGSYS */
#endif
#define STMT(c, k) BPF_STMT(c, k)
#define JEQ(k, t, f) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, k, t, f)

static long sc(unsigned op, unsigned flags, void *args)
{
    return syscall(SYS_seccomp, op, flags, args);
}

/* filter 1: wrong arch kills; getpid ERRNO 42; dup(1000) ERRNO 7; getppid
 * TRAP (data 9); gettid KILL_PROCESS; anything else ALLOW */
static struct sock_filter f1[] = {
    STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
    JEQ(ARCH, 1, 0),
    STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
    STMT(BPF_LD | BPF_W | BPF_ABS, NR),
    JEQ(SYS_getpid, 0, 1),
    STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 42),
    JEQ(SYS_getppid, 0, 1),
    STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP | 9),
    JEQ(SYS_gettid, 0, 1),
    STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
    JEQ(SYS_dup, 0, 3),
    STMT(BPF_LD | BPF_W | BPF_ABS, ARG0_LO),
    JEQ(1000, 0, 1),
    STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 7),
    STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
};
/* filter 2, stacked: getuid ERRNO 5, umask TRAP; else ALLOW */
static struct sock_filter f2[] = {
    STMT(BPF_LD | BPF_W | BPF_ABS, NR),
    JEQ(SYS_umask, 0, 1),
    STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP | 3),
    STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
};

static volatile int trap_code, trap_nr, trap_errno;
static volatile unsigned trap_arch;

static void on_sigsys(int sig, siginfo_t *si, void *uc)
{
    trap_code = si->si_code;
    trap_nr = si->si_syscall;
    trap_arch = si->si_arch;
    trap_errno = si->si_errno;
}

static int status_of(pid_t pid)
{
    int st = -1;
    waitpid(pid, &st, 0);
    return st;
}

static int filtered_child(const char *self)
{
    struct sock_fprog p1 = { sizeof(f1) / sizeof(f1[0]), f1 };
    struct sock_fprog p2 = { sizeof(f2) / sizeof(f2[0]), f2 };
    struct sigaction sa = { 0 };

    CHECK(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0, "child: NO_NEW_PRIVS");
    CHECK(sc(SECCOMP_SET_MODE_FILTER, 0, &p1) == 0, "child: install filter 1");
    CHECK(prctl(PR_GET_SECCOMP) == 2, "child: PR_GET_SECCOMP says filter mode");
    CHECK_ERRNO(syscall(SYS_getpid), 42, "child: getpid answered ERRNO 42 by the filter");
    CHECK_ERRNO(syscall(SYS_dup, 1000), 7, "child: dup(1000) ERRNO 7 (the argument is seen)");
    CHECK_ERRNO(syscall(SYS_dup, 1001), EBADF, "child: dup(1001) allowed (EBADF from the kernel)");
    sa.sa_sigaction = on_sigsys;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSYS, &sa, NULL);
    /* the trapped call's return register is arch-dependent (seccomp_filter.rst) */
    syscall(SYS_getppid);
    CHECK(trap_code == SYS_SECCOMP && trap_nr == SYS_getppid && trap_arch == ARCH && trap_errno == 9,
          "child: SIGSYS with SYS_SECCOMP, si_syscall, si_arch, si_errno (%d %d %#x %d)",
          trap_code, trap_nr, trap_arch, trap_errno);
    CHECK(sc(SECCOMP_SET_MODE_FILTER, 0, &p2) == 0, "child: stack filter 2");
    trap_nr = 0;
    syscall(SYS_umask, 022);
    CHECK(trap_nr == SYS_umask && trap_errno == 3, "child: umask trapped by the second filter, with its data (%d %d)",
          trap_nr, trap_errno);
    CHECK_ERRNO(syscall(SYS_getpid), 42, "child: the first filter still answers getpid");

    pid_t g = fork();
    if (g == 0) {
        _exit(syscall(SYS_getpid) == -1 && errno == 42 ? 0 : 1);
    }
    CHECK(status_of(g) == 0, "child: a forked grandchild keeps the filters");
    g = fork();
    if (g == 0) {
        execl(self, self, "exec-check", (char *)NULL);
        _exit(2);
    }
    int st = status_of(g);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: an executed program keeps the filters (status %#x)", st);
    g = fork();
    if (g == 0) {
        syscall(SYS_gettid);
        _exit(3);
    }
    st = status_of(g);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS, "child: KILL_PROCESS: killed by SIGSYS (status %#x)", st);
    return guest_failures;
}

int main(int argc, char **argv)
{
    uint32_t action;
    struct seccomp_notif_sizes sizes;
    struct sock_filter bad[] = { STMT(BPF_LD | BPF_W | BPF_ABS, 66), STMT(BPF_RET | BPF_K, 0) };
    struct sock_fprog pb = { 2, bad }, p0 = { 0, bad };
    pid_t pid;
    int st;

    if (argc > 1 && !strcmp(argv[1], "exec-check")) {
        /* run by filtered_child()'s execl: the filters came along */
        return syscall(SYS_getpid) == -1 && errno == 42 ? 0 : 1;
    }
    action = SECCOMP_RET_ALLOW;
    CHECK(sc(SECCOMP_GET_ACTION_AVAIL, 0, &action) == 0, "GET_ACTION_AVAIL: ALLOW");
    action = SECCOMP_RET_KILL_PROCESS;
    CHECK(sc(SECCOMP_GET_ACTION_AVAIL, 0, &action) == 0, "GET_ACTION_AVAIL: KILL_PROCESS");
    action = 0x12340000;
    CHECK_ERRNO(sc(SECCOMP_GET_ACTION_AVAIL, 0, &action), EOPNOTSUPP, "GET_ACTION_AVAIL of an unknown action: EOPNOTSUPP");
    CHECK(sc(SECCOMP_GET_NOTIF_SIZES, 0, &sizes) == 0 && sizes.seccomp_data == sizeof(struct seccomp_data),
          "GET_NOTIF_SIZES: seccomp_data is %u bytes", (unsigned)sizeof(struct seccomp_data));
    CHECK_ERRNO(sc(99, 0, NULL), EINVAL, "an unknown operation: EINVAL");
    CHECK(prctl(PR_GET_SECCOMP) == 0, "PR_GET_SECCOMP: disabled");

    /* without NO_NEW_PRIVS and without CAP_SYS_ADMIN: EACCES */
    pid = fork();
    if (pid == 0) {
        if (getuid() == 0 && setuid(65534) != 0) {
            _exit(2);
        }
        _exit(sc(SECCOMP_SET_MODE_FILTER, 0, &pb) == -1 && errno == EACCES ? 0 : 1);
    }
    st = status_of(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a filter without NO_NEW_PRIVS or CAP_SYS_ADMIN: EACCES");

    pid = fork();
    if (pid == 0) {
        prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        _exit((sc(SECCOMP_SET_MODE_FILTER, 0, &pb) == -1 && errno == EINVAL &&
               sc(SECCOMP_SET_MODE_FILTER, 0, &p0) == -1 && errno == EINVAL &&
               sc(SECCOMP_SET_MODE_FILTER, 0, (void *)8) == -1 && errno == EFAULT &&
               sc(SECCOMP_SET_MODE_FILTER, 1u << 31, &pb) == -1 && errno == EINVAL) ? 0 : 1);
    }
    st = status_of(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0,
          "a load outside seccomp_data, an empty program, a bad pointer, an unknown flag: EINVAL/EFAULT");

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        guest_failures = 0;
        _exit(filtered_child(argv[0]) ? 1 : 0);
    }
    st = status_of(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the filtered child's checks passed");

    /* strict mode: write and exit allowed, getpid kills with SIGKILL */
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_STRICT) != 0) {
            _exit(2);
        }
        if (syscall(SYS_write, 1, "", 0) != 0) {
            syscall(SYS_exit, 3);
        }
        syscall(SYS_getpid);
        syscall(SYS_exit, 4);
    }
    st = status_of(pid);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "strict mode: write allowed, getpid killed by SIGKILL (status %#x)", st);
    return guest_done();
}
