/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/mm.c: memory-management calls QEMU 7.2 lacks (mlock2, pkey_mprotect,
 * remap_file_pages) or answers for the host's ranges rather than the
 * guest's (mlock, munlock, mlockall, munlockall, msync, mincore, madvise:
 * the host sees the reservation where the guest has nothing mapped).
 * Guest addresses are host addresses (guest_base 0, vm/vm-reserve.c); g2h keeps
 * the code right for a non-zero -B as well.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include <sys/resource.h>
#include "qemu.h"
#include "user-internals.h"
#include "user-mmap.h"
#include "guest-access.h"
#include "qc-internal.h"
#include "exec/exec-all.h"

#ifndef MLOCK_ONFAULT
#define MLOCK_ONFAULT 0x01      /* include/uapi/asm-generic/mman-common.h */
#endif

/* The advice numbers are the same on every arch (mman-common.h). */
#ifndef MADV_DONTNEED_LOCKED
#define MADV_DONTNEED_LOCKED 24
#endif
#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
#ifndef MADV_SOFT_OFFLINE
#define MADV_SOFT_OFFLINE 101
#endif
#ifndef MADV_GUARD_INSTALL
#define MADV_GUARD_INSTALL 102
#endif

/*
 * The end of a guest range rounded up to pages, in 64 bits: a compat
 * task's size_t length is zero-extended by the 64-bit kernel, so start +
 * len never wraps; what lies past TASK_SIZE is simply not mapped.
 */
static uint64_t range_end(uint64_t start, abi_ulong len)
{
    return (start + len + TARGET_PAGE_SIZE - 1) & ~(uint64_t)(TARGET_PAGE_SIZE - 1);
}

/* The end of the mapped run that starts at s (s itself when s is free). */
static uint64_t mapped_prefix(uint64_t s, uint64_t e)
{
    uint64_t rs, re;

    return qc_vm_next_mapped(s, e, &rs, &re) && rs == s ? re : s;
}

/*
 * mm/mlock.c:do_mlock(), do_munlock(): start rounded down, the length up;
 * apply_vma_lock_flags() locks VMA after VMA and answers ENOMEM at the
 * first hole. The host locks the mapped prefix (and checks
 * RLIMIT_MEMLOCK and can_do_mlock() on it, an empty one too); a hole,
 * which the host sees as the reservation, is ENOMEM.
 */
static abi_long lock_range(abi_ulong start, abi_ulong len, bool lock,
                           unsigned int flags)
{
    uint64_t s = start & TARGET_PAGE_MASK, e = range_end(start, len);
    uint64_t p;
    long r;

    mmap_lock();
    p = mapped_prefix(s, e);
    if (lock) {
        r = syscall(__NR_mlock2, g2h_untagged(s), (size_t)(p - s), flags);
    } else {
        r = munlock(g2h_untagged(s), p - s);
    }
    mmap_unlock();
    if (r < 0) {
        return get_errno(r);
    }
    return p < e ? -TARGET_ENOMEM : 0;
}

abi_long qc_sys_mlock(QC_SYSCALL_ARGS)
{
    return lock_range(arg1, arg2, true, 0);
}

abi_long qc_sys_munlock(QC_SYSCALL_ARGS)
{
    return lock_range(arg1, arg2, false, 0);
}

/* mlock2(2): MLOCK_ONFAULT has the same value on every arch (mm/mlock.c). */
abi_long qc_sys_mlock2(QC_SYSCALL_ARGS)
{
    abi_ulong start = arg1, len = arg2, flags = arg3;
    if (flags & ~(abi_ulong)MLOCK_ONFAULT) {
        return -TARGET_EINVAL;
    }
    return lock_range(start, len, true, flags);
}

/* A field of /proc/self/status ("VmLck", "CapEff"), 0 when absent. */
static uint64_t status_field(const char *key, int base)
{
    char line[256];
    size_t n = strlen(key);
    uint64_t v = 0;
    FILE *f = fopen("/proc/self/status", "re");

    if (!f) {
        return 0;
    }
    while (fgets(line, sizeof(line), f)) {
        if (!strncmp(line, key, n) && line[n] == ':') {
            v = strtoull(line + n + 1, NULL, base);
            break;
        }
    }
    fclose(f);
    return v;
}

/*
 * capable(CAP_IPC_LOCK): the capability in the initial user namespace,
 * which is the one the kernel asks about (a namespace's root has it only
 * there); the initial namespace maps every uid to itself.
 */
static bool capable_ipc_lock(void)
{
    unsigned long a, b, c;
    bool init_ns = false;
    FILE *f;

    if (!(status_field("CapEff", 16) & (1ull << 14))) {
        return false;
    }
    f = fopen("/proc/self/uid_map", "re");
    if (f) {
        init_ns = fscanf(f, "%lu %lu %lu", &a, &b, &c) == 3 &&
                  a == 0 && b == 0 && c == 4294967295ul;
        fclose(f);
    }
    return init_ns;
}

/* RLIMIT_MEMLOCK in pages; ULLONG_MAX when unlimited or CAP_IPC_LOCK. */
static uint64_t lock_limit_pages(void)
{
    struct rlimit rl;

    if (getrlimit(RLIMIT_MEMLOCK, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY ||
        capable_ipc_lock()) {
        return UINT64_MAX;
    }
    return rl.rlim_cur / TARGET_PAGE_SIZE;
}

/*
 * mm->def_flags after mlockall(MCL_FUTURE): 0, or the host mlock2() flags
 * (MLOCK_ONFAULT or not) plus one, kept here rather than handed to the
 * host, where every mapping of the emulator (its heap, thread stacks, the
 * reservation put back over an unmapped range) would be locked too.
 */
static int mlock_future;

/* mm_init(): a child of fork() starts without MCL_FUTURE (def_flags). */
static void mlock_future_forked(void)
{
    mlock_future = 0;
}

int qc_mlock_future_check(abi_ulong len)
{
    /* mm/mmap.c:mlock_future_ok(): EAGAIN for a locked mapping over the
     * limit. */
    if (mlock_future &&
        status_field("VmLck", 10) * 1024 / TARGET_PAGE_SIZE +
        TARGET_PAGE_ALIGN(len) / TARGET_PAGE_SIZE > lock_limit_pages()) {
        errno = EAGAIN;
        return -1;
    }
    return 0;
}

void qc_mlock_future_apply(abi_ulong start, abi_ulong len)
{
    if (mlock_future && len) {
        /* VM_LOCKED from def_flags, then populated (mm_populate()). */
        syscall(__NR_mlock2, g2h_untagged(start), (size_t)len,
                (unsigned int)(mlock_future - 1));
    }
}

/*
 * The part of the guest's main stack the kernel would not have mapped.
 * QEMU maps all of RLIMIT_STACK at start-up, under a PROT_NONE guard page
 * (elfload.c:setup_arg_pages()); the kernel's [stack] VMA holds the
 * arguments and 128 KiB below them (fs/exec.c:setup_arg_pages(),
 * stack_expand) and grows down to each page the stack touches. So the
 * guard page and the pages below both the lowest one the stack has used
 * (resident or swapped: /proc/self/pagemap) and that first 128 KiB are
 * [*lo, *hi); empty when the stack is not where the loader put it.
 */
static void stack_not_in_vma(uint64_t *lo, uint64_t *hi)
{
    TaskState *ts = thread_cpu ? get_task_state(thread_cpu) : NULL;
    uintptr_t page = qemu_real_host_page_size();
    uint64_t guard = MAX((uint64_t)TARGET_PAGE_SIZE, page);
    uint64_t limit, low, buf[512];
    int fd;

    *lo = *hi = 0;
    if (!ts || !ts->info || !ts->info->stack_limit ||
        ts->info->start_stack < ts->info->stack_limit ||
        mapped_prefix(ts->info->stack_limit - guard,
                      (uint64_t)ts->info->start_stack + 1) <=
        ts->info->start_stack) {
        return;
    }
    limit = ts->info->stack_limit;
    low = (ts->info->start_stack & -(uint64_t)page) - 128 * 1024;
    fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        uint64_t a = limit;
        while (a < low) {
            size_t n = MIN((low - a) / page, ARRAY_SIZE(buf)), i;
            ssize_t got = pread(fd, buf, n * 8, (off_t)(a / page) * 8);

            if (got <= 0) {
                break;
            }
            for (i = 0; i < (size_t)got / 8; i++) {
                if (buf[i] >> 62) {         /* PM_PRESENT or PM_SWAP */
                    break;
                }
            }
            if (i < (size_t)got / 8) {
                low = a + i * page;
                break;
            }
            a += (got / 8) * page;
        }
        close(fd);
    }
    if (low > limit) {
        *lo = limit - guard;
        *hi = low;
    }
}

/*
 * mlockall(2) (mm/mlock.c): MCL_CURRENT locks every VMA of the guest (not
 * the emulator's own memory, nor the reservation, whose 4 GiB would be
 * over any RLIMIT_MEMLOCK, nor the stack the kernel would not have
 * mapped yet), after the kernel's check of the limit against total_vm;
 * MCL_FUTURE is kept for target_mmap().
 */
abi_long qc_sys_mlockall(QC_SYSCALL_ARGS)
{
    abi_long flags = arg1;
    struct rlimit rl;
    uint64_t a = 0, rs, re, slo, shi;
    unsigned int onfault;

    if (!flags ||
        (flags & ~(abi_long)(TARGET_MCL_CURRENT | TARGET_MCL_FUTURE |
                             TARGET_MCL_ONFAULT)) ||
        flags == TARGET_MCL_ONFAULT) {
        return -TARGET_EINVAL;
    }
    /* can_do_mlock() */
    if (getrlimit(RLIMIT_MEMLOCK, &rl) == 0 && rl.rlim_cur == 0 &&
        !capable_ipc_lock()) {
        return -TARGET_EPERM;
    }
    onfault = flags & TARGET_MCL_ONFAULT ? MLOCK_ONFAULT : 0;
    if (flags & TARGET_MCL_FUTURE) {
        static bool registered;
        if (!registered) {
            pthread_atfork(NULL, NULL, mlock_future_forked);
            registered = true;
        }
    }
    mmap_lock();
    stack_not_in_vma(&slo, &shi);
    if ((flags & TARGET_MCL_CURRENT) &&
        lock_limit_pages() <
        (qc_vm_mapped_total() - (shi - slo)) / TARGET_PAGE_SIZE) {
        mmap_unlock();
        return -TARGET_ENOMEM;
    }
    mlock_future = flags & TARGET_MCL_FUTURE ? onfault + 1 : 0;
    if (flags & TARGET_MCL_CURRENT) {
        /* apply_mlockall_flags() and mm_populate() ignore failures. */
        while (qc_vm_next_mapped(a, UINT64_MAX, &rs, &re)) {
            if (rs < slo && re > slo) {
                re = slo;
            } else if (rs >= slo && rs < shi) {
                a = shi;
                continue;
            }
            syscall(__NR_mlock2, g2h_untagged(rs), (size_t)(re - rs),
                    onfault);
            a = re;
        }
    }
    mmap_unlock();
    return 0;
}

abi_long qc_sys_munlockall(QC_SYSCALL_ARGS)
{
    abi_long ret;

    mmap_lock();
    mlock_future = 0;
    ret = get_errno(munlockall());
    mmap_unlock();
    return ret;
}

/*
 * msync(2) (mm/msync.c): the flags and start checked first (the host's
 * own checks, on an empty range); then VMA by VMA: a hole is ENOMEM at
 * once for MS_ASYNC alone, else after the rest is synced.
 */
abi_long qc_sys_msync(QC_SYSCALL_ARGS)
{
    abi_ulong start = arg1, len = arg2;
    abi_long flags = arg3;
    uint64_t e = range_end(start, len), a = start, rs, re;
    abi_long ret = 0, unmapped = 0;

    if (msync(g2h_untagged(start), 0, flags) < 0) {
        return get_errno(-1);
    }
    while (a < e) {
        if (!qc_vm_next_mapped(a, e, &rs, &re)) {
            return -TARGET_ENOMEM;
        }
        if (rs > a) {
            if (flags == MS_ASYNC) {
                return -TARGET_ENOMEM;
            }
            unmapped = -TARGET_ENOMEM;
        }
        ret = get_errno(msync(g2h_untagged(rs), re - rs, flags));
        if (ret) {
            return ret;
        }
        a = re;
    }
    return unmapped;
}

/*
 * mincore(2) (mm/mincore.c): EINVAL for an unaligned start, the vector
 * must be writable, then VMA by VMA from start: ENOMEM at the first hole,
 * with the vector filled up to it. The guest's pages need no access
 * rights (PROT_NONE and write-only mappings have a residency too).
 */
abi_long qc_sys_mincore(QC_SYSCALL_ARGS)
{
    abi_ulong start = arg1, len = arg2, vec = arg3;
    uint64_t pages = DIV_ROUND_UP((uint64_t)len, TARGET_PAGE_SIZE);
    uint64_t e = (uint64_t)start + pages * TARGET_PAGE_SIZE, a = start;
    uint64_t rs, re;
    abi_long ret = 0;
    unsigned char *v;

    if (start & ~TARGET_PAGE_MASK) {
        return -TARGET_EINVAL;
    }
    if (!pages) {
        return 0;
    }
    v = lock_user(VERIFY_WRITE, vec, pages, 0);
    if (!v) {
        /* The kernel finds the hole at start before it writes. */
        return mapped_prefix(start, e) == start ? -TARGET_ENOMEM
                                                : -TARGET_EFAULT;
    }
    mmap_lock();
    while (a < e) {
        if (!qc_vm_next_mapped(a, e, &rs, &re) || rs > a) {
            ret = -TARGET_ENOMEM;
            break;
        }
        if (mincore(g2h_untagged(rs), re - rs,
                    v + (rs - start) / TARGET_PAGE_SIZE) < 0) {
            ret = get_errno(-1);
            break;
        }
        a = re;
    }
    mmap_unlock();
    unlock_user(v, vec, pages);
    return ret;
}

/*
 * Advice that changes what the pages hold (drops them, or zaps them for
 * guard markers): only where the guest's page is the host's page
 * (PAGE_PASSTHROUGH; QEMU may have made a private file mapping anonymous
 * and filled it by hand, which the host would empty instead), and the
 * translated code of the range goes.
 */
static abi_long advise_contents(uint64_t s, uint64_t e, int advice)
{
    uint64_t a = s;

    while (a < e) {
        uint64_t b = a;

        while (b < e && (page_get_flags(b) & PAGE_PASSTHROUGH)) {
            b += TARGET_PAGE_SIZE;
        }
        if (b > a) {
            if (madvise(g2h_untagged(a), b - a, advice) < 0) {
                return get_errno(-1);
            }
            page_reset_target_data(a, b - 1);
            tb_invalidate_phys_range(a, b - 1);
        }
        a = b + TARGET_PAGE_SIZE;
    }
    return 0;
}

static abi_long advise_run(uint64_t s, uint64_t e, int advice)
{
    switch (advice) {
    case MADV_DONTFORK:
    case MADV_DOFORK:
        /*
         * Not handed to the host: a host child without the pages would
         * have a hole in the reservation where its page flags still say
         * mapped. The advice is accepted and the child keeps the pages.
         */
        return 0;
    case MADV_DONTNEED:
    case MADV_DONTNEED_LOCKED:
    case MADV_FREE:
    case MADV_REMOVE:
    case MADV_GUARD_INSTALL:
        return advise_contents(s, e, advice);
    case MADV_POPULATE_WRITE:
        /* Pages write-protected for translated code are writable to the
         * guest: unprotect them first (the result is the host's). */
        page_check_range(s, e - s, PAGE_WRITE);
        break;
    }
    return get_errno(madvise(g2h_untagged(s), e - s, advice));
}

/*
 * madvise(2) (mm/madvise.c): the advice and start are checked first (the
 * host's own checks, on an empty range: the advice numbers are the same
 * on every arch and the host kernel is the guest's kernel); then
 * madvise_walk_vmas(): each mapped run gets the advice, a hole makes the
 * answer ENOMEM unless a run fails; MADV_POPULATE_* stop at the first
 * hole; the memory-failure advice goes page by page to the host.
 */
/*
 * mm/madvise.c with mm/mseal.c: advice that discards or hides contents
 * (is_discard()) is refused on a sealed range the guest cannot write
 * (is_ro_anon()). The kernel refuses it only for private anonymous
 * mappings; the guest's page flags do not say whether a mapping is
 * anonymous, so a read-only file mapping is refused too (syscalls.spec:
 * mseal is partial).
 */
static bool qc_madvise_sealed(abi_ulong start, uint64_t end, int advice)
{
    switch (advice) {
    case MADV_DONTNEED:
    case MADV_FREE:
    case 24 /* MADV_DONTNEED_LOCKED */:
    case MADV_REMOVE:
    case MADV_DONTFORK:
    case MADV_WIPEONFORK:
    case 102 /* MADV_GUARD_INSTALL */:
        break;
    default:
        return false;
    }
    for (uint64_t a = start; a < end; a += TARGET_PAGE_SIZE) {
        if (qc_vm_sealed(a, a + TARGET_PAGE_SIZE) &&
            !(page_get_flags(a) & PAGE_WRITE)) {
            return true;
        }
    }
    return false;
}

abi_long qc_sys_madvise(QC_SYSCALL_ARGS)
{
    abi_ulong start = arg1, len = arg2;
    abi_long advice = arg3;
    uint64_t e = range_end(start, len), a = start, rs, re;
    abi_long ret = 0, unmapped = 0;

    if (madvise(g2h_untagged(start), 0, advice) < 0) {
        return get_errno(-1);
    }
    if (e == start) {
        return 0;
    }
    if (advice == MADV_HWPOISON || advice == MADV_SOFT_OFFLINE) {
        return get_errno(madvise(g2h_untagged(start), len, advice));
    }
    if (qc_madvise_sealed(start, e, advice)) {
        return -TARGET_EPERM;
    }
    mmap_lock();
    while (a < e) {
        if (!qc_vm_next_mapped(a, e, &rs, &re)) {
            ret = -TARGET_ENOMEM;
            break;
        }
        if (rs > a) {
            unmapped = -TARGET_ENOMEM;
            if (advice == MADV_POPULATE_READ || advice == MADV_POPULATE_WRITE) {
                ret = unmapped;
                break;
            }
        }
        ret = advise_run(rs, re, advice);
        if (ret) {
            break;
        }
        a = re;
    }
    mmap_unlock();
    return ret ? ret : unmapped;
}

/*
 * pkey_alloc(2) and pkey_free(2) the same way (mm/mprotect.c): flags and
 * access rights checked (EINVAL), then no key to hand out (ENOSPC); key 0
 * is the default key, never allocated, so freeing any key is EINVAL.
 */
abi_long qc_sys_pkey_alloc(QC_SYSCALL_ARGS)
{
    if (arg1 || (arg2 & ~(abi_ulong)3 /* PKEY_ACCESS_MASK */)) {
        return -TARGET_EINVAL;
    }
    return -TARGET_ENOSPC;
}

abi_long qc_sys_pkey_free(QC_SYSCALL_ARGS)
{
    return -TARGET_EINVAL;
}

/*
 * pkey_mprotect(2) as a kernel whose CPU has no protection keys answers it
 * (include/linux/pkeys.h without ARCH_HAS_PKEYS: only key 0 exists, so
 * mm_pkey_is_allocated() accepts 0; -1 means "no key"): keys -1 and 0 are
 * plain mprotect, any other key is EINVAL (mm/mprotect.c
 * do_mprotect_pkey). The guest CPUs emulated here have no PKU.
 */
abi_long qc_sys_pkey_mprotect(QC_SYSCALL_ARGS)
{
    abi_ulong start = arg1, len = arg2, prot = arg3;
    abi_long pkey = arg4;
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
abi_long qc_sys_remap_file_pages(QC_SYSCALL_ARGS)
{
    abi_ulong start = arg1, size = arg2, prot = arg3;
    abi_ulong pgoff = arg4, flags = arg5;
    abi_ulong first = start & TARGET_PAGE_MASK;
    abi_ulong len = TARGET_PAGE_ALIGN(start + size) - first;
    abi_long ret;

    if (!guest_range_valid_untagged(first, size)) {
        return -TARGET_EINVAL;
    }
    mmap_lock();
    ret = get_errno(syscall(__NR_remap_file_pages, g2h_untagged(start),
                            (size_t)size, (int)prot, (size_t)pgoff,
                            (int)flags));
    if (ret == 0 && size) {
        tb_invalidate_phys_range(first, first + len - 1);
    }
    mmap_unlock();
    /*
     * The kernel's emulation is do_mmap(MAP_FIXED) of the range's file
     * (mm/mmap.c SYSCALL_DEFINE5(remap_file_pages)): MAP_FIXED unmaps the
     * range first, so when the file's mmap then fails (a SysV segment
     * removed meanwhile: shm_mmap() EIDRM) the range is left unmapped. The
     * guest's range is gone then too: release it in guest terms (page
     * flags, shmat region, the reservation's hole), or it stays "mapped"
     * for ever (LTP shmctl05 ran a 2 GiB MIPS space out of room).
     */
    if (ret < 0 && size &&
        msync(g2h_untagged(first), len, MS_ASYNC) != 0 && errno == ENOMEM) {
        target_munmap(first, len);
    }
    return ret;
}

abi_long qc_sys_process_mrelease(QC_SYSCALL_ARGS)
{
    return get_errno(syscall(__NR_process_mrelease, (int)arg1,
                             (unsigned int)arg2));
}

#ifdef TARGET_I386
/*
 * Only O_CLOEXEC is valid; i386 (the only guest with the call) has the
 * host's O_CLOEXEC value, so the flags pass as they are.
 */
abi_long qc_sys_memfd_secret(QC_SYSCALL_ARGS)
{
    return get_errno(syscall(__NR_memfd_secret, (unsigned int)arg1));
}
#endif

/* The range is a guest range, which is the same host range (guest_base 0). */
abi_long qc_sys_set_mempolicy_home_node(QC_SYSCALL_ARGS)
{
    return get_errno(syscall(__NR_set_mempolicy_home_node,
                             (unsigned long)g2h_untagged(arg1),
                             (unsigned long)(abi_ulong)arg2,
                             (unsigned long)(abi_ulong)arg3,
                             (unsigned long)(abi_ulong)arg4));
}

/* mseal(2) (mm/mseal.c): the guest's ranges are sealed in the address-space
 * layer (vm/vm-reserve.c), never the host's mappings. */
abi_long qc_sys_mseal(QC_SYSCALL_ARGS)
{
    return get_errno(qc_vm_mseal(arg1, arg2, arg3));
}
