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
 */
#include "qemu/osdep.h"
#include <sched.h>
#include <sys/syscall.h>
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
