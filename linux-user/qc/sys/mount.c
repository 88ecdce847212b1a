/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/mount.c: the mount API (open_tree, move_mount, fsopen, fsconfig,
 * fsmount, fspick, mount_setattr, open_tree_attr), statmount, listmount
 * and listns.
 *
 * Their flags (AT_*, OPEN_TREE_*, MOVE_MOUNT_*, FSOPEN_*, FSMOUNT_*,
 * MOUNT_ATTR_*, FSPICK_*) are generic values, the same on every arch
 * (OPEN_TREE_CLOEXEC is O_CLOEXEC, 02000000 on i386, ARM and MIPS as on the
 * host), so they pass unchanged; strings and structs are translated.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include "qemu.h"
#include "user-internals.h"
#include "guest-access.h"

QEMU_BUILD_BUG_ON(TARGET_O_CLOEXEC != O_CLOEXEC);

/* struct mount_attr: include/uapi/linux/mount.h, four __u64. */
#define QC_MOUNT_ATTR_LAYOUT "8888"

/* fsconfig commands, include/uapi/linux/mount.h */
enum {
    QC_FSCONFIG_SET_FLAG = 0,
    QC_FSCONFIG_SET_STRING = 1,
    QC_FSCONFIG_SET_BINARY = 2,
    QC_FSCONFIG_SET_PATH = 3,
    QC_FSCONFIG_SET_PATH_EMPTY = 4,
    QC_FSCONFIG_SET_FD = 5,
};

static abi_long qc_fsconfig(abi_long fd, abi_long cmd, abi_ulong keyaddr,
                            abi_ulong valaddr, abi_long aux)
{
    char *key = qc_str_in(keyaddr);
    void *val;
    bool string = false;
    abi_long ret;

    switch (cmd) {
    case QC_FSCONFIG_SET_STRING:
    case QC_FSCONFIG_SET_PATH:
    case QC_FSCONFIG_SET_PATH_EMPTY:
        val = qc_str_in(valaddr);
        string = true;
        break;
    case QC_FSCONFIG_SET_BINARY:
        /* fs/fsopen.c: a blob of aux bytes, 0 < aux <= 1 MiB. */
        if (valaddr && aux > 0 && aux <= 1024 * 1024) {
            val = lock_user(VERIFY_READ, valaddr, aux, 1);
            if (!val) {
                val = QC_BAD_PTR;
            }
        } else {
            val = valaddr ? QC_BAD_PTR : NULL;
        }
        break;
    default:
        /* The value must be NULL for the other commands: keep NULL-ness. */
        val = valaddr ? QC_BAD_PTR : NULL;
        break;
    }
    ret = get_errno(syscall(__NR_fsconfig, (int)fd, (unsigned int)cmd, key,
                            val, (int)aux));
    if (string) {
        qc_str_done(val, valaddr);
    } else if (cmd == QC_FSCONFIG_SET_BINARY && qc_ptr_ok(val)) {
        unlock_user(val, valaddr, 0);
    }
    qc_str_done(key, keyaddr);
    return ret;
}

/* open_tree and fspick: (dfd, path, flags) */
static abi_long qc_path_call(int host_nr, QC_SYSCALL_ARGS)
{
    char *p = qc_str_in(arg2);
    abi_long ret = get_errno(syscall(host_nr, (int)arg1, p,
                                     (unsigned int)arg3));

    qc_str_done(p, arg2);
    return ret;
}

abi_long qc_sys_open_tree(QC_SYSCALL_ARGS)
{
    return qc_path_call(__NR_open_tree, QC_SYSCALL_FWD);
}

abi_long qc_sys_fspick(QC_SYSCALL_ARGS)
{
    return qc_path_call(__NR_fspick, QC_SYSCALL_FWD);
}

abi_long qc_sys_move_mount(QC_SYSCALL_ARGS)
{
    char *p = qc_str_in(arg2);
    char *p2 = qc_str_in(arg4);
    abi_long ret = get_errno(syscall(__NR_move_mount, (int)arg1, p, (int)arg3,
                                     p2, (unsigned int)arg5));

    qc_str_done(p2, arg4);
    qc_str_done(p, arg2);
    return ret;
}

abi_long qc_sys_fsopen(QC_SYSCALL_ARGS)
{
    char *p = qc_str_in(arg1);
    abi_long ret = get_errno(syscall(__NR_fsopen, p, (unsigned int)arg2));

    qc_str_done(p, arg1);
    return ret;
}

abi_long qc_sys_fsconfig(QC_SYSCALL_ARGS)
{
    return qc_fsconfig(arg1, arg2, arg3, arg4, arg5);
}

abi_long qc_sys_fsmount(QC_SYSCALL_ARGS)
{
    return get_errno(syscall(__NR_fsmount, (int)arg1, (unsigned int)arg2,
                             (unsigned int)arg3));
}

/*
 * mount_setattr and open_tree_attr: (dfd, path, flags, struct mount_attr *,
 * size); the kernel checks size (EINVAL below MOUNT_ATTR_SIZE_VER0, E2BIG
 * above PAGE_SIZE) before it reads the struct.
 */
static abi_long qc_mount_attr_call(int host_nr, QC_SYSCALL_ARGS)
{
    char *p = qc_str_in(arg2);
    void *attr = (abi_ulong)arg5 <= TARGET_PAGE_SIZE
                 ? qc_struct_in(arg4, arg5, QC_MOUNT_ATTR_LAYOUT)
                 : (arg4 ? QC_BAD_PTR : NULL);
    abi_long ret = get_errno(syscall(host_nr, (int)arg1, p,
                                     (unsigned int)arg3, attr,
                                     (size_t)(abi_ulong)arg5));

    qc_buf_free(attr);
    qc_str_done(p, arg2);
    return ret;
}

abi_long qc_sys_mount_setattr(QC_SYSCALL_ARGS)
{
    return qc_mount_attr_call(__NR_mount_setattr, QC_SYSCALL_FWD);
}

abi_long qc_sys_open_tree_attr(QC_SYSCALL_ARGS)
{
    return qc_mount_attr_call(__NR_open_tree_attr, QC_SYSCALL_FWD);
}

/*
 * A request struct that starts with its own __u32 size (struct mnt_id_req
 * for statmount/listmount, struct ns_id_req for listns). The kernel reads
 * the size, checks it (EINVAL / E2BIG), then copies that many bytes; hand
 * it a host copy whose size field can always be read.
 */
static void *qc_sized_req_in(abi_ulong gaddr, const char *layout)
{
    uint32_t usize;
    uint32_t *req;

    if (!gaddr) {
        return NULL;
    }
    if (get_user_u32(usize, gaddr)) {
        return QC_BAD_PTR;
    }
    if (usize > TARGET_PAGE_SIZE) {
        req = g_malloc0(8);
        req[0] = usize;
        return req;
    }
    return qc_struct_in(gaddr, MAX(usize, 4), layout);
}

/* struct mnt_id_req: include/uapi/linux/mount.h
 * { __u32 size; __u32 mnt_ns_fd; __u64 mnt_id; __u64 param; __u64 mnt_ns_id; } */
#define QC_MNT_ID_REQ_LAYOUT "44888"
/* struct ns_id_req: include/uapi/linux/nsfs.h
 * { __u32 size; __u32 spare; __u64 ns_id; __u32 ns_type; __u32 spare2;
 *   __u64 user_ns_id; } */
#define QC_NS_ID_REQ_LAYOUT "448448"

/*
 * struct statmount: include/uapi/linux/mount.h. A 512-byte header of
 * __u32/__u64 fields (string members are __u32 offsets into str[]),
 * __spare2[] padding, then the strings. Field sizes in order:
 */
#define QC_STATMOUNT_LAYOUT \
    "44"    /* size, mnt_opts */                                    \
    "8"     /* mask */                                              \
    "44"    /* sb_dev_major, sb_dev_minor */                        \
    "8"     /* sb_magic */                                          \
    "44"    /* sb_flags, fs_type */                                 \
    "88"    /* mnt_id, mnt_parent_id */                             \
    "44"    /* mnt_id_old, mnt_parent_id_old */                     \
    "88888" /* mnt_attr, mnt_propagation, mnt_peer_group,           \
               mnt_master, propagate_from */                        \
    "44"    /* mnt_root, mnt_point */                               \
    "8"     /* mnt_ns_id */                                         \
    "444444" /* fs_subtype, sb_source, opt_num, opt_array,          \
                opt_sec_num, opt_sec_array */                       \
    "8"     /* supported_mask */                                    \
    "4444"  /* mnt_uidmap_num, mnt_uidmap, mnt_gidmap_num, mnt_gidmap */
QEMU_BUILD_BUG_ON(sizeof(QC_STATMOUNT_LAYOUT) - 1 != 31);

abi_long qc_sys_statmount(QC_SYSCALL_ARGS)
{
    abi_ulong reqaddr = arg1, bufaddr = arg2, bufsize = arg3, flags = arg4;
    void *req = qc_sized_req_in(reqaddr, QC_MNT_ID_REQ_LAYOUT);
    uint8_t *buf = qc_buf_out(bufaddr, bufsize);
    abi_long ret;

    ret = get_errno(syscall(__NR_statmount, req, buf, (size_t)bufsize,
                            (unsigned int)flags));
    if (ret == 0 && qc_ptr_ok(buf)) {
        uint32_t size;
        memcpy(&size, buf, 4);
        qc_swap_fields(buf, MIN(bufsize, MIN(size, 512)), QC_STATMOUNT_LAYOUT);
    }
    qc_buf_out_done(buf, bufaddr, ret == 0 ? bufsize : 0);
    qc_buf_free(req);
    return ret;
}

/* listmount / listns: a request in, an array of __u64 ids out. */
static abi_long qc_list_ids(bool ns, abi_ulong reqaddr, abi_ulong idsaddr,
                            abi_ulong nr, abi_ulong flags)
{
    void *req = qc_sized_req_in(reqaddr, ns ? QC_NS_ID_REQ_LAYOUT
                                            : QC_MNT_ID_REQ_LAYOUT);
    uint64_t *ids = nr > (1u << 20) ? (idsaddr ? QC_BAD_PTR : NULL)
                                    : qc_buf_out(idsaddr, nr * 8);
    abi_long ret;

    ret = get_errno(syscall(ns ? __NR_listns : __NR_listmount, req, ids,
                            (size_t)nr, (unsigned int)flags));
    if (ret > 0 && qc_ptr_ok(ids)) {
        for (abi_long i = 0; i < ret; i++) {
            ids[i] = tswap64(ids[i]);
        }
    }
    qc_buf_out_done(ids, idsaddr, ret > 0 ? ret * 8 : 0);
    qc_buf_free(req);
    return ret;
}

abi_long qc_sys_listmount(QC_SYSCALL_ARGS)
{
    return qc_list_ids(false, arg1, arg2, arg3, arg4);
}

abi_long qc_sys_listns(QC_SYSCALL_ARGS)
{
    return qc_list_ids(true, arg1, arg2, arg3, arg4);
}
