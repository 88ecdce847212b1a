/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * abi/termios2.c: the TCGETS2/TCSETS2/TCSETSW2/TCSETSF2 ioctls.
 *
 * struct termios2 is struct termios followed by the input and output speeds,
 * which hold any baud rate when the CBAUD field says BOTHER. glibc 2.42
 * reads terminals with TCGETS2 (isatty(), tcgetattr()), and programs setting
 * custom serial speeds use it directly. QEMU 7.2 knows none of the four
 * numbers and answers ENOSYS.
 *
 * The layout and the numbers follow the guest's own headers: i386 and ARM
 * use include/uapi/asm-generic/termbits.h (NCCS 19, 44 bytes), MIPS
 * arch/mips/include/uapi/asm/termbits.h (NCCS 23, 48 bytes), and the ioctl
 * numbers are _IOR/_IOW('T', 0x2A..0x2D, struct termios2) in the guest's
 * _IOC encoding (MIPS: arch/mips/include/uapi/asm/ioctl.h), so they differ
 * per arch. The flag and c_cc conversion is upstream's struct termios one
 * (reached through the thunk layer), whose speed fields come from
 * qc_termios_cflag_to_host/target() below.
 */
#include "qemu/osdep.h"
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include "qemu.h"
#include "user-internals.h"
#include "exec/user/thunk.h"
#include "user/safe-syscall.h"
#include "qemu-compat.h"
#include "abi/termios.h"

/* upstream's struct ids (syscall.c builds the same enum): termios is one */
#define STRUCT(name, ...) STRUCT_ ## name,
#define STRUCT_SPECIAL(name) STRUCT_ ## name,
enum {
#include "syscall_types.h"
    QC_STRUCT_MAX
};
#undef STRUCT
#undef STRUCT_SPECIAL

/* The x86-64 host's struct termios2 (include/uapi/asm-generic/termbits.h). */
struct host_termios2 {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[19];
    uint32_t c_ispeed, c_ospeed;
};
QEMU_BUILD_BUG_ON(sizeof(struct host_termios2) != 44);

#define QC_TARGET_TCGETS2  QC_TCGETS2(TARGET_IOR, struct target_termios2_abi)
#define QC_TARGET_TCSETS2  QC_TCSETS2(TARGET_IOW, struct target_termios2_abi)
#define QC_TARGET_TCSETSW2 QC_TCSETSW2(TARGET_IOW, struct target_termios2_abi)
#define QC_TARGET_TCSETSF2 QC_TCSETSF2(TARGET_IOW, struct target_termios2_abi)
#define QC_HOST_TCGETS2    QC_TCGETS2(_IOR, struct host_termios2)
#define QC_HOST_TCSETS2    QC_TCSETS2(_IOW, struct host_termios2)
#define QC_HOST_TCSETSW2   QC_TCSETSW2(_IOW, struct host_termios2)
#define QC_HOST_TCSETSF2   QC_TCSETSF2(_IOW, struct host_termios2)

/* CBAUD | CIBAUD: the speed codes, identical on guests and host. */
#define QC_BAUD_BITS (TARGET_CBAUD | TARGET_CIBAUD)
QEMU_BUILD_BUG_ON(TARGET_CBAUD != 0010017 || TARGET_CIBAUD != 002003600000);
QEMU_BUILD_BUG_ON(TARGET_BOTHER != 0010000 || TARGET_B4000000 != 0010017);

/* ioctl that a guest signal can interrupt (restarted by the cpu loop). */
#define safe_ioctl_qc(fd, cmd, p) safe_syscall(__NR_ioctl, (fd), (cmd), (p))

static const argtype qc_termios_type[] = { MK_STRUCT(STRUCT_termios) };

/*
 * The speed fields of c_cflag for upstream's struct termios converters,
 * whose table knows the codes only up to B460800, without BOTHER and
 * without the input speed (CIBAUD): copied as they are, the codes being the
 * same on the guests and the host.
 */
uint32_t qc_termios_cflag_to_host(uint32_t host_cflag, uint32_t target_cflag)
{
    return (host_cflag & ~QC_BAUD_BITS) | (target_cflag & QC_BAUD_BITS);
}

uint32_t qc_termios_cflag_to_target(uint32_t target_cflag, uint32_t host_cflag)
{
    return (target_cflag & ~QC_BAUD_BITS) | (host_cflag & QC_BAUD_BITS);
}

static void target_to_host_termios2(struct host_termios2 *h,
                                    const struct target_termios2_abi *t)
{
    memset(h, 0, sizeof(*h));
    thunk_convert(h, &t->t, qc_termios_type, THUNK_HOST);
    h->c_ispeed = tswap32(t->c_ispeed);
    h->c_ospeed = tswap32(t->c_ospeed);
}

static void host_to_target_termios2(struct target_termios2_abi *t,
                                    const struct host_termios2 *h)
{
    memset(t, 0, sizeof(*t));
    thunk_convert(&t->t, h, qc_termios_type, THUNK_TARGET);
    t->c_ispeed = tswap32(h->c_ispeed);
    t->c_ospeed = tswap32(h->c_ospeed);
}

bool qc_termios2_ioctl(int fd, abi_long cmd, abi_ulong arg, abi_long *ret)
{
    struct target_termios2_abi *t;
    struct host_termios2 h;
    unsigned long host_cmd;

    switch ((abi_ulong)cmd) {
    case QC_TARGET_TCGETS2:
        *ret = get_errno(safe_ioctl_qc(fd, QC_HOST_TCGETS2, &h));
        if (!is_error(*ret)) {
            t = lock_user(VERIFY_WRITE, arg, sizeof(*t), 0);
            if (!t) {
                *ret = -TARGET_EFAULT;
                return true;
            }
            host_to_target_termios2(t, &h);
            unlock_user(t, arg, sizeof(*t));
        }
        return true;
    case QC_TARGET_TCSETS2:
        host_cmd = QC_HOST_TCSETS2;
        break;
    case QC_TARGET_TCSETSW2:
        host_cmd = QC_HOST_TCSETSW2;
        break;
    case QC_TARGET_TCSETSF2:
        host_cmd = QC_HOST_TCSETSF2;
        break;
    default:
        return false;
    }
    t = lock_user(VERIFY_READ, arg, sizeof(*t), 1);
    if (!t) {
        *ret = -TARGET_EFAULT;
        return true;
    }
    target_to_host_termios2(&h, t);
    unlock_user(t, arg, 0);
    /* TCSETSW2/TCSETSF2 wait for output to drain: a signal may interrupt. */
    *ret = get_errno(safe_ioctl_qc(fd, host_cmd, &h));
    return true;
}
