/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/clone3.c: clone3(2) on top of upstream's do_fork().
 *
 * struct clone_args matches include/uapi/linux/sched.h: eleven __u64
 * (flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size,
 * tls, set_tid, set_tid_size, cgroup); CLONE_ARGS_SIZE_VER0 64, VER1 80,
 * VER2 88. Same layout on every ABI; pointers are guest addresses.
 *
 * What is supported is what clone(2) supports in QEMU: fork-like flag sets
 * (no CLONE_VM; CLONE_VFORK runs as fork) with exit_signal SIGCHLD, and
 * pthread-like sets (CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|
 * CLONE_THREAD|CLONE_SYSVSEM, exit_signal 0), plus CLONE_PIDFD for
 * fork-like sets (the pidfd comes from pidfd_open() on the new child).
 * do_fork() creates threads with pthreads; fork-like children that need
 * more than fork() (namespaces, CLONE_PARENT/FS/FILES/SYSVSEM, another
 * exit signal, set_tid) come from the host clone3 (sys/clone-ns.c), so set_tid
 * is passed on for those. CLONE_INTO_CGROUP, CLONE_CLEAR_SIGHAND (it would
 * reset QEMU's own host handlers), set_tid and CLONE_PIDFD for CLONE_VM
 * children get EINVAL, as do_fork() answers for flags it cannot honour. glibc 2.36 has
 * no clone3 wrapper for i386, ARM or MIPS (pthread_create uses clone), and
 * where it does use clone3 it falls back to clone only on ENOSYS, so
 * callers asking for those features see the error rather than a silent
 * fallback.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include <sched.h>
#include "qemu.h"
#include "user-internals.h"
#include "signal-common.h"
#include "guest-access.h"
#include "qc-internal.h"
#include "dispatch/systable.h"
#include "abi/clone.h"

#define QC_CLONE_PIDFD          0x00001000ULL
#define QC_CLONE_NEWTIME        0x00000080ULL
#define QC_CLONE_CLEAR_SIGHAND  0x100000000ULL
#define QC_CLONE_INTO_CGROUP    0x200000000ULL
#define QC_CSIGNAL              0xffULL
#define QC_MAX_PID_NS_LEVEL     32

abi_long qc_sys_clone3(QC_SYSCALL_ARGS)
{
    CPUArchState *env = cpu_env;
    abi_ulong uargs = arg1, usize = arg2;
    struct target_clone_args a;
    abi_ulong newsp = 0;
    bool want_pidfd;
    abi_long ret;
    int pid;
    pid_t set_tid[QC_MAX_PID_NS_LEVEL];

    /* kernel/fork.c: copy_clone_args_from_user() */
    if (usize > TARGET_PAGE_SIZE) {
        return -TARGET_E2BIG;
    }
    if (usize < QC_CLONE_ARGS_SIZE_VER0) {
        return -TARGET_EINVAL;
    }
    ret = qc_copy_struct_from_guest(&a, sizeof(a), uargs, usize,
                                    "88888888888");
    if (ret) {
        return ret;
    }
    if ((a.set_tid_size > 0 && !a.set_tid) ||
        (a.set_tid && !a.set_tid_size) ||
        a.set_tid_size > QC_MAX_PID_NS_LEVEL) {
        return -TARGET_EINVAL;
    }
    if ((a.exit_signal & ~QC_CSIGNAL) || a.exit_signal > TARGET_NSIG) {
        return -TARGET_EINVAL;
    }
    if ((a.flags & QC_CLONE_INTO_CGROUP) &&
        (a.cgroup > INT_MAX || usize < QC_CLONE_ARGS_SIZE_VER2)) {
        return -TARGET_EINVAL;
    }
    /* clone3_args_valid() */
    if (a.flags & ~(0xffffffffULL | QC_CLONE_CLEAR_SIGHAND |
                    QC_CLONE_INTO_CGROUP)) {
        return -TARGET_EINVAL;
    }
    if (a.flags & (CLONE_DETACHED | (QC_CSIGNAL & ~QC_CLONE_NEWTIME))) {
        return -TARGET_EINVAL;
    }
    if ((a.flags & (CLONE_SIGHAND | QC_CLONE_CLEAR_SIGHAND)) ==
        (CLONE_SIGHAND | QC_CLONE_CLEAR_SIGHAND)) {
        return -TARGET_EINVAL;
    }
    if ((a.flags & (CLONE_THREAD | CLONE_PARENT)) && a.exit_signal) {
        return -TARGET_EINVAL;
    }
    if (a.stack == 0) {
        if (a.stack_size) {
            return -TARGET_EINVAL;
        }
    } else {
        if (!a.stack_size || (abi_ulong)a.stack != a.stack ||
            (abi_ulong)(a.stack + a.stack_size) != a.stack + a.stack_size ||
            /* clone3_stack_valid(): access_ok() is only a range check;
             * glibc's thread stacks include their PROT_NONE guard page. */
            !guest_range_valid_untagged(a.stack, a.stack_size)) {
            return -TARGET_EINVAL;
        }
        /* The stack grows down on all our guests: sp = stack + size. */
        newsp = a.stack + a.stack_size;
    }
    /* Pointers and the tls value must be guest-sized. */
    if ((abi_ulong)a.child_tid != a.child_tid ||
        (abi_ulong)a.parent_tid != a.parent_tid ||
        (abi_ulong)a.pidfd != a.pidfd || (abi_ulong)a.tls != a.tls) {
        return -TARGET_EFAULT;
    }

    /* Beyond this point: what do_fork() can do (see the header). */
    if ((a.set_tid && (a.flags & CLONE_VM)) ||
        (a.flags & (QC_CLONE_INTO_CGROUP | QC_CLONE_CLEAR_SIGHAND))) {
        return -TARGET_EINVAL;
    }
    if (a.set_tid) {
        /* pid_t is 32-bit on every ABI: the host clone3 reads it as is */
        void *p = lock_user(VERIFY_READ, a.set_tid,
                            a.set_tid_size * sizeof(pid_t), 1);
        if (!p) {
            return -TARGET_EFAULT;
        }
        for (unsigned i = 0; i < a.set_tid_size; i++) {
            set_tid[i] = tswap32(((pid_t *)p)[i]);
        }
        unlock_user(p, a.set_tid, 0);
        qc_clone_fork_set_tid(set_tid, a.set_tid_size);
    }
    want_pidfd = a.flags & QC_CLONE_PIDFD;
    if (want_pidfd && (a.flags & (CLONE_VM | CLONE_THREAD))) {
        return -TARGET_EINVAL;
    }
    if (want_pidfd && !access_ok(env_cpu(env), VERIFY_WRITE, a.pidfd, 4)) {
        return -TARGET_EFAULT;
    }

    pid = get_errno(do_fork(env, (uint32_t)(a.flags & ~QC_CLONE_PIDFD) |
                            a.exit_signal, newsp, a.parent_tid, a.tls,
                            a.child_tid));
    qc_clone_fork_set_tid(NULL, 0);
    if (pid > 0 && want_pidfd) {
        int fd = syscall(__NR_pidfd_open, pid, 0);
        if (fd < 0 || put_user_s32(fd, a.pidfd)) {
            /* The child exists; like the kernel, report it anyway. */
            if (fd >= 0) {
                close(fd);
            }
        }
    }
    return pid;
}
