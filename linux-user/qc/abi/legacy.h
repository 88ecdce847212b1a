/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * abi/legacy.h: the guest layouts of the old interfaces sys/legacy.c serves
 * (olduname, uname, ustat, oldstat).
 *
 * Needs QEMU's headers (abi_* types, QEMU_BUILD_BUG_ON): include it after
 * "qemu.h".
 */
#ifndef QC_ABI_LEGACY_H
#define QC_ABI_LEGACY_H

/* matches struct oldold_utsname in include/uapi/linux/utsname.h */
struct target_oldold_utsname {
    char sysname[9], nodename[9], release[9], version[9], machine[9];
};
QEMU_BUILD_BUG_ON(sizeof(struct target_oldold_utsname) != 45);

/* matches struct old_utsname in include/uapi/linux/utsname.h */
struct target_old_utsname {
    char sysname[65], nodename[65], release[65], version[65], machine[65];
};
QEMU_BUILD_BUG_ON(sizeof(struct target_old_utsname) != 325);

/* matches struct compat_ustat in include/linux/compat.h (and a 32-bit
 * kernel's struct ustat, include/uapi/linux/types.h) */
struct target_ustat {
    abi_int f_tfree;
    abi_uint f_tinode;
    char f_fname[6];
    char f_fpack[6];
};
QEMU_BUILD_BUG_ON(sizeof(struct target_ustat) != 20);

/* matches struct __old_kernel_stat in arch/x86/include/uapi/asm/stat.h */
struct target_old_kernel_stat {     /* st_ prefixes dropped: libc macros */
    uint16_t dev, ino, mode, nlink, uid, gid, rdev;
    uint32_t size, atime, mtime, ctime;
};
QEMU_BUILD_BUG_ON(sizeof(struct target_old_kernel_stat) != 32);
QEMU_BUILD_BUG_ON(offsetof(struct target_old_kernel_stat, size) != 16);

#endif
