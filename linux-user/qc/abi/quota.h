/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * abi/quota.h: the guest layouts of quotactl's structs
 * (include/uapi/linux/quota.h, dqblk_xfs.h; i386's compat_* variants in
 * fs/quota/compat.h), used by sys/quota.c.
 *
 * Needs QEMU's headers (abi_* types, QEMU_BUILD_BUG_ON): include it after
 * "qemu.h".
 */
#ifndef QC_ABI_QUOTA_H
#define QC_ABI_QUOTA_H

#include <linux/quota.h>
#include <linux/dqblk_xfs.h>

/* matches struct if_dqblk in include/uapi/linux/quota.h (Q_GETQUOTA,
 * Q_SETQUOTA); i386: struct compat_if_dqblk in fs/quota/compat.h */
#define QC_TARGET_DQBLK_MEMBERS \
    abi_ullong dqb_bhardlimit;  \
    abi_ullong dqb_bsoftlimit;  \
    abi_ullong dqb_curspace;    \
    abi_ullong dqb_ihardlimit;  \
    abi_ullong dqb_isoftlimit;  \
    abi_ullong dqb_curinodes;   \
    abi_ullong dqb_btime;       \
    abi_ullong dqb_itime;       \
    abi_uint dqb_valid;

struct target_if_dqblk {
    QC_TARGET_DQBLK_MEMBERS
};

/* matches struct if_nextdqblk in include/uapi/linux/quota.h
 * (Q_GETNEXTQUOTA): 72 bytes on every ABI, so the kernel has no compat
 * variant. The same members plus the id, not an
 * if_dqblk plus an id: ARM's 72-byte if_dqblk would put dqb_id at 72. */
struct target_if_nextdqblk {
    QC_TARGET_DQBLK_MEMBERS
    abi_uint dqb_id;
};

/* matches struct if_dqinfo in include/uapi/linux/quota.h (Q_GETINFO,
 * Q_SETINFO) */
struct target_if_dqinfo {
    abi_ullong dqi_bgrace;
    abi_ullong dqi_igrace;
    abi_uint dqi_flags;
    abi_uint dqi_valid;
};

/* matches struct fs_disk_quota in include/uapi/linux/dqblk_xfs.h
 * (Q_XGETQUOTA, Q_XSETQLIM, Q_XGETNEXTQUOTA): explicitly padded, 112 bytes
 * on every ABI */
struct target_fs_disk_quota {
    int8_t d_version;
    int8_t d_flags;
    abi_ushort d_fieldmask;
    abi_uint d_id;
    abi_ullong d_blk_hardlimit;
    abi_ullong d_blk_softlimit;
    abi_ullong d_ino_hardlimit;
    abi_ullong d_ino_softlimit;
    abi_ullong d_bcount;
    abi_ullong d_icount;
    abi_int d_itimer;
    abi_int d_btimer;
    abi_ushort d_iwarns;
    abi_ushort d_bwarns;
    int8_t d_itimer_hi;
    int8_t d_btimer_hi;
    int8_t d_rtbtimer_hi;
    int8_t d_padding2;
    abi_ullong d_rtb_hardlimit;
    abi_ullong d_rtb_softlimit;
    abi_ullong d_rtbcount;
    abi_int d_rtbtimer;
    abi_ushort d_rtbwarns;
    abi_short d_padding3;
    char d_padding4[8];
};

/* matches struct fs_qfilestat and fs_quota_stat in include/uapi/linux/
 * dqblk_xfs.h (Q_XGETQSTAT); i386: compat_fs_* in fs/quota/compat.h */
struct target_fs_qfilestat {
    abi_ullong qfs_ino;
    abi_ullong qfs_nblks;
    abi_uint qfs_nextents;
};

struct target_fs_quota_stat {
    int8_t qs_version;
    abi_ushort qs_flags;
    int8_t qs_pad;
    struct target_fs_qfilestat qs_uquota;
    struct target_fs_qfilestat qs_gquota;
    abi_uint qs_incoredqs;
    abi_int qs_btimelimit;
    abi_int qs_itimelimit;
    abi_int qs_rtbtimelimit;
    abi_ushort qs_bwarnlimit;
    abi_ushort qs_iwarnlimit;
};

/* matches struct fs_qfilestatv and fs_quota_statv in include/uapi/linux/
 * dqblk_xfs.h (Q_XGETQSTATV): explicitly
 * padded, 160 bytes on every ABI */
struct target_fs_qfilestatv {
    abi_ullong qfs_ino;
    abi_ullong qfs_nblks;
    abi_uint qfs_nextents;
    abi_uint qfs_pad;
};

struct target_fs_quota_statv {
    int8_t qs_version;
    uint8_t qs_pad1;
    abi_ushort qs_flags;
    abi_uint qs_incoredqs;
    struct target_fs_qfilestatv qs_uquota;
    struct target_fs_qfilestatv qs_gquota;
    struct target_fs_qfilestatv qs_pquota;
    abi_int qs_btimelimit;
    abi_int qs_itimelimit;
    abi_int qs_rtbtimelimit;
    abi_ushort qs_bwarnlimit;
    abi_ushort qs_iwarnlimit;
    abi_ushort qs_rtbwarnlimit;
    abi_ushort qs_pad3;
    abi_uint qs_pad4;
    abi_ullong qs_pad2[7];
};

#ifdef TARGET_I386
#define QC_DQBLK_SIZE 68
#define QC_XSTAT_SIZE 68
#else
#define QC_DQBLK_SIZE 72
#define QC_XSTAT_SIZE 80
#endif
QEMU_BUILD_BUG_ON(sizeof(struct target_if_dqblk) != QC_DQBLK_SIZE);
QEMU_BUILD_BUG_ON(sizeof(struct target_fs_quota_stat) != QC_XSTAT_SIZE);
QEMU_BUILD_BUG_ON(sizeof(struct target_if_nextdqblk) != 72);
QEMU_BUILD_BUG_ON(sizeof(struct target_if_dqinfo) != 24);
QEMU_BUILD_BUG_ON(sizeof(struct target_fs_disk_quota) != 112);
QEMU_BUILD_BUG_ON(sizeof(struct target_fs_quota_statv) != 160);
QEMU_BUILD_BUG_ON(sizeof(struct fs_disk_quota) != 112);
QEMU_BUILD_BUG_ON(sizeof(struct fs_quota_statv) != 160);

#endif
