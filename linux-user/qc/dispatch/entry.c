/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dispatch/entry.c: where every guest syscall enters qemu-compat.
 *
 * do_syscall() (upstream's, patches/ "do_syscall() hands each call to
 * qemu-compat") calls qc_do_syscall() between its strace lines. Here, in
 * one place:
 * - the scratch buffers handlers take (host/host-fault.c) are released
 *   when the call ends, on every path;
 * - a host fault on a mapped guest page during the emulation (a page of a
 *   file truncated under its mapping) comes back to the recovery point
 *   below from host/host-fault.c and answers EFAULT, as the kernel's
 *   copy_{from,to}_user() would;
 * - the guest's seccomp filters judge the call (sys/seccomp.c);
 * - the generated table picks the handler (qc_syscall_dispatch()); the
 *   calls upstream serves go to its do_syscall1();
 * - after a set*id call, QEMU's call_rcu thread follows the new
 *   credentials.
 */
#include "qemu/osdep.h"
#include "qemu/rcu.h"
#include "qemu.h"
#include "user-internals.h"
#include "qc-internal.h"
#include "dispatch/systable.h"

/*
 * Credentials are per thread, and the emulator's set*id calls change only
 * the calling thread's (the guest's C library repeats them on each guest
 * thread). The host process also has QEMU's call_rcu thread, which kept the
 * old ones: the kernel counts it wherever it walks a process's threads
 * (setpriority(PRIO_PGRP/PRIO_USER), kill permission of another process's
 * thread, /proc). After a set*id call succeeded, replace it with one started
 * from the calling thread, with the new credentials. The calls are those of
 * kernel/sys.c and kernel/groups.c that change the task's uids, gids or
 * groups (setfsuid/setfsgid change only the fs ids, which no other thread
 * is checked by): by table name, 16- and 32-bit forms alike.
 */
static bool qc_changes_creds(const char *name)
{
    static const char *const calls[] = {
        "setuid", "setgid", "setreuid", "setregid", "setresuid",
        "setresgid", "setgroups",
    };
    size_t n;

    for (size_t i = 0; i < ARRAY_SIZE(calls); i++) {
        n = strlen(calls[i]);
        if (!strncmp(name, calls[i], n) &&
            (name[n] == '\0' || !strcmp(name + n, "32"))) {
            return true;
        }
    }
    return false;
}

static void qc_rcu_thread_follow_creds(int num)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    const QCSyscallInfo *info = qc_syscall_info(num);

    /* no call_rcu thread to move after a PID namespace unshare: stopping
     * it again would join a joined thread, starting one fails (abort) */
    if (!info || !qc_changes_creds(info->name) || qc_rcu_thread_gone()) {
        return;
    }
    pthread_mutex_lock(&lock);
    rcu_call_thread_stop();
    rcu_call_thread_start();
    pthread_mutex_unlock(&lock);
}

/* do_syscall1(), for handlers that serve part of a call and leave the rest
 * to upstream (qc_syscall_upstream()) */
static QCUpstreamSyscall *qc_upstream;

abi_long qc_syscall_upstream(int num, QC_SYSCALL_ARGS)
{
    return qc_upstream(cpu_env, num, arg1, arg2, arg3, arg4, arg5, arg6,
                       arg7, arg8);
}

abi_long qc_do_syscall(CPUArchState *cpu_env, int num,
                       abi_long arg1, abi_long arg2, abi_long arg3,
                       abi_long arg4, abi_long arg5, abi_long arg6,
                       abi_long arg7, abi_long arg8,
                       QCUpstreamSyscall *upstream)
{
    int scratch = qc_scratch_mark();
    abi_long ret;

    qc_current_syscall = num;
    if (__builtin_setjmp(qc_syscall_fault_env)) {
        ret = -TARGET_EFAULT;
    } else {
        abi_long args[6] = { arg1, arg2, arg3, arg4, arg5, arg6 };

        qc_upstream = upstream;
        qc_syscall_fault_armed = true;
        /* the guest's seccomp filters first (sys/seccomp.c) */
        if (unlikely(qc_seccomp_on) &&
            qc_seccomp_check(cpu_env, num, args, &ret, upstream)) {
            /* answered by the filter's action */
        } else if (!qc_syscall_dispatch(cpu_env, num, arg1, arg2, arg3, arg4,
                                        arg5, arg6, arg7, arg8, &ret)) {
            ret = upstream(cpu_env, num, arg1, arg2, arg3, arg4, arg5, arg6,
                           arg7, arg8);
        }
    }
    qc_syscall_fault_armed = false;
    if (ret == 0) {
        qc_rcu_thread_follow_creds(num);
    }
    qc_scratch_release(scratch);
    qc_current_syscall = -1;
    return ret;
}
