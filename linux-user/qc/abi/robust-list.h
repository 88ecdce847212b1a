/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * abi/robust-list.h: the guest layout of the robust futex list head, used by
 * abi/robust-list.c.
 *
 * Needs QEMU's headers (abi_* types, QEMU_BUILD_BUG_ON): include it after
 * "qemu.h".
 */
#ifndef QC_ABI_ROBUST_LIST_H
#define QC_ABI_ROBUST_LIST_H

/* matches struct compat_robust_list_head in include/linux/compat.h */
struct target_robust_list_head {
    abi_ulong list_next;        /* struct compat_robust_list list */
    abi_long futex_offset;
    abi_ulong list_op_pending;
};
QEMU_BUILD_BUG_ON(sizeof(struct target_robust_list_head) != 12);
QEMU_BUILD_BUG_ON(offsetof(struct target_robust_list_head, futex_offset) != 4);
QEMU_BUILD_BUG_ON(offsetof(struct target_robust_list_head,
                           list_op_pending) != 8);

#endif
