/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/io_uring.c: io_uring_setup, io_uring_enter and io_uring_register
 * (io_uring/) for little-endian guests.
 *
 * The kernel maps rings only where it chooses, above guest space; so each
 * ring is set up with IORING_SETUP_NO_MMAP on guest memory the emulator
 * allocates (sizes from a first, probing setup with the same parameters),
 * and the guest's mmap of the ring fd at IORING_OFF_SQ_RING, _CQ_RING or
 * _SQES returns that memory (target_mmap() asks qc_mmap_fd_region()).
 * Guest addresses are host addresses (guest_base 0), so the kernel reads
 * SQEs and writes CQEs where the guest sees them, and the buffers an SQE
 * names are the guest's. struct io_uring_sqe, io_uring_cqe and
 * io_uring_params are fixed-size fields with 64-bit addresses: the same for
 * every ABI. What differs for a 32-bit task is what some ops point at:
 * - IORING_OP_READV/WRITEV: a compat iovec array. io_uring_enter gives the
 *   kernel a host copy for the time of the call, during which the kernel
 *   imports it (io_prep_rwv at submission), and puts the SQE back;
 * - ops whose data has another layout for a 32-bit task (SENDMSG, RECVMSG
 *   and SENDMSG_ZC: struct msghdr; EPOLL_CTL on ARM and MIPS: struct
 *   epoll_event is not packed; WAITID: siginfo; URING_CMD: a device's own):
 *   not translated; they complete with EINVAL, the kernel's answer for an
 *   op it does not know, never with wrong data;
 * - IORING_REGISTER_BUFFERS: a compat iovec array.
 * IORING_SETUP_SQPOLL is refused with EINVAL (a kernel thread would read
 * the SQEs on its own, untranslated); a big-endian guest gets ENOSYS, as
 * from a kernel without io_uring (the rings' words would need swapping).
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include <sys/uio.h>
#include <linux/io_uring.h>
#include "qemu.h"
#include "user-internals.h"
#include "user-mmap.h"
#include "signal-common.h"
#include "user/safe-syscall.h"
#include "guest-access.h"
#include "qc-internal.h"

#define QC_OP_INVALID 0xff  /* >= IORING_OP_LAST: the kernel's EINVAL */
#ifndef IORING_SETUP_NO_MMAP
#define IORING_SETUP_NO_MMAP (1U << 14)     /* Linux 6.5 */
#endif
#ifndef IORING_SETUP_NO_SQARRAY
#define IORING_SETUP_NO_SQARRAY (1U << 16)  /* Linux 6.6 */
#endif

typedef struct QCRing {
    int fd;
    uint32_t flags;
    struct io_sqring_offsets sq_off;
    abi_ulong sq_ring;      /* guest address of the rings (SQ and CQ) */
    abi_ulong sqes;         /* guest address of the SQE array */
    abi_ulong ring_size, sqes_size;  /* 0: the guest's own NO_MMAP memory */
} QCRing;

static GHashTable *qc_rings;    /* fd -> QCRing */
static QemuMutex qc_rings_lock;

static void __attribute__((constructor)) qc_io_uring_init(void)
{
    qemu_mutex_init(&qc_rings_lock);
    qc_rings = g_hash_table_new_full(NULL, NULL, NULL, g_free);
}

static bool qc_ring_get(int fd, QCRing *out)
{
    QCRing *r;

    qemu_mutex_lock(&qc_rings_lock);
    r = g_hash_table_lookup(qc_rings, GINT_TO_POINTER(fd));
    if (r) {
        *out = *r;
    }
    qemu_mutex_unlock(&qc_rings_lock);
    return r != NULL;
}

abi_ulong qc_mmap_fd_region(int fd, uint64_t offset, abi_ulong len)
{
    abi_ulong ret = 0;
    QCRing r;

    if (fd < 0 || !qc_ring_get(fd, &r) || !r.ring_size) {
        return 0;
    }
    if ((offset == IORING_OFF_SQ_RING || offset == IORING_OFF_CQ_RING) &&
        len <= r.ring_size) {
        ret = r.sq_ring;
    } else if (offset == IORING_OFF_SQES && len <= r.sqes_size) {
        ret = r.sqes;
    }
    return ret;
}

/* Guest memory for a ring: page-aligned, zeroed, or 0. */
#if !TARGET_BIG_ENDIAN
static abi_ulong qc_ring_alloc(abi_ulong size)
{
    abi_ulong a = target_mmap(0, size, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    return a == (abi_ulong)-1 ? 0 : a;
}
#endif

/* (u32 entries, struct io_uring_params *) */
abi_long qc_sys_io_uring_setup(QC_SYSCALL_ARGS)
{
#if TARGET_BIG_ENDIAN
    return -TARGET_ENOSYS;
#else
    struct io_uring_params gp, p;
    abi_ulong ring_g = 0, sqes_g = 0, ring_size = 0, sqes_size = 0;
    abi_long ret;
    QCRing *r;

    if (copy_from_user(&gp, arg2, sizeof(gp))) {
        return -TARGET_EFAULT;
    }
    if (gp.flags & IORING_SETUP_SQPOLL) {
        return -TARGET_EINVAL;
    }
    p = gp;
    if (!(gp.flags & IORING_SETUP_NO_MMAP)) {
        /* a probe with the same parameters gives the ring sizes */
        ret = get_errno(syscall(__NR_io_uring_setup, (uint32_t)arg1, &p));
        if (ret < 0) {
            return ret;
        }
        close(ret);
        ring_size = MAX(p.sq_off.array + p.sq_entries * 4,
                        p.cq_off.cqes + p.cq_entries *
                        ((gp.flags & IORING_SETUP_CQE32) ? 32 : 16));
        ring_size = TARGET_PAGE_ALIGN(ring_size);
        sqes_size = TARGET_PAGE_ALIGN(p.sq_entries *
                    ((gp.flags & IORING_SETUP_SQE128) ? 128 : 64));
        ring_g = qc_ring_alloc(ring_size);
        sqes_g = ring_g ? qc_ring_alloc(sqes_size) : 0;
        if (!sqes_g) {
            if (ring_g) {
                target_munmap(ring_g, ring_size);
            }
            return -TARGET_ENOMEM;
        }
        p = gp;
        p.flags |= IORING_SETUP_NO_MMAP;
        /* io_allocate_scq_urings(): cq_off.user_addr holds the rings,
         * sq_off.user_addr the SQEs (the last u64 of each struct) */
        memcpy((uint8_t *)&p.cq_off + sizeof(p.cq_off) - 8,
               &(uint64_t){ ring_g }, 8);
        memcpy(&p.sq_off.resv2, &(uint64_t){ sqes_g }, 8);
    }
    ret = get_errno(syscall(__NR_io_uring_setup, (uint32_t)arg1, &p));
    if (ret < 0) {
        if (ring_g) {
            target_munmap(ring_g, ring_size);
            target_munmap(sqes_g, sqes_size);
        }
        return ret;
    }
    r = g_new0(QCRing, 1);
    r->fd = ret;
    r->flags = gp.flags;
    r->sq_off = p.sq_off;
    if (ring_g) {
        r->sq_ring = ring_g;
        r->sqes = sqes_g;
        r->ring_size = ring_size;
        r->sqes_size = sqes_size;
        /* the guest sees the setup it asked for */
        p.flags = gp.flags;
        p.sq_off.resv2 = gp.sq_off.resv2;
        memcpy((uint8_t *)&p.cq_off + sizeof(p.cq_off) - 8,
               (uint8_t *)&gp.cq_off + sizeof(gp.cq_off) - 8, 8);
    } else {
        /* the guest's own memory, as above */
        uint64_t ua;
        memcpy(&ua, (uint8_t *)&gp.cq_off + sizeof(gp.cq_off) - 8, 8);
        r->sq_ring = ua;
        memcpy(&ua, &gp.sq_off.resv2, 8);
        r->sqes = ua;
    }
    qemu_mutex_lock(&qc_rings_lock);
    g_hash_table_replace(qc_rings, GINT_TO_POINTER(ret), r);
    qemu_mutex_unlock(&qc_rings_lock);
    if (copy_to_user(arg2, &p, sizeof(p))) {
        return -TARGET_EFAULT;
    }
    return ret;
#endif
}

/* An SQE as the guest wrote it, to put back after the call. */
typedef struct QCSqeSaved {
    abi_ulong gaddr;
    struct io_uring_sqe sqe;
} QCSqeSaved;

/*
 * Make the pending SQEs (up to n of them, from the kernel's head) right for
 * the host kernel; returns how many were changed (saved[]).
 */
static int qc_sqes_in(const QCRing *r, unsigned n, QCSqeSaved *saved)
{
    uint32_t head, tail, mask, idx, changed = 0;
    size_t sqe_size = (r->flags & IORING_SETUP_SQE128) ? 128 : 64;

    if (!r->sq_ring || !r->sqes ||
        get_user_u32(head, r->sq_ring + r->sq_off.head) ||
        get_user_u32(tail, r->sq_ring + r->sq_off.tail) ||
        get_user_u32(mask, r->sq_ring + r->sq_off.ring_mask)) {
        return 0;
    }
    for (uint32_t i = 0; i < n && head + i != tail; i++) {
        abi_ulong ga;
        struct io_uring_sqe *sqe;
        struct iovec *hv;
        uint64_t total;

        if (r->flags & IORING_SETUP_NO_SQARRAY) {
            idx = (head + i) & mask;
        } else if (get_user_u32(idx, r->sq_ring + r->sq_off.array +
                                4 * ((head + i) & mask))) {
            break;
        }
        ga = r->sqes + (abi_ulong)idx * sqe_size;
        sqe = lock_user(VERIFY_WRITE, ga, sizeof(*sqe), 1);
        if (!sqe) {
            break;      /* the kernel's own answer for a bad ring */
        }
        switch (sqe->opcode) {
        case IORING_OP_READV:
        case IORING_OP_WRITEV:
            saved[changed].gaddr = ga;
            saved[changed++].sqe = *sqe;
            if ((sqe->addr >> 32) ||
                qc_iovec_in(sqe->addr, sqe->len, true, &hv, &total)) {
                sqe->addr = (uintptr_t)QC_BAD_PTR;   /* its CQE: EFAULT */
            } else {
                sqe->addr = (uintptr_t)hv;
            }
            break;
        case IORING_OP_SENDMSG:
        case IORING_OP_RECVMSG:
        case 47 /* IORING_OP_SENDMSG_ZC */:
        case 46 /* IORING_OP_URING_CMD */:
        case 50 /* IORING_OP_WAITID */:
#if !defined(TARGET_I386)
        case IORING_OP_EPOLL_CTL:
#endif
            saved[changed].gaddr = ga;
            saved[changed++].sqe = *sqe;
            sqe->opcode = QC_OP_INVALID;
            break;
        }
        unlock_user(sqe, ga, sizeof(*sqe));
    }
    return changed;
}

static void qc_sqes_restore(const QCSqeSaved *saved, int n)
{
    for (int i = 0; i < n; i++) {
        struct io_uring_sqe *sqe = lock_user(VERIFY_WRITE, saved[i].gaddr,
                                             sizeof(*sqe), 0);
        if (sqe) {
            *sqe = saved[i].sqe;
            unlock_user(sqe, saved[i].gaddr, sizeof(*sqe));
        }
    }
}

/*
 * (fd, to_submit, min_complete, flags, argp, argsz): argp is a signal mask
 * (argsz its size), or with IORING_ENTER_EXT_ARG a struct
 * io_uring_getevents_arg { u64 sigmask; u32 sigmask_sz; u32 pad; u64 ts },
 * whose mask is the guest's too.
 */
abi_long qc_sys_io_uring_enter(QC_SYSCALL_ARGS)
{
    unsigned to_submit = arg2;
    uint32_t flags = arg4;
    struct io_uring_getevents_arg ea;
    sigset_t *set = NULL;
    void *argp = arg5 ? g2h_untagged(arg5) : NULL;
    size_t argsz = (abi_ulong)arg6;
    QCSqeSaved *saved = NULL;
    int nsaved = 0;
    abi_long ret;
    QCRing r;

    if (flags & IORING_ENTER_EXT_ARG) {
        if (arg5) {
            if (argsz != sizeof(ea) || copy_from_user(&ea, arg5, sizeof(ea))) {
                return argsz != sizeof(ea) ? -TARGET_EINVAL : -TARGET_EFAULT;
            }
            if (ea.sigmask) {
                ret = process_sigsuspend_mask(&set, ea.sigmask, ea.sigmask_sz);
                if (ret) {
                    return ret;
                }
                ea.sigmask = (uintptr_t)set;
                ea.sigmask_sz = SIGSET_T_SIZE;
            }
            argp = &ea;
        }
    } else if (arg5) {
        ret = process_sigsuspend_mask(&set, arg5, argsz);
        if (ret) {
            return ret;
        }
        argp = set;
        argsz = SIGSET_T_SIZE;
    }
    if (to_submit && qc_ring_get(arg1, &r)) {
        saved = qc_scratch_alloc(MIN(to_submit, 4096u) * sizeof(*saved));
        if (saved) {
            nsaved = qc_sqes_in(&r, MIN(to_submit, 4096u), saved);
        }
    }
    ret = get_errno(safe_syscall(__NR_io_uring_enter, (int)arg1, to_submit,
                                 (unsigned)arg3, flags, argp, argsz));
    if (set) {
        finish_sigsuspend_mask(ret);
    }
    qc_sqes_restore(saved, nsaved);
    return ret;
}

/* (fd, opcode, arg, nr_args) */
abi_long qc_sys_io_uring_register(QC_SYSCALL_ARGS)
{
    struct iovec *hv;
    uint64_t total;
    abi_long ret;

    switch ((unsigned)arg2) {
    case IORING_REGISTER_BUFFERS:
        ret = qc_iovec_in(arg3, arg4, true, &hv, &total);
        if (ret) {
            return ret;
        }
        return get_errno(syscall(__NR_io_uring_register, (int)arg1,
                                 IORING_REGISTER_BUFFERS, hv,
                                 (unsigned)arg4));
    case IORING_REGISTER_BUFFERS2:
    case IORING_REGISTER_BUFFERS_UPDATE:
        /* their struct names a compat iovec array: not translated */
        return -TARGET_EINVAL;
    default:
        /* file tables, eventfds, probes, rings: fixed-size fields */
        return get_errno(syscall(__NR_io_uring_register, (int)arg1,
                                 (unsigned)arg2,
                                 arg3 ? g2h_untagged(arg3) : NULL,
                                 (unsigned)arg4));
    }
}
