/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/keys.c: add_key, request_key and keyctl (security/keys/).
 *
 * Key serials are 32-bit on both sides, descriptions, payloads and the
 * buffers keyctl fills are byte strings, and guest addresses are host
 * addresses (guest_base 0): the kernel reads and writes them itself, with
 * its own checks in its own order. What differs for a 32-bit task is what
 * compat_keyctl() (security/keys/compat.c) handles, plus byte order on a
 * big-endian guest:
 * - KEYCTL_INSTANTIATE_IOV: a compat iovec array;
 * - KEYCTL_DH_COMPUTE: struct keyctl_kdf_params holds two pointers
 *   (compat_keyctl_kdf_params); struct keyctl_dh_params is three s32;
 * - KEYCTL_PKEY_*: struct keyctl_pkey_params and keyctl_pkey_query are
 *   words of 32 and 16 bits (include/uapi/linux/keyctl.h): the same layout,
 *   swapped on a big-endian guest.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include <sys/uio.h>
#include "qemu.h"
#include "user-internals.h"
#include "guest-access.h"
#include "abi/keys.h"

/* include/uapi/linux/keyctl.h */
#define QC_KEYCTL_INSTANTIATE_IOV   20
#define QC_KEYCTL_DH_COMPUTE        23
#define QC_KEYCTL_PKEY_QUERY        24
#define QC_KEYCTL_PKEY_ENCRYPT      25
#define QC_KEYCTL_PKEY_DECRYPT      26
#define QC_KEYCTL_PKEY_SIGN         27
#define QC_KEYCTL_PKEY_VERIFY       28

/* struct keyctl_kdf_params of the 64-bit host */
struct host_keyctl_kdf_params {
    char *hashname;
    char *otherinfo;
    uint32_t otherinfolen;
    uint32_t spare[8];
};

/* A guest pointer handed to the kernel as it is: NULL stays NULL. */
static void *qc_kptr(abi_ulong gaddr)
{
    return gaddr ? g2h_untagged(gaddr) : NULL;
}

abi_long qc_sys_add_key(QC_SYSCALL_ARGS)
{
    return get_errno(syscall(__NR_add_key, qc_kptr(arg1), qc_kptr(arg2),
                             qc_kptr(arg3), (size_t)(abi_ulong)arg4,
                             (int32_t)arg5));
}

abi_long qc_sys_request_key(QC_SYSCALL_ARGS)
{
    return get_errno(syscall(__NR_request_key, qc_kptr(arg1), qc_kptr(arg2),
                             qc_kptr(arg3), (int32_t)arg4));
}

/* KEYCTL_DH_COMPUTE (params, buffer, buflen, kdf) */
static abi_long qc_keyctl_dh_compute(abi_ulong params, abi_ulong buf,
                                     abi_ulong buflen, abi_ulong kdf)
{
    void *p = qc_struct_in(params, 12, QC_KEYCTL_DH_PARAMS_LAYOUT);
    struct host_keyctl_kdf_params hk, *hkp = NULL;
    struct target_keyctl_kdf_params *tk;
    abi_long ret;

    if (kdf) {
        hkp = QC_BAD_PTR;
        tk = lock_user(VERIFY_READ, kdf, sizeof(*tk), 1);
        if (tk) {
            memset(&hk, 0, sizeof(hk));
            hk.hashname = qc_kptr(tswapal(tk->hashname));
            hk.otherinfo = qc_kptr(tswapal(tk->otherinfo));
            hk.otherinfolen = tswap32(tk->otherinfolen);
            for (int i = 0; i < ARRAY_SIZE(hk.spare); i++) {
                hk.spare[i] = tswap32(tk->spare[i]);
            }
            unlock_user(tk, kdf, 0);
            hkp = &hk;
        }
    }
    ret = get_errno(syscall(__NR_keyctl, QC_KEYCTL_DH_COMPUTE, p,
                            qc_kptr(buf), (size_t)buflen, hkp));
    qc_buf_free(p);
    return ret;
}

/* KEYCTL_INSTANTIATE_IOV (key, iov, ioc, ringid) */
static abi_long qc_keyctl_instantiate_iov(abi_long id, abi_ulong iov,
                                          abi_ulong ioc, abi_long ringid)
{
    struct iovec *hv = NULL;
    uint64_t total;
    abi_long ret = 0;

    /* keyctl_instantiate_key_iov(): no vector is a NULL payload */
    if (iov) {
        ret = qc_iovec_in(iov, ioc, true, &hv, &total);
    }
    if (ret) {
        return ret;
    }
    return get_errno(syscall(__NR_keyctl, QC_KEYCTL_INSTANTIATE_IOV,
                             (int32_t)id, hv, (unsigned long)ioc,
                             (int32_t)ringid));
}

abi_long qc_sys_keyctl(QC_SYSCALL_ARGS)
{
    abi_long ret;
    void *p, *q;

    switch ((int)arg1) {
    case QC_KEYCTL_INSTANTIATE_IOV:
        return qc_keyctl_instantiate_iov(arg2, arg3, arg4, arg5);
    case QC_KEYCTL_DH_COMPUTE:
        return qc_keyctl_dh_compute(arg2, arg3, arg4, arg5);
    case QC_KEYCTL_PKEY_QUERY:
        /* (key, reserved, info, struct keyctl_pkey_query *) */
        q = qc_buf_out(arg5, QC_KEYCTL_PKEY_QUERY_SIZE);
        ret = get_errno(syscall(__NR_keyctl, QC_KEYCTL_PKEY_QUERY,
                                (int32_t)arg2, (unsigned long)arg3,
                                qc_kptr(arg4), q));
        if (ret == 0 && qc_ptr_ok(q)) {
            qc_swap_fields(q, QC_KEYCTL_PKEY_QUERY_SIZE,
                           QC_KEYCTL_PKEY_QUERY_LAYOUT);
        }
        qc_buf_out_done(q, arg5, ret == 0 ? QC_KEYCTL_PKEY_QUERY_SIZE : 0);
        return ret;
    case QC_KEYCTL_PKEY_ENCRYPT:
    case QC_KEYCTL_PKEY_DECRYPT:
    case QC_KEYCTL_PKEY_SIGN:
    case QC_KEYCTL_PKEY_VERIFY:
        /* (struct keyctl_pkey_params *, info, in, out or in2) */
        p = qc_struct_in(arg2, QC_KEYCTL_PKEY_PARAMS_SIZE,
                         QC_KEYCTL_PKEY_PARAMS_LAYOUT);
        ret = get_errno(syscall(__NR_keyctl, (int)arg1, p, qc_kptr(arg3),
                                qc_kptr(arg4), qc_kptr(arg5)));
        qc_buf_free(p);
        return ret;
    default:
        /*
         * Every other command takes key serials, ids, sizes, flags and
         * byte buffers: the words as they are (the kernel truncates the
         * serials to key_serial_t, as compat_keyctl() does), pointers
         * being host addresses already.
         */
        return get_errno(syscall(__NR_keyctl, (int)arg1,
                                 (unsigned long)(abi_ulong)arg2,
                                 (unsigned long)(abi_ulong)arg3,
                                 (unsigned long)(abi_ulong)arg4,
                                 (unsigned long)(abi_ulong)arg5));
    }
}
