/*
 * systable.c: lookups in the generated per-arch syscall table.
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
#include "systable.h"

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

/*
 * Answers that come before any handler, from the table: on ARM an
 * OABI-only number called the EABI way (swi 0 with the number in r7, as
 * every armel/armhf binary does) gets ENOSYS like on an EABI kernel
 * (arch/arm/tools/syscall.tbl "oabi" rows have no entry point there),
 * while an OABI caller (swi 0x900000+n, env->eabi 0) still reaches
 * QEMU's handler. 0: no answer, the call goes on.
 */
#ifdef TARGET_ARM
abi_long qc_syscall_gate(CPUArchState *env, int num)
{
    if (env->eabi) {
        const QCSyscallInfo *info = qc_syscall_info(num);

        if (info && info->oabi_only) {
            qemu_log_mask(LOG_UNIMP, "qemu-compat: syscall %s (%d): ENOSYS: "
                          "%s\n", info->name, num, info->reason);
            return -TARGET_ENOSYS;
        }
    }
    return 0;
}
#endif
