/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * abi/clone.h: struct clone_args (include/uapi/linux/sched.h): only __u64
 * members, one layout on every ABI; used by sys/clone3.c.
 *
 * Needs QEMU's headers (abi_* types, QEMU_BUILD_BUG_ON): include it after
 * "qemu.h".
 */
#ifndef QC_ABI_CLONE_H
#define QC_ABI_CLONE_H

/* matches struct clone_args in include/uapi/linux/sched.h (CLONE_ARGS_SIZE_VER2) */
struct target_clone_args {
    uint64_t flags;
    uint64_t pidfd;
    uint64_t child_tid;
    uint64_t parent_tid;
    uint64_t exit_signal;
    uint64_t stack;
    uint64_t stack_size;
    uint64_t tls;
    uint64_t set_tid;
    uint64_t set_tid_size;
    uint64_t cgroup;
};
QEMU_BUILD_BUG_ON(sizeof(struct target_clone_args) != 88);
QEMU_BUILD_BUG_ON(offsetof(struct target_clone_args, set_tid) != 64);

#define QC_CLONE_ARGS_SIZE_VER0 64
#define QC_CLONE_ARGS_SIZE_VER2 88

#endif
