/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * abi/socket.h: the guest layouts of socket option and control message
 * payloads that abi/socket-compat.c converts.
 *
 * Needs QEMU's headers (abi_* types, QEMU_BUILD_BUG_ON): include it after
 * "qemu.h".
 */
#ifndef QC_ABI_SOCKET_H
#define QC_ABI_SOCKET_H

/* matches struct __kernel_sock_timeval / __kernel_timespec (two s64) */
struct target_sock_timeval64 {
    int64_t tv_sec;
    int64_t tv_frac;
};
QEMU_BUILD_BUG_ON(sizeof(struct target_sock_timeval64) != 16);

/* matches struct old_timespec32 in include/vdso/time32.h */
struct target_old_timespec32 {
    int32_t tv_sec;
    int32_t tv_nsec;
};
QEMU_BUILD_BUG_ON(sizeof(struct target_old_timespec32) != 8);

/* struct in_pktinfo (include/uapi/linux/in.h): upstream's target_in_pktinfo
 * (syscall_defs.h) */
QEMU_BUILD_BUG_ON(sizeof(struct target_in_pktinfo) != 12);

/* matches struct in6_pktinfo in include/uapi/linux/ipv6.h */
struct target_in6_pktinfo {
    uint8_t ipi6_addr[16];
    int32_t ipi6_ifindex;
};
QEMU_BUILD_BUG_ON(sizeof(struct target_in6_pktinfo) != 20);

#endif
