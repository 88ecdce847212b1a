/*
 * syscall-fallback.c: the answer for syscall numbers upstream's do_syscall1()
 * switch does not handle.
 *
 * First the call is offered to qc_new_syscall() (syscalls QEMU 7.2 lacks);
 * otherwise it gets -TARGET_ENOSYS, as a kernel answers a number it has no
 * entry for.
 */
#include "qemu/osdep.h"
#include "qemu.h"
#include "qemu/log.h"
#include "user-internals.h"
#include "qemu-compat.h"

abi_long qc_syscall_fallback(CPUArchState *cpu_env, int num,
                             abi_long arg1, abi_long arg2, abi_long arg3,
                             abi_long arg4, abi_long arg5, abi_long arg6,
                             abi_long arg7, abi_long arg8)
{
    abi_long ret;

    if (qc_new_syscall(cpu_env, num, arg1, arg2, arg3, arg4, arg5, arg6,
                       arg7, arg8, &ret)) {
        return ret;
    }
    qemu_log_mask(LOG_UNIMP, "Unsupported syscall: %d\n", num);
    return -TARGET_ENOSYS;
}
