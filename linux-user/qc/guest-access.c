/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * guest-access.c: the guest-memory helpers our handlers share: structs in
 * and out with their byte order and size rules (extensible structs, E2BIG),
 * strings and buffers that may be NULL or bad (QC_BAD_PTR reaches the host
 * kernel as a bad pointer, so the kernel's own errno order is kept).
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include <sys/uio.h>
#include "qemu.h"
#include "user-internals.h"
#include "signal-common.h"
#include "user/safe-syscall.h"
#include "qemu-compat.h"
#include "guest-access.h"
#include "qc-internal.h"
#include "fd-trans.h"
#include "qemu/path.h"

void qc_swap_fields(void *buf, size_t len, const char *layout)
{
#if TARGET_BIG_ENDIAN != HOST_BIG_ENDIAN
    uint8_t *p = buf;
    size_t off = 0;

    for (; *layout; layout++) {
        size_t sz = *layout - '0';
        if (off + sz > len) {
            break;
        }
        if (sz == 8) {
            uint64_t v;
            memcpy(&v, p + off, 8);
            v = bswap64(v);
            memcpy(p + off, &v, 8);
        } else if (sz == 4) {
            uint32_t v;
            memcpy(&v, p + off, 4);
            v = bswap32(v);
            memcpy(p + off, &v, 4);
        } else if (sz == 2) {
            uint16_t v;
            memcpy(&v, p + off, 2);
            v = bswap16(v);
            memcpy(p + off, &v, 2);
        }
        off += sz;
    }
#endif
}

/*
 * include/linux/uaccess.h copy_struct_from_user(): a tail past the size we
 * know must be zero (E2BIG, checked first), a shorter struct is zero-filled.
 */
abi_long qc_copy_struct_from_guest(void *dst, size_t ksize, abi_ulong gaddr,
                                   size_t usize, const char *layout)
{
    size_t n = MIN(ksize, usize);
    uint8_t *src;

    if (usize > ksize) {
        int zeroed = check_zeroed_user(gaddr, ksize, usize);

        if (zeroed <= 0) {
            return zeroed ? zeroed : -TARGET_E2BIG;
        }
    }
    src = lock_user(VERIFY_READ, gaddr, n, 1);
    if (!src && n) {
        return -TARGET_EFAULT;
    }
    memset(dst, 0, ksize);
    memcpy(dst, src, n);
    unlock_user(src, gaddr, 0);
    qc_swap_fields(dst, ksize, layout);
    return 0;
}

abi_long qc_lock_path(char **p, abi_ulong gaddr, bool null_ok)
{
    if (!gaddr && null_ok) {
        *p = NULL;
        return 0;
    }
    *p = lock_user_string(gaddr);
    return *p ? 0 : -TARGET_EFAULT;
}

/* Above PAGE_SIZE every extensible-struct syscall answers E2BIG before it
 * reads the struct; cap our copies well above that. */
#define QC_MAX_COPY (1024 * 1024)

char *qc_str_in(abi_ulong gaddr)
{
    char *p;

    if (!gaddr) {
        return NULL;
    }
    p = lock_user_string(gaddr);
    return p ? p : QC_BAD_PTR;
}

void qc_str_done(char *p, abi_ulong gaddr)
{
    if (qc_ptr_ok(p)) {
        unlock_user(p, gaddr, 0);
    }
}

void *qc_struct_in(abi_ulong gaddr, size_t usize, const char *layout)
{
    void *src, *dst;

    if (!gaddr) {
        return NULL;
    }
    if (usize > QC_MAX_COPY) {
        return QC_BAD_PTR;
    }
    src = lock_user(VERIFY_READ, gaddr, usize, 1);
    if (!src) {
        return QC_BAD_PTR;
    }
    dst = g_malloc0(MAX(usize, 8));
    memcpy(dst, src, usize);
    unlock_user(src, gaddr, 0);
    qc_swap_fields(dst, usize, layout);
    return dst;
}

void *qc_buf_out(abi_ulong gaddr, size_t len)
{
    void *p;

    if (!gaddr) {
        return NULL;
    }
    if (len > QC_MAX_COPY * 64) {
        return QC_BAD_PTR;
    }
    p = lock_user(VERIFY_WRITE, gaddr, len, 1);
    return p ? p : QC_BAD_PTR;
}

void qc_buf_out_done(void *p, abi_ulong gaddr, size_t len)
{
    if (qc_ptr_ok(p)) {
        unlock_user(p, gaddr, len);
    }
}

void qc_buf_free(void *p)
{
    if (qc_ptr_ok(p)) {
        g_free(p);
    }
}

#define QC_UIO_MAXIOV 1024      /* include/uapi/linux/uio.h */

abi_long qc_iovec_in(abi_ulong gvec, abi_ulong cnt, bool local,
                              struct iovec **out, uint64_t *total)
{
    struct target_iovec *tv;
    struct iovec *hv;

    *out = NULL;
    *total = 0;
    if (cnt > QC_UIO_MAXIOV) {
        return -TARGET_EINVAL;
    }
    if (cnt == 0) {
        return 0;
    }
    tv = lock_user(VERIFY_READ, gvec, cnt * sizeof(*tv), 1);
    if (!tv) {
        return -TARGET_EFAULT;
    }
    hv = qc_scratch_alloc(cnt * sizeof(*hv));
    if (!hv) {
        unlock_user(tv, gvec, 0);
        return -TARGET_ENOMEM;
    }
    for (abi_ulong i = 0; i < cnt; i++) {
        abi_ulong base = tswapal(tv[i].iov_base);
        abi_ulong len = tswapal(tv[i].iov_len);

        /* lib/iov_iter.c copy_compat_iovec_from_user(): compat_ssize_t */
        if ((int32_t)len < 0) {
            unlock_user(tv, gvec, 0);
            return -TARGET_EINVAL;
        }
        /* ours: a guest address; the remote's: its own address */
        hv[i].iov_base = local ? g2h_untagged(base) : (void *)(uintptr_t)base;
        hv[i].iov_len = len;
        *total += len;
    }
    unlock_user(tv, gvec, 0);
    *out = hv;
    return 0;
}
