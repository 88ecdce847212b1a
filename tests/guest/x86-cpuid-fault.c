/*
 * x86-cpuid-fault: arch_prctl (384) for a 32-bit task on an x86-64 kernel
 * (compat_sys_arch_prctl -> arch/x86/kernel/process.c do_arch_prctl_common()):
 * ARCH_GET_CPUID answers 1 (CPUID allowed) or 0; ARCH_SET_CPUID(0) makes the
 * CPUID instruction fault (SIGSEGV, si_code SI_KERNEL: the #GP of CPUID
 * faulting) and ARCH_SET_CPUID(1) allows it again, or answers ENODEV on a
 * CPU without CPUID faulting (the "cpuid_fault" flag of /proc/cpuinfo);
 * the setting is the thread's: kept by fork() and by new threads, reset by
 * execve() (arch_setup_new_exec()); the 64-bit codes (ARCH_SET_FS ...) are
 * EINVAL for a 32-bit task. QEMU 7.2 answered ENOSYS (LTP arch_prctl01).
 * arches: i386
 */
#include "check.h"
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#ifndef __i386__
int main(void)
{
    guest_skip("i386 only");
}
#else

#define NR_arch_prctl 384
#define ARCH_SET_FS 0x1002
#define ARCH_GET_CPUID 0x1011
#define ARCH_SET_CPUID 0x1012

static long ap(int code, unsigned long arg)
{
    return syscall(NR_arch_prctl, code, arg);
}

static sigjmp_buf jb;
static volatile int got_sig, got_code;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_code = si->si_code;
    siglongjmp(jb, 1);
}

/* 1: CPUID ran; 0: it faulted (SIGSEGV SI_KERNEL); -1: something else */
static int try_cpuid(void)
{
    unsigned a = 0, b, c = 0, d;

    got_sig = 0;
    if (!sigsetjmp(jb, 1)) {
        asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
        return 1;
    }
    return got_sig == SIGSEGV && got_code == SI_KERNEL ? 0 : -1;
}

static int has_cpuid_fault(void)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[4096];
    int yes = 0;

    while (f && fgets(line, sizeof(line), f)) {
        if (!strncmp(line, "flags", 5) &&
            (strstr(line, " cpuid_fault ") || strstr(line, " cpuid_fault\n"))) {
            yes = 1;
            break;
        }
    }
    if (f)
        fclose(f);
    return yes;
}

static void *thread_fn(void *arg)
{
    (void)arg;
    return (void *)(long)(ap(ARCH_GET_CPUID, 0) * 10 + try_cpuid());
}

int main(int argc, char **argv)
{
    struct sigaction sa;
    long r;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);

    if (argc > 1 && !strcmp(argv[1], "after-exec")) {
        /* run by execve() below with CPUID faulting on */
        return ap(ARCH_GET_CPUID, 0) == 1 && try_cpuid() == 1 ? 0 : 1;
    }

    r = ap(ARCH_GET_CPUID, 0);
    CHECK(r == 1, "ARCH_GET_CPUID: 1 (got %ld)", r);
    CHECK(try_cpuid() == 1, "CPUID runs");
    CHECK_ERRNO(ap(ARCH_SET_FS, 0), EINVAL, "ARCH_SET_FS from a 32-bit task: EINVAL");
    CHECK_ERRNO(ap(0x9999, 0), EINVAL, "an unknown code: EINVAL");

    if (!has_cpuid_fault()) {
        CHECK_ERRNO(ap(ARCH_SET_CPUID, 0), ENODEV,
                    "no cpuid_fault in /proc/cpuinfo: ARCH_SET_CPUID is ENODEV");
        r = ap(ARCH_GET_CPUID, 0);
        CHECK(r == 1, "ARCH_GET_CPUID still 1 (got %ld)", r);
        SKIP("CPUID faulting: the CPU has no cpuid_fault");
        return guest_done();
    }

    CHECK_OK(ap(ARCH_SET_CPUID, 0), "ARCH_SET_CPUID(0)");
    r = ap(ARCH_GET_CPUID, 0);
    CHECK(r == 0, "ARCH_GET_CPUID: 0 (got %ld)", r);
    r = try_cpuid();
    CHECK(r == 0, "CPUID faults: SIGSEGV SI_KERNEL (%d: signal %d code %d)", (int)r,
          got_sig, got_code);

    pid_t pid = fork();
    if (pid == 0)
        _exit(ap(ARCH_GET_CPUID, 0) == 0 && try_cpuid() == 0 ? 0 : 1);
    int st = -1;
    waitpid(pid, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a fork()ed child keeps it (status %x)", st);

    pthread_t t;
    void *res = NULL;
    pthread_create(&t, NULL, thread_fn, NULL);
    pthread_join(t, &res);
    CHECK((long)res == 0, "a new thread keeps it (%ld)", (long)res);

    pid = fork();
    if (pid == 0) {
        char *av[] = { "/proc/self/exe", "after-exec", NULL };
        execv("/proc/self/exe", av);
        _exit(2);
    }
    st = -1;
    waitpid(pid, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0,
          "execve() allows CPUID again (status %x)", st);

    CHECK_OK(ap(ARCH_SET_CPUID, 1), "ARCH_SET_CPUID(1)");
    r = ap(ARCH_GET_CPUID, 0);
    CHECK(r == 1, "ARCH_GET_CPUID: 1 again (got %ld)", r);
    CHECK(try_cpuid() == 1, "CPUID runs again");
    return guest_done();
}
#endif
