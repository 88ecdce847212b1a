/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * abi/robust-list.c: robust futex lists for the guest.
 *
 * A thread registers the head of its robust futex list with
 * set_robust_list(); when the thread dies the kernel walks that list and
 * marks every futex the thread still owns FUTEX_OWNER_DIED, waking one waiter,
 * so the next pthread_mutex_lock() of a robust mutex returns EOWNERDEAD.
 * The host kernel cannot walk a guest's 32-bit list, and QEMU 7.2 answered
 * ENOSYS, so glibc fell back to non-robust behaviour: a mutex whose owner died
 * stayed locked forever.
 *
 * Here the emulator keeps each guest thread's head (keyed by its tid, which
 * is the host tid) and walks the list itself where the guest thread dies:
 * exit, exit_group (every thread of the process), execve and a fatal signal.
 * The walk follows kernel/futex/core.c compat_exit_robust_list() and
 * handle_futex_death(): at most ROBUST_LIST_LIMIT entries, so a cyclic list
 * ends; every guest read is checked, so a corrupt list ends the walk
 * instead of faulting the emulator.
 */
#include "qemu/osdep.h"
#include "qemu/thread.h"
#include "qemu.h"
#include "user-internals.h"
#include "qc-internal.h"
#include "dispatch/systable.h"
#include <linux/futex.h>
#include <sys/syscall.h>
#include "abi/robust-list.h"

/* include/uapi/linux/futex.h */
#define QC_FUTEX_WAITERS       0x80000000u
#define QC_FUTEX_OWNER_DIED    0x40000000u
#define QC_FUTEX_TID_MASK      0x3fffffffu
#define QC_ROBUST_LIST_LIMIT   2048

static QemuMutex qc_robust_lock;
static GHashTable *qc_robust_heads;   /* tid -> guest head address */

static void qc_robust_forget_all(void)
{
    /*
     * fork: the child is one new thread whose list is empty
     * (futex_init_task() in kernel/fork.c); glibc registers it again.
     */
    qemu_mutex_init(&qc_robust_lock);
    if (qc_robust_heads) {
        g_hash_table_remove_all(qc_robust_heads);
    }
}

static void __attribute__((constructor)) qc_robust_init(void)
{
    qemu_mutex_init(&qc_robust_lock);
    qc_robust_heads = g_hash_table_new(NULL, NULL);
    pthread_atfork(NULL, NULL, qc_robust_forget_all);
}

static int qc_gettid(void)
{
    return syscall(SYS_gettid);
}

abi_long qc_sys_set_robust_list(QC_SYSCALL_ARGS)
{
    abi_ulong head = arg1, len = arg2;
    int tid = qc_gettid();

    /* kernel/futex/syscalls.c: the only accepted length is the struct's. */
    if (len != sizeof(struct target_robust_list_head)) {
        return -TARGET_EINVAL;
    }
    qemu_mutex_lock(&qc_robust_lock);
    if (head) {
        g_hash_table_insert(qc_robust_heads, GINT_TO_POINTER(tid),
                            GSIZE_TO_POINTER(head));
    } else {
        g_hash_table_remove(qc_robust_heads, GINT_TO_POINTER(tid));
    }
    qemu_mutex_unlock(&qc_robust_lock);
    return 0;
}

abi_long qc_sys_get_robust_list(QC_SYSCALL_ARGS)
{
    abi_long pid = arg1;
    abi_ulong head_ptr = arg2, len_ptr = arg3;
    int tid = pid ? pid : qc_gettid();
    gpointer v;
    bool known;
    abi_ulong head;

    qemu_mutex_lock(&qc_robust_lock);
    known = g_hash_table_lookup_extended(qc_robust_heads, GINT_TO_POINTER(tid),
                                         NULL, &v);
    qemu_mutex_unlock(&qc_robust_lock);
    head = known ? (abi_ulong)GPOINTER_TO_SIZE(v) : 0;
    if (!known && pid) {
        /*
         * Not one of our threads (or one that never registered). A task
         * that does not exist is ESRCH (find_task_by_vpid()); another
         * process's list is not ours to read: EPERM, as from a failed
         * ptrace_may_access().
         */
        if (syscall(SYS_tgkill, getpid(), tid, 0) < 0) {
            if (kill(tid, 0) < 0 && errno == ESRCH) {
                return -TARGET_ESRCH;
            }
            return -TARGET_EPERM;
        }
    }
    /* compat_get_robust_list(): the length first, then the head. */
    if (put_user_ual(sizeof(struct target_robust_list_head), len_ptr)) {
        return -TARGET_EFAULT;
    }
    if (put_user_ual(head, head_ptr)) {
        return -TARGET_EFAULT;
    }
    return 0;
}

/*
 * handle_futex_death(): the futex word at uaddr belonged to the dead thread
 * tid. Returns false when the word cannot be accessed (ends the walk).
 */
static bool qc_futex_death(CPUState *cpu, abi_ulong uaddr, int tid, bool pi,
                           bool pending_op)
{
    uint32_t *host;
    uint32_t uval, mval, old;

    if (uaddr & 3) {
        return false;
    }
    if (!access_ok(cpu, VERIFY_WRITE, uaddr, 4)) {
        return false;
    }
    host = g2h(cpu, uaddr);
    for (;;) {
        uval = tswap32(qatomic_read(host));
        /*
         * The owner died between taking the lock from user space and
         * setting the word (list_op_pending, word still 0): wake a waiter
         * so it does not sleep on a lock nobody will release.
         */
        if (pending_op && !pi && !uval) {
            syscall(SYS_futex, host, FUTEX_WAKE, 1, NULL, NULL, 0);
            return true;
        }
        if ((uval & QC_FUTEX_TID_MASK) != (uint32_t)tid) {
            return true;
        }
        mval = (uval & QC_FUTEX_WAITERS) | QC_FUTEX_OWNER_DIED;
        old = qatomic_cmpxchg(host, tswap32(uval), tswap32(mval));
        if (old == tswap32(uval)) {
            break;
        }
    }
    /*
     * Robust mutexes wait with shared futex ops (glibc's
     * PTHREAD_ROBUST_MUTEX_PSHARED), and so does the kernel's wake here.
     * PI futexes are handed over by the host kernel's own PI state.
     */
    if (!pi && (uval & QC_FUTEX_WAITERS)) {
        syscall(SYS_futex, host, FUTEX_WAKE, 1, NULL, NULL, 0);
    }
    return true;
}

/* Read one list pointer: the entry (low bit cleared) and its PI bit. */
static bool qc_fetch_robust_entry(abi_ulong at, abi_ulong *entry, bool *pi)
{
    abi_ulong v;

    if (get_user_ual(v, at)) {
        return false;
    }
    *entry = v & ~(abi_ulong)1;
    *pi = v & 1;
    return true;
}

/* compat_exit_robust_list() for the list at head owned by tid. */
static void qc_walk_robust_list(CPUState *cpu, abi_ulong head, int tid)
{
    abi_ulong entry, next_entry, pending;
    abi_long futex_offset;
    bool pi, next_pi, pip;
    unsigned int limit = QC_ROBUST_LIST_LIMIT;

    if (!qc_fetch_robust_entry(head, &entry, &pi)) {
        return;
    }
    if (get_user_sal(futex_offset,
                     head + offsetof(struct target_robust_list_head,
                                     futex_offset))) {
        return;
    }
    if (!qc_fetch_robust_entry(head + offsetof(struct target_robust_list_head,
                                               list_op_pending),
                               &pending, &pip)) {
        return;
    }
    while (entry != head) {
        /* Fetch the next entry before the futex word may be released. */
        bool ok = qc_fetch_robust_entry(entry, &next_entry, &next_pi);

        if (entry != pending) {
            if (!qc_futex_death(cpu, entry + futex_offset, tid, pi, false)) {
                return;
            }
        }
        if (!ok) {
            return;
        }
        entry = next_entry;
        pi = next_pi;
        if (!--limit) {
            break;
        }
    }
    if (pending) {
        qc_futex_death(cpu, pending + futex_offset, tid, pip, true);
    }
}

void qc_robust_list_exit(CPUArchState *env)
{
    CPUState *cpu = env_cpu(env);
    int tid = qc_gettid();
    gpointer v;
    bool known;

    qemu_mutex_lock(&qc_robust_lock);
    known = g_hash_table_lookup_extended(qc_robust_heads, GINT_TO_POINTER(tid),
                                         NULL, &v);
    g_hash_table_remove(qc_robust_heads, GINT_TO_POINTER(tid));
    qemu_mutex_unlock(&qc_robust_lock);
    if (known) {
        qc_walk_robust_list(cpu, (abi_ulong)GPOINTER_TO_SIZE(v), tid);
    }
}

void qc_robust_list_exit_group(CPUArchState *env)
{
    CPUState *cpu = env_cpu(env);
    GHashTableIter it;
    gpointer k, v;
    GArray *tids, *heads;

    /* This thread first, then every other thread of the dying process. */
    qc_robust_list_exit(env);
    tids = g_array_new(false, false, sizeof(int));
    heads = g_array_new(false, false, sizeof(abi_ulong));
    qemu_mutex_lock(&qc_robust_lock);
    g_hash_table_iter_init(&it, qc_robust_heads);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        int tid = GPOINTER_TO_INT(k);
        abi_ulong head = GPOINTER_TO_SIZE(v);
        g_array_append_val(tids, tid);
        g_array_append_val(heads, head);
    }
    g_hash_table_remove_all(qc_robust_heads);
    qemu_mutex_unlock(&qc_robust_lock);
    for (guint i = 0; i < tids->len; i++) {
        qc_walk_robust_list(cpu, g_array_index(heads, abi_ulong, i),
                            g_array_index(tids, int, i));
    }
    g_array_free(tids, true);
    g_array_free(heads, true);
}

void qc_robust_list_exec(CPUArchState *env, const char *path)
{
    /*
     * The kernel walks the lists once exec cannot fail any more
     * (exec_mm_release()); the emulator only knows afterwards, when it is
     * too late. Walk when the program can be executed at all, so a failing
     * execve of a missing file leaves the lists alone.
     */
    if (access(path, X_OK) == 0) {
        qc_robust_list_exit_group(env);
    }
}

/*
 * A guest signal whose default action ends the process (signal(7): Term or
 * Core; not Ign -- SIGCHLD, SIGURG, SIGWINCH, SIGCONT -- nor Stop; SIGKILL
 * cannot be caught). QEMU 10 leaves such a signal at the host's SIG_DFL
 * while the guest's action is SIG_DFL unless it is one of its
 * core_dump_signal()s: the host kernel then ends the emulator at once, and
 * no robust list of the guest is walked (the kernel walks only the host's
 * own lists), so a robust mutex its threads held stayed locked for ever
 * (tests/guest/abi-robust-list.c "fatal signal"). As QEMU 7.2 did, the
 * emulator catches those signals too: the guest's SIG_DFL is then
 * handle_pending_signal()'s dump_core_and_abort(), which walks every list
 * (qc_robust_list_exit_group()) and dies of the same host signal. A
 * default-ignored or stop signal stays at the host's SIG_DFL (no
 * interrupted host syscalls; the host kernel stops the emulator).
 */
bool qc_signal_default_kills(int target_sig)
{
    switch (target_sig) {
    case TARGET_SIGCHLD:
    case TARGET_SIGURG:
    case TARGET_SIGWINCH:
    case TARGET_SIGCONT:
    case TARGET_SIGSTOP:
    case TARGET_SIGTSTP:
    case TARGET_SIGTTIN:
    case TARGET_SIGTTOU:
    case TARGET_SIGKILL:
        return false;
    default:
        return target_sig >= 1 && target_sig <= TARGET_NSIG;
    }
}
