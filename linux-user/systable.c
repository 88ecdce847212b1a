/*
 * systable.c: lookups in the generated per-arch syscall table.
 *
 * The table itself (qc-systable.c.inc) is generated at build time by
 * scripts/gen-syscalls from the kernel's .tbl files and syscalls.spec; it is
 * an array indexed by table number, so a lookup is one bounds check.
 */
#include "qemu/osdep.h"
#include "qemu.h"
#include "user-internals.h"
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
