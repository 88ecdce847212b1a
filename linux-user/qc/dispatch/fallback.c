/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dispatch/fallback.c: the answer for syscall numbers upstream's do_syscall1()
 * switch does not handle.
 *
 * qc_syscall_dispatch() (dispatch/systable.c) has already answered every number whose
 * row is ours, ENOSYS or a by-design errno, so what reaches here is a number
 * in no table (ENOSYS, as a kernel answers a number it has no entry for) or
 * a row that says upstream serves it on an arch where upstream has no case:
 * a wrong row, which tests/host/gen-syscalls.sh is there to catch. Both are
 * logged under "-d unimp".
 */
#include "qemu/osdep.h"
#include "qemu.h"
#include "qemu/log.h"
#include "user-internals.h"
#include "qemu-compat.h"
#include "dispatch/systable.h"

abi_long qc_syscall_fallback(CPUArchState *cpu_env, int num,
                             abi_long arg1, abi_long arg2, abi_long arg3,
                             abi_long arg4, abi_long arg5, abi_long arg6,
                             abi_long arg7, abi_long arg8)
{
    const QCSyscallInfo *info = qc_syscall_info(num);
    abi_long ret;

    if (info && qc_syscall_answer(info, num, &ret)) {
        return ret;     /* an ARM private call's row (usr26, usr32) */
    }
    if (!info) {
        qemu_log_mask(LOG_UNIMP, "qemu-compat: syscall %d is not in the %s "
                      "syscall table: ENOSYS\n", num, qc_systable_arch);
    } else {
        qemu_log_mask(LOG_UNIMP, "qemu-compat: syscall %s (%d): no handler "
                      "took it: ENOSYS\n", info->name, num);
    }
    return -TARGET_ENOSYS;
}
