/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/aio.c: Linux AIO (fs/aio.c): io_setup, io_destroy, io_submit,
 * io_cancel, io_getevents, io_pgetevents, io_pgetevents_time64.
 *
 * struct iocb and struct io_event have 64-bit fields only (the same layout
 * for every ABI, include/uapi/linux/aio_abi.h), and guest addresses are
 * host addresses (guest_base 0), so the kernel can read a guest's iocbs and
 * buffers and write its events where they are. What a 32-bit task passes
 * differently:
 * - the context: io_setup returns the address of the ring the kernel maps
 *   into the process, and the emulator's host mappings are outside guest
 *   space. The guest gets instead the address of a page of its own whose
 *   ring header does not carry AIO_RING_MAGIC, so a user-space ring reader
 *   (libaio's io_getevents) always asks the kernel; that id is mapped to
 *   the host context here;
 * - the iocb pointer array of io_submit: 32-bit pointers;
 * - IOCB_CMD_PREADV/PWRITEV: aio_buf points at a compat iovec array, which
 *   the kernel reads during io_submit (aio_setup_rw()); it is given a host
 *   iovec array for the time of the call;
 * - timeouts: struct old_timespec32 (io_getevents, io_pgetevents) or
 *   __kernel_timespec (io_pgetevents_time64); io_pgetevents' struct
 *   __aio_sigset holds a 32-bit pointer and size;
 * - on a big-endian guest (MIPS), byte order: iocbs are swapped for the
 *   time of io_submit, events after the kernel wrote them.
 * Blocking waits go through safe_syscall, so a guest signal interrupts
 * them as it interrupts the kernel's.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include <sys/uio.h>
#include <linux/aio_abi.h>
#include "qemu.h"
#include "user-internals.h"
#include "user-mmap.h"
#include "signal-common.h"
#include "user/safe-syscall.h"
#include "guest-access.h"
#include "qc-internal.h"

#define QC_IOCB_SIZE 64
QEMU_BUILD_BUG_ON(sizeof(struct iocb) != QC_IOCB_SIZE);
QEMU_BUILD_BUG_ON(sizeof(struct io_event) != 32);
/* aio_data, aio_key/aio_rw_flags (PADDED: swapped as one word), opcode,
 * reqprio, fildes, buf, nbytes, offset, reserved2, flags, resfd */
#define QC_IOCB_LAYOUT "88224888844"
#define QC_IO_EVENT_LAYOUT "8888"

/* guest context id (a guest page) -> host aio_context_t */
static GHashTable *qc_aio_ctx;
static QemuMutex qc_aio_lock;

static void __attribute__((constructor)) qc_aio_init(void)
{
    qemu_mutex_init(&qc_aio_lock);
    qc_aio_ctx = g_hash_table_new(NULL, NULL);
}

/* The host context of a guest id, or 0 (the kernel's EINVAL). */
static aio_context_t qc_aio_host_ctx(abi_ulong id)
{
    gpointer v;

    qemu_mutex_lock(&qc_aio_lock);
    v = g_hash_table_lookup(qc_aio_ctx, GUINT_TO_POINTER(id));
    qemu_mutex_unlock(&qc_aio_lock);
    return (aio_context_t)(uintptr_t)v;
}

/* (unsigned nr_events, aio_context_t *ctxp): compat_sys_io_setup() */
abi_long qc_sys_io_setup(QC_SYSCALL_ARGS)
{
    aio_context_t hctx = 0;
    abi_ulong id, cur;
    abi_long ret;

    if (get_user_ual(cur, arg2)) {
        return -TARGET_EFAULT;
    }
    if (cur) {
        return -TARGET_EINVAL;
    }
    ret = get_errno(syscall(__NR_io_setup, (unsigned)arg1, &hctx));
    if (ret) {
        return ret;
    }
    id = target_mmap(0, TARGET_PAGE_SIZE, PROT_READ,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (id == (abi_ulong)-1) {
        syscall(__NR_io_destroy, hctx);
        return -TARGET_EAGAIN;
    }
    if (put_user_ual(id, arg2)) {
        syscall(__NR_io_destroy, hctx);
        target_munmap(id, TARGET_PAGE_SIZE);
        return -TARGET_EFAULT;
    }
    qemu_mutex_lock(&qc_aio_lock);
    g_hash_table_insert(qc_aio_ctx, GUINT_TO_POINTER(id),
                        (gpointer)(uintptr_t)hctx);
    qemu_mutex_unlock(&qc_aio_lock);
    return 0;
}

/* (aio_context_t ctx) */
abi_long qc_sys_io_destroy(QC_SYSCALL_ARGS)
{
    aio_context_t hctx = qc_aio_host_ctx(arg1);
    abi_long ret;

    if (!hctx) {
        return -TARGET_EINVAL;
    }
    /* waits for the context's I/O to finish, as the kernel's does */
    ret = get_errno(syscall(__NR_io_destroy, hctx));
    if (ret == 0) {
        qemu_mutex_lock(&qc_aio_lock);
        g_hash_table_remove(qc_aio_ctx, GUINT_TO_POINTER((abi_ulong)arg1));
        qemu_mutex_unlock(&qc_aio_lock);
        target_munmap(arg1, TARGET_PAGE_SIZE);
    }
    return ret;
}

/*
 * One guest iocb made readable by the host kernel for the time of
 * io_submit: swapped on a big-endian guest, a vectored one's iovec
 * translated. *saved keeps the guest's bytes to put back. 0 or
 * -TARGET_E<errno> (the iocb is left as it was).
 */
static abi_long qc_iocb_in(abi_ulong giocb, uint8_t *saved)
{
    uint8_t *p = lock_user(VERIFY_WRITE, giocb, QC_IOCB_SIZE, 1);
    struct iocb cb;
    struct iovec *hv;
    uint64_t total;
    abi_long ret;

    if (!p) {
        return -TARGET_EFAULT;
    }
    memcpy(saved, p, QC_IOCB_SIZE);
    memcpy(&cb, p, QC_IOCB_SIZE);
    qc_swap_fields(&cb, QC_IOCB_SIZE, QC_IOCB_LAYOUT);
    if (cb.aio_lio_opcode == IOCB_CMD_PREADV ||
        cb.aio_lio_opcode == IOCB_CMD_PWRITEV) {
        if (cb.aio_buf >> 32) {
            unlock_user(p, giocb, 0);
            return -TARGET_EFAULT;
        }
        ret = qc_iovec_in(cb.aio_buf, cb.aio_nbytes, true, &hv, &total);
        if (ret) {
            unlock_user(p, giocb, 0);
            return ret;
        }
        cb.aio_buf = (uintptr_t)hv;
    }
    memcpy(p, &cb, QC_IOCB_SIZE);
    unlock_user(p, giocb, QC_IOCB_SIZE);
    return 0;
}

static void qc_iocb_restore(abi_ulong giocb, const uint8_t *saved)
{
    uint8_t *p = lock_user(VERIFY_WRITE, giocb, QC_IOCB_SIZE, 0);

    if (p) {
        memcpy(p, saved, QC_IOCB_SIZE);
        unlock_user(p, giocb, QC_IOCB_SIZE);
    }
}

/*
 * (ctx, long nr, struct iocb **iocbpp): as fs/aio.c, iocbs are taken in
 * order until one cannot be read or set up; those before it are submitted
 * and counted, and the error is the answer only when there are none.
 */
abi_long qc_sys_io_submit(QC_SYSCALL_ARGS)
{
    aio_context_t hctx;
    abi_long nr = arg2, n, ret, err = 0;
    abi_ulong *gp;
    uint8_t *saved;
    void **hp;

    if (nr < 0) {
        return -TARGET_EINVAL;
    }
    hctx = qc_aio_host_ctx(arg1);
    if (!hctx) {
        return -TARGET_EINVAL;
    }
    if (nr == 0) {
        return 0;
    }
    nr = MIN(nr, 1 << 16);      /* the kernel clamps to the ring's size */
    gp = qc_scratch_alloc(nr * sizeof(*gp));
    hp = qc_scratch_alloc(nr * sizeof(*hp));
    saved = qc_scratch_alloc(nr * QC_IOCB_SIZE);
    if (!gp || !hp || !saved) {
        return -TARGET_ENOMEM;
    }
    for (n = 0; n < nr; n++) {
        if (get_user_ual(gp[n], arg3 + n * sizeof(abi_ulong))) {
            err = -TARGET_EFAULT;
            break;
        }
        err = qc_iocb_in(gp[n], saved + n * QC_IOCB_SIZE);
        if (err) {
            break;
        }
        hp[n] = g2h_untagged(gp[n]);
    }
    ret = n ? get_errno(syscall(__NR_io_submit, hctx, (long)n, hp)) : err;
    for (abi_long i = 0; i < n; i++) {
        qc_iocb_restore(gp[i], saved + i * QC_IOCB_SIZE);
    }
    return ret;
}

/* (ctx, struct iocb *, struct io_event *result) */
abi_long qc_sys_io_cancel(QC_SYSCALL_ARGS)
{
    /* an unknown id is host context 0: the kernel reads the iocb's key
     * first (EFAULT), then finds no context (EINVAL) */
    aio_context_t hctx = qc_aio_host_ctx(arg1);
    void *ev;
    abi_long ret;

    ev = qc_buf_out(arg3, sizeof(struct io_event));
    ret = get_errno(syscall(__NR_io_cancel, hctx, g2h_untagged(arg2), ev));
    if (ret == 0 && qc_ptr_ok(ev)) {
        qc_swap_fields(ev, sizeof(struct io_event), QC_IO_EVENT_LAYOUT);
    }
    qc_buf_out_done(ev, arg3, ret == 0 ? sizeof(struct io_event) : 0);
    return ret;
}

/* struct old_timespec32 (two 32-bit words) */
static abi_long qc_aio_timeout32(struct timespec *ts, struct timespec **tsp,
                                 abi_ulong gaddr)
{
    abi_long sec, nsec;

    *tsp = NULL;
    if (!gaddr) {
        return 0;
    }
    if (get_user_sal(sec, gaddr) ||
        get_user_sal(nsec, gaddr + sizeof(abi_long))) {
        return -TARGET_EFAULT;
    }
    ts->tv_sec = sec;
    ts->tv_nsec = nsec;
    *tsp = ts;
    return 0;
}

/*
 * The wait of io_getevents and io_pgetevents, after the callers read the
 * timeout and the signal mask (set: the host mask for the time of the
 * wait, or NULL): the events are written straight into the guest's array
 * (swapped after, on a big-endian guest).
 */
static abi_long qc_aio_wait(abi_ulong ctx, abi_long min_nr, abi_long nr,
                            abi_ulong events, struct timespec *ts,
                            sigset_t *set)
{
    aio_context_t hctx = qc_aio_host_ctx(ctx);
    struct { const sigset_t *sigmask; size_t sigsetsize; } hsig;
    struct io_event *ev;
    abi_long ret;

    if (!hctx || nr < 0 || min_nr < 0 || min_nr > nr) {
        return -TARGET_EINVAL;
    }
    ev = nr ? qc_buf_out(events, nr * sizeof(*ev)) : NULL;
    if (set) {
        hsig.sigmask = set;
        hsig.sigsetsize = SIGSET_T_SIZE;
        ret = get_errno(safe_syscall(__NR_io_pgetevents, hctx, (long)min_nr,
                                     (long)nr, ev, ts, &hsig));
        finish_sigsuspend_mask(ret);
    } else {
        ret = get_errno(safe_syscall(__NR_io_getevents, hctx, (long)min_nr,
                                     (long)nr, ev, ts));
    }
    if (ret > 0 && qc_ptr_ok(ev)) {
        for (abi_long i = 0; i < ret; i++) {
            qc_swap_fields(&ev[i], sizeof(*ev), QC_IO_EVENT_LAYOUT);
        }
    }
    qc_buf_out_done(ev, events, ret > 0 ? ret * sizeof(*ev) : 0);
    return ret;
}

/* (ctx, long min_nr, long nr, struct io_event *, struct old_timespec32 *) */
abi_long qc_sys_io_getevents(QC_SYSCALL_ARGS)
{
    struct timespec ts, *tsp;
    abi_long ret = qc_aio_timeout32(&ts, &tsp, arg5);

    return ret ? ret : qc_aio_wait(arg1, arg2, arg3, arg4, tsp, NULL);
}

/*
 * io_pgetevents' order (fs/aio.c compat_sys_io_pgetevents): the struct
 * __aio_sigset { compat_uptr_t sigmask; compat_size_t sigsetsize; }, the
 * timeout, then the mask itself; the context after.
 */
static abi_long qc_aio_pwait(bool time64, QC_SYSCALL_ARGS)
{
    struct timespec ts, *tsp = NULL;
    abi_ulong gmask = 0, gsize = 0;
    sigset_t *set = NULL;
    abi_long ret;

    if (arg6 && (get_user_ual(gmask, arg6) ||
                 get_user_ual(gsize, arg6 + sizeof(abi_ulong)))) {
        return -TARGET_EFAULT;
    }
    if (time64) {
        if (arg5) {
            if (target_to_host_timespec64(&ts, arg5)) {
                return -TARGET_EFAULT;
            }
            tsp = &ts;
        }
    } else if ((ret = qc_aio_timeout32(&ts, &tsp, arg5))) {
        return ret;
    }
    if (gmask && (ret = process_sigsuspend_mask(&set, gmask, gsize))) {
        return ret;
    }
    return qc_aio_wait(arg1, arg2, arg3, arg4, tsp, set);
}

/* ... and const struct __aio_sigset * */
abi_long qc_sys_io_pgetevents(QC_SYSCALL_ARGS)
{
    return qc_aio_pwait(false, QC_SYSCALL_FWD);
}

/* with a struct __kernel_timespec timeout */
abi_long qc_sys_io_pgetevents_time64(QC_SYSCALL_ARGS)
{
    return qc_aio_pwait(true, QC_SYSCALL_FWD);
}
