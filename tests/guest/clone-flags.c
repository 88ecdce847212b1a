/*
 * clone-flags: fork-like clone()/clone3() with the flags fork() cannot
 * give (CLONE_PARENT, CLONE_FS, CLONE_FILES, CLONE_SYSVSEM, an exit signal
 * other than SIGCHLD or none, clone3 set_tid) behave as on the kernel
 * instead of EINVAL (LTP clone08, clone11, clone301, clone304,
 * close_range02, kcmp03, unshare04); and CLONE_VM without CLONE_THREAD
 * makes a process that shares our memory, the parent waiting for it with
 * CLONE_VFORK (LTP clone02, clone05, clone08, kcmp03).
 */
#define _GNU_SOURCE
#include "check.h"
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#ifndef __NR_clone3
#define __NR_clone3 435
#endif

/* clone(flags, stack 0, ...) behaves like fork: the child returns 0. */
static long raw_clone(unsigned long flags)
{
    return syscall(SYS_clone, flags, 0, 0, 0, 0);
}

struct clone_args_v1 {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
             stack_size, tls, set_tid, set_tid_size;
};

static long raw_clone3(uint64_t flags, int sig, pid_t *set_tid, int n)
{
    struct clone_args_v1 a = { 0 };
    a.flags = flags;
    a.exit_signal = sig;
    a.set_tid = (uintptr_t)set_tid;
    a.set_tid_size = n;
    return syscall(__NR_clone3, &a, sizeof(a));
}

/* waits for pid, any exit signal; returns its exit status or -1 */
static int reap(long pid)
{
    int st;
    if (pid <= 0 || waitpid(pid, &st, __WALL) != pid || !WIFEXITED(st)) {
        return -1;
    }
    return WEXITSTATUS(st);
}

static volatile int shared_var;
static char vm_stack[64 * 1024] __attribute__((aligned(16)));
static int vm_child_slow(void *arg)
{
    for (int i = 0; i < 20; i++) {
        usleep(1000);
    }
    shared_var = getpid();
    return 0;
}
static int vm_child(void *arg)
{
    shared_var = getpid();
    return 5;
}

static volatile int thr_done;
static int thr_child(void *arg)
{
    /* a thread without CLONE_FILES has its own fd table */
    thr_done = close(0) == 0 ? 1 : 2;
    syscall(SYS_exit, 0);
    return 0;
}

static volatile sig_atomic_t got_usr1;
static void on_usr1(int s) { got_usr1 = 1; }

int main(void)
{
    long pid;
    char cwd[256];

    /* CLONE_PARENT: the new child is a sibling (clone08) */
    pid = fork();
    if (pid == 0) {
        pid_t pp = getppid();
        long c = raw_clone(CLONE_PARENT | SIGCHLD);
        if (c == 0) {
            _exit(getppid() == pp ? 0 : 2);
        }
        _exit(c > 0 ? 0 : 3);
    }
    CHECK(reap(pid) == 0, "clone(CLONE_PARENT) from a child succeeds");
    /* the sibling is ours to reap */
    {
        int st, ok = 0;
        long w;
        while ((w = waitpid(-1, &st, __WALL)) > 0) {
            ok |= WIFEXITED(st) && WEXITSTATUS(st) == 0;
        }
        CHECK(ok, "CLONE_PARENT child is reaped by the grandparent, same ppid");
    }

    /* CLONE_FS: the child's chdir() is the parent's (kcmp03, unshare04) */
    CHECK(getcwd(cwd, sizeof(cwd)) != NULL, "getcwd");
    pid = raw_clone(CLONE_FS | SIGCHLD);
    if (pid == 0) {
        _exit(chdir("/") == 0 ? 0 : 1);
    }
    CHECK(reap(pid) == 0, "clone(CLONE_FS) succeeds");
    {
        char now[256];
        CHECK(getcwd(now, sizeof(now)) && strcmp(now, "/") == 0,
              "CLONE_FS child's chdir(\"/\") is shared");
        if (chdir(cwd)) { /* back */ }
    }

    /* CLONE_FILES: an fd the child opens is the parent's (close_range02) */
    pid = raw_clone(CLONE_FILES | SIGCHLD);
    if (pid == 0) {
        int fd = open("/dev/null", O_RDONLY);
        _exit(fd == 100 || dup2(fd, 100) == 100 ? 0 : 1);
    }
    CHECK(reap(pid) == 0, "clone(CLONE_FILES) succeeds");
    CHECK(fcntl(100, F_GETFD) >= 0, "CLONE_FILES child's fd is shared");
    close(100);

    pid = raw_clone(CLONE_SYSVSEM | SIGCHLD);
    if (pid == 0) {
        _exit(0);
    }
    CHECK(reap(pid) == 0, "clone(CLONE_SYSVSEM) succeeds");

    /* exit signals other than SIGCHLD (clone11, clone304 use 0) */
    signal(SIGUSR1, on_usr1);
    pid = raw_clone(SIGUSR1);
    if (pid == 0) {
        _exit(0);
    }
    CHECK(reap(pid) == 0, "clone(exit signal SIGUSR1) succeeds");
    CHECK(got_usr1, "parent got SIGUSR1 when the child exited");
    pid = raw_clone(0);
    if (pid == 0) {
        _exit(0);
    }
    CHECK(reap(pid) == 0, "clone(exit signal 0) succeeds");

    /* clone3 */
    pid = raw_clone3(CLONE_FS, SIGCHLD, NULL, 0);
    if (pid == 0) {
        _exit(0);
    }
    CHECK(reap(pid) == 0, "clone3(CLONE_FS) succeeds (clone301)");
    pid = raw_clone3(CLONE_FILES, SIGCHLD, NULL, 0);
    if (pid == 0) {
        _exit(0);
    }
    CHECK(reap(pid) == 0, "clone3(CLONE_FILES) succeeds (close_range02)");
    {
        pid_t one = 1;
        errno = 0;
        pid = raw_clone3(0, SIGCHLD, &one, 1);
        if (pid == 0) {
            _exit(0);
        }
        /* pid 1 exists (EEXIST) or we may not choose pids (EPERM) */
        CHECK(pid == -1 && (errno == EEXIST || errno == EPERM),
              "clone3(set_tid={1}) gets the kernel's EEXIST or EPERM");
    }
    /* CLONE_VM without CLONE_THREAD */
    shared_var = 0;
    pid = clone(vm_child_slow, vm_stack + sizeof(vm_stack),
                CLONE_VM | CLONE_VFORK | SIGCHLD, NULL);
    CHECK(pid > 0 && shared_var == pid,
          "clone(CLONE_VM|CLONE_VFORK): parent resumes after the child, "
          "sees its write (clone05)");
    CHECK(reap(pid) == 0, "CLONE_VM|CLONE_VFORK child reaped");
    {
        pid_t ptid = 0;
        shared_var = 0;
        pid = clone(vm_child, vm_stack + sizeof(vm_stack),
                    CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
                    CLONE_PARENT_SETTID | SIGCHLD, NULL, &ptid);
        CHECK(pid > 0 && ptid == pid, "clone(CLONE_VM|FS|FILES|SIGHAND|"
              "PARENT_SETTID) succeeds, ptid set (clone02, clone08)");
        CHECK(reap(pid) == 5, "CLONE_VM child's exit status");
        CHECK(shared_var == pid && pid != getpid(),
              "CLONE_VM child is another process, wrote our memory");
    }
    shared_var = 0;
    pid = vfork();
    if (pid == 0) {
        shared_var = 42;
        _exit(3);
    }
    CHECK(pid > 0 && shared_var == 42, "vfork() child shares memory");
    CHECK(reap(pid) == 3, "vfork() child reaped");

    /* CLONE_THREAD without CLONE_FS/CLONE_FILES/CLONE_SYSVSEM (clone08) */
    {
        static char tstack[64 * 1024] __attribute__((aligned(16)));
        long t = clone(thr_child, tstack + sizeof(tstack),
                       CLONE_VM | CLONE_SIGHAND | CLONE_THREAD, NULL);
        CHECK(t > 0, "clone(CLONE_VM|CLONE_SIGHAND|CLONE_THREAD) succeeds");
        for (int i = 0; t > 0 && !thr_done && i < 2000; i++) {
            usleep(1000);
        }
        CHECK(thr_done == 1 && fcntl(0, F_GETFD) >= 0,
              "thread without CLONE_FILES closes its own fd 0 only");
    }

    /* invalid combinations stay EINVAL */
    CHECK_ERRNO(raw_clone(CLONE_NEWNS | CLONE_FS | SIGCHLD), EINVAL,
                "clone(CLONE_NEWNS|CLONE_FS) EINVAL");
    CHECK_ERRNO(raw_clone(CLONE_SIGHAND | SIGCHLD), EINVAL,
                "clone(CLONE_SIGHAND without CLONE_VM) EINVAL");
    return guest_done();
}
