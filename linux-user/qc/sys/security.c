/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/security.c: landlock_create_ruleset/add_rule/restrict_self
 * (security/landlock/syscalls.c) and lsm_get_self_attr/lsm_set_self_attr/
 * lsm_list_modules (security/lsm_syscalls.c).
 *
 * These act on the calling host thread, which is the guest thread, so they
 * pass through once their structs are translated. A Landlock domain also
 * confines QEMU itself (e.g. its later opens of /proc/self/maps), as it
 * would confine a native program's own runtime.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include "qemu.h"
#include "user-internals.h"
#include "guest-access.h"

/* struct landlock_ruleset_attr: include/uapi/linux/landlock.h, __u64
 * handled_access_fs, handled_access_net, scoped. */
#define QC_LANDLOCK_RULESET_ATTR_LAYOUT "888"
/* struct landlock_path_beneath_attr: { __u64 allowed_access; __s32
 * parent_fd; } __attribute__((packed)): 12 bytes on every ABI. */
#define QC_LANDLOCK_RULE_PATH_BENEATH 1
/* struct landlock_net_port_attr: { __u64 allowed_access; __u64 port; } */
#define QC_LANDLOCK_RULE_NET_PORT 2

/* (attr, size, flags): size is checked before attr is read. */
abi_long qc_sys_landlock_create_ruleset(QC_SYSCALL_ARGS)
{
    void *attr = (abi_ulong)arg2 <= TARGET_PAGE_SIZE
                 ? qc_struct_in(arg1, arg2, QC_LANDLOCK_RULESET_ATTR_LAYOUT)
                 : (arg1 ? QC_BAD_PTR : NULL);
    abi_long ret = get_errno(syscall(__NR_landlock_create_ruleset, attr,
                                     (size_t)(abi_ulong)arg2,
                                     (uint32_t)arg3));

    qc_buf_free(attr);
    return ret;
}

/* (ruleset_fd, rule_type, rule_attr, flags) */
abi_long qc_sys_landlock_add_rule(QC_SYSCALL_ARGS)
{
    void *attr;
    abi_long ret;

    if (arg2 == QC_LANDLOCK_RULE_PATH_BENEATH) {
        attr = qc_struct_in(arg3, 12, "84");
    } else if (arg2 == QC_LANDLOCK_RULE_NET_PORT) {
        attr = qc_struct_in(arg3, 16, "88");
    } else {
        /* Unknown types are refused before the attr is read. */
        attr = arg3 ? QC_BAD_PTR : NULL;
    }
    ret = get_errno(syscall(__NR_landlock_add_rule, (int)arg1, (int)arg2,
                            attr, (uint32_t)arg4));
    qc_buf_free(attr);
    return ret;
}

abi_long qc_sys_landlock_restrict_self(QC_SYSCALL_ARGS)
{
    return get_errno(syscall(__NR_landlock_restrict_self, (int)arg1,
                             (uint32_t)arg2));
}

/*
 * struct lsm_ctx: include/uapi/linux/lsm.h
 * { __u64 id; __u64 flags; __u64 len; __u64 ctx_len; __u8 ctx[]; }:
 * len is the whole entry (header, context, padding to 8).
 */
#define QC_LSM_CTX_LAYOUT "8888"
#define QC_LSM_FLAG_SINGLE 1

/* Byte-swap the headers of n lsm_ctx entries the host wrote in buf. */
static void qc_lsm_ctx_out(uint8_t *buf, size_t size, abi_long n)
{
    size_t off = 0;

    for (abi_long i = 0; i < n && off + 32 <= size; i++) {
        uint64_t len;
        memcpy(&len, buf + off + 16, 8);
        qc_swap_fields(buf + off, 32, QC_LSM_CTX_LAYOUT);
        if (len < 32) {
            break;
        }
        off += len;
    }
}

/*
 * lsm_get_self_attr and lsm_list_modules take a u32 *size (in: the buffer's
 * size, out: what was or would be needed) and fill a buffer of that size:
 * the size is read first (a bad pointer reaches the kernel as one), written
 * back on success and on E2BIG.
 */
static void qc_lsm_size_in(uint32_t *size, uint32_t **sizep,
                           abi_ulong sizeaddr)
{
    *size = 0;
    *sizep = get_user_u32(*size, sizeaddr) ? QC_BAD_PTR : size;
}

/* (attr, struct lsm_ctx *ctx, u32 *size, flags) */
abi_long qc_sys_lsm_get_self_attr(QC_SYSCALL_ARGS)
{
    uint32_t size, *sizep;
    uint8_t *buf;
    abi_long ret;
    bool single;

    qc_lsm_size_in(&size, &sizep, arg3);
    buf = qc_buf_out(arg2, size);
    single = (arg4 & QC_LSM_FLAG_SINGLE) && qc_ptr_ok(buf) && size >= 32;
    if (single) {
        /* With LSM_FLAG_SINGLE, ctx->id names the LSM to ask. */
        qc_swap_fields(buf, 32, QC_LSM_CTX_LAYOUT);
    }
    ret = get_errno(syscall(__NR_lsm_get_self_attr, (unsigned int)arg1, buf,
                            sizep, (uint32_t)arg4));
    if (ret > 0 && qc_ptr_ok(buf)) {
        qc_lsm_ctx_out(buf, size, ret);
    } else if (single) {
        qc_swap_fields(buf, 32, QC_LSM_CTX_LAYOUT);
    }
    qc_buf_out_done(buf, arg2, ret >= 0 ? size : 0);
    if (sizep != QC_BAD_PTR && (ret >= 0 || ret == -TARGET_E2BIG) &&
        put_user_u32(size, arg3)) {
        return -TARGET_EFAULT;
    }
    return ret;
}

/* (u64 *ids, u32 *size, flags) */
abi_long qc_sys_lsm_list_modules(QC_SYSCALL_ARGS)
{
    uint32_t size, *sizep;
    uint8_t *buf;
    abi_long ret;

    qc_lsm_size_in(&size, &sizep, arg2);
    buf = qc_buf_out(arg1, size);
    ret = get_errno(syscall(__NR_lsm_list_modules, buf, sizep,
                            (uint32_t)arg3));
    if (ret > 0 && qc_ptr_ok(buf)) {
        uint64_t *ids = (uint64_t *)buf;
        for (abi_long i = 0; i < ret; i++) {
            ids[i] = tswap64(ids[i]);
        }
    }
    qc_buf_out_done(buf, arg1, ret >= 0 ? size : 0);
    if (sizep != QC_BAD_PTR && (ret >= 0 || ret == -TARGET_E2BIG) &&
        put_user_u32(size, arg2)) {
        return -TARGET_EFAULT;
    }
    return ret;
}

/*
 * (attr, ctx, u32 size, flags); the kernel refuses size > PAGE_SIZE (E2BIG)
 * before it copies ctx.
 */
abi_long qc_sys_lsm_set_self_attr(QC_SYSCALL_ARGS)
{
    uint8_t *buf = (abi_ulong)arg3 <= TARGET_PAGE_SIZE
                   ? qc_struct_in(arg2, arg3, QC_LSM_CTX_LAYOUT)
                   : (arg2 ? QC_BAD_PTR : NULL);
    abi_long ret = get_errno(syscall(__NR_lsm_set_self_attr,
                                     (unsigned int)arg1, buf, (uint32_t)arg3,
                                     (uint32_t)arg4));

    qc_buf_free(buf);
    return ret;
}
