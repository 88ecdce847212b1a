/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * compat-ioctl-table.h: which ioctl commands of ARM EABI and MIPS o32 (little
 * endian) guests may be handed to the host kernel's 32-bit compat_ioctl layer
 * unchanged, i.e. exactly as an i386 program would issue them.
 *
 * Plain C (no QEMU headers): ioctl/compat-ioctl.c includes it, and so do the host
 * test programs tests/host/compat-ioctl-unit.c and compat-ioctl-probe.c.
 *
 * One row per command:
 *   QC_COMPAT_IOCTL(name, x86_cmd, layout, arm, mips)
 *   name     the command's name in the kernel's uapi headers (as a 32-bit
 *            program sees it: FS_IOC_GETFLAGS there is FS_IOC32_GETFLAGS)
 *   x86_cmd  its number as an i386 program issues it (generic _IOC encoding,
 *            i386 sizes)
 *   layout   what the argument is: a struct's name or a scalar kind; the probe
 *            (tests/host/compat-ioctl-probe.c) lists its size, member offsets
 *            and, where the argument holds flag values (oflags, termios), the
 *            values of those flags
 *   arm      1: an ARM EABI program issues the same number with an argument
 *            of the same layout and values as i386's, so the i386 compat path
 *            handles it right
 *   mips     1: the same for a MIPS o32 little-endian program once its number
 *            is converted to the x86 encoding (qc_mips_ioctl_to_x86())
 *
 * The arm/mips columns are DATA CHECKED AT BUILD TIME: tests/host/
 * compat-ioctl-layout.sh compiles the probe with i686-linux-gnu-gcc,
 * arm-linux-gnueabihf-gcc and mipsel-linux-gnu-gcc, compares numbers, sizes,
 * offsets and flag values, and fails when a column says otherwise.
 * (ARM EABI aligns 64-bit members to 8 bytes, i386 to 4; MIPS numbers its
 * termios and socket ioctls differently and has other O_* values.)
 *
 * Commands not in this table are never passed through for ARM or MIPS
 * guests: nothing tells whether their layouts agree.
 */
#ifndef LINUX_USER_COMPAT_IOCTL_TABLE_H
#define LINUX_USER_COMPAT_IOCTL_TABLE_H

#include <stdint.h>
#include "abi/fs.h"

/* The generic (x86, ARM) ioctl encoding: include/uapi/asm-generic/ioctl.h */
#define QC_IOC_NONE  0U
#define QC_IOC_WRITE 1U
#define QC_IOC_READ  2U
#define QC_IOC(dir, type, nr, size) \
    (((uint32_t)(dir) << 30) | ((uint32_t)(size) << 16) | \
     ((uint32_t)(type) << 8) | (uint32_t)(nr))
#define QC_IO(t, n)       QC_IOC(QC_IOC_NONE, t, n, 0)
#define QC_IOR(t, n, s)   QC_IOC(QC_IOC_READ, t, n, s)
#define QC_IOW(t, n, s)   QC_IOC(QC_IOC_WRITE, t, n, s)
#define QC_IOWR(t, n, s)  QC_IOC(QC_IOC_READ | QC_IOC_WRITE, t, n, s)
/* the same from a struct of abi/: one layout on i386, ARM EABI and MIPS o32 */
#define QC_IOR_T(t, n, type)  QC_IOR(t, n, sizeof(type))
#define QC_IOW_T(t, n, type)  QC_IOW(t, n, sizeof(type))
#define QC_IOWR_T(t, n, type) QC_IOWR(t, n, sizeof(type))

/*
 * MIPS encoding (arch/mips/include/uapi/asm/ioctl.h): 13 size bits at 16,
 * 3 direction bits at 29 with _IOC_NONE 1, _IOC_READ 2, _IOC_WRITE 4.
 * Returns the same command in the generic encoding. Numbers with no direction
 * bits are the old fixed constants (0x4C00 LOOP_SET_FD, 0x5401 MIPS TCGETA,
 * ...): they are returned unchanged, and the table row (whose mips column
 * compares the MIPS program's actual number) decides. Direction combinations
 * the kernel never builds (NONE with READ/WRITE) give UINT32_MAX.
 */
static inline uint32_t qc_mips_ioctl_to_x86(uint32_t cmd)
{
    uint32_t dir = (cmd >> 29) & 7, size = (cmd >> 16) & 0x1fff, x86dir;

    switch (dir) {
    case 0:
        return cmd;
    case 1:
        x86dir = QC_IOC_NONE;
        break;
    case 2:
        x86dir = QC_IOC_READ;
        break;
    case 4:
        x86dir = QC_IOC_WRITE;
        break;
    case 6:
        x86dir = QC_IOC_READ | QC_IOC_WRITE;
        break;
    default:
        return UINT32_MAX;
    }
    if (x86dir == QC_IOC_NONE && size) {
        return UINT32_MAX;
    }
    return (x86dir << 30) | (size << 16) | (cmd & 0xffff);
}

#endif

#ifdef QC_COMPAT_IOCTL
/* terminals (asm-generic/ioctls.h; MIPS numbers these differently) */
QC_COMPAT_IOCTL(TCGETS,              0x5401,                   termios, 1, 0)
QC_COMPAT_IOCTL(TCSETS,              0x5402,                   termios, 1, 0)
QC_COMPAT_IOCTL(TCSETSW,             0x5403,                   termios, 1, 0)
QC_COMPAT_IOCTL(TCSETSF,             0x5404,                   termios, 1, 0)
QC_COMPAT_IOCTL(TIOCGWINSZ,          0x5413,                   winsize, 1, 0)
QC_COMPAT_IOCTL(TIOCSWINSZ,          0x5414,                   winsize, 1, 0)
QC_COMPAT_IOCTL(FIONREAD,            0x541B,                   int,     1, 0)
QC_COMPAT_IOCTL(TIOCGPTN,            QC_IOR('T', 0x30, 4),     int,     1, 1)
QC_COMPAT_IOCTL(TIOCSPTLCK,          QC_IOW('T', 0x31, 4),     int,     1, 1)
QC_COMPAT_IOCTL(TIOCGPTPEER,         QC_IO('T', 0x41),         oflags,  1, 0)
/* files (linux/fs.h) */
QC_COMPAT_IOCTL(FS_IOC32_GETFLAGS,   QC_IOR('f', 1, 4),        int,     1, 1)
QC_COMPAT_IOCTL(FS_IOC32_SETFLAGS,   QC_IOW('f', 2, 4),        int,     1, 1)
QC_COMPAT_IOCTL(FS_IOC32_GETVERSION, QC_IOR('v', 1, 4),        int,     1, 1)
QC_COMPAT_IOCTL(FS_IOC32_SETVERSION, QC_IOW('v', 2, 4),        int,     1, 1)
QC_COMPAT_IOCTL(FS_IOC_FSGETXATTR,   QC_FS_IOC_FSGETXATTR(QC_IOR_T), fsxattr, 1, 1)
QC_COMPAT_IOCTL(FS_IOC_FSSETXATTR,   QC_FS_IOC_FSSETXATTR(QC_IOW_T), fsxattr, 1, 1)
QC_COMPAT_IOCTL(FICLONE,             QC_IOW(0x94, 9, 4),       int,     1, 1)
QC_COMPAT_IOCTL(FICLONERANGE,        QC_FICLONERANGE(QC_IOW_T), file_clone_range, 1, 1)
QC_COMPAT_IOCTL(FIDEDUPERANGE,       QC_FIDEDUPERANGE(QC_IOWR_T), file_dedupe_range, 1, 1)
QC_COMPAT_IOCTL(FIFREEZE,            QC_IOWR('X', 119, 4),     int,     1, 1)
QC_COMPAT_IOCTL(FITHAW,              QC_IOWR('X', 120, 4),     int,     1, 1)
QC_COMPAT_IOCTL(FITRIM,              QC_FITRIM(QC_IOWR_T), fstrim_range, 1, 1)
/* loop devices (linux/loop.h: fixed numbers on every arch) */
QC_COMPAT_IOCTL(LOOP_SET_FD,         0x4C00,                   int,     1, 1)
QC_COMPAT_IOCTL(LOOP_CLR_FD,         0x4C01,                   int,     1, 1)
QC_COMPAT_IOCTL(LOOP_SET_STATUS,     0x4C02,                   loop_info, 1, 0)
QC_COMPAT_IOCTL(LOOP_GET_STATUS,     0x4C03,                   loop_info, 1, 0)
QC_COMPAT_IOCTL(LOOP_SET_STATUS64,   0x4C04,                   loop_info64, 1, 1)
QC_COMPAT_IOCTL(LOOP_GET_STATUS64,   0x4C05,                   loop_info64, 1, 1)
QC_COMPAT_IOCTL(LOOP_CHANGE_FD,      0x4C06,                   int,     1, 1)
QC_COMPAT_IOCTL(LOOP_SET_CAPACITY,   0x4C07,                   int,     1, 1)
QC_COMPAT_IOCTL(LOOP_SET_DIRECT_IO,  0x4C08,                   int,     1, 1)
QC_COMPAT_IOCTL(LOOP_SET_BLOCK_SIZE, 0x4C09,                   int,     1, 1)
QC_COMPAT_IOCTL(LOOP_CONFIGURE,      0x4C0A,                   loop_config, 1, 1)
QC_COMPAT_IOCTL(LOOP_CTL_ADD,        0x4C80,                   int,     1, 1)
QC_COMPAT_IOCTL(LOOP_CTL_REMOVE,     0x4C81,                   int,     1, 1)
QC_COMPAT_IOCTL(LOOP_CTL_GET_FREE,   0x4C82,                   int,     1, 1)
/* block devices (linux/fs.h) */
QC_COMPAT_IOCTL(BLKROGET,            QC_IO(0x12, 94),          int,     1, 1)
QC_COMPAT_IOCTL(BLKGETSIZE,          QC_IO(0x12, 96),          long,    1, 1)
QC_COMPAT_IOCTL(BLKSSZGET,           QC_IO(0x12, 104),         int,     1, 1)
QC_COMPAT_IOCTL(BLKGETSIZE64,        QC_IOR(0x12, 114, 4),     u64,     1, 1)
QC_COMPAT_IOCTL(BLKDISCARD,          QC_IO(0x12, 119),         u64pair, 1, 1)
QC_COMPAT_IOCTL(BLKPBSZGET,          QC_IO(0x12, 123),         int,     1, 1)
/* sockets (linux/sockios.h) */
QC_COMPAT_IOCTL(SIOCGSTAMP_NEW,      QC_IOR(0x89, 6, 16),      u64pair, 1, 1)
QC_COMPAT_IOCTL(SIOCGSTAMPNS_NEW,    QC_IOR(0x89, 7, 16),      u64pair, 1, 1)
/* random (linux/random.h) */
QC_COMPAT_IOCTL(RNDGETENTCNT,        QC_IOR('R', 0x00, 4),     int,     1, 1)
QC_COMPAT_IOCTL(RNDADDTOENTCNT,      QC_IOW('R', 0x01, 4),     int,     1, 1)
QC_COMPAT_IOCTL(RNDCLEARPOOL,        QC_IO('R', 0x06),         int,     1, 1)
/*
 * Not listed: userfaultfd's UFFDIO_* and seccomp's SECCOMP_IOCTL_NOTIF_*.
 * No guest can hold an fd they apply to: userfaultfd answers ENOSYS by
 * design and seccomp refuses SECCOMP_FILTER_FLAG_NEW_LISTENER (both rows of
 * syscalls/syscalls.spec say why).
 */
#endif
