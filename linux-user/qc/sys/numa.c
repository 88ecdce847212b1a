/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/numa.c: the NUMA memory-policy calls (mm/mempolicy.c, mm/migrate.c):
 * mbind, set_mempolicy, get_mempolicy, migrate_pages, move_pages.
 *
 * Policies belong to the calling thread (set_mempolicy: also the
 * emulator's own allocations on that thread, which changes nothing a guest
 * can see) or to address ranges, and guest addresses are host addresses
 * (guest_base 0), so the host kernel applies them as it would for the
 * guest. What a 32-bit task passes differently (kernel/compat.c
 * compat_get_bitmap(), compat_put_bitmap(); compat_sys_move_pages):
 * - node masks are arrays of 32-bit words: maxnode - 1 bits, read and
 *   written as 32-bit words, given to the host as 64-bit longs;
 * - move_pages' page list holds 32-bit pointers.
 * Holes in a guest range are host reservations the host kernel would take
 * for mapped memory: mbind finds them first and answers EFAULT, as the
 * kernel does for an unmapped range.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include "qemu.h"
#include "user-internals.h"
#include "guest-access.h"
#include "qc-internal.h"

#define QC_NODEMASK_MAX_BITS (TARGET_PAGE_SIZE * 8)   /* get_nodes(): EINVAL */

/*
 * A guest node mask (maxnode as the guest passed it) as host longs in a
 * scratch buffer; NULL for none, QC_BAD_PTR for one that cannot be read.
 * -TARGET_EINVAL for a mask longer than the kernel takes.
 */
static abi_long qc_nodemask_in(abi_ulong gmask, abi_ulong maxnode,
                               unsigned long **out)
{
    abi_ulong nbits = maxnode ? maxnode - 1 : 0;
    size_t nwords = DIV_ROUND_UP(nbits, 32), nlongs = DIV_ROUND_UP(nbits, 64);
    unsigned long *h;
    uint32_t w;

    *out = NULL;
    if (!gmask || !nbits) {
        return 0;
    }
    if (nbits > QC_NODEMASK_MAX_BITS) {
        return -TARGET_EINVAL;
    }
    h = qc_scratch_alloc(nlongs * sizeof(*h));
    if (!h) {
        return -TARGET_ENOMEM;
    }
    memset(h, 0, nlongs * sizeof(*h));
    for (size_t i = 0; i < nwords; i++) {
        if (get_user_u32(w, gmask + 4 * i)) {
            *out = QC_BAD_PTR;
            return 0;
        }
        h[i / 2] |= (unsigned long)w << (32 * (i % 2));
    }
    *out = h;
    return 0;
}

/* A host node mask back into the guest's 32-bit words; 0 or EFAULT. */
static abi_long qc_nodemask_out(abi_ulong gmask, abi_ulong maxnode,
                                const unsigned long *h)
{
    abi_ulong nbits = maxnode ? maxnode - 1 : 0;

    for (size_t i = 0; i < DIV_ROUND_UP(nbits, 32); i++) {
        if (put_user_u32((uint32_t)(h[i / 2] >> (32 * (i % 2))),
                         gmask + 4 * i)) {
            return -TARGET_EFAULT;
        }
    }
    return 0;
}

/* (start, len, mode, nmask, maxnode, flags) */
abi_long qc_sys_mbind(QC_SYSCALL_ARGS)
{
    uint64_t end = (uint64_t)(abi_ulong)arg1 +
                   TARGET_PAGE_ALIGN((uint64_t)(abi_ulong)arg2), a, rs, re;
    unsigned long *mask;
    abi_long ret = qc_nodemask_in(arg4, arg5, &mask);

    if (ret) {
        return ret;
    }
    /* the kernel's argument checks first, on an empty range */
    ret = get_errno(syscall(__NR_mbind, g2h_untagged(arg1), 0UL, (int)arg3,
                            mask, (unsigned long)arg5, (unsigned)arg6));
    if (ret || end <= (abi_ulong)arg1) {
        return ret;
    }
    for (a = (abi_ulong)arg1; a < end; a = re) {
        if (!qc_vm_next_mapped(a, end, &rs, &re) || rs > a) {
            return -TARGET_EFAULT;
        }
    }
    return get_errno(syscall(__NR_mbind, g2h_untagged(arg1),
                             (unsigned long)(abi_ulong)arg2, (int)arg3, mask,
                             (unsigned long)arg5, (unsigned)arg6));
}

/* (mode, nmask, maxnode) */
abi_long qc_sys_set_mempolicy(QC_SYSCALL_ARGS)
{
    unsigned long *mask;
    abi_long ret = qc_nodemask_in(arg2, arg3, &mask);

    return ret ? ret : get_errno(syscall(__NR_set_mempolicy, (int)arg1, mask,
                                         (unsigned long)arg3));
}

/* (int *policy, nmask, maxnode, addr, flags) */
abi_long qc_sys_get_mempolicy(QC_SYSCALL_ARGS)
{
    abi_ulong nbits = arg3 ? arg3 - 1 : 0;
    unsigned long *mask = NULL;
    abi_long ret;

    if (arg2 && nbits) {
        if (nbits > QC_NODEMASK_MAX_BITS) {
            return -TARGET_EINVAL;
        }
        mask = qc_scratch_alloc(DIV_ROUND_UP(nbits, 64) * sizeof(*mask));
        if (!mask) {
            return -TARGET_ENOMEM;
        }
    }
    int policy;

    ret = get_errno(syscall(__NR_get_mempolicy, arg1 ? &policy : NULL, mask,
                            (unsigned long)arg3, g2h_untagged(arg4),
                            (unsigned long)arg5));
    if (ret == 0 && arg1 && put_user_s32(policy, arg1)) {
        return -TARGET_EFAULT;
    }
    if (ret == 0 && mask) {
        ret = qc_nodemask_out(arg2, arg3, mask);
    }
    return ret;
}

/* (pid, maxnode, old_nodes, new_nodes) */
abi_long qc_sys_migrate_pages(QC_SYSCALL_ARGS)
{
    unsigned long *from, *to;
    abi_long ret = qc_nodemask_in(arg3, arg2, &from);

    if (!ret) {
        ret = qc_nodemask_in(arg4, arg2, &to);
    }
    return ret ? ret : get_errno(syscall(__NR_migrate_pages, (pid_t)arg1,
                                         (unsigned long)arg2, from, to));
}

/*
 * (pid, count, const void **pages, const int *nodes, int *status, flags):
 * the statuses are node numbers or negative errnos, given back in the
 * guest's byte order and errno numbering; a page in a hole of this guest's
 * space (a host reservation to the host kernel) is -EFAULT, as the kernel
 * answers for an address with no mapping.
 */
abi_long qc_sys_move_pages(QC_SYSCALL_ARGS)
{
    abi_ulong count = arg2;
    abi_ulong *gp;
    void **hp;
    int *st = NULL;
    abi_long ret;

    if (count > (1u << 24)) {
        return -TARGET_ENOMEM;      /* far past any guest's page count */
    }
    hp = qc_scratch_alloc(MAX(count, 1) * sizeof(*hp));
    if (arg5) {
        st = qc_scratch_alloc(MAX(count, 1) * sizeof(*st));
    }
    if (!hp || (arg5 && !st)) {
        return -TARGET_ENOMEM;
    }
    gp = count ? lock_user(VERIFY_READ, arg3, count * sizeof(abi_ulong), 1)
               : NULL;
    if (count && !gp) {
        return -TARGET_EFAULT;
    }
    for (abi_ulong i = 0; i < count; i++) {
        hp[i] = g2h_untagged(tswapal(gp[i]));
    }
    unlock_user(gp, arg3, 0);
    ret = get_errno(syscall(__NR_move_pages, (pid_t)arg1,
                            (unsigned long)count, hp,
                            arg4 ? g2h_untagged(arg4) : NULL, st, (int)arg6));
    if (ret >= 0 && st) {
        /* only our own pages' holes are known here (pid 0 or ours) */
        bool self = arg1 == 0 || arg1 == getpid();

        for (abi_ulong i = 0; i < count; i++) {
            int v = st[i];

            if (self && !(page_get_flags((uintptr_t)hp[i]) & PAGE_VALID)) {
                v = -TARGET_EFAULT;
            } else if (v < 0) {
                errno = -v;
                v = get_errno(-1);      /* the guest's errno number */
            }
            if (put_user_s32(v, arg5 + 4 * i)) {
                return -TARGET_EFAULT;
            }
        }
    }
    return ret;
}
