/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/futex.c: the futex2 calls (futex_waitv, futex_wake, futex_wait,
 * futex_requeue), kernel/futex/syscalls.c.
 *
 * Guest threads are host threads of this process, so private futexes work
 * as they are once the address is translated (g2h). The kernel compares the
 * futex word it reads from memory (in the guest's byte order) with the
 * expected value, so on a guest whose byte order differs from the host's
 * the expected value is byte-swapped, as do_futex() does for FUTEX_WAIT.
 * Only 32-bit futexes exist so far (futex_flags_valid()); other sizes are
 * passed unchanged for the kernel to refuse.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include "qemu.h"
#include "user-internals.h"
#include "user/safe-syscall.h"
#include "guest-access.h"

#define QC_FUTEX2_SIZE_MASK 0x03
#define QC_FUTEX2_SIZE_U32  0x02
#define QC_FUTEX_WAITV_MAX  128

/*
 * struct futex_waitv: matches include/uapi/linux/futex.h
 * { __u64 val; __u64 uaddr; __u32 flags; __u32 __reserved; }: 24 bytes on
 * every ABI (no 64-bit member needs more than the 8-byte offsets it has).
 */
struct qc_futex_waitv {
    uint64_t val;
    uint64_t uaddr;
    uint32_t flags;
    uint32_t reserved;
};
QEMU_BUILD_BUG_ON(sizeof(struct qc_futex_waitv) != 24);

static uint64_t qc_futex_val(uint64_t val, uint32_t flags)
{
    if ((flags & QC_FUTEX2_SIZE_MASK) == QC_FUTEX2_SIZE_U32 &&
        val <= UINT32_MAX) {
        return tswap32((uint32_t)val);
    }
    return val;
}

/* A guest futex address for the host; a value no 32-bit guest can name
 * becomes an address the host kernel faults on. */
static uint64_t qc_futex_addr(uint64_t uaddr)
{
    if (uaddr != (abi_ulong)uaddr) {
        return (uintptr_t)QC_BAD_PTR;
    }
    return (uintptr_t)g2h_untagged(uaddr);
}

/* A host copy of a guest array of nr futex_waitv, or QC_BAD_PTR. */
static struct qc_futex_waitv *qc_waitv_in(abi_ulong gaddr, abi_ulong nr)
{
    struct qc_futex_waitv *w;

    if (!gaddr) {
        return NULL;
    }
    w = qc_struct_in(gaddr, nr * sizeof(*w), "");
    if (!qc_ptr_ok(w)) {
        return w;
    }
    for (abi_ulong i = 0; i < nr; i++) {
        uint32_t flags = tswap32(w[i].flags);
        w[i].val = qc_futex_val(tswap64(w[i].val), flags);
        w[i].uaddr = qc_futex_addr(tswap64(w[i].uaddr));
        w[i].flags = flags;
        w[i].reserved = tswap32(w[i].reserved);
    }
    return w;
}

static abi_long qc_timeout_in(struct timespec *ts, struct timespec **tsp,
                              abi_ulong gaddr)
{
    *tsp = NULL;
    if (gaddr) {
        /* A bad pointer stays bad, so the host reports EFAULT after its
         * flag checks, in the kernel's order. */
        *tsp = target_to_host_timespec64(ts, gaddr) ? QC_BAD_PTR : ts;
    }
    return 0;
}

abi_long qc_sys_futex_waitv(QC_SYSCALL_ARGS)
{
    abi_ulong waiters = arg1, nr = arg2, flags = arg3, timeout = arg4;
    abi_long clockid = arg5;
    struct qc_futex_waitv *w;
    struct timespec ts, *tsp;
    abi_long ret;

    /* The kernel's first checks, before it reads anything. */
    if (flags || !nr || nr > QC_FUTEX_WAITV_MAX || !waiters) {
        return -TARGET_EINVAL;
    }
    ret = qc_timeout_in(&ts, &tsp, timeout);
    if (ret) {
        return ret;
    }
    w = qc_waitv_in(waiters, nr);
    ret = get_errno(safe_syscall(__NR_futex_waitv, w, (unsigned int)nr, 0U,
                                 tsp, (int)clockid));
    qc_buf_free(w);
    return ret;
}

abi_long qc_sys_futex_requeue(QC_SYSCALL_ARGS)
{
    abi_ulong waiters = arg1, flags = arg2;
    abi_long nr_wake = arg3, nr_requeue = arg4;
    struct qc_futex_waitv *w;
    abi_long ret;

    if (flags) {
        return -TARGET_EINVAL;
    }
    w = qc_waitv_in(waiters, 2);
    ret = get_errno(syscall(__NR_futex_requeue, w, 0U, (int)nr_wake,
                            (int)nr_requeue));
    qc_buf_free(w);
    return ret;
}

abi_long qc_sys_futex_wake(QC_SYSCALL_ARGS)
{
    abi_ulong uaddr = arg1, mask = arg2;
    abi_long nr = arg3;
    abi_ulong flags = arg4;
    return get_errno(syscall(__NR_futex_wake,
                             (void *)(uintptr_t)qc_futex_addr(uaddr),
                             (unsigned long)mask, (int)nr,
                             (unsigned int)flags));
}

abi_long qc_sys_futex_wait(QC_SYSCALL_ARGS)
{
    abi_ulong uaddr = arg1, val = arg2, mask = arg3;
    abi_ulong flags = arg4, timeout = arg5;
    abi_long clockid = arg6;
    struct timespec ts, *tsp;
    abi_long ret;

    ret = qc_timeout_in(&ts, &tsp, timeout);
    if (ret) {
        return ret;
    }
    return get_errno(safe_syscall(__NR_futex_wait,
                                  (void *)(uintptr_t)qc_futex_addr(uaddr),
                                  (unsigned long)qc_futex_val(val, flags),
                                  (unsigned long)mask, (unsigned int)flags,
                                  tsp, (int)clockid));
}
