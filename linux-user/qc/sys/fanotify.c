/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/fanotify.c: fanotify_init and fanotify_mark (fs/notify/fanotify/).
 *
 * The records read from a fanotify fd (struct fanotify_event_metadata, the
 * info records after it) and the responses written to it (struct
 * fanotify_response) have the same layout for every ABI: fixed-size fields
 * with an aligned 64-bit mask (include/uapi/linux/fanotify.h). Only byte
 * order differs on a big-endian guest, where the fd gets a translator for
 * the metadata and the info headers (their other fields are bytes or file
 * handles the guest passes back as they are) and for responses.
 * fanotify_mark's 64-bit mask comes in two registers, in the guest's word
 * order (compat_sys_fanotify_mark's SC_ARG64).
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include "qemu.h"
#include "user-internals.h"
#include "fd-trans.h"
#include "guest-access.h"

#if TARGET_BIG_ENDIAN != HOST_BIG_ENDIAN
/* metadata: event_len, vers + reserved (bytes), metadata_len, mask, fd, pid */
#define QC_FAN_META_LAYOUT "4" "1" "1" "2" "8" "4" "4"

static abi_long qc_fanotify_read(void *buf, size_t len)
{
    uint8_t *p = buf;
    size_t off = 0;

    while (off + 24 <= len) {
        uint32_t event_len;
        uint16_t meta_len, ilen;

        memcpy(&event_len, p + off, 4);
        memcpy(&meta_len, p + off + 6, 2);
        if (event_len < 24 || off + event_len > len) {
            break;
        }
        /* info records: struct fanotify_event_info_header { __u8
         * info_type, pad; __u16 len; } then their own fields */
        for (size_t i = off + meta_len; i + 4 <= off + event_len; i += ilen) {
            memcpy(&ilen, p + i + 2, 2);
            qc_swap_fields(p + i, 4, "112");
            if (ilen < 4) {
                break;
            }
        }
        qc_swap_fields(p + off, 24, QC_FAN_META_LAYOUT);
        off += event_len;
    }
    return len;
}

/* struct fanotify_response { __s32 fd; __u32 response; } */
static abi_long qc_fanotify_write(void *buf, size_t len)
{
    for (size_t off = 0; off + 8 <= len; off += 8) {
        qc_swap_fields((uint8_t *)buf + off, 8, "44");
    }
    return len;
}

static TargetFdTrans qc_fanotify_trans = {
    .host_to_target_data = qc_fanotify_read,
    .target_to_host_data = qc_fanotify_write,
};
#endif

/* (unsigned int flags, unsigned int event_f_flags): the FAN_* flags are
 * generic; event_f_flags are the O_* flags of the event fds. */
abi_long qc_sys_fanotify_init(QC_SYSCALL_ARGS)
{
    abi_long ret = get_errno(syscall(__NR_fanotify_init, (unsigned int)arg1,
                                     qc_fcntl_flags_to_host(arg2)));
#if TARGET_BIG_ENDIAN != HOST_BIG_ENDIAN
    if (ret >= 0) {
        fd_trans_register(ret, &qc_fanotify_trans);
    }
#endif
    return ret;
}

/* (fd, flags, u64 mask in two words, dirfd, path): the path is a guest
 * address, which is the host's; the kernel reads it after its own checks */
abi_long qc_sys_fanotify_mark(QC_SYSCALL_ARGS)
{
#if TARGET_BIG_ENDIAN
    uint64_t mask = ((uint64_t)(abi_ulong)arg3 << 32) | (abi_ulong)arg4;
#else
    uint64_t mask = ((uint64_t)(abi_ulong)arg4 << 32) | (abi_ulong)arg3;
#endif

    return get_errno(syscall(__NR_fanotify_mark, (int)arg1,
                             (unsigned int)arg2, mask, (int)arg5,
                             arg6 ? g2h_untagged(arg6) : NULL));
}
