/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dispatch/systable.c: the generated per-arch syscall table and the one dispatch.
 *
 * The table itself (qc-systable.c.inc) is generated at build time by
 * scripts/gen-syscalls from the kernel's .tbl files and syscalls.spec; it is
 * an array indexed by table number, so a lookup is one bounds check.
 */
#include "qemu/osdep.h"
#include "qemu.h"
#include "qemu/log.h"
#include "user-internals.h"
#include "qemu-compat.h"
#include "dispatch/systable.h"

#include "syscalls/qc-systable.c.inc"

const char qc_systable_arch[] = QC_SYSTABLE_ARCH;
const bool qc_systable_pairs_aligned = QC_SYSTABLE_PAIRS_ALIGNED;

const QCSyscallInfo *qc_syscall_info(abi_long num)
{
    abi_long idx = num - QC_SYSTABLE_OFFSET;
    const QCSyscallPrivate *p;

    if (idx >= 0 && idx < (abi_long)ARRAY_SIZE(qc_systable)) {
        return qc_systable[idx].name ? &qc_systable[idx] : NULL;
    }
    for (p = qc_syscall_private; p->info.name; p++) {
        if (p->nr == num) {
            return &p->info;
        }
    }
    return NULL;
}

bool qc_syscall_answer(const QCSyscallInfo *info, int num, abi_long *ret)
{
    switch (info->status) {
    case QC_SYS_ERROR:
        qemu_log_mask(LOG_UNIMP, "qemu-compat: syscall %s (%d): %s by "
                      "design: %s\n", info->name, num, info->errname,
                      info->reason);
        *ret = -info->err;
        return true;
    case QC_SYS_ENOSYS:
        qemu_log_mask(LOG_UNIMP, "qemu-compat: syscall %s (%d): ENOSYS: "
                      "%s\n", info->name, num, info->reason);
        *ret = -TARGET_ENOSYS;
        return true;
    default:
        return false;
    }
}

/*
 * The row decides, in this order:
 * - ARM: an OABI-only number called the EABI way (swi 0 with the number in
 *   r7, as every armel/armhf binary does) is ENOSYS, as on an EABI kernel
 *   (arch/arm/tools/syscall.tbl "oabi" rows have no entry point there); an
 *   OABI caller (swi 0x900000+n, env->eabi 0) goes on to the row's handler.
 * - a row with our handler: the handler's answer.
 * - an enosys or error row: its answer, logged under -d unimp with the
 *   reason from syscalls.spec; no handler runs and the host is not asked.
 * - anything else (handler "qemu"): upstream's do_syscall1().
 */
bool qc_syscall_dispatch(CPUArchState *cpu_env, int num,
                         abi_long arg1, abi_long arg2, abi_long arg3,
                         abi_long arg4, abi_long arg5, abi_long arg6,
                         abi_long arg7, abi_long arg8, abi_long *ret)
{
    const QCSyscallInfo *info = qc_syscall_info(num);

    if (!info) {
        return false;
    }
#ifdef TARGET_ARM
    if (info->oabi_only && cpu_env->eabi) {
        qemu_log_mask(LOG_UNIMP, "qemu-compat: syscall %s (%d): ENOSYS: "
                      "%s\n", info->name, num, info->reason);
        *ret = -TARGET_ENOSYS;
        return true;
    }
#endif
    if (info->handler) {
        *ret = info->handler(cpu_env, arg1, arg2, arg3, arg4, arg5, arg6,
                             arg7, arg8);
        return true;
    }
    return qc_syscall_answer(info, num, ret);
}
