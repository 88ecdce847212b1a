/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/clone-ns.c: namespace flags for fork-like clone().
 *
 * QEMU 7.2 answered EINVAL to any fork-like clone() with CLONE_NEW* flags,
 * so container tools (systemd-nspawn, bubblewrap, unshare -f, sandboxes)
 * failed. The host kernel can do it; the emulator only has to create the
 * child the way the flags ask:
 *  - without CLONE_NEWPID: fork() (glibc resets its own state in the
 *    child), and the child unshare()s the namespaces, which for a single
 *    thread is what clone() would have given it. It must do so while it is
 *    still single-threaded (CLONE_NEWUSER and CLONE_NEWNS refuse a shared
 *    thread group or fs), before QEMU's RCU fork handler starts its
 *    call_rcu thread again: so the unshare happens in a pthread_atfork()
 *    child handler registered by a constructor that runs before rcu.c's.
 *    The parent learns the outcome through a pipe, so a refusal (EPERM,
 *    EINVAL, ENOSPC...) is returned by clone() with no child left, as from
 *    the kernel.
 *  - with CLONE_NEWPID the child must be created inside the new PID
 *    namespace (unshare() only moves later children), so the host clone
 *    syscall is used with the namespace flags and SIGCHLD.
 * Flag combinations the kernel refuses are checked first, in the order of
 * kernel/fork.c copy_process(), so they give its EINVAL.
 *
 * unshare(CLONE_NEWUSER) and setns() into a user namespace are made by the
 * guest process itself, and the kernel wants it single-threaded for them
 * (kernel/fork.c check_unshare_flags(), kernel/user_namespace.c
 * userns_install(): EINVAL otherwise). A guest with one thread is a host
 * process with two, because of QEMU's call_rcu thread: qc_sys_unshare()
 * and qc_sys_setns() stop that thread for the call (util/rcu.c
 * rcu_call_thread_stop()/start(), patch 0054). A guest with threads of its
 * own gets the kernel's EINVAL as before.
 */
#include "qemu/osdep.h"
#include <dirent.h>
#include <sched.h>
#include <sys/syscall.h>
#include "qemu/rcu.h"
#include "qemu.h"
#include "user-internals.h"
#include "signal-common.h"
#include "qc-internal.h"
#include "dispatch/systable.h"

#define QC_CLONE_NS_FLAGS (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | \
                           CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID |   \
                           CLONE_NEWNET)

/* The namespaces the next fork()'s child must unshare, and its errno. */
static unsigned int qc_pending_unshare;
static int qc_unshare_errno;

static void qc_clone_ns_child(void)
{
    if (qc_pending_unshare) {
        qc_unshare_errno = unshare(qc_pending_unshare) < 0 ? errno : 0;
    }
}

/* Priority 101: before the default-priority constructor of util/rcu.c. */
static void __attribute__((constructor(101))) qc_clone_ns_init(void)
{
    pthread_atfork(NULL, NULL, qc_clone_ns_child);
}

/*
 * What fork() cannot give the child, the host clone3 can: a child of our
 * parent (CLONE_PARENT), a shared fs struct, fd table or SysV undo list
 * (CLONE_FS, CLONE_FILES, CLONE_SYSVSEM), a new PID namespace (the child
 * must be created inside it), ptrace flags, an exit signal other than
 * SIGCHLD (none at all included), and clone3's set_tid. Those children
 * are made with the host clone3 syscall, stack 0 (fork-like: the child
 * returns on the caller's stack), so the kernel also gives its own answers
 * (EPERM without CAP_SYS_ADMIN, EINVAL, EEXIST for set_tid...).
 */
#define QC_CLONE_RAW_FLAGS (CLONE_NEWPID | CLONE_PARENT | CLONE_FS |      \
                            CLONE_FILES | CLONE_SYSVSEM | CLONE_PTRACE |   \
                            CLONE_UNTRACED)

/* qc_single_threaded() could not start call_rcu again (see there) */
static bool qc_rcu_left_stopped;

bool qc_rcu_thread_gone(void)
{
    return qc_rcu_left_stopped;
}

/* clone3's set_tid for the next qc_clone_fork() of this thread (host
 * pid_t array, copied from the guest by qc_sys_clone3()) */
static __thread const pid_t *qc_next_set_tid;
static __thread size_t qc_next_set_tid_size;

void qc_clone_fork_set_tid(const pid_t *set_tid, size_t n)
{
    qc_next_set_tid = set_tid;
    qc_next_set_tid_size = n;
}

abi_long qc_clone_fork_check(unsigned int flags, unsigned int unsupported)
{
    /* copy_process(): namespaces that cannot share the fs struct */
    if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS) ||
        (flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS)) {
        return -TARGET_EINVAL;
    }
    /* What QEMU cannot do in a fork stays EINVAL, as before. CSIGNAL is
     * the exit signal: any the host has (0 = none) goes to the clone3. */
    if (unsupported & ~(QC_CLONE_NS_FLAGS | QC_CLONE_RAW_FLAGS | CSIGNAL)) {
        return -TARGET_EINVAL;
    }
    if ((flags & CSIGNAL) && (flags & CSIGNAL) <= TARGET_NSIG &&
        target_to_host_signal(flags & CSIGNAL) <= 0) {
        return -TARGET_EINVAL;
    }
    if ((flags & CSIGNAL) > TARGET_NSIG) {
        return -TARGET_EINVAL;
    }
    return 0;
}

/* kernel's struct clone_args, VER1 (set_tid) */
struct qc_host_clone_args {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
             stack_size, tls, set_tid, set_tid_size;
};

static pid_t qc_clone_raw(unsigned int flags)
{
    struct qc_host_clone_args a = { 0 };
    int sig = flags & CSIGNAL, e;
    pid_t pid;

    a.flags = flags & (QC_CLONE_NS_FLAGS | QC_CLONE_RAW_FLAGS);
    /* clone() ignores the exit signal with CLONE_PARENT (the child gets
     * the caller's own, copy_process()); clone3 wants it 0 then */
    a.exit_signal = sig && !(flags & CLONE_PARENT) ?
                    target_to_host_signal(sig) : 0;
    a.set_tid = (uintptr_t)qc_next_set_tid;
    a.set_tid_size = qc_next_set_tid_size;
    /*
     * No pthread_atfork() handlers run for this child: stop the call_rcu
     * thread around the clone so that it holds no lock (nor malloc's) the
     * child would inherit, and start one in both processes after it, as
     * rcu.c's fork handlers do.
     */
    if (qc_rcu_left_stopped) {
        return syscall(__NR_clone3, &a, sizeof(a));
    }
    rcu_call_thread_stop();
    pid = syscall(__NR_clone3, &a, sizeof(a));
    e = errno;
    rcu_call_thread_start();
    errno = e;
    return pid;
}

pid_t qc_clone_fork(unsigned int flags)
{
    unsigned int ns = flags & QC_CLONE_NS_FLAGS;
    int p[2], err = 0;
    pid_t pid;

    if ((flags & QC_CLONE_RAW_FLAGS) || (flags & CSIGNAL) != TARGET_SIGCHLD ||
        qc_next_set_tid_size) {
        pid = qc_clone_raw(flags);
        qc_next_set_tid = NULL;
        qc_next_set_tid_size = 0;
        return pid;
    }
    if (!ns) {
        return fork();
    }
    if (pipe2(p, O_CLOEXEC) < 0) {
        return -1;
    }
    qc_pending_unshare = ns;
    qc_unshare_errno = 0;
    pid = fork();
    qc_pending_unshare = 0;
    if (pid == 0) {
        err = qc_unshare_errno;
        if (write(p[1], &err, sizeof(err)) != sizeof(err) || err) {
            _exit(127);
        }
        close(p[0]);
        close(p[1]);
        return 0;
    }
    close(p[1]);
    if (pid > 0) {
        ssize_t n;
        do {
            n = read(p[0], &err, sizeof(err));
        } while (n < 0 && errno == EINTR);
        if (n != sizeof(err)) {
            err = EAGAIN;
        }
        if (err) {
            waitpid(pid, NULL, __WALL);
            pid = -1;
            errno = err;
        }
    }
    close(p[0]);
    return pid;
}

/* The host threads of this process (/proc/self/task), or -1. */
static int qc_host_threads(void)
{
    DIR *d = opendir("/proc/self/task");
    struct dirent *e;
    int n = 0;

    if (!d) {
        return -1;
    }
    while ((e = readdir(d))) {
        n += e->d_name[0] != '.';
    }
    closedir(d);
    return n;
}

/* Do two /proc/self/ns links name the same namespace? (true where they
 * cannot be read: no /proc to tell) */
static bool qc_same_ns(const char *a, const char *b)
{
    char la[64], lb[64];
    ssize_t na = readlink(a, la, sizeof(la)), nb = readlink(b, lb, sizeof(lb));

    if (na < 0) {
        return true;
    }
    return nb == na && memcmp(la, lb, na) == 0;
}

/*
 * Can this process still create a thread? Not once it has unshared a PID
 * or time namespace that its children, and so its threads, would have to
 * enter (kernel/fork.c copy_process(): CLONE_THREAD needs the pid and time
 * namespaces for children to be its own; pid_for_children does not read
 * until the first child lives there). The guest may do that in the same
 * call, unshare(CLONE_NEWUSER | CLONE_NEWPID), before forking: call_rcu
 * then stays stopped in this process, its callbacks queued (a fork's child
 * starts its own, util/rcu.c rcu_init_child()).
 */
static bool qc_threads_possible(void)
{
    return qc_same_ns("/proc/self/ns/pid", "/proc/self/ns/pid_for_children") &&
           qc_same_ns("/proc/self/ns/time", "/proc/self/ns/time_for_children");
}

/*
 * Run call() with the call_rcu thread stopped, when the plain call gave
 * EINVAL and the guest itself has one thread (the host two: the guest's
 * and call_rcu). The EINVAL of the plain call changed nothing: the kernel
 * refuses a threaded process before it unshares or installs anything.
 */
static abi_long qc_single_threaded(abi_long ret, long (*call)(long, long),
                                   long a1, long a2)
{
    if (ret != -TARGET_EINVAL || qc_host_threads() != 2) {
        return ret;
    }
    rcu_call_thread_stop();
    /* the joined thread leaves the thread group just after it wakes the
     * joiner (kernel/exit.c: mm_release() before exit_notify()) */
    for (int i = 0; i < 10000 && qc_host_threads() > 1; i++) {
        g_usleep(100);
    }
    ret = get_errno(call(a1, a2));
    if (qc_threads_possible()) {
        rcu_call_thread_start();
    } else {
        qc_rcu_left_stopped = true;
    }
    return ret;
}

static long qc_unshare_call(long flags, long unused)
{
    return unshare(flags);
}

static long qc_setns_call(long fd, long nstype)
{
    return setns(fd, nstype);
}

/* unshare() and setns(), with QEMU's call_rcu thread paused where the
 * kernel needs a single-threaded process (a user namespace) */
abi_long qc_sys_unshare(QC_SYSCALL_ARGS)
{
    abi_ulong flags = arg1;
    abi_long ret = get_errno(unshare(flags));

    if (!(flags & CLONE_NEWUSER)) {
        return ret;
    }
    return qc_single_threaded(ret, qc_unshare_call, flags, 0);
}

abi_long qc_sys_setns(QC_SYSCALL_ARGS)
{
    abi_long fd = arg1, nstype = arg2;
    abi_long ret = get_errno(setns(fd, nstype));

    /* nstype 0 takes any namespace fd; a pidfd names CLONE_NEWUSER */
    if (nstype != 0 && !(nstype & CLONE_NEWUSER)) {
        return ret;
    }
    return qc_single_threaded(ret, qc_setns_call, fd, nstype);
}
