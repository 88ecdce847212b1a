/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * abi/dirent.h: the guest layout of readdir(2)'s old dirent, used by
 * abi/dirent32.c.
 *
 * Needs QEMU's headers (abi_* types, QEMU_BUILD_BUG_ON): include it after
 * "qemu.h".
 */
#ifndef QC_ABI_DIRENT_H
#define QC_ABI_DIRENT_H

/* matches struct compat_old_linux_dirent in fs/readdir.c */
struct target_old_linux_dirent {
    abi_ulong d_ino;
    abi_ulong d_offset;
    uint16_t d_namlen;
    char d_name[1];
};
QEMU_BUILD_BUG_ON(offsetof(struct target_old_linux_dirent, d_name) != 10);

#endif
