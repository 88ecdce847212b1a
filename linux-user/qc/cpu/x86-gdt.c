/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cpu/x86-gdt.c: the x86 guest threads' GDTs, packed into the page of the
 * main thread's.
 *
 * QEMU 10.0 gives every guest thread its own GDT (its TLS entries are the
 * thread's own, as the kernel's load_TLS() swaps them in on a context
 * switch) and keeps it in guest memory, where the CPU's segment loads read
 * it: cpu_copy() mapped a page with target_mmap(0, 72 bytes) for each new
 * thread. The kernel maps nothing for a thread. That page took the guest's
 * highest free hole, which is typically right below what the guest had just
 * mapped for the thread's stack: with a MAP_GROWSDOWN stack, the very page
 * the stack must grow into (LTP mmap18: the thread wrote its frames over
 * its own GDT, and the page below it no longer grew, since a mapping that
 * does not grow down was in the way; QEMU 7.2 shared one GDT). The extra
 * mapping also showed in /proc/self/maps and moved the guest's next
 * mmap(NULL) down a page per thread.
 *
 * Here all GDTs are slots of the page that the main thread's GDT is put in
 * at start-up, before the guest runs (56 of them on i386, 32 on x86-64); a
 * further page is mapped only for more threads alive at once, and kept
 * (pages are not unmapped: the guest may have mapped over an old one).
 * The slots are taken and freed under mmap_lock (cpu_copy() runs under
 * clone_lock only, target_cpu_free() when a thread's CPU is freed).
 */
#include "qemu/osdep.h"
#include "qemu/host-utils.h"
#include "qemu.h"
#include "user-internals.h"
#include "user-mmap.h"
#include "qc-internal.h"

#ifdef TARGET_I386

#define QC_GDT_SIZE    (sizeof(uint64_t) * TARGET_GDT_ENTRIES)
#define QC_GDT_SLOTS   MIN(TARGET_PAGE_SIZE / QC_GDT_SIZE, 64)
#define QC_GDT_FULL    (QC_GDT_SLOTS == 64 ? ~0ull \
                                           : (1ull << QC_GDT_SLOTS) - 1)

typedef struct {
    abi_ulong base;
    uint64_t used;              /* bit n: slot n taken */
} QCGdtPage;

static GArray *gdt_pages;

abi_ulong qc_x86_gdt_alloc(void)
{
    QCGdtPage *p = NULL, np;
    abi_ulong addr;
    guint i;
    int slot;

    mmap_lock();
    if (!gdt_pages) {
        gdt_pages = g_array_new(false, false, sizeof(QCGdtPage));
    }
    for (i = 0; i < gdt_pages->len; i++) {
        p = &g_array_index(gdt_pages, QCGdtPage, i);
        if (p->used != QC_GDT_FULL) {
            break;
        }
    }
    if (i == gdt_pages->len) {
        np.base = target_mmap(0, TARGET_PAGE_SIZE, PROT_READ | PROT_WRITE,
                              MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
        if (np.base == (abi_ulong)-1) {
            mmap_unlock();
            return -1;
        }
        np.used = 0;
        g_array_append_val(gdt_pages, np);
        p = &g_array_index(gdt_pages, QCGdtPage, i);
    }
    slot = ctz64(~p->used);
    p->used |= 1ull << slot;
    addr = p->base + slot * QC_GDT_SIZE;
    memset(g2h_untagged(addr), 0, QC_GDT_SIZE);
    mmap_unlock();
    return addr;
}

void qc_x86_gdt_free(abi_ulong addr)
{
    guint i;

    mmap_lock();
    for (i = 0; gdt_pages && i < gdt_pages->len; i++) {
        QCGdtPage *p = &g_array_index(gdt_pages, QCGdtPage, i);

        if (addr >= p->base && addr < p->base + QC_GDT_SLOTS * QC_GDT_SIZE) {
            p->used &= ~(1ull << ((addr - p->base) / QC_GDT_SIZE));
            break;
        }
    }
    mmap_unlock();
}

#endif
