/*
 * sys-mm.c: memory-management calls QEMU 7.2 lacks (mlock2, pkey_mprotect).
 * Guest addresses are host addresses (guest_base 0, vm-reserve.c); g2h keeps
 * the code right for a non-zero -B as well.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include "qemu.h"
#include "user-internals.h"
#include "user-mmap.h"
#include "syscalls-new.h"

#ifndef MLOCK_ONFAULT
#define MLOCK_ONFAULT 0x01      /* include/uapi/asm-generic/mman-common.h */
#endif

/* mlock2(2): MLOCK_ONFAULT has the same value on every arch (mm/mlock.c). */
abi_long qc_sys_mlock2(abi_ulong start, abi_ulong len, abi_ulong flags)
{
    if (flags & ~(abi_ulong)MLOCK_ONFAULT) {
        return -TARGET_EINVAL;
    }
    if (!guest_range_valid_untagged(start & TARGET_PAGE_MASK, len)) {
        return -TARGET_ENOMEM;
    }
    return get_errno(syscall(__NR_mlock2, g2h_untagged(start), (size_t)len,
                             (unsigned int)flags));
}

/*
 * pkey_mprotect(2) as a kernel whose CPU has no protection keys answers it
 * (include/linux/pkeys.h without ARCH_HAS_PKEYS: only key 0 exists, so
 * mm_pkey_is_allocated() accepts 0; -1 means "no key"): keys -1 and 0 are
 * plain mprotect, any other key is EINVAL (mm/mprotect.c
 * do_mprotect_pkey). The guest CPUs emulated here have no PKU.
 */
abi_long qc_sys_pkey_mprotect(abi_ulong start, abi_ulong len, abi_ulong prot,
                              abi_long pkey)
{
    if (pkey != -1 && pkey != 0) {
        return -TARGET_EINVAL;
    }
    return get_errno(target_mprotect(start, len, prot));
}
