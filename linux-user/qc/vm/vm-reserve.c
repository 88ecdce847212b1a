/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vm/vm-reserve.c: the guest's 32-bit address space, laid out as a 64-bit
 * kernel lays out a compat task's.
 *
 * Guest addresses are host addresses (guest_base 0). Before anything else
 * in the emulator allocates, the whole guest range [mmap_min_addr,
 * TASK_SIZE) is reserved by one PROT_NONE MAP_NORESERVE mapping. The host
 * kernel then never places an allocation of the emulator there (glib, the
 * TCG buffer, thread stacks: they use no address hint, or a hint it cannot
 * honour), and every guest mapping is made with MAP_FIXED over the
 * reservation and handed back to it when the guest unmaps.
 *
 * A PROT_NONE private mapping is not charged to the commit limit (only
 * writable private mappings are, mm/mmap.c:accountable_mapping()), so the
 * reservation works under vm.overcommit_memory=2; it does count against
 * RLIMIT_AS (ulimit -v), the usual reason it fails.
 *
 * Placement follows the kernel (mm/mmap.c, arch/x86/mm/mmap.c,
 * mm/util.c:mmap_base()) with randomisation off, as under ADDR_NO_RANDOMIZE:
 * a free hint is honoured; otherwise top-down below mmap_base = STACK_TOP -
 * clamp(RLIMIT_STACK + stack_guard_gap, 128 MiB, STACK_TOP / 6 * 5), falling
 * back to bottom-up from TASK_UNMAPPED_BASE; bottom-up only (the legacy
 * layout) when the stack rlimit is unlimited, vm.legacy_va_layout is set or
 * the personality has ADDR_COMPAT_LAYOUT. QEMU's page flags are the one
 * record of what the guest has mapped: the searches walk their interval
 * tree (page_find_range_empty(), its top-down twin and
 * page_find_range_mapped() in accel/tcg/user-exec.c), so a placement costs
 * the number of mappings it skips, not the number of mapped pages.
 *
 * Per-arch facts (TASK_SIZE, TASK_UNMAPPED_BASE, the ARM vectors page) are
 * in linux-user/<arch>/target_vm_layout.h.
 */
#include "qemu/osdep.h"
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/sysmacros.h>
#include "qemu.h"
#include "user-internals.h"
#include "user-mmap.h"
#include "qemu/selfmap.h"
#include "qemu/error-report.h"
#include "qc-internal.h"
#include "target_vm_layout.h"

/* mm/mmap.c: stack_guard_gap = 256UL << PAGE_SHIFT. */
#define QC_STACK_GUARD_GAP  (256ul << 12)
/* mm/util.c, arch/x86/mm/mmap.c: the smallest gap kept for the stack. */
#define QC_MIN_STACK_GAP    (128ul << 20)

static struct {
    bool reserved;          /* [lo, hi) is reserved on the host */
    bool active;            /* guest_base 0 and this file's placement */
    int early_errno;        /* why the start-up reservation failed */
    uintptr_t lo, hi;
    abi_ulong task_size;    /* end of what the guest may map */
    abi_ulong mmap_base;    /* top-down search starts below this */
    abi_ulong unmapped_base;
    bool legacy;            /* bottom-up from unmapped_base only */
} vm;

static unsigned long read_proc_ulong(const char *path, unsigned long dflt)
{
    unsigned long v = dflt;
    FILE *f = fopen(path, "r");

    if (f) {
        if (fscanf(f, "%lu", &v) != 1) {
            v = dflt;
        }
        fclose(f);
    }
    return v;
}

static int reserve_range(uintptr_t lo, uintptr_t hi)
{
    void *want = (void *)lo;
    void *p = mmap(want, hi - lo, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
                   MAP_FIXED_NOREPLACE, -1, 0);

    if (p == MAP_FAILED) {
        return -errno;
    }
    if (p != want) {
        /* A kernel older than 4.17 took MAP_FIXED_NOREPLACE as a hint. */
        munmap(p, hi - lo);
        return -EEXIST;
    }
    return 0;
}

/*
 * Runs before main() and before QEMU's own constructors (the RCU thread,
 * module registration) and glib's first allocation of note: priority 101
 * is the first one open to programs.
 */
static void __attribute__((constructor(101))) qc_vm_reserve_early(void)
{
    unsigned long page = getpagesize();
    unsigned long min = read_proc_ulong("/proc/sys/vm/mmap_min_addr", 0);

    /* As main(): without /proc, keep at least page 0 unmapped. */
    vm.lo = ROUND_UP(MAX(min, page), page);
    vm.hi = QC_VM_RESERVE_END;
    vm.early_errno = -reserve_range(vm.lo, vm.hi);
    vm.reserved = vm.early_errno == 0;
}

/* One line: what could not be reserved, why, and what to do about it. */
static G_NORETURN void report_failure(int err, uintptr_t lo, uintptr_t hi)
{
    struct rlimit as;
    g_autofree char *cause = NULL;

    if (err == EEXIST) {
        IntervalTreeRoot *maps = read_self_maps();
        IntervalTreeNode *n = maps ? interval_tree_iter_first(maps, lo, hi - 1)
                                   : NULL;

        if (n) {
            MapInfo *e = container_of(n, MapInfo, itree);
            cause = g_strdup_printf(
                "the host mapping %" PRIx64 "-%" PRIx64 " %s is in the way; "
                "pass -R/QEMU_RESERVED_VA with a smaller size or "
                "-B/QEMU_GUEST_BASE to move the guest",
                e->itree.start, e->itree.last + 1,
                e->path && *e->path ? e->path : "");
        }
        if (maps) {
            free_self_maps(maps);
        }
        if (!cause) {
            cause = g_strdup("part of it is already mapped; pass "
                             "-R/QEMU_RESERVED_VA with a smaller size");
        }
    } else if (err == ENOMEM && getrlimit(RLIMIT_AS, &as) == 0 &&
               as.rlim_cur != RLIM_INFINITY) {
        cause = g_strdup_printf(
            "the virtual memory limit (ulimit -v %llu KiB) is too small; "
            "raise it to unlimited or pass -R/QEMU_RESERVED_VA with a "
            "smaller size", (unsigned long long)as.rlim_cur / 1024);
    } else if (err == EPERM || err == EACCES) {
        cause = g_strdup_printf(
            "the host forbids mappings at 0x%lx (vm.mmap_min_addr or a "
            "security module); raise vm.mmap_min_addr or allow low "
            "mappings", (unsigned long)lo);
    } else {
        cause = g_strdup_printf(
            "the host has no room for it (vm.overcommit_memory=%lu, "
            "vm.max_map_count=%lu); pass -R/QEMU_RESERVED_VA with a "
            "smaller size",
            read_proc_ulong("/proc/sys/vm/overcommit_memory", 0),
            read_proc_ulong("/proc/sys/vm/max_map_count", 0));
    }
    error_report("cannot reserve the guest address space 0x%lx-0x%lx "
                 "(%s): %s", (unsigned long)lo, (unsigned long)hi,
                 strerror(err), cause);
    exit(EXIT_FAILURE);
}

void qc_vm_setup(unsigned long *reserved_va_p)
{
    uintptr_t page = getpagesize();
    uintptr_t want_hi;
    struct rlimit stack;
    uint64_t gap;
    int r;

    if (have_guest_base && guest_base != 0) {
        /* -B: the user placed the guest; upstream's layout applies. */
        if (vm.reserved) {
            munmap((void *)vm.lo, vm.hi - vm.lo);
            vm.reserved = false;
        }
        return;
    }

    /* QEMU 10: reserved_va is the last guest byte (0: the default). */
    want_hi = *reserved_va_p ? ROUND_UP((uintptr_t)*reserved_va_p + 1, page)
                             : QC_VM_RESERVE_END;
    if (want_hi <= vm.lo) {
        error_report("reserved virtual address space 0x%lx ends below "
                     "vm.mmap_min_addr (0x%lx)", (unsigned long)want_hi,
                     (unsigned long)vm.lo);
        exit(EXIT_FAILURE);
    }
    if (!vm.reserved) {
        r = reserve_range(vm.lo, want_hi);
        if (r < 0) {
            report_failure(-r, vm.lo, want_hi);
        }
    } else if (want_hi < vm.hi) {
        munmap((void *)want_hi, vm.hi - want_hi);
    } else if (want_hi > vm.hi) {
        r = reserve_range(vm.hi, want_hi);
        if (r < 0) {
            report_failure(-r, vm.hi, want_hi);
        }
    }
    vm.hi = want_hi;
    vm.reserved = true;
    *reserved_va_p = want_hi - 1;
    guest_base = 0;
    vm.task_size = MIN((uintptr_t)QC_VM_TASK_SIZE, want_hi);

    if (QC_VM_SPECIAL_PAGE && want_hi <= QC_VM_SPECIAL_PAGE) {
        /*
         * -R below the ARM vectors page: the guest maps below want_hi
         * only, but the page itself stays where the kernel has it (and
         * inside reserved_va, which page_set_flags() requires).
         */
        r = reserve_range(QC_VM_SPECIAL_PAGE, QC_VM_RESERVE_END);
        if (r < 0) {
            report_failure(-r, QC_VM_SPECIAL_PAGE, QC_VM_RESERVE_END);
        }
        *reserved_va_p = QC_VM_RESERVE_END - 1;
    }
    vm.unmapped_base = vm.task_size == QC_VM_TASK_SIZE
                       ? QC_VM_UNMAPPED_BASE
                       : ROUND_UP(vm.task_size / 3, page);
    if (getrlimit(RLIMIT_STACK, &stack) != 0) {
        stack.rlim_cur = 8 << 20;
    }
    vm.legacy = stack.rlim_cur == RLIM_INFINITY ||
                (personality(0xffffffff) & ADDR_COMPAT_LAYOUT) ||
                read_proc_ulong("/proc/sys/vm/legacy_va_layout", 0);
    gap = stack.rlim_cur;
    if (gap + QC_STACK_GUARD_GAP > gap) {
        gap += QC_STACK_GUARD_GAP;
    }
    gap = MAX(gap, QC_MIN_STACK_GAP);
    gap = MIN(gap, vm.task_size / 6 * 5);
    vm.mmap_base = vm.legacy ? vm.unmapped_base
                             : ROUND_UP(vm.task_size - gap, page);
    vm.active = true;
}

bool qc_vm_active(void)
{
    return vm.active;
}

abi_ulong qc_vm_stack_hint(abi_ulong len)
{
    /* The kernel puts the stack at STACK_TOP (setup_arg_pages()). */
    return vm.active && len < vm.task_size ? vm.task_size - len : 0;
}

abi_ulong qc_vm_et_dyn_hint(bool pie_with_interp)
{
    /*
     * fs/binfmt_elf.c:load_elf_binary(): ET_DYN with an interpreter at
     * ELF_ET_DYN_BASE, its brk heap above it, far from the libraries that
     * go top-down from mmap_base; an ET_DYN run directly (ld.so, static
     * PIE) is placed like any mmap.
     */
    return vm.active && pie_with_interp && QC_VM_ET_DYN_BASE < vm.task_size
           ? QC_VM_ET_DYN_BASE : 0;
}

/*
 * Interval sets: pairs (start, end) of abi_ulong in a GArray, ascending,
 * disjoint and merged (the MAP_GROWSDOWN and the sealed ranges; which
 * pages are mapped is the page flags' business).
 */
#define IV_S(a, i) g_array_index(a, abi_ulong, 2 * (i))
#define IV_E(a, i) g_array_index(a, abi_ulong, 2 * (i) + 1)

/* The index of the first range in a that ends after addr (binary search). */
static guint first_ending_after(GArray *a, abi_ulong addr)
{
    guint lo = 0, hi = a->len / 2;

    while (lo < hi) {
        guint mid = (lo + hi) / 2;
        if (IV_E(a, mid) <= addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* Add [start, end) to the interval set a, or take it out. */
static void iv_update(GArray *a, abi_ulong start, abi_ulong end, bool add)
{
    guint n = a->len / 2, i, j;
    abi_ulong ls = 0, re = 0, iv[4];
    bool has_left = false, has_right = false;
    guint k = 0;

    i = first_ending_after(a, start);
    for (j = i; j < n && IV_S(a, j) < end; j++) {
        if (IV_S(a, j) < start) {
            has_left = true;
            ls = IV_S(a, j);
        }
        if (IV_E(a, j) > end) {
            has_right = true;
            re = IV_E(a, j);
        }
    }
    if (add) {
        abi_ulong s = has_left ? ls : start, e = has_right ? re : end;
        /* Merge with a range that touches it on either side. */
        if (i > 0 && IV_E(a, i - 1) == s) {
            i--;
            s = IV_S(a, i);
        }
        if (j < n && IV_S(a, j) == e) {
            e = IV_E(a, j);
            j++;
        }
        iv[k++] = s;
        iv[k++] = e;
    } else {
        if (has_left) {
            iv[k++] = ls;
            iv[k++] = start;
        }
        if (has_right) {
            iv[k++] = end;
            iv[k++] = re;
        }
    }
    if (j > i) {
        g_array_remove_range(a, 2 * i, 2 * (j - i));
    }
    if (k) {
        g_array_insert_vals(a, 2 * i, iv, k);
    }
}

/*
 * The guest's MAP_GROWSDOWN mappings (VM_GROWSDOWN), as an interval set: what target_mmap() maps with the flag joins it, any
 * other mapping or unmapping of its pages leaves it.
 */
static GArray *growsdown_set;

/*
 * The guest's sealed ranges (mseal(2), mm/mseal.c), as an interval set. Sealing is for the life of the mapping, which cannot end: an
 * unmap of a sealed page is refused. The host mappings are never sealed
 * (the emulator keeps re-protecting pages that hold guest code); the
 * guest's view is enforced here and in target_mprotect().
 */
static GArray *sealed_set;

bool qc_vm_sealed(abi_ulong start, uint64_t end)
{
    guint i;

    if (!sealed_set || !sealed_set->len || end <= start) {
        return false;
    }
    i = first_ending_after(sealed_set, start);
    return i < sealed_set->len / 2 && IV_S(sealed_set, i) < end;
}

/* mm/mseal.c do_mseal(), in its order; 0 or -1 with errno. */
int qc_vm_mseal(abi_ulong start, abi_ulong len_in, abi_ulong flags)
{
    uint64_t len = TARGET_PAGE_ALIGN((uint64_t)len_in), end, a, rs, re;

    if (flags) {
        errno = EINVAL;
        return -1;
    }
    if (start & ~TARGET_PAGE_MASK) {
        errno = EINVAL;
        return -1;
    }
    end = (uint64_t)start + len;
    if (end == start) {
        return 0;
    }
    /* the whole range must be mapped: ENOMEM for a gap (check_mm_seal) */
    mmap_lock();
    for (a = start; a < end; a = re) {
        if (!qc_vm_next_mapped(a, end, &rs, &re) || rs > a) {
            mmap_unlock();
            errno = ENOMEM;
            return -1;
        }
    }
    if (!sealed_set) {
        sealed_set = g_array_new(false, false, sizeof(abi_ulong));
    }
    iv_update(sealed_set, start, end, true);
    mmap_unlock();
    return 0;
}

void qc_vm_note_growsdown(abi_ulong start, abi_ulong end, bool growsdown)
{
    if (!growsdown_set) {
        if (!growsdown) {
            return;
        }
        growsdown_set = g_array_new(false, false, sizeof(abi_ulong));
    }
    iv_update(growsdown_set, start, end, growsdown);
}

/*
 * mm/mmap.c:expand_downwards() for an access at addr, which no guest
 * mapping holds, when the next mapping above it grows down: the kernel
 * extends that VMA down to addr's page (on a fault in user mode, and on a
 * fault of copy_to_user() and the like in a syscall) unless the VMA would
 * pass RLIMIT_STACK, reach below mmap_min_addr, or come closer than
 * stack_guard_gap to an accessible mapping below that does not grow down
 * (acct_stack_growth(), expand_downwards()). Only private anonymous
 * mappings are grown here (the kernel refuses shared anonymous ones at
 * mmap). True when addr is mapped now.
 */
bool qc_vm_grow_stack(abi_ulong addr)
{
    GArray *gd = growsdown_set;
    abi_ulong start = addr & TARGET_PAGE_MASK, top;
    uint64_t rs, re, a, prev_end = 0;
    struct rlimit rl;
    guint i;
    int pflags, prot;
    bool ok = false;

    if (!gd || !gd->len) {
        return false;
    }
    mmap_lock();
    if (!qc_vm_next_mapped(addr, UINT64_MAX, &rs, &re) || rs <= addr) {
        goto out;                   /* mapped already, or nothing above */
    }
    top = rs;
    i = first_ending_after(gd, top);
    if (i == gd->len / 2 || IV_S(gd, i) != top) {
        goto out;                   /* the mapping above does not grow */
    }
    if (start < vm.lo) {
        goto out;
    }
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
        IV_E(gd, i) - start > rl.rlim_cur) {
        goto out;
    }
    /* the nearest mapping below, if it ends within stack_guard_gap */
    a = start > QC_STACK_GUARD_GAP ? start - QC_STACK_GUARD_GAP : 0;
    while (qc_vm_next_mapped(a, start, &rs, &re)) {
        prev_end = re;
        a = re;
    }
    if (prev_end) {
        pflags = page_get_flags(prev_end - TARGET_PAGE_SIZE);
        if ((pflags & (PAGE_READ | PAGE_WRITE_ORG | PAGE_EXEC)) &&
            !(i > 0 && IV_E(gd, i - 1) == prev_end)) {
            goto out;
        }
    }
    pflags = page_get_flags(top);
    if (!(pflags & PAGE_ANON)) {
        goto out;
    }
    prot = (pflags & PAGE_READ ? PROT_READ : 0) |
           (pflags & PAGE_WRITE_ORG ? PROT_WRITE : 0) |
           (pflags & PAGE_EXEC ? PROT_EXEC : 0);
    ok = target_mmap(start, top - start, prot,
                     MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN,
                     -1, 0) == start;
out:
    mmap_unlock();
    return ok;
}

bool qc_vm_range_free(abi_ulong start, abi_ulong len)
{
    uint64_t rs, re;

    return !len || !qc_vm_next_mapped(start, (uint64_t)start + len, &rs, &re);
}

bool qc_vm_next_mapped(uint64_t addr, uint64_t end, uint64_t *rs,
                       uint64_t *re)
{
    target_ulong s, l;

    end = MIN(end, (uint64_t)(abi_ulong)-1 + 1);
    if (addr >= end) {
        return false;
    }
    if (!page_find_range_mapped(addr, end - 1, &s, &l)) {
        return false;
    }
    *rs = s;
    *re = (uint64_t)l + 1;
    return true;
}

static int add_region(void *priv, target_ulong start, target_ulong end,
                      unsigned long flags)
{
    /* end is 0 for a region that reaches the top of the space */
    *(uint64_t *)priv += (target_ulong)(end - start);
    return 0;
}

uint64_t qc_vm_mapped_total(void)
{
    uint64_t total = 0;

    walk_memory_regions(&total, add_region);
    return total;
}

/*
 * The highest aligned free [a, a + size) below mmap_base, with the
 * kernel's old free_area_cache (arch_get_unmapped_area_topdown() before
 * Linux 3.8): no free run in [cache.addr, mmap_base) is longer than
 * cache.hole, so a longer request starts its search at cache.addr
 * instead of walking down every mapping from mmap_base again. Mappings
 * only shorten the runs; an unmap (page_unmap_count()) starts afresh.
 * The answer is the same as a search from the top.
 */
static struct {
    uint64_t unmaps;
    abi_ulong addr, hole;
} cache;

static abi_ulong find_topdown(abi_ulong size, abi_ulong align)
{
    uint64_t unmaps = page_unmap_count();
    target_ulong gap;
    abi_ulong a;

    if (!cache.addr || cache.unmaps != unmaps || size <= cache.hole ||
        cache.addr > vm.mmap_base) {
        cache.addr = vm.mmap_base;
        cache.hole = 0;
        cache.unmaps = unmaps;
    }
    if (cache.addr <= vm.lo) {
        return -1;
    }
    a = page_find_range_empty_topdown(vm.lo, cache.addr - 1, size, align,
                                      &gap);
    cache.hole = MAX(cache.hole, gap);
    cache.addr = a != (abi_ulong)-1 ? a : vm.lo;
    return a;
}

abi_ulong qc_vm_find_vma(abi_ulong hint, abi_ulong size, abi_ulong align)
{
    abi_ulong a;

    align = MAX(align, qemu_real_host_page_size());
    size = REAL_HOST_PAGE_ALIGN(size);
    if (!size || size > vm.task_size - vm.lo) {
        return -1;
    }

    /* mm/mmap.c:generic_get_unmapped_area(): a free hint wins. */
    hint = ROUND_UP(hint, align);
    if (hint >= vm.lo && hint <= vm.task_size - size &&
        qc_vm_range_free(hint, size)) {
        return hint;
    }
    if (!vm.legacy && vm.mmap_base > vm.lo) {
        a = find_topdown(size, align);
        if (a != (abi_ulong)-1) {
            return a;
        }
    }
    /* The legacy layout, and the top-down layout's fallback. */
    return page_find_range_empty(vm.unmapped_base, vm.task_size - 1, size,
                                 align);
}

QEMU_BUILD_BUG_ON(MAP_FIXED_NOREPLACE == 0);

int qc_vm_mmap_check(abi_ulong start, abi_ulong len, int *flags)
{
    if (!vm.active) {
        /* -B elsewhere: upstream checks MAP_FIXED_NOREPLACE itself. */
        return 0;
    }
    /* The order of mm/mmap.c:do_mmap() and get_unmapped_area(). */
    if (len > vm.task_size) {
        errno = ENOMEM;
        return -1;
    }
    if (*flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (start > vm.task_size - len) {
            errno = ENOMEM;
            return -1;
        }
        if (start & ~TARGET_PAGE_MASK) {
            errno = EINVAL;
            return -1;
        }
    }
    /* mm/vma.c: a fixed mapping may not replace a sealed one */
    if ((*flags & MAP_FIXED) && qc_vm_sealed(start, (uint64_t)start + len)) {
        errno = EPERM;
        return -1;
    }
    if (*flags & MAP_FIXED_NOREPLACE) {
        if (!qc_vm_range_free(start, len)) {
            errno = EEXIST;
            return -1;
        }
        /* The range is ours on the host: map over the reservation. */
        *flags = (*flags & ~MAP_FIXED_NOREPLACE) | MAP_FIXED;
    }
    return 0;
}

void qc_vm_release(abi_ulong start, abi_ulong len)
{
    abi_ulong s = start & qemu_real_host_page_mask();
    abi_ulong e = REAL_HOST_PAGE_ALIGN(start + len);

    if (vm.active && e > s) {
        mmap(g2h_untagged(s), e - s, PROT_NONE,
             MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    }
}

/*
 * Give one mapped run back to the reservation. Mapping the reservation
 * over it costs the host what munmap() costs the kernel, but for one
 * case: at vm.max_map_count, do_mmap() refuses any new mapping (even one
 * that would merge away), where munmap() of a whole VMA still succeeds
 * (mm/vma.c lets map_count pass its limit while resources are freed).
 * So when the mapping is refused, unmap and reserve the hole again (it
 * merges with the reservation on both sides); a munmap() that needs a
 * split at the limit fails with ENOMEM, the kernel's answer to the guest.
 */
static int release_run(uint64_t s, uint64_t e)
{
    void *p = mmap(g2h_untagged(s), e - s, PROT_NONE,
                   MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);

    if (p != MAP_FAILED) {
        return 0;
    }
    if (errno != ENOMEM || munmap(g2h_untagged(s), e - s) < 0) {
        return -1;
    }
    mmap(g2h_untagged(s), e - s, PROT_NONE,
         MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return 0;
}

int qc_vm_unmap(abi_ulong start, abi_ulong len)
{
    uint64_t end = (uint64_t)start + len, rs, re;

    /* a sealed page: nothing is unmapped (mm/vma.c do_vmi_align_munmap) */
    if (qc_vm_sealed(start, end)) {
        errno = EPERM;
        return -1;
    }

    /*
     * Only the guest's mappings: a free range is the reservation already.
     * [start, end) is in whole host pages that hold nothing else of the
     * guest's (target_munmap()), so each run may be widened to them.
     */
    while (qc_vm_next_mapped(start, end, &rs, &re)) {
        rs = MAX(rs & qemu_real_host_page_mask(), (uint64_t)start);
        re = MIN((uint64_t)REAL_HOST_PAGE_ALIGN(re), end);
        if (release_run(rs, re) < 0) {
            return -1;
        }
        page_set_flags(rs, re - 1, 0);
        qc_vm_note_growsdown(rs, re, false);
        start = re;
    }
    return 0;
}

/* mm/mremap.c, with the old mapping's guest page flags following it. */
abi_long qc_vm_mremap(abi_ulong old_addr, abi_ulong old_size,
                      abi_ulong new_size, unsigned long flags,
                      abi_ulong new_addr)
{
    int pflags;
    abi_ulong a;
    void *p;

    if ((flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) ||
        ((flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) &&
         !(flags & MREMAP_MAYMOVE)) ||
        (old_addr & ~TARGET_PAGE_MASK)) {
        errno = EINVAL;
        return -1;
    }
    old_size = TARGET_PAGE_ALIGN(old_size);
    new_size = TARGET_PAGE_ALIGN(new_size);
    if (!new_size || !old_size) {
        errno = EINVAL;
        return -1;
    }
    if (flags & MREMAP_FIXED) {
        if ((new_addr & ~TARGET_PAGE_MASK) || new_size > vm.task_size ||
            new_addr > vm.task_size - new_size ||
            (new_addr < old_addr + old_size && old_addr < new_addr + new_size)) {
            errno = EINVAL;
            return -1;
        }
    }
    /* an old range past the address space: EINVAL (Linux 6.18 mm/mremap.c
     * check_mremap_params(); seen natively on an IA32 kernel) */
    if (old_size > vm.task_size || old_addr > vm.task_size - old_size) {
        errno = EINVAL;
        return -1;
    }

    mmap_lock();
    pflags = page_get_flags(old_addr);
    for (a = old_addr; a < old_addr + old_size; a += TARGET_PAGE_SIZE) {
        if (!(page_get_flags(a) & PAGE_VALID)) {
            /* Not one mapping: the kernel's vma_to_resize() says EFAULT. */
            mmap_unlock();
            errno = EFAULT;
            return -1;
        }
    }
    pflags |= PAGE_VALID | PAGE_RESET;
    /* mm/mremap.c: a sealed mapping neither moves nor changes size, and a
     * fixed target may not replace a sealed one */
    if (qc_vm_sealed(old_addr, (uint64_t)old_addr + old_size) ||
        ((flags & MREMAP_FIXED) &&
         qc_vm_sealed(new_addr, (uint64_t)new_addr + new_size))) {
        mmap_unlock();
        errno = EPERM;
        return -1;
    }

    if (!(flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))) {
        if (new_size <= old_size) {
            p = mremap(g2h_untagged(old_addr), old_size, new_size, 0);
            if (p == MAP_FAILED) {
                goto fail;
            }
            if (new_size < old_size) {
                page_set_flags(old_addr + new_size, old_addr + old_size - 1, 0);
                qc_vm_release(old_addr + new_size, old_size - new_size);
            }
            mmap_unlock();
            return old_addr;
        }
        /* Grow in place when the pages after it are free. */
        if (old_addr + new_size <= vm.task_size &&
            old_addr + new_size > old_addr &&
            qc_vm_range_free(old_addr + old_size, new_size - old_size)) {
            munmap(g2h_untagged(old_addr + old_size), new_size - old_size);
            p = mremap(g2h_untagged(old_addr), old_size, new_size, 0);
            if (p != MAP_FAILED) {
                page_set_flags(old_addr + old_size, old_addr + new_size - 1,
                               pflags);
                mmap_unlock();
                return old_addr;
            }
            qc_vm_release(old_addr + old_size, new_size - old_size);
            if (!(flags & MREMAP_MAYMOVE)) {
                goto fail;
            }
        } else if (!(flags & MREMAP_MAYMOVE)) {
            errno = ENOMEM;
            goto fail;
        }
    }

    if (!(flags & MREMAP_FIXED)) {
        new_addr = qc_vm_find_vma(0, new_size, TARGET_PAGE_SIZE);
        if (new_addr == (abi_ulong)-1) {
            errno = ENOMEM;
            goto fail;
        }
    }
    p = mremap(g2h_untagged(old_addr), old_size, new_size,
               flags | MREMAP_MAYMOVE | MREMAP_FIXED, g2h_untagged(new_addr));
    if (p == MAP_FAILED) {
        goto fail;
    }
    if (!(flags & MREMAP_DONTUNMAP)) {
        page_set_flags(old_addr, old_addr + old_size - 1, 0);
        qc_vm_release(old_addr, old_size);
    }
    page_set_flags(new_addr, new_addr + new_size - 1, pflags);
    mmap_unlock();
    return new_addr;

fail:
    mmap_unlock();
    return -1;
}

/*
 * /proc/self/maps: the guest's mappings from its page flags, cut where the
 * host's mappings (which give the file, offset, device and inode) change.
 */
typedef struct {
    abi_ulong start, end;
    int prot;
} GuestRegion;

static int collect_regions(void *priv, target_ulong start, target_ulong end,
                           unsigned long flags)
{
    GArray *a = priv;
    GuestRegion r = {
        start, end ? end : (abi_ulong)vm.hi,
        flags & (PAGE_READ | PAGE_WRITE_ORG | PAGE_EXEC),
    };

    if (!(flags & PAGE_VALID)) {
        return 0;
    }
    if (a->len) {
        GuestRegion *last = &g_array_index(a, GuestRegion, a->len - 1);
        if (last->end == r.start && last->prot == r.prot) {
            last->end = r.end;
            return 0;
        }
    }
    g_array_append_val(a, r);
    return 0;
}

typedef struct {
    abi_ulong start, end;
    int prot;
    MapInfo *host;          /* NULL: anonymous */
    uint64_t offset;
    const char *name;
} MapsLine;

/*
 * fs/proc/task_mmu.c:show_map_vma(): an anonymous mapping that reaches
 * [start_brk, brk] is [heap], one that holds the initial stack pointer is
 * [stack].
 */
static const char *anon_name(const MapsLine *l, TaskState *ts)
{
    abi_ulong start_brk = REAL_HOST_PAGE_ALIGN(ts->info->brk);
    abi_ulong brk = do_brk(0);

    if (l->start <= brk && l->end >= start_brk) {
        return "[heap]";
    }
    if (l->start <= ts->info->start_stack && l->end >= ts->info->start_stack) {
        return "[stack]";
    }
    return NULL;
}

/*
 * fs/proc/task_mmu.c:__show_smap(): the fields, in the kernel's order.
 * Their values are the host's for the host VMAs under the guest's line:
 * a guest mapping is a host mapping of the same pages, but the host may
 * have merged two guest VMAs (text and rodata are both r-- for the host)
 * or split one (pages QEMU write-protected for translated code). A host
 * VMA inside the line counts whole; one that crosses its edge counts by
 * its pages there: resident, swapped and anonymous ones from
 * /proc/self/pagemap, the other fields in the share of its resident
 * (swapped, for SwapPss) pages that lies inside.
 */
static const char *const smaps_keys[] = {
    "Rss", "Pss", "Pss_Dirty", "Shared_Clean", "Shared_Dirty",
    "Private_Clean", "Private_Dirty", "Referenced", "Anonymous",
    "KSM", "LazyFree", "AnonHugePages", "ShmemPmdMapped",
    "FilePmdMapped", "Shared_Hugetlb", "Private_Hugetlb", "Swap",
    "SwapPss", "Locked",
};
enum { SM_RSS = 0, SM_ANON = 8, SM_SWAP = 16, SM_SWAPPSS = 17,
       SM_N = ARRAY_SIZE(smaps_keys) };

typedef struct {
    uint64_t start, end;
    uint64_t kb[SM_N];
    int thp;
    char flags[128];        /* the VmFlags tokens, each followed by ' ' */
} HostSmaps;

static GArray *read_host_smaps(void)
{
    GArray *a = g_array_new(false, true, sizeof(HostSmaps));
    g_autofree char *buf = NULL;
    char *line, *save = NULL;
    HostSmaps *cur = NULL;

    if (!g_file_get_contents("/proc/self/smaps", &buf, NULL, NULL)) {
        return a;
    }
    for (line = strtok_r(buf, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        uint64_t s, e, v;
        char key[32];
        size_t i;

        if (sscanf(line, "%" SCNx64 "-%" SCNx64, &s, &e) == 2) {
            HostSmaps h = { .start = s, .end = e };
            g_array_append_val(a, h);
            cur = &g_array_index(a, HostSmaps, a->len - 1);
        } else if (!cur) {
            continue;
        } else if (!strncmp(line, "VmFlags:", 8)) {
            g_strlcpy(cur->flags, line + 8 + strspn(line + 8, " "),
                      sizeof(cur->flags));
        } else if (sscanf(line, "THPeligible: %d", &cur->thp) == 1) {
            continue;
        } else if (sscanf(line, "%31[^:]: %" SCNu64 " kB", key, &v) == 2) {
            for (i = 0; i < SM_N; i++) {
                if (!strcmp(key, smaps_keys[i])) {
                    cur->kb[i] = v;
                }
            }
        }
    }
    return a;
}

/* Resident, swapped and anonymous resident pages of [s, e). */
static void pagemap_count(uint64_t s, uint64_t e, uint64_t *present,
                          uint64_t *swapped, uint64_t *anon)
{
    uintptr_t page = qemu_real_host_page_size();
    uint64_t buf[512];
    int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);

    *present = *swapped = *anon = 0;
    if (fd < 0) {
        return;
    }
    for (uint64_t a = s; a < e;) {
        size_t n = MIN((e - a) / page, ARRAY_SIZE(buf));
        ssize_t got = pread(fd, buf, n * 8, (off_t)(a / page) * 8);

        if (got <= 0) {
            break;
        }
        n = got / 8;
        for (size_t i = 0; i < n; i++) {
            if (buf[i] >> 63) {                    /* PM_PRESENT */
                ++*present;
                *anon += !((buf[i] >> 61) & 1);    /* !PM_FILE */
            } else if ((buf[i] >> 62) & 1) {       /* PM_SWAP */
                ++*swapped;
            }
        }
        a += n * page;
    }
    close(fd);
}

static void print_smaps_fields(int fd, const MapsLine *l, GArray *host)
{
    uint64_t kb[SM_N] = { 0 }, pkb = qemu_real_host_page_size() / 1024;
    const HostSmaps *first = NULL;
    g_autofree char *vmflags = NULL;
    const char *hf;
    bool gd;
    size_t i;
    guint j;

    for (j = 0; j < host->len; j++) {
        const HostSmaps *h = &g_array_index(host, HostSmaps, j);
        uint64_t s = MAX(h->start, (uint64_t)l->start);
        uint64_t e = MIN(h->end, (uint64_t)l->end);
        uint64_t present, swapped, anon;

        if (s >= e) {
            continue;
        }
        if (!first) {
            first = h;
        }
        if (s == h->start && e == h->end) {
            for (i = 0; i < SM_N; i++) {
                kb[i] += h->kb[i];
            }
            continue;
        }
        pagemap_count(s, e, &present, &swapped, &anon);
        for (i = 0; i < SM_N; i++) {
            uint64_t part = i == SM_SWAPPSS ? swapped * pkb : present * pkb;
            uint64_t whole = i == SM_SWAPPSS ? h->kb[SM_SWAP] : h->kb[SM_RSS];

            if (i == SM_RSS) {
                kb[i] += present * pkb;
            } else if (i == SM_SWAP) {
                kb[i] += swapped * pkb;
            } else if (i == SM_ANON) {
                kb[i] += anon * pkb;
            } else if (whole) {
                kb[i] += h->kb[i] * MIN(part, whole) / whole;
            }
        }
    }

    dprintf(fd, "%-16s%8" PRIu64 " kB\n", "Size:",
            (uint64_t)(l->end - l->start) / 1024);
    dprintf(fd, "%-16s%8d kB\n", "KernelPageSize:", TARGET_PAGE_SIZE / 1024);
    dprintf(fd, "%-16s%8d kB\n", "MMUPageSize:", TARGET_PAGE_SIZE / 1024);
    for (i = 0; i < SM_N; i++) {
        g_autofree char *k = g_strdup_printf("%s:", smaps_keys[i]);
        dprintf(fd, "%-16s%8" PRIu64 " kB\n", k, kb[i]);
    }
    dprintf(fd, "THPeligible:    %8d\n", first ? first->thp : 0);

    /*
     * show_smap_vma_flags(): each mnemonic followed by a space, in the
     * order of the VM_ bits. Read, write and exec are the guest's; the
     * host's others follow (shared, may*, locked, dontcopy, wipeonfork,
     * ...), with the guest stack's growsdown placed where the kernel
     * prints it, after the may-flags.
     */
    hf = first ? first->flags : "mr mw me ";
    gd = (l->name && !strcmp(l->name, "[stack]")) || strstr(hf, "gd ");
    vmflags = g_strdup_printf("%s%s%s",
                              l->prot & PAGE_READ ? "rd " : "",
                              l->prot & PAGE_WRITE_ORG ? "wr " : "",
                              l->prot & PAGE_EXEC ? "ex " : "");
    while (*hf) {
        const char *sp = strchr(hf, ' ');
        size_t n = sp ? sp - hf : strlen(hf);
        static const char *const early[] = { "sh", "mr", "mw", "me", "ms" };
        bool is_early = false;
        char *t;

        for (i = 0; i < ARRAY_SIZE(early); i++) {
            is_early |= n == 2 && !strncmp(hf, early[i], 2);
        }
        if (gd && !is_early) {
            t = g_strconcat(vmflags, "gd ", NULL);
            g_free(vmflags);
            vmflags = t;
            gd = false;
        }
        if (n == 2 && strncmp(hf, "rd", 2) && strncmp(hf, "wr", 2) &&
            strncmp(hf, "ex", 2) && strncmp(hf, "gd", 2)) {
            t = g_strdup_printf("%s%.2s ", vmflags, hf);
            g_free(vmflags);
            vmflags = t;
        }
        hf += n;
        hf += strspn(hf, " ");
    }
    dprintf(fd, "VmFlags: %s%s\n", vmflags, gd ? "gd " : "");
}

/*
 * The name a line shows (fs/proc/task_mmu.c get_vma_name()): the special
 * page's, the file's path (with " (deleted)" as the host wrote it), or for
 * an anonymous mapping [heap]/[stack].
 */
static const char *line_name(const MapsLine *l, TaskState *ts)
{
    if (l->name) {
        return l->name;
    }
    if (l->host) {
        return l->host->path && l->host->path[0] != '[' ? l->host->path
                                                        : NULL;
    }
    return anon_name(l, ts);
}

typedef struct {
    int fd;
    bool smaps;
    GArray *host;           /* smaps: the host's VMAs (read_host_smaps()) */
} PrintMaps;

static bool print_line(const MapsLine *l, TaskState *ts, void *opaque)
{
    PrintMaps *pm = opaque;
    int fd = pm->fd;
    const char *name = line_name(l, ts);
    int count;

    count = dprintf(fd, "%08" PRIx64 "-%08" PRIx64 " %c%c%c%c %08" PRIx64
                    " %02x:%02x %" PRIu64,
                    (uint64_t)l->start, (uint64_t)l->end,
                    l->prot & PAGE_READ ? 'r' : '-',
                    l->prot & PAGE_WRITE_ORG ? 'w' : '-',
                    l->prot & PAGE_EXEC ? 'x' : '-',
                    !l->host || l->host->is_priv ? 'p' : 's',
                    l->offset, l->host ? major(l->host->dev) : 0,
                    l->host ? minor(l->host->dev) : 0,
                    l->host ? (uint64_t)l->host->inode : 0);
    if (name && *name) {
        dprintf(fd, "%*s%s\n", MAX(73 - count, 1), "", name);
    } else {
        dprintf(fd, "\n");
    }
    if (pm->smaps) {
        MapsLine named = *l;
        named.name = name;
        print_smaps_fields(fd, &named, pm->host);
    }
    return false;
}

/* A host map's [start, end) (QEMU 9+ keeps the last byte). */
#define HOST_START(h) ((uint64_t)((const MapInfo *)(h))->itree.start)
#define HOST_END(h)   ((uint64_t)((const MapInfo *)(h))->itree.last + 1)

static bool host_is_anon(const MapInfo *h)
{
    return !h || (h->inode == 0 && (!h->path || !h->path[0] ||
                                    h->path[0] == '['));
}

/*
 * Calls fn for each line of the guest's /proc/self/maps in address order,
 * until it returns true. The line's host MapInfo lives only during the call.
 */
static void for_each_maps_line(TaskState *ts,
                               bool (*fn)(const MapsLine *l, TaskState *ts,
                                          void *opaque),
                               void *opaque)
{
    g_autoptr(GArray) regions = g_array_new(false, false, sizeof(GuestRegion));
    g_autoptr(GPtrArray) hosts = g_ptr_array_new();
    IntervalTreeRoot *maps;
    IntervalTreeNode *n;
    guint s;
    MapsLine cur = { 0 };
    bool have = false;
    guint i;

    mmap_lock();
    walk_memory_regions(regions, collect_regions);
    mmap_unlock();
    maps = read_self_maps();
    /* QEMU 9+: an interval tree; walked in address order into hosts. */
    for (n = maps ? interval_tree_iter_first(maps, 0, UINT64_MAX) : NULL; n;
         n = interval_tree_iter_next(n, 0, UINT64_MAX)) {
        g_ptr_array_add(hosts, container_of(n, MapInfo, itree));
    }

    s = 0;
    for (i = 0; i < regions->len; i++) {
        GuestRegion *r = &g_array_index(regions, GuestRegion, i);
        abi_ulong a = r->start;

        while (a < r->end) {
            MapInfo *h = NULL;
            MapsLine l;

            /* Host maps are sorted; skip those that end at or below a. */
            while (s < hosts->len &&
                   HOST_END(g_ptr_array_index(hosts, s)) <= a) {
                s++;
            }
            if (s < hosts->len &&
                HOST_START(g_ptr_array_index(hosts, s)) <= a) {
                h = g_ptr_array_index(hosts, s);
            }
            l.start = a;
            if (h) {
                l.end = MIN((uint64_t)r->end, HOST_END(h));
            } else {
                l.end = s < hosts->len
                    ? MIN((uint64_t)r->end,
                          HOST_START(g_ptr_array_index(hosts, s)))
                    : r->end;
            }
            l.prot = r->prot;
            l.host = host_is_anon(h) ? NULL : h;
            l.offset = l.host ? h->offset + (a - HOST_START(h)) : 0;
            l.name = NULL;
            if (QC_VM_SPECIAL_PAGE && a == QC_VM_SPECIAL_PAGE) {
                l.name = QC_VM_SPECIAL_NAME;
            }
            a = l.end;

            /* One line per run the kernel would keep as one VMA. */
            if (have && cur.end == l.start && cur.prot == l.prot &&
                !l.name &&
                ((!cur.host && !l.host) ||
                 (cur.host && cur.host == l.host))) {
                cur.end = l.end;
                continue;
            }
            if (have && fn(&cur, ts, opaque)) {
                goto out;
            }
            cur = l;
            have = true;
        }
    }
    if (have) {
        fn(&cur, ts, opaque);
    }
out:
    if (maps) {
        free_self_maps(maps);
    }
}

static int show_maps(CPUArchState *cpu_env, int fd, bool smaps)
{
    CPUState *cpu = env_cpu(cpu_env);
    PrintMaps pm = { fd, smaps, smaps ? read_host_smaps() : NULL };

    for_each_maps_line(get_task_state(cpu), print_line, &pm);
    if (pm.host) {
        g_array_free(pm.host, true);
    }
    return 0;
}

int qc_vm_show_maps(CPUArchState *cpu_env, int fd)
{
    return show_maps(cpu_env, fd, false);
}

int qc_vm_show_smaps(CPUArchState *cpu_env, int fd)
{
    g_autofree char *host = NULL;
    gsize len;

    if (vm.active) {
        return show_maps(cpu_env, fd, true);
    }
    /* With -B elsewhere: the host's file, as QEMU 7.2 showed it. */
    if (!g_file_get_contents("/proc/self/smaps", &host, &len, NULL)) {
        return -1;
    }
    return write(fd, host, len) == len ? 0 : -1;
}

/*
 * PROCMAP_QUERY's lookup (fs/proc/task_mmu.c query_matching_vma()): the
 * first line ending above addr; one that does not satisfy the flags, or
 * does not cover addr, is ENOENT unless COVERING_OR_NEXT_VMA asks for the
 * next one that does.
 */
typedef struct {
    uint64_t addr;
    uint64_t flags;
    QcMapsQuery *q;
    bool found;
} MapsQuery;

static bool query_line(const MapsLine *l, TaskState *ts, void *opaque)
{
    MapsQuery *mq = opaque;
    uint64_t want = mq->flags & (QC_PROCMAP_QUERY_VMA_READABLE |
                                 QC_PROCMAP_QUERY_VMA_WRITABLE |
                                 QC_PROCMAP_QUERY_VMA_EXECUTABLE |
                                 QC_PROCMAP_QUERY_VMA_SHARED);
    bool next = mq->flags & QC_PROCMAP_QUERY_COVERING_OR_NEXT_VMA;
    QcMapsQuery *q = mq->q;
    uint64_t vma_flags = 0;
    const char *name;

    if (l->end <= mq->addr) {
        return false;
    }
    if (l->prot & PAGE_READ) {
        vma_flags |= QC_PROCMAP_QUERY_VMA_READABLE;
    }
    if (l->prot & PAGE_WRITE_ORG) {
        vma_flags |= QC_PROCMAP_QUERY_VMA_WRITABLE;
    }
    if (l->prot & PAGE_EXEC) {
        vma_flags |= QC_PROCMAP_QUERY_VMA_EXECUTABLE;
    }
    if (l->host && !l->host->is_priv) {
        vma_flags |= QC_PROCMAP_QUERY_VMA_SHARED;
    }
    if (((mq->flags & QC_PROCMAP_QUERY_FILE_BACKED_VMA) && !l->host) ||
        (vma_flags & want) != want ||
        (!next && l->start > mq->addr)) {
        return !next;
    }

    memset(q, 0, sizeof(*q));
    q->start = l->start;
    q->end = l->end;
    q->vma_flags = vma_flags;
    if (l->host) {
        q->offset = l->offset;
        q->inode = l->host->inode;
        q->dev_major = major(l->host->dev);
        q->dev_minor = minor(l->host->dev);
        q->path = g_strdup(l->host->path);
    }
    name = line_name(l, ts);
    q->name = name && *name ? g_strdup(name) : NULL;
    mq->found = true;
    return true;
}

bool qc_vm_maps_query_active(void)
{
    return vm.active;
}

abi_long qc_vm_maps_query(uint64_t addr, uint64_t flags, QcMapsQuery *q)
{
    MapsQuery mq = { addr, flags, q, false };

    if (addr <= (abi_ulong)-1) {
        for_each_maps_line(get_task_state(thread_cpu), query_line, &mq);
    }
    return mq.found ? 0 : -TARGET_ENOENT;
}
