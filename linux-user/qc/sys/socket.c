/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/socket.c: socket calls with 64-bit time (recvmmsg_time64).
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include "qemu.h"
#include "user-internals.h"
#include "signal-common.h"
#include "user/safe-syscall.h"
#include "qemu-compat.h"
#include "guest-access.h"
#include "fd-trans.h"
#include "qemu/path.h"

/*
 * As recvmmsg in syscall.c: the timeout is validated (EFAULT, EINVAL),
 * checked after each received datagram as the kernel does (recvmmsg(2)
 * BUGS) and what is left written back.
 */
abi_long qc_sys_recvmmsg_time64(QC_SYSCALL_ARGS)
{
    return do_recvmmsg_timeout(arg1, arg2, arg3, arg4, arg5, true);
}
