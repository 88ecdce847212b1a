/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * abi/termios.h: the guest layout of struct termios2 and its ioctl numbers,
 * used by abi/termios2.c.
 *
 * Needs QEMU's headers (abi_* types, QEMU_BUILD_BUG_ON): include it after
 * "qemu.h".
 */
#ifndef QC_ABI_TERMIOS_H
#define QC_ABI_TERMIOS_H

/*
 * matches struct termios2 in include/uapi/asm-generic/termbits.h (i386, ARM)
 * and arch/mips/include/uapi/asm/termbits.h (MIPS): struct termios (with the
 * guest's NCCS) then speed_t c_ispeed, c_ospeed.
 */
struct target_termios2_abi {
    struct target_termios t;
    target_speed_t c_ispeed;
    target_speed_t c_ospeed;
};
QEMU_BUILD_BUG_ON(sizeof(struct target_termios2_abi) !=
                  (TARGET_NCCS == 23 ? 48 : 44));
QEMU_BUILD_BUG_ON(offsetof(struct target_termios2_abi, c_ispeed) !=
                  17 + TARGET_NCCS);

/* the numbers (asm-generic/ioctls.h, MIPS asm/ioctls.h: the same 'T' 0x2A..
 * 0x2D), each once, for an encoder and the struct it sizes */
#define QC_TCGETS2(IOR, T)  IOR('T', 0x2A, T)
#define QC_TCSETS2(IOW, T)  IOW('T', 0x2B, T)
#define QC_TCSETSW2(IOW, T) IOW('T', 0x2C, T)
#define QC_TCSETSF2(IOW, T) IOW('T', 0x2D, T)

#endif
