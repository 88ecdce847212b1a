/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * host/guest-lengths.c: the kernel's limits on guest-chosen lengths and counts
 * that QEMU's syscall layer uses to size host buffers (often on the host
 * stack with alloca()). Without them a guest could overflow the host stack
 * with one syscall (found by tests/fuzz/syscall-fuzz; see docs/security.md).
 */
#include "qemu/osdep.h"
#include <sys/resource.h>
#include "qemu.h"
#include "user-internals.h"
#include "qemu-compat.h"

/* The receive-side cap on the host control buffer: recvmsg's is the user's
 * own buffer in the kernel, so no errno; messages never carry more
 * ancillary data than the send side's limit anyway. */
#define QC_RECV_CONTROL_MAX (256 * 1024)

/*
 * The largest sendmsg control buffer the emulator converts: QEMU's
 * do_sendrecvmsg_locked() puts the host copy (twice the guest's size) on the
 * stack. Only reached where net.core.optmem_max was raised above it.
 */
#define QC_SEND_CONTROL_MAX (1024 * 1024)

/* A positive number from a /proc/sys file, or dflt where it is unreadable. */
static long qc_sysctl_long(const char *path, long dflt)
{
    FILE *f = fopen(path, "r");
    long v = 0;

    if (!f || fscanf(f, "%ld", &v) != 1 || v <= 0) {
        v = dflt;
    }
    if (f) {
        fclose(f);
    }
    return v;
}

/* net.core.optmem_max, read once (128 KiB: the default since Linux 6.9). */
static long qc_optmem_max(void)
{
    static long optmem_max;

    if (!optmem_max) {
        optmem_max = qc_sysctl_long("/proc/sys/net/core/optmem_max", 128 * 1024);
    }
    return optmem_max;
}

/*
 * sendmsg's control buffer, walked before anything is allocated exactly as
 * the kernel walks a 32-bit task's (net/socket.c ____sys_sendmsg(), then
 * net/compat.c cmsghdr_from_user_compat_to_kern() with CMSG_COMPAT_FIRSTHDR,
 * CMSG_COMPAT_OK and cmsg_compat_nxthdr() from include/net/compat.h):
 *  - msg_controllen above INT_MAX: ENOBUFS;
 *  - a first header needs 12 bytes (struct compat_cmsghdr), a later one is
 *    read wherever it starts inside the buffer; an unreadable one: EFAULT;
 *  - a cmsg_len below 12 or past the buffer's end, or no header at all
 *    (a buffer of 1 to 11 bytes): EINVAL;
 *  - the cmsgs widened to the 64-bit layout (16-byte header, 8-byte
 *    alignment) need sock_kmalloc() above the 36 bytes on the kernel's
 *    stack, which refuses net.core.optmem_max or more: ENOMEM.
 * A 64-bit task would get ENOBUFS for a big buffer instead; these are a
 * 32-bit task's answers, checked natively on an IA32 kernel (tests/device
 * runs tests/guest/hostile-lengths.c there).
 */
abi_long qc_sendmsg_control_check(abi_ulong control, abi_ulong controllen)
{
    const abi_ulong hdr = sizeof(struct target_cmsghdr);
    uint64_t kcmlen = 0;
    abi_ulong off = 0;

    if (controllen == 0) {
        return 0;
    }
    if (controllen > INT_MAX) {
        return -TARGET_ENOBUFS;
    }
    if (controllen >= hdr) {
        for (;;) {
            uint32_t len;

            if (get_user_u32(len, control + off)) {
                return -TARGET_EFAULT;
            }
            if (len < hdr || len > controllen - off) {
                return -TARGET_EINVAL;
            }
            kcmlen += CMSG_ALIGN(len - hdr + sizeof(struct cmsghdr));
            /* the next header starts 4-aligned; it exists while its first
             * byte is inside the buffer */
            if ((uint64_t)off + TARGET_CMSG_ALIGN(len) >= controllen) {
                break;
            }
            off += TARGET_CMSG_ALIGN(len);
        }
    }
    if (kcmlen == 0) {
        return -TARGET_EINVAL;
    }
    if (kcmlen > sizeof(struct cmsghdr) + 20 &&
        (kcmlen >= qc_optmem_max() || controllen > QC_SEND_CONTROL_MAX)) {
        return -TARGET_ENOMEM;
    }
    return 0;
}

/* recvmsg: cap the host control buffer (the guest's own size doubled). */
void qc_recvmsg_control_cap(size_t *host_len)
{
    *host_len = MIN(*host_len, QC_RECV_CONTROL_MAX);
}

/* poll/ppoll: nfds above RLIMIT_NOFILE is EINVAL (fs/select.c do_sys_poll). */
bool qc_poll_nfds_invalid(abi_ulong nfds)
{
    struct rlimit rl;

    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) {
        return nfds > 1024 * 1024;
    }
    return rl.rlim_cur != RLIM_INFINITY && nfds > rl.rlim_cur;
}

/* kernel.msgmax (ipc/msg.c's msg_ctlmax), read once; MSGMAX if unreadable. */
static long qc_msgmax(void)
{
    static long msgmax;

    if (!msgmax) {
        msgmax = qc_sysctl_long("/proc/sys/kernel/msgmax", 8192);
    }
    return msgmax;
}

/*
 * msgsnd after the mtype word was read: ipc/msg.c do_msgsnd() refuses
 * msgsz above msgmax, a negative msgsz or msqid, then mtype < 1 (EINVAL),
 * and only then copies the text (load_msg: EFAULT).
 */
abi_long qc_msgsnd_check(int msqid, abi_long mtype, ssize_t msgsz,
                         abi_ulong mtext)
{
    if (msgsz < 0 || msgsz > qc_msgmax() || msqid < 0 || mtype < 1) {
        return -TARGET_EINVAL;
    }
    if (msgsz && !access_ok(thread_cpu, VERIFY_READ, mtext, msgsz)) {
        return -TARGET_EFAULT;
    }
    return 0;
}
