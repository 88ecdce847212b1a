/*
 * sys-clone-ns: fork-like clone() with namespace flags reaches the host (the
 * child lives in new UTS, user, PID, network, mount, IPC namespaces), and
 * invalid flag combinations give the kernel's EINVAL (kernel/fork.c
 * copy_process()). A single-threaded guest unshare()s a user namespace of
 * its own and setns()es into another one, as the kernel allows a
 * single-threaded process (QEMU's call_rcu thread is paused for it); with
 * a thread of its own the guest gets the kernel's EINVAL. Needs namespaces on the host (root or unprivileged user
 * namespaces); cases the host refuses are skipped with the reason.
 */
#include "check.h"
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>

/* clone(flags, stack 0, ...) behaves like fork: the child returns 0. */
static long raw_clone(unsigned long flags)
{
    return syscall(SYS_clone, flags, 0, 0, 0, 0);
}

static int ns_link(const char *ns, char *buf, size_t len)
{
    char p[64];
    ssize_t n;
    snprintf(p, sizeof(p), "/proc/self/ns/%s", ns);
    n = readlink(p, buf, len - 1);
    if (n < 0) {
        return -1;
    }
    buf[n] = 0;
    return 0;
}

/* Run the child check in a clone with flags; returns the child's status. */
static int in_clone(unsigned long flags, int (*fn)(void), const char *what)
{
    long pid;
    int st = -1;

    fflush(stdout);
    pid = raw_clone(flags | SIGCHLD);
    if (pid == 0) {
        _exit(fn());
    }
    if (pid < 0) {
        printf("  %s: clone failed: %s\n", what, strerror(errno));
        return -errno;
    }
    if (waitpid(pid, &st, 0) != pid) {
        return -1000;
    }
    return WIFEXITED(st) ? WEXITSTATUS(st) : 1000 + st;
}

static char parent_ns[64];
static const char *cur_ns;

static int child_ns_differs(void)
{
    char mine[64];
    return ns_link(cur_ns, mine, sizeof(mine)) == 0 &&
           strcmp(mine, parent_ns) != 0 ? 0 : 1;
}

static int child_uts(void)
{
    struct utsname u;
    if (sethostname("qc-clone-ns", 11) < 0) {
        return 2;
    }
    return uname(&u) == 0 && strcmp(u.nodename, "qc-clone-ns") == 0 ? 0 : 3;
}

static int child_pid1(void)
{
    return getpid() == 1 ? 0 : 4;
}

static int child_user(void)
{
    /* an unmapped uid reads as the overflow uid (65534) */
    return getuid() == 65534 && child_ns_differs() == 0 ? 0 : 5;
}

static void *thread_fn(void *arg)
{
    return arg;
}

static void *sleeper(void *arg)
{
    (void)arg;
    pause();
    return NULL;
}

/* In a forked (single-threaded) child: unshare(CLONE_NEWUSER) of itself,
 * become root of it through uid_map, then threads, fork and a setns() back
 * into a user namespace held by a grandchild. Returns 0 or the failed step. */
static int unshare_user_child(void)
{
    char before[64], after[64], map[64];
    uid_t uid = getuid();
    gid_t gid = getgid();
    pthread_t t;
    void *res = NULL;
    int fd;

    if (ns_link("user", before, sizeof(before)) || unshare(CLONE_NEWUSER) < 0) {
        printf("  unshare(CLONE_NEWUSER): %s\n", strerror(errno));
        return 10;
    }
    if (ns_link("user", after, sizeof(after)) || strcmp(before, after) == 0 ||
        getuid() != 65534) {
        return 11;
    }
    /* root in the new namespace: map our own uid/gid (user_namespaces(7)) */
    snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)uid);
    fd = open("/proc/self/uid_map", O_WRONLY);
    if (fd < 0 || write(fd, map, strlen(map)) < 0) {
        return 12;
    }
    close(fd);
    fd = open("/proc/self/setgroups", O_WRONLY);
    if (fd >= 0) {
        (void)!write(fd, "deny", 4);
        close(fd);
    }
    snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)gid);
    fd = open("/proc/self/gid_map", O_WRONLY);
    if (fd < 0 || write(fd, map, strlen(map)) < 0) {
        return 13;
    }
    close(fd);
    if (getuid() != 0 || getgid() != 0) {
        return 14;
    }
    /* the emulator still runs threads and children (call_rcu restarted) */
    if (pthread_create(&t, NULL, thread_fn, (void *)0x5a) ||
        pthread_join(t, &res) || res != (void *)0x5a) {
        return 15;
    }
    /* setns() into a user namespace a grandchild holds */
    int p[2];
    if (pipe(p)) {
        return 16;
    }
    pid_t gc = fork();
    if (gc == 0) {
        char c = 0;
        if (unshare(CLONE_NEWUSER) < 0) {
            _exit(1);
        }
        (void)!write(p[1], &c, 1);
        pause();
        _exit(0);
    }
    char c, path[64], theirs[64];
    int st = 0;
    if (gc < 0 || read(p[0], &c, 1) != 1) {
        return 17;
    }
    snprintf(path, sizeof(path), "/proc/%d/ns/user", (int)gc);
    fd = open(path, O_RDONLY);
    if (fd < 0 || readlink(path, theirs, sizeof(theirs) - 1) < 0) {
        return 18;
    }
    if (setns(fd, CLONE_NEWUSER) < 0) {
        printf("  setns(CLONE_NEWUSER): %s\n", strerror(errno));
        kill(gc, SIGKILL);
        return 19;
    }
    ns_link("user", after, sizeof(after));
    kill(gc, SIGKILL);
    waitpid(gc, &st, 0);
    if (strncmp(after, theirs, strlen(after)) != 0 || getuid() != 65534) {
        return 20;
    }
    return 0;
}

/* unshare(CLONE_NEWUSER | CLONE_NEWPID): the next child is pid 1 of the
 * new PID namespace; this process itself can no longer create threads
 * (kernel/fork.c copy_process(): EINVAL), the emulator must go on without
 * its call_rcu thread rather than abort. */
static int unshare_userpid_child(void)
{
    pthread_t t;
    int st = -1, err;

    if (unshare(CLONE_NEWUSER | CLONE_NEWPID) < 0) {
        printf("  unshare(CLONE_NEWUSER|CLONE_NEWPID): %s\n", strerror(errno));
        return 30;
    }
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        _exit(getpid() == 1 ? 0 : 1);
    }
    if (c < 0 || waitpid(c, &st, 0) != c || !WIFEXITED(st) || WEXITSTATUS(st)) {
        return 31;
    }
    err = pthread_create(&t, NULL, thread_fn, NULL);
    if (err != EINVAL) {
        printf("  pthread_create after unshare(CLONE_NEWPID): %s\n", strerror(err));
        return 32;
    }
    /* a set*id call that succeeds: the emulator, which moves its call_rcu
     * thread to the new credentials after one, has none to move here (it
     * aborted: make fuzz, i386 seed 7, setregid32) */
    if (syscall(SYS_setresgid, -1, -1, -1) != 0 || setregid(-1, -1) != 0) {
        printf("  set*id(-1, ...) after unshare(CLONE_NEWPID): %s\n", strerror(errno));
        return 33;
    }
    return 0;
}

int main(void)
{
    struct utsname before, after;
    static const struct { unsigned long flag; const char *ns; } nss[] = {
        { CLONE_NEWNS, "mnt" }, { CLONE_NEWNET, "net" },
        { CLONE_NEWIPC, "ipc" }, { CLONE_NEWCGROUP, "cgroup" },
    };
    int r;

    /* Can the host give this process namespaces at all? */
    if (access("/proc/self/ns/uts", F_OK) != 0) {
        guest_skip("no /proc/self/ns: namespaces unavailable");
    }

    uname(&before);
    r = in_clone(CLONE_NEWUTS, child_uts, "CLONE_NEWUTS");
    if (r == -EPERM) {
        guest_skip("the host refuses new namespaces to this user (EPERM)");
    }
    CHECK(r == 0, "CLONE_NEWUTS: child sets its own hostname (status %d)", r);
    uname(&after);
    CHECK(strcmp(before.nodename, after.nodename) == 0,
          "the parent's hostname is unchanged (%s)", after.nodename);

    for (unsigned i = 0; i < sizeof(nss) / sizeof(nss[0]); i++) {
        cur_ns = nss[i].ns;
        ns_link(cur_ns, parent_ns, sizeof(parent_ns));
        r = in_clone(nss[i].flag, child_ns_differs, nss[i].ns);
        CHECK(r == 0, "clone with new %s namespace (status %d)", nss[i].ns, r);
    }

    r = in_clone(CLONE_NEWPID, child_pid1, "CLONE_NEWPID");
    CHECK(r == 0, "CLONE_NEWPID: the child is pid 1 (status %d)", r);

    cur_ns = "user";
    ns_link("user", parent_ns, sizeof(parent_ns));
    r = in_clone(CLONE_NEWUSER, child_user, "CLONE_NEWUSER");
    CHECK(r == 0, "CLONE_NEWUSER: new user namespace, unmapped uid (status %d)", r);

    r = in_clone(CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNS, child_pid1,
                 "NEWUSER|NEWPID|NEWNS");
    CHECK(r == 0, "NEWUSER|NEWPID|NEWNS together: pid 1 (status %d)", r);

    /* unshare() passes through: a new UTS namespace in a forked child. */
    fflush(stdout);
    {
        pid_t c = fork();
        int st = -1;
        if (c == 0) {
            if (unshare(CLONE_NEWUTS) < 0) {
                _exit(9);
            }
            _exit(child_uts());
        }
        waitpid(c, &st, 0);
        CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "unshare(CLONE_NEWUTS) (status %#x)", st);
    }

    /* unshare(CLONE_NEWUSER) and setns() of the (single-threaded) guest */
    r = in_clone(0, unshare_user_child, "unshare(CLONE_NEWUSER)");
    CHECK(r == 0, "a single-threaded guest unshares a user namespace, maps itself to "
          "root, runs a thread and setns()es into another (status %d)", r);
    r = in_clone(0, unshare_userpid_child, "unshare(CLONE_NEWUSER|CLONE_NEWPID)");
    CHECK(r == 0, "unshare(CLONE_NEWUSER|CLONE_NEWPID): the next child is pid 1, "
          "no more threads (EINVAL) (status %d)", r);
    /* ... and with a thread of its own, the kernel's EINVAL */
    {
        pthread_t t;
        CHECK(pthread_create(&t, NULL, sleeper, NULL) == 0, "a second guest thread");
        CHECK_ERRNO(unshare(CLONE_NEWUSER), EINVAL,
                    "unshare(CLONE_NEWUSER) with two guest threads");
        pthread_cancel(t);
        pthread_join(t, NULL);
    }

    /* The kernel's EINVAL combinations (copy_process()). */
    CHECK_ERRNO(raw_clone(CLONE_NEWNS | CLONE_FS | SIGCHLD), EINVAL,
                "CLONE_NEWNS|CLONE_FS");
    CHECK_ERRNO(raw_clone(CLONE_NEWUSER | CLONE_FS | SIGCHLD), EINVAL,
                "CLONE_NEWUSER|CLONE_FS");
    CHECK_ERRNO(raw_clone(CLONE_SIGHAND | SIGCHLD), EINVAL,
                "CLONE_SIGHAND without CLONE_VM");
    CHECK_ERRNO(raw_clone(CLONE_THREAD | SIGCHLD), EINVAL,
                "CLONE_THREAD without CLONE_SIGHAND");
    CHECK_ERRNO(raw_clone(CLONE_THREAD | CLONE_SIGHAND | CLONE_VM |
                          CLONE_NEWUSER), EINVAL,
                "CLONE_THREAD|CLONE_NEWUSER");
    CHECK_ERRNO(raw_clone(CLONE_THREAD | CLONE_SIGHAND | CLONE_VM |
                          CLONE_NEWPID), EINVAL,
                "CLONE_THREAD|CLONE_NEWPID");
    return guest_done();
}
