/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qc-internal.h: what our files share that no upstream file calls (the hooks
 * upstream files call are in qemu-compat.h, which this includes).
 */
#ifndef QC_QC_INTERNAL_H
#define QC_QC_INTERNAL_H

#include "qemu-compat.h"
#include "dispatch/systable.h"

/*
 * ioctl/ioctls-extra.c: commands QEMU 7.2's ioctls.h lacks. Returns true and sets
 * *ret when it knows cmd.
 */
bool qc_ioctl_extra(int fd, uint32_t cmd, abi_long arg, abi_long *ret);

/* Whether no guest page of [start, start + len) is mapped. */
bool qc_vm_range_free(abi_ulong start, abi_ulong len);

/* The first run of mapped guest pages that meets [addr, end), clipped to
 * it (64-bit ends: a compat task's range may reach past 4 GiB). */
bool qc_vm_next_mapped(uint64_t addr, uint64_t end, uint64_t *rs,
                       uint64_t *re);
/* The bytes the guest has mapped (the kernel's total_vm). */
uint64_t qc_vm_mapped_total(void);

/*
 * PROCMAP_QUERY (fs/proc/task_mmu.c do_procmap_query(), Linux 6.11) on the
 * guest's /proc/self/maps. do_openat() names the memfd that holds the
 * guest's maps QC_PROC_MAPS_MEMFD, by which ioctl/ioctls-extra.c knows the fd.
 * qc_vm_maps_query(): query_matching_vma() over the lines the guest's
 * /proc/self/maps shows; 0 with *q filled (g_free() its strings), or
 * -TARGET_ENOENT. Flags: enum procmap_query_flags, include/uapi/linux/fs.h.
 */
#define QC_PROCMAP_QUERY_VMA_READABLE         0x01
#define QC_PROCMAP_QUERY_VMA_WRITABLE         0x02
#define QC_PROCMAP_QUERY_VMA_EXECUTABLE       0x04
#define QC_PROCMAP_QUERY_VMA_SHARED           0x08
#define QC_PROCMAP_QUERY_COVERING_OR_NEXT_VMA 0x10
#define QC_PROCMAP_QUERY_FILE_BACKED_VMA      0x20
typedef struct QcMapsQuery {
    uint64_t start, end;
    uint64_t vma_flags;     /* QC_PROCMAP_QUERY_VMA_* */
    uint64_t offset;        /* in the file; 0 when anonymous */
    uint64_t inode;
    uint32_t dev_major, dev_minor;
    char *name;             /* what the maps line shows; NULL: none */
    char *path;             /* the host file; NULL when anonymous */
} QcMapsQuery;
bool qc_vm_maps_query_active(void);
abi_long qc_vm_maps_query(uint64_t addr, uint64_t flags, QcMapsQuery *q);

/* sys/exec.c: the path this thread's exec runs names a close-on-exec
 * descriptor, gone after the exec (exec/exec-foreign.c asks). */
bool qc_exec_path_gone(void);

/* sys/clone-ns.c: clone3's set_tid (host pid_t array, copied from the
 * guest by qc_sys_clone3()) for the next qc_clone_fork() of this thread */
void qc_clone_fork_set_tid(const pid_t *set_tid, size_t n);

/* sys/clone-ns.c: the call_rcu thread was left stopped for good (the
 * process unshared a PID or time namespace and can no longer create
 * threads): nothing may stop or start it again */
bool qc_rcu_thread_gone(void);

/* abi/robust-list.c: walk every thread's robust list before an execve of
 * path that can run its program (sys/exec.c) */
void qc_robust_list_exec(CPUArchState *env, const char *path);

/*
 * exec/exec-foreign.c: called by execve (sys/exec.c) with the locked host
 * strings: true with the result in *ret when it ran (or refused) the
 * program through an emulator, false when the kernel's execve should run it
 * (native or unknown programs).
 */
bool qc_exec_foreign(const char *path, char **argv, char **envp,
                     abi_long *ret);

/*
 * host/host-fault.c and dispatch/entry.c: the syscall being emulated (for
 * the internal-error report), qc_do_syscall()'s return point for a fault on
 * a mapped guest page in the emulation (__builtin_setjmp buffer; armed
 * while a handler runs: host/host-fault.c jumps there and the syscall
 * answers EFAULT; also armed, with its own return point, by the MIPS
 * unaligned-access emulation's copies, cpu/mips-unaligned.c), and the
 * scratch-buffer scope of one syscall.
 */
extern __thread int qc_current_syscall;
extern __thread void *qc_syscall_fault_env[5];
extern __thread bool qc_syscall_fault_armed;
int qc_scratch_mark(void);
void qc_scratch_release(int mark);

/* vm/vm-reserve.c: mseal(2) of a guest range (mm/mseal.c do_mseal()'s
 * checks and order); 0 or -1 with errno */
int qc_vm_mseal(abi_ulong start, abi_ulong len, abi_ulong flags);

/* dispatch/entry.c: upstream's do_syscall1() for num, from a handler that
 * serves only part of a call (qc_sys_prctl) */
abi_long qc_syscall_upstream(int num, QC_SYSCALL_ARGS);

/*
 * sys/seccomp.c: the guest's filters. qc_seccomp_on: some are installed
 * (or strict mode); qc_seccomp_check() runs them for a guest syscall (args:
 * its first six words) and answers it (true, *ret) when the action says so;
 * qc_seccomp_exec_env() hands them to the next emulator process ("NAME=fd"
 * for its environment, or NULL).
 */
extern bool qc_seccomp_on;
bool qc_seccomp_check(CPUArchState *env, int num, const abi_long *args,
                      abi_long *ret, QCUpstreamSyscall *upstream);
char *qc_seccomp_exec_env(void);

#if defined(TARGET_MIPS)
/* cpu/mips-unaligned.c: sysmips(MIPS_FIXADE, flags) for this thread (0 or
 * -TARGET_EINVAL) */
abi_long qc_mips_fixade(CPUMIPSState *env, abi_ulong flags);
#endif

#endif
