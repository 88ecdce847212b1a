/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/quota.c: quotactl(2) and quotactl_fd(2), which QEMU 7.2 answered
 * ENOSYS (so quota(1), repquota(8) and xfs_quota(8) failed in a chroot).
 *
 * The sub-command (cmd >> SUBCMDSHIFT) decides what addr points to
 * (fs/quota/quota.c do_quotactl()): nothing, a path (Q_QUOTAON), a __u32,
 * or one of six structs. They are named here from include/uapi/linux/
 * quota.h and dqblk_xfs.h and converted field by field: on i386 the __u64
 * fields are 4-byte aligned, so struct if_dqblk is 68 bytes and struct
 * fs_quota_stat 68 (the kernel's struct compat_if_dqblk and
 * compat_fs_quota_stat, fs/quota/compat.h, used where
 * compat_need_64bit_alignment_fixup()); ARM EABI and MIPS o32 align them
 * to 8 like x86-64. abi_ullong carries the guest's alignment; MIPS
 * big-endian needs every field swapped.
 *
 * Errors come in the kernel's order because the host kernel makes every
 * check itself: an input struct the guest cannot read is passed as
 * QC_BAD_PTR (the kernel's copy_from_user fails where it would for the
 * guest), an output struct is written back only when the call succeeded
 * (a bad output pointer then gives EFAULT, as copy_to_user would).
 * tests/guest/sys-quota.c compares every answer with a native run.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include <linux/quota.h>
#include <linux/dqblk_xfs.h>
#include "qemu.h"
#include "user-internals.h"
#include "qemu-compat.h"
#include "dispatch/systable.h"
#include "guest-access.h"
#include "abi/quota.h"

/* The fields each direction converts; __get_user/__put_user size and swap
 * each one by its type. */
#define QC_DQBLK_FIELDS(F) \
    F(dqb_bhardlimit) F(dqb_bsoftlimit) F(dqb_curspace) F(dqb_ihardlimit) \
    F(dqb_isoftlimit) F(dqb_curinodes) F(dqb_btime) F(dqb_itime) F(dqb_valid)
#define QC_DQINFO_FIELDS(F) \
    F(dqi_bgrace) F(dqi_igrace) F(dqi_flags) F(dqi_valid)
#define QC_XDQ_FIELDS(F) \
    F(d_version) F(d_flags) F(d_fieldmask) F(d_id) F(d_blk_hardlimit) \
    F(d_blk_softlimit) F(d_ino_hardlimit) F(d_ino_softlimit) F(d_bcount) \
    F(d_icount) F(d_itimer) F(d_btimer) F(d_iwarns) F(d_bwarns) \
    F(d_itimer_hi) F(d_btimer_hi) F(d_rtbtimer_hi) F(d_padding2) \
    F(d_rtb_hardlimit) F(d_rtb_softlimit) F(d_rtbcount) F(d_rtbtimer) \
    F(d_rtbwarns) F(d_padding3)
#define QC_XSTAT_FIELDS(F) \
    F(qs_version) F(qs_flags) F(qs_pad) \
    F(qs_uquota.qfs_ino) F(qs_uquota.qfs_nblks) F(qs_uquota.qfs_nextents) \
    F(qs_gquota.qfs_ino) F(qs_gquota.qfs_nblks) F(qs_gquota.qfs_nextents) \
    F(qs_incoredqs) F(qs_btimelimit) F(qs_itimelimit) F(qs_rtbtimelimit) \
    F(qs_bwarnlimit) F(qs_iwarnlimit)
#define QC_XSTATV_FILE(F, q) \
    F(q.qfs_ino) F(q.qfs_nblks) F(q.qfs_nextents) F(q.qfs_pad)
#define QC_XSTATV_FIELDS(F) \
    F(qs_version) F(qs_pad1) F(qs_flags) F(qs_incoredqs) \
    QC_XSTATV_FILE(F, qs_uquota) QC_XSTATV_FILE(F, qs_gquota) \
    QC_XSTATV_FILE(F, qs_pquota) F(qs_btimelimit) F(qs_itimelimit) \
    F(qs_rtbtimelimit) F(qs_bwarnlimit) F(qs_iwarnlimit) \
    F(qs_rtbwarnlimit) F(qs_pad3) F(qs_pad4)

#define QC_GET(f) __get_user(h->f, &t->f);
#define QC_PUT(f) __put_user(h->f, &t->f);

/* What addr points to, by sub-command (fs/quota/quota.c do_quotactl) */
enum qc_quota_arg {
    QA_NONE,         /* Q_SYNC, Q_QUOTAOFF, Q_XQUOTASYNC, unknown */
    QA_PATH,         /* Q_QUOTAON: the quota file's path */
    QA_U32_IN,       /* Q_XQUOTAON, Q_XQUOTAOFF, Q_XQUOTARM: flags */
    QA_U32_OUT,      /* Q_GETFMT */
    QA_DQINFO_IN, QA_DQINFO_OUT,
    QA_DQBLK_IN, QA_DQBLK_OUT,
    QA_NEXTDQBLK_OUT,
    QA_XDQ_IN, QA_XDQ_OUT,
    QA_XSTAT_OUT,
    QA_XSTATV_IO,    /* qs_version read first, the struct written back */
};

static enum qc_quota_arg qc_quota_arg_of(unsigned int cmds)
{
    switch (cmds) {
    case Q_QUOTAON:
        return QA_PATH;
    case Q_XQUOTAON:
    case Q_XQUOTAOFF:
    case Q_XQUOTARM:
        return QA_U32_IN;
    case Q_GETFMT:
        return QA_U32_OUT;
    case Q_SETINFO:
        return QA_DQINFO_IN;
    case Q_GETINFO:
        return QA_DQINFO_OUT;
    case Q_SETQUOTA:
        return QA_DQBLK_IN;
    case Q_GETQUOTA:
        return QA_DQBLK_OUT;
    case Q_GETNEXTQUOTA:
        return QA_NEXTDQBLK_OUT;
    case Q_XSETQLIM:
        return QA_XDQ_IN;
    case Q_XGETQUOTA:
    case Q_XGETNEXTQUOTA:
        return QA_XDQ_OUT;
    case Q_XGETQSTAT:
        return QA_XSTAT_OUT;
    case Q_XGETQSTATV:
        return QA_XSTATV_IO;
    default:
        return QA_NONE;
    }
}

union qc_quota_buf {
    uint32_t u32;
    struct if_dqinfo info;
    struct if_dqblk dqblk;
    struct if_nextdqblk next;
    struct fs_disk_quota xdq;
    struct fs_quota_stat xstat;
    struct fs_quota_statv xstatv;
};

/* Read an input struct: &h, or QC_BAD_PTR where the guest cannot read it */
static void *qc_quota_in(enum qc_quota_arg arg, union qc_quota_buf *hb,
                         abi_ulong addr)
{
#define QC_IN(ttype, member, FIELDS, extra) {                        \
        ttype *t;                                                       \
        __typeof__(hb->member) *h = &hb->member;                        \
                                                                        \
        if (!lock_user_struct(VERIFY_READ, t, addr, 1)) {               \
            return QC_BAD_PTR;                                          \
        }                                                               \
        FIELDS(QC_GET)                                                  \
        extra;                                                          \
        unlock_user_struct(t, addr, 0);                                 \
        return hb;                                                      \
    }
    switch (arg) {
    case QA_U32_IN:
        return get_user_u32(hb->u32, addr) ? QC_BAD_PTR : hb;
    case QA_DQINFO_IN:
        QC_IN(struct target_if_dqinfo, info, QC_DQINFO_FIELDS, )
    case QA_DQBLK_IN:
        QC_IN(struct target_if_dqblk, dqblk, QC_DQBLK_FIELDS, )
    case QA_XDQ_IN:
        QC_IN(struct target_fs_disk_quota, xdq, QC_XDQ_FIELDS,
              memcpy(h->d_padding4, t->d_padding4, sizeof(h->d_padding4)))
    case QA_XSTATV_IO: {
        /* quota_getxstatev() reads the version byte alone first */
        uint8_t version;

        if (get_user_u8(version, addr)) {
            return QC_BAD_PTR;
        }
        hb->xstatv.qs_version = version;
        return hb;
    }
    default:
        return hb;
    }
#undef QC_IN
}

/* Write an output struct back after a successful call: 0 or EFAULT */
static abi_long qc_quota_out(enum qc_quota_arg arg, union qc_quota_buf *hb,
                             abi_ulong addr)
{
#define QC_OUT(ttype, member, FIELDS, extra) {                       \
        ttype *t;                                                       \
        __typeof__(hb->member) *h = &hb->member;                        \
                                                                        \
        if (!lock_user_struct(VERIFY_WRITE, t, addr, 0)) {              \
            return -TARGET_EFAULT;                                      \
        }                                                               \
        FIELDS(QC_PUT)                                                  \
        extra;                                                          \
        unlock_user_struct(t, addr, 1);                                 \
        return 0;                                                       \
    }
    switch (arg) {
    case QA_U32_OUT:
        return put_user_u32(hb->u32, addr) ? -TARGET_EFAULT : 0;
    case QA_DQINFO_OUT:
        QC_OUT(struct target_if_dqinfo, info, QC_DQINFO_FIELDS, )
    case QA_DQBLK_OUT:
        QC_OUT(struct target_if_dqblk, dqblk, QC_DQBLK_FIELDS, )
    case QA_NEXTDQBLK_OUT:
        QC_OUT(struct target_if_nextdqblk, next, QC_DQBLK_FIELDS,
               __put_user(h->dqb_id, &t->dqb_id))
    case QA_XDQ_OUT:
        QC_OUT(struct target_fs_disk_quota, xdq, QC_XDQ_FIELDS,
               memcpy(t->d_padding4, h->d_padding4, sizeof(t->d_padding4)))
    case QA_XSTAT_OUT:
        QC_OUT(struct target_fs_quota_stat, xstat, QC_XSTAT_FIELDS, )
    case QA_XSTATV_IO:
        QC_OUT(struct target_fs_quota_statv, xstatv, QC_XSTATV_FIELDS,
               for (int i = 0; i < 7; i++) {
                   __put_user(h->qs_pad2[i], &t->qs_pad2[i]);
               })
    default:
        return 0;
    }
#undef QC_OUT
}

/*
 * quotactl(cmd, special, id, addr) when by_fd is false, quotactl_fd(fd,
 * cmd, id, addr) when it is true (id is a qid_t, a __u32). special is a
 * block device path (NULL for a Q_SYNC of every filesystem).
 */
static abi_long qc_quota(bool by_fd, abi_long fd, abi_ulong special,
                         abi_ulong cmd, abi_long id, abi_ulong addr)
{
    enum qc_quota_arg arg = qc_quota_arg_of((unsigned int)cmd >> SUBCMDSHIFT);
    union qc_quota_buf hb;
    void *hp = NULL;
    char *path = NULL, *sp;
    abi_long ret;

    memset(&hb, 0, sizeof(hb));
    if (arg == QA_PATH) {
        /* quotactl_fd never resolves Q_QUOTAON's path (it has no name) */
        hp = path = by_fd ? NULL : qc_str_in(addr);
    } else if (arg != QA_NONE) {
        hp = qc_quota_in(arg, &hb, addr);
    }
    if (by_fd) {
        ret = get_errno(syscall(__NR_quotactl_fd, (int)fd, (unsigned int)cmd,
                                (uint32_t)id, hp));
    } else {
        sp = qc_str_in(special);
        ret = get_errno(syscall(__NR_quotactl, (unsigned int)cmd, sp,
                                (uint32_t)id, hp));
        qc_str_done(sp, special);
    }
    qc_str_done(path, addr);
    if (ret == 0 && hp == &hb) {
        ret = qc_quota_out(arg, &hb, addr);
    }
    return ret;
}

abi_long qc_sys_quotactl(QC_SYSCALL_ARGS)
{
    return qc_quota(false, -1, arg2, arg1, arg3, arg4);
}

abi_long qc_sys_quotactl_fd(QC_SYSCALL_ARGS)
{
    return qc_quota(true, arg1, 0, arg2, arg3, arg4);
}
