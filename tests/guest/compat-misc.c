/*
 * compat-misc: PR_SET_TSC/PR_GET_TSC on i386 (prctl10; EINVAL elsewhere),
 * i386's old getrlimit clamping to 0x7fffffff (getrlimit03), IPC_INFO's
 * shmmax clamped to INT_MAX for a 32-bit task (shmctl03), and the whole
 * host process following a set*id call (setpriority02: every thread of the
 * process has the new credentials).
 * variants: static
 */
#define _GNU_SOURCE
#include "check.h"
#include <dirent.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static int task_uids_are(unsigned uid)
{
    DIR *d = opendir("/proc/self/task");
    struct dirent *e;
    int ok = 1;
    while (d && (e = readdir(d))) {
        char p[300], l[256];
        if (e->d_name[0] == '.') continue;
        snprintf(p, sizeof(p), "/proc/self/task/%s/status", e->d_name);
        FILE *f = fopen(p, "r");
        while (f && fgets(l, sizeof(l), f)) {
            unsigned a, b, c, dd;
            if (sscanf(l, "Uid: %u %u %u %u", &a, &b, &c, &dd) == 4 &&
                (a != uid || b != uid || c != uid)) ok = 0;
        }
        if (f) fclose(f);
    }
    if (d) closedir(d);
    return ok;
}

int main(void)
{
    int v = -1, st;
    pid_t pid;

#if defined(__i386__)
    CHECK(prctl(PR_GET_TSC, &v) == 0 && v == PR_TSC_ENABLE, "PR_GET_TSC: %d", v);
    CHECK_ERRNO(prctl(PR_SET_TSC, 3), EINVAL, "PR_SET_TSC(3)");
    pid = fork();
    if (pid == 0) {
        uint32_t lo, hi;
        if (prctl(PR_SET_TSC, PR_TSC_SIGSEGV) || prctl(PR_GET_TSC, &v) ||
            v != PR_TSC_SIGSEGV) _exit(2);
        __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
        _exit(0);
    }
    waitpid(pid, &st, 0);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
          "rdtsc after PR_SET_TSC(PR_TSC_SIGSEGV) is SIGSEGV (status %#x)", st);
    {
        struct rlimit64 { uint64_t cur, max; } r64;
        struct { uint32_t cur, max; } r32;
        CHECK(syscall(SYS_prlimit64, 0, RLIMIT_CPU, NULL, &r64) == 0, "prlimit64");
        CHECK(syscall(SYS_getrlimit, RLIMIT_CPU, &r32) == 0, "old getrlimit");
        CHECK(r32.cur == (r64.cur > 0x7fffffff ? 0x7fffffff : r64.cur),
              "old getrlimit clamps cur to 0x7fffffff: %#x", r32.cur);
        CHECK(syscall(SYS_ugetrlimit, RLIMIT_CPU, &r32) == 0, "ugetrlimit");
        CHECK(r32.cur == (r64.cur > 0xffffffffULL ? 0xffffffff : r64.cur),
              "ugetrlimit keeps RLIM_INFINITY: %#x", r32.cur);
    }
#else
    CHECK_ERRNO(prctl(PR_GET_TSC, &v), EINVAL, "PR_GET_TSC is x86 only");
    CHECK_ERRNO(prctl(PR_SET_TSC, PR_TSC_SIGSEGV), EINVAL, "PR_SET_TSC is x86 only");
#endif
    {
        struct shminfo si;
        unsigned long long sysmax = 0;
        FILE *f = fopen("/proc/sys/kernel/shmmax", "r");
        if (f && fscanf(f, "%llu", &sysmax) == 1 && shmctl(0, IPC_INFO, (void *)&si) >= 0) {
            CHECK(si.shmmax == (sysmax > INT_MAX ? INT_MAX : sysmax),
                  "IPC_INFO shmmax %lu for /proc's %llu", si.shmmax, sysmax);
        }
        if (f) fclose(f);
    }
    if (geteuid() != 0) {
        SKIP("set*id checks: not root");
        return guest_done();
    }
    pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        if (setgid(65534) || setuid(65534)) _exit(2);
        usleep(100000);
        if (!task_uids_are(65534)) _exit(3);
        errno = 0;
        if (setpriority(PRIO_PGRP, 0, -2) != -1 || errno != EACCES) _exit(4);
        _exit(0);
    }
    waitpid(pid, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0,
          "after setuid every host thread is uid 65534, setpriority(PRIO_PGRP) is EACCES (exit %d)",
          WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    return guest_done();
}
