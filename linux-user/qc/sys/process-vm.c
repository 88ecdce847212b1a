/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/process-vm.c: process_vm_readv and process_vm_writev
 * (mm/process_vm_access.c).
 *
 * Guest addresses are host addresses (guest_base 0), for this process and
 * for every other process this emulator runs, so both iovec arrays only
 * change shape: struct compat_iovec (two 32-bit words) to struct iovec.
 * The remote addresses are the remote process's own: right for a remote
 * guest of this emulator (its guest addresses are its host addresses) and
 * for a native process (any address below 4 GiB a 32-bit caller can name);
 * a remote process of an emulator with another guest_base (QEMU's -B, or
 * an upstream qemu-user) has its guest memory elsewhere, which the caller
 * cannot know, as with such an emulator's own answer.
 *
 * The kernel's order: flags (EINVAL), the local iovec (count over
 * UIO_MAXIOV: EINVAL; array unreadable: EFAULT; a negative 32-bit length:
 * EINVAL), nothing more when the local lengths add up to 0, then the
 * remote iovec likewise, then the pid (ESRCH) and the copy.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include <sys/uio.h>
#include "qemu.h"
#include "user-internals.h"
#include "guest-access.h"
#include "qc-internal.h"

static abi_long qc_process_vm(int host_nr, QC_SYSCALL_ARGS)
{
    struct iovec *lv, *rv;
    uint64_t ltotal, rtotal;
    abi_long ret;

    if (arg6) {
        return -TARGET_EINVAL;
    }
    ret = qc_iovec_in(arg2, arg3, true, &lv, &ltotal);
    if (ret || ltotal == 0) {
        return ret;
    }
    ret = qc_iovec_in(arg4, arg5, false, &rv, &rtotal);
    if (ret) {
        return ret;
    }
    return get_errno(syscall(host_nr, (pid_t)arg1, lv, (unsigned long)arg3,
                             rv, (unsigned long)arg5, 0UL));
}

abi_long qc_sys_process_vm_readv(QC_SYSCALL_ARGS)
{
    return qc_process_vm(__NR_process_vm_readv, QC_SYSCALL_FWD);
}

abi_long qc_sys_process_vm_writev(QC_SYSCALL_ARGS)
{
    return qc_process_vm(__NR_process_vm_writev, QC_SYSCALL_FWD);
}
