/*
 * syscall-fallback.c: the answer for syscall numbers upstream's do_syscall1()
 * switch does not handle.
 *
 * First the call is offered to qc_new_syscall() (syscalls QEMU 7.2 lacks);
 * otherwise the generated syscall table (systable.h) answers: a by-design
 * errno or ENOSYS, each logged under "-d unimp" with the syscall's name and
 * the reason from syscalls.spec. A number in no table gets ENOSYS, as a
 * kernel answers a number it has no entry for.
 */
#include "qemu/osdep.h"
#include "qemu.h"
#include "qemu/log.h"
#include "user-internals.h"
#include "qemu-compat.h"
#include "systable.h"

abi_long qc_syscall_fallback(CPUArchState *cpu_env, int num,
                             abi_long arg1, abi_long arg2, abi_long arg3,
                             abi_long arg4, abi_long arg5, abi_long arg6,
                             abi_long arg7, abi_long arg8)
{
    const QCSyscallInfo *info;
    abi_long ret;

    if (qc_new_syscall(cpu_env, num, arg1, arg2, arg3, arg4, arg5, arg6,
                       arg7, arg8, &ret)) {
        return ret;
    }
    info = qc_syscall_info(num);
    if (!info) {
        qemu_log_mask(LOG_UNIMP, "qemu-compat: syscall %d is not in the %s "
                      "syscall table: ENOSYS\n", num, qc_systable_arch);
        return -TARGET_ENOSYS;
    }
    switch (info->status) {
    case QC_SYS_ERROR:
        qemu_log_mask(LOG_UNIMP, "qemu-compat: syscall %s (%d): %s by "
                      "design: %s\n", info->name, num, info->errname,
                      info->reason);
        return -info->err;
    case QC_SYS_ENOSYS:
        qemu_log_mask(LOG_UNIMP, "qemu-compat: syscall %s (%d): ENOSYS: "
                      "%s\n", info->name, num, info->reason);
        return -TARGET_ENOSYS;
    default:
        /*
         * The build checks that every implemented row has a handler for
         * this arch; reaching here means the handler declined the call.
         */
        qemu_log_mask(LOG_UNIMP, "qemu-compat: syscall %s (%d): no handler "
                      "took it: ENOSYS\n", info->name, num);
        return -TARGET_ENOSYS;
    }
}
