/*
 * sys-mm.c: memory-management calls QEMU 7.2 lacks (mlock2, pkey_mprotect,
 * remap_file_pages).
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

/*
 * remap_file_pages(2): since Linux 4.0 the kernel emulates it with an mmap
 * of the same shared file mapping at another file offset (mm/mmap.c). The
 * guest's mapping is a host mapping at g2h(start), so the host's own call
 * does exactly that (EINVAL for prot != 0, a private or no mapping, a
 * wrapping range); the page flags do not change, translated code of the
 * range does.
 */
abi_long qc_sys_remap_file_pages(abi_ulong start, abi_ulong size,
                                 abi_ulong prot, abi_ulong pgoff,
                                 abi_ulong flags)
{
    abi_long ret;

    if (!guest_range_valid_untagged(start & TARGET_PAGE_MASK, size)) {
        return -TARGET_EINVAL;
    }
    mmap_lock();
    ret = get_errno(syscall(__NR_remap_file_pages, g2h_untagged(start),
                            (size_t)size, (int)prot, (size_t)pgoff,
                            (int)flags));
    if (ret == 0 && size) {
        tb_invalidate_phys_range(start & TARGET_PAGE_MASK,
                                 TARGET_PAGE_ALIGN(start + size));
    }
    mmap_unlock();
    return ret;
}

