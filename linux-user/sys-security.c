/*
 * sys-security.c: landlock_create_ruleset/add_rule/restrict_self
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
#include "syscalls-new.h"

/* struct landlock_ruleset_attr: include/uapi/linux/landlock.h, __u64
 * handled_access_fs, handled_access_net, scoped. */
#define QC_LANDLOCK_RULESET_ATTR_LAYOUT "888"
/* struct landlock_path_beneath_attr: { __u64 allowed_access; __s32
 * parent_fd; } __attribute__((packed)): 12 bytes on every ABI. */
#define QC_LANDLOCK_RULE_PATH_BENEATH 1
/* struct landlock_net_port_attr: { __u64 allowed_access; __u64 port; } */
#define QC_LANDLOCK_RULE_NET_PORT 2

abi_long qc_sys_landlock(int num, abi_long a1, abi_long a2, abi_long a3,
                         abi_long a4)
{
    void *attr;
    abi_long ret;

    switch (num) {
    case TARGET_NR_landlock_create_ruleset:
        /* (attr, size, flags): size is checked before attr is read. */
        attr = (abi_ulong)a2 <= TARGET_PAGE_SIZE
               ? qc_struct_in(a1, a2, QC_LANDLOCK_RULESET_ATTR_LAYOUT)
               : (a1 ? QC_BAD_PTR : NULL);
        ret = get_errno(syscall(__NR_landlock_create_ruleset, attr,
                                (size_t)(abi_ulong)a2, (uint32_t)a3));
        qc_buf_free(attr);
        return ret;
    case TARGET_NR_landlock_add_rule:
        /* (ruleset_fd, rule_type, rule_attr, flags) */
        if (a2 == QC_LANDLOCK_RULE_PATH_BENEATH) {
            attr = qc_struct_in(a3, 12, "84");
        } else if (a2 == QC_LANDLOCK_RULE_NET_PORT) {
            attr = qc_struct_in(a3, 16, "88");
        } else {
            /* Unknown types are refused before the attr is read. */
            attr = a3 ? QC_BAD_PTR : NULL;
        }
        ret = get_errno(syscall(__NR_landlock_add_rule, (int)a1, (int)a2,
                                attr, (uint32_t)a4));
        qc_buf_free(attr);
        return ret;
    case TARGET_NR_landlock_restrict_self:
        return get_errno(syscall(__NR_landlock_restrict_self, (int)a1,
                                 (uint32_t)a2));
    default:
        g_assert_not_reached();
    }
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

abi_long qc_sys_lsm(int num, abi_long a1, abi_long a2, abi_long a3,
                    abi_long a4)
{
    uint32_t size = 0, *sizep = &size;
    uint8_t *buf;
    abi_long ret;

    switch (num) {
    case TARGET_NR_lsm_get_self_attr:
    case TARGET_NR_lsm_list_modules:
        /* get_self_attr(attr, ctx, u32 *size, flags);
         * list_modules(u64 *ids, u32 *size, flags) */
    {
        abi_ulong bufaddr = num == TARGET_NR_lsm_get_self_attr ? a2 : a1;
        abi_ulong sizeaddr = num == TARGET_NR_lsm_get_self_attr ? a3 : a2;

        if (get_user_u32(size, sizeaddr)) {
            sizep = QC_BAD_PTR;
        }
        buf = qc_buf_out(bufaddr, size);
        if (num == TARGET_NR_lsm_get_self_attr) {
            bool single = (a4 & QC_LSM_FLAG_SINGLE) && qc_ptr_ok(buf) &&
                          size >= 32;
            if (single) {
                /* With LSM_FLAG_SINGLE, ctx->id names the LSM to ask. */
                qc_swap_fields(buf, 32, QC_LSM_CTX_LAYOUT);
            }
            ret = get_errno(syscall(__NR_lsm_get_self_attr,
                                    (unsigned int)a1, buf, sizep,
                                    (uint32_t)a4));
            if (ret > 0 && qc_ptr_ok(buf)) {
                qc_lsm_ctx_out(buf, size, ret);
            } else if (single) {
                qc_swap_fields(buf, 32, QC_LSM_CTX_LAYOUT);
            }
        } else {
            ret = get_errno(syscall(__NR_lsm_list_modules, buf, sizep,
                                    (uint32_t)a3));
            if (ret > 0 && qc_ptr_ok(buf)) {
                uint64_t *ids = (uint64_t *)buf;
                for (abi_long i = 0; i < ret; i++) {
                    ids[i] = tswap64(ids[i]);
                }
            }
        }
        qc_buf_out_done(buf, bufaddr, ret >= 0 ? size : 0);
        if (sizep == &size && (ret >= 0 || ret == -TARGET_E2BIG) &&
            put_user_u32(size, sizeaddr)) {
            return -TARGET_EFAULT;
        }
        return ret;
    }
    case TARGET_NR_lsm_set_self_attr:
        /* (attr, ctx, u32 size, flags); the kernel refuses size >
         * PAGE_SIZE (E2BIG) before it copies ctx. */
        buf = (abi_ulong)a3 <= TARGET_PAGE_SIZE
              ? qc_struct_in(a2, a3, QC_LSM_CTX_LAYOUT)
              : (a2 ? QC_BAD_PTR : NULL);
        ret = get_errno(syscall(__NR_lsm_set_self_attr, (unsigned int)a1,
                                buf, (uint32_t)a3, (uint32_t)a4));
        qc_buf_free(buf);
        return ret;
    default:
        g_assert_not_reached();
    }
}
