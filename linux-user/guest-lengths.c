/*
 * guest-lengths.c: the kernel's limits on guest-chosen lengths and counts
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
 * msg_controllen (the host buffer's size, already doubled by QEMU for the
 * wider host cmsg layout). sendmsg: the kernel refuses a control buffer
 * above INT_MAX or above what sock_kmalloc() allows (net.core.optmem_max)
 * with ENOBUFS (net/socket.c ____sys_sendmsg). recvmsg: cap the host buffer.
 * Returns true when the call must fail with ENOBUFS.
 */
bool qc_msg_controllen_limit(bool send, size_t *host_len)
{
    static long optmem_max;

    if (send) {
        if (!optmem_max) {
            FILE *f = fopen("/proc/sys/net/core/optmem_max", "r");
            long v = 0;

            if (!f || fscanf(f, "%ld", &v) != 1 || v <= 0) {
                v = 128 * 1024;     /* the default since Linux 6.9 */
            }
            if (f) {
                fclose(f);
            }
            optmem_max = v;
        }
        return *host_len / 2 > INT_MAX || *host_len / 2 > optmem_max;
    }
    *host_len = MIN(*host_len, QC_RECV_CONTROL_MAX);
    return false;
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
        FILE *f = fopen("/proc/sys/kernel/msgmax", "r");
        long v = 0;

        if (!f || fscanf(f, "%ld", &v) != 1 || v <= 0) {
            v = 8192;
        }
        if (f) {
            fclose(f);
        }
        msgmax = v;
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
