/*
 * clone-ns.c: namespace flags for fork-like clone().
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
#include "qemu-compat.h"

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

abi_long qc_clone_fork_check(unsigned int flags, unsigned int unsupported)
{
    /* copy_process(): namespaces that cannot share the fs struct */
    if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS) ||
        (flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS)) {
        return -TARGET_EINVAL;
    }
    /* What QEMU cannot do in a fork stays EINVAL, as before. */
    if (unsupported & ~QC_CLONE_NS_FLAGS) {
        return -TARGET_EINVAL;
    }
    return 0;
}

pid_t qc_clone_fork(unsigned int flags)
{
    unsigned int ns = flags & QC_CLONE_NS_FLAGS;
    int p[2], err = 0;
    pid_t pid;

    if (!ns) {
        return fork();
    }
    if (ns & CLONE_NEWPID) {
        return syscall(SYS_clone, (unsigned long)(ns | SIGCHLD), NULL, NULL,
                       NULL, 0UL);
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

abi_long qc_sys_unshare(abi_ulong flags)
{
    abi_long ret = get_errno(unshare(flags));

    if (!(flags & CLONE_NEWUSER)) {
        return ret;
    }
    return qc_single_threaded(ret, qc_unshare_call, flags, 0);
}

abi_long qc_sys_setns(abi_long fd, abi_long nstype)
{
    abi_long ret = get_errno(setns(fd, nstype));

    /* nstype 0 takes any namespace fd; a pidfd names CLONE_NEWUSER */
    if (nstype != 0 && !(nstype & CLONE_NEWUSER)) {
        return ret;
    }
    return qc_single_threaded(ret, qc_setns_call, fd, nstype);
}
