/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/clone-vm.c: CLONE_VM without CLONE_THREAD, a process that shares the
 * guest's memory: vfork() (clone(CLONE_VM|CLONE_VFORK|SIGCHLD)),
 * posix_spawn(), clone(CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|...).
 *
 * Upstream QEMU runs vfork() as fork() and answers EINVAL to every other
 * CLONE_VM set that is not a pthread_create() one (LTP clone02/05/08, and
 * programs that vfork() and write to the parent's memory before exec).
 * do_fork() hands such a set here (qc_clone_vm_process()).
 *
 * The guest child runs on a new CPU, like a thread, but in a host task made
 * by clone() with CLONE_VM and the guest's flags, so it has its own pid,
 * parent relation, exit signal and fs/files sharing as asked. glibc needs a
 * thread's TLS for the task: a helper pthread lends its own, calling clone()
 * (the child inherits the helper's TLS) and then only waiting, futex on the
 * CLONE_CHILD_CLEARTID word, until the child exits or execs; it then retires
 * the child's CPU as TARGET_NR_exit does for a thread. With CLONE_VFORK the
 * parent waits for that, as the kernel's vfork does (kernel/fork.c
 * wait_for_vfork_done()).
 *
 * Guest signal dispositions live in QEMU's memory and so stay shared even
 * without CLONE_SIGHAND: a CLONE_VFORK child without CLONE_SIGHAND (glibc's
 * posix_spawn resets the handlers it must) gets the table back as it was
 * once it is done (signal.c qc_sigact_save()/qc_sigact_restore()); without
 * CLONE_VFORK nor CLONE_SIGHAND the two share them: a limitation.
 *
 * Locking: clone_lock (syscall.c; taken here through clone_fork_start() and
 * released through clone_fork_end(false), which are exactly that) is held
 * while the child is made and while its CPU is retired. fork_start() takes
 * it as well, so a fork()ing thread's child never inherits it (nor malloc's
 * locks) taken half-way here.
 *
 * Tests: tests/guest/clone-flags.c.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include <sched.h>
#include <linux/futex.h>
#include "qemu.h"
#include "user-internals.h"
#include "signal-common.h"
#include "exec/tb-flush.h"
#include "exec/translation-block.h"
#include "tcg/startup.h"
#include "qemu/guest-random.h"
#include "qemu/rcu.h"
#include "qemu-compat.h"

#define QC_CLONE_VM_STACK_SIZE 0x40000      /* syscall.c NEW_STACK_SIZE */

static __thread bool clone_vm_self;

/* -TARGET_E<host errno e> (syscall.c's host_to_target_errno() is static) */
static int target_errno_of(int e)
{
    errno = e;
    return get_errno(-1);
}          /* this task is such a child */

typedef struct {
    CPUArchState *env;
    unsigned long host_flags;
    void *stack;
    int ctid;                   /* host CLONE_CHILD_CLEARTID word */
    int refs;
    bool ready, done;
    pthread_mutex_t mutex;
    pthread_cond_t cond;
    int tid;                    /* child's pid, or -errno */
    abi_ulong child_tidptr, parent_tidptr;
    sigset_t sigmask;
} CloneVmInfo;

static void clone_vm_put(CloneVmInfo *info)
{
    if (qatomic_fetch_dec(&info->refs) == 1) {
        pthread_cond_destroy(&info->cond);
        pthread_mutex_destroy(&info->mutex);
        g_free(info);
    }
}

static int clone_vm_child(void *arg)
{
    CloneVmInfo *info = arg;
    CPUArchState *env = info->env;
    CPUState *cpu = env_cpu(env);
    TaskState *ts = get_task_state(cpu);

    clone_vm_self = true;
    rcu_register_thread();
    tcg_register_thread();
    qc_host_fault_init();
    thread_cpu = cpu;
    info->tid = syscall(__NR_gettid);
    task_settid(ts);
    if (info->child_tidptr) {
        put_user_u32(info->tid, info->child_tidptr);
    }
    if (info->parent_tidptr) {
        put_user_u32(info->tid, info->parent_tidptr);
    }
    qemu_guest_random_seed_thread_part2(cpu->random_seed);
    sigprocmask(SIG_SETMASK, &info->sigmask, NULL);
    pthread_mutex_lock(&info->mutex);
    info->ready = true;
    pthread_cond_broadcast(&info->cond);
    pthread_mutex_unlock(&info->mutex);
    /* the parent holds clone_lock until it has finished with us */
    clone_fork_start();
    clone_fork_end(false);
    cpu_loop(env);
    return 0;
}

static void *clone_vm_helper(void *arg)
{
    CloneVmInfo *info = arg;
    CPUState *cpu = env_cpu(info->env);
    TaskState *ts = get_task_state(cpu);
    int pid;

    info->ctid = -1;
    pid = clone(clone_vm_child, (char *)info->stack + QC_CLONE_VM_STACK_SIZE,
                info->host_flags | CLONE_CHILD_CLEARTID, info,
                NULL, NULL, &info->ctid);
    if (pid < 0) {
        pthread_mutex_lock(&info->mutex);
        info->tid = -errno;
        info->ready = info->done = true;
        pthread_cond_broadcast(&info->cond);
        pthread_mutex_unlock(&info->mutex);
    } else {
        /* the child exits or execs: the kernel clears ctid and wakes us */
        while (qatomic_read(&info->ctid) != 0) {
            syscall(__NR_futex, &info->ctid, FUTEX_WAIT, info->ctid, NULL,
                    NULL, 0);
        }
    }
    /* as TARGET_NR_exit retires a thread's CPU, under clone_lock */
    clone_fork_start();
    if (pid >= 0) {
        /* rcu_register_thread() was the child's, on this TLS */
        rcu_unregister_thread();
    }
    object_unparent(OBJECT(cpu));
    object_unref(OBJECT(cpu));
    if (pid >= 0 && ts->child_tidptr) {
        put_user_u32(0, ts->child_tidptr);
        syscall(__NR_futex, g2h(cpu, ts->child_tidptr), FUTEX_WAKE, INT_MAX,
                NULL, NULL, 0);
    }
    g_free(ts);
    munmap(info->stack, QC_CLONE_VM_STACK_SIZE);
    clone_fork_end(false);
    pthread_mutex_lock(&info->mutex);
    info->done = true;
    pthread_cond_broadcast(&info->cond);
    pthread_mutex_unlock(&info->mutex);
    clone_vm_put(info);
    return NULL;
}

int qc_clone_vm_process(CPUArchState *env, unsigned int flags,
                        abi_ulong newsp, abi_ulong parent_tidptr,
                        target_ulong newtls, abi_ulong child_tidptr)
{
    CPUState *cpu = env_cpu(env);
    TaskState *parent_ts = get_task_state(cpu), *ts;
    CPUArchState *new_env;
    CPUState *new_cpu;
    CloneVmInfo *info;
    pthread_attr_t attr;
    pthread_t th;
    sigset_t all;
    bool vfork = flags & CLONE_VFORK;
    int sig = flags & CSIGNAL, ret;
    void *saved_sigact = NULL;

    flags &= ~CLONE_VFORK;
    /* kernel/fork.c copy_process() */
    if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM)) {
        return -TARGET_EINVAL;
    }
    if (sig > TARGET_NSIG || (sig && target_to_host_signal(sig) <= 0)) {
        return -TARGET_EINVAL;
    }
    if (vfork && !(flags & CLONE_SIGHAND)) {
        saved_sigact = qc_sigact_save();
    }
    info = g_new0(CloneVmInfo, 1);
    info->stack = mmap(NULL, QC_CLONE_VM_STACK_SIZE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (info->stack == MAP_FAILED) {
        g_free(info);
        g_free(saved_sigact);
        return -TARGET_ENOMEM;
    }
    info->host_flags = CLONE_VM |
        (flags & (CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_SYSVSEM |
                  CLONE_PARENT | CLONE_PTRACE | CLONE_UNTRACED |
                  CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS |
                  CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID |
                  CLONE_NEWNET)) |
        (sig ? target_to_host_signal(sig) : 0);
    info->refs = 2;
    pthread_mutex_init(&info->mutex, NULL);
    pthread_cond_init(&info->cond, NULL);

    ts = g_new0(TaskState, 1);
    init_task_state(ts);
    clone_fork_start();
    if (!tcg_cflags_has(cpu, CF_PARALLEL)) {
        tcg_cflags_set(cpu, CF_PARALLEL);
        tb_flush(cpu);
    }
    new_env = cpu_copy(env);
    cpu_clone_regs_child(new_env, newsp, flags);
    cpu_clone_regs_parent(env, flags);
    new_cpu = env_cpu(new_env);
    new_cpu->opaque = ts;
    ts->bprm = parent_ts->bprm;
    ts->info = parent_ts->info;
    ts->signal_mask = parent_ts->signal_mask;
    if (flags & CLONE_CHILD_CLEARTID) {
        ts->child_tidptr = child_tidptr;
    }
    if (flags & CLONE_SETTLS) {
        cpu_set_tls(new_env, newtls);
    }
    info->env = new_env;
    if (flags & CLONE_CHILD_SETTID) {
        info->child_tidptr = child_tidptr;
    }
    if (flags & CLONE_PARENT_SETTID) {
        info->parent_tidptr = parent_tidptr;
    }
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, QC_CLONE_VM_STACK_SIZE);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    /* no signal until the child has set itself up, as do_fork() does */
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &info->sigmask);
    cpu->random_seed = qemu_guest_random_seed_thread_part1();
    ret = pthread_create(&th, &attr, clone_vm_helper, info);
    sigprocmask(SIG_SETMASK, &info->sigmask, NULL);
    pthread_attr_destroy(&attr);
    if (ret) {
        clone_fork_end(false);
        /* as upstream's thread path: the new CPU is not freed */
        munmap(info->stack, QC_CLONE_VM_STACK_SIZE);
        g_free(info);
        g_free(saved_sigact);
        return target_errno_of(ret);
    }
    pthread_mutex_lock(&info->mutex);
    while (!info->ready) {
        pthread_cond_wait(&info->cond, &info->mutex);
    }
    ret = info->tid;
    pthread_mutex_unlock(&info->mutex);
    clone_fork_end(false);
    if (ret > 0 && vfork) {
        /* CLONE_VFORK: the parent waits for the child to exit or exec */
        pthread_mutex_lock(&info->mutex);
        while (!info->done) {
            pthread_cond_wait(&info->cond, &info->mutex);
        }
        pthread_mutex_unlock(&info->mutex);
    }
    if (saved_sigact) {
        qc_sigact_restore(saved_sigact);
    }
    clone_vm_put(info);
    return ret < 0 ? target_errno_of(-ret) : ret;
}

bool qc_clone_vm_self(void)
{
    return clone_vm_self;
}

void qc_clone_vm_exit(int status)
{
    if (clone_vm_self) {
        /* the task ends; its helper retires the CPU (clone_vm_helper()) */
        syscall(__NR_exit, status);
    }
}
