/*
 * syscalls-new.c: the guest-memory helpers our handlers share, and the
 * handlers of syscalls QEMU 7.2 lacks that need only argument passing; the
 * families with structs live in sys-clone3.c, sys-file.c, sys-mount.c,
 * sys-futex.c and sys-security.c. The table (syscalls.spec, handler "qc")
 * calls each qc_sys_<name>() through qc_syscall_dispatch().
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include "qemu.h"
#include "user-internals.h"
#include "signal-common.h"
#include "user/safe-syscall.h"
#include "qemu-compat.h"
#include "systable.h"
#include "syscalls-new.h"
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
        }
        off += sz;
    }
#endif
}

abi_long qc_copy_struct_from_guest(void *dst, size_t ksize, abi_ulong gaddr,
                                   size_t usize, const char *layout)
{
    uint8_t *src;
    size_t n = MIN(ksize, usize);

    src = lock_user(VERIFY_READ, gaddr, usize, 1);
    if (!src && usize) {
        return -TARGET_EFAULT;
    }
    memset(dst, 0, ksize);
    memcpy(dst, src, n);
    for (size_t i = ksize; i < usize; i++) {
        if (src[i]) {
            unlock_user(src, gaddr, 0);
            return -TARGET_E2BIG;
        }
    }
    unlock_user(src, gaddr, 0);
    qc_swap_fields(dst, ksize, layout);
    return 0;
}

abi_long qc_get_timespec64(struct timespec *ts, abi_ulong gaddr)
{
    int64_t sec, nsec;

    /* struct __kernel_timespec: two __s64, 16 bytes on every ABI. */
    if (get_user_s64(sec, gaddr) || get_user_s64(nsec, gaddr + 8)) {
        return -TARGET_EFAULT;
    }
    ts->tv_sec = sec;
    /* The kernel's get_timespec64() drops the upper half of tv_nsec for
     * compat tasks (in_compat_syscall()), as a 32-bit kernel would. */
    ts->tv_nsec = (int32_t)nsec;
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

/*
 * Passed through: the call only concerns the calling thread's time-slice
 * extension, which a guest can never have been granted (it needs a
 * registered rseq area, which rseq refuses), so the host kernel's answer
 * for this host thread is the answer for a task without one (ENOSYS on
 * kernels before 7.0).
 */
abi_long qc_sys_rseq_slice_yield(QC_SYSCALL_ARGS)
{
    return get_errno(syscall(__NR_rseq_slice_yield));
}

/*
 * mq_notify (ipc/mqueue.c do_mq_notify, compat_sys_mq_notify): the guest's
 * struct sigevent in the host's layout. SIGEV_SIGNAL: the host number of the
 * guest's signal and its value (delivered back as si_value, SI_MESGQ);
 * SIGEV_THREAD: sigev_signo is a netlink socket and sival_ptr the guest's
 * 32-byte cookie, which the kernel reads (a host pointer: g2h). That socket
 * carries the kernel's cookie messages, not routing messages, so QEMU's
 * NETLINK_ROUTE translation of what glibc reads from it is dropped.
 */
abi_long qc_sys_mq_notify(QC_SYSCALL_ARGS)
{
    abi_long mqd = arg1;
    abi_ulong sevp = arg2;
    struct target_sigevent *t;
    struct sigevent sev;
    abi_ulong value;

    if (!sevp) {
        return get_errno(syscall(__NR_mq_notify, mqd, NULL));
    }
    if (!(t = lock_user(VERIFY_READ, sevp, sizeof(*t), 1))) {
        return -TARGET_EFAULT;
    }
    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = tswap32(t->sigev_notify);
    sev.sigev_signo = tswap32(t->sigev_signo);
    value = tswapal(t->sigev_value.sival_ptr);
    unlock_user(t, sevp, 0);
    switch (sev.sigev_notify) {
    case SIGEV_SIGNAL:
        sev.sigev_signo = target_to_host_signal(sev.sigev_signo);
        sev.sigev_value.sival_ptr = (void *)(uintptr_t)value;
        break;
    case SIGEV_THREAD:
        sev.sigev_value.sival_ptr = g2h_untagged(value);
        break;
    }
    abi_long ret = get_errno(syscall(__NR_mq_notify, mqd, &sev));
    if (ret == 0 && sev.sigev_notify == SIGEV_THREAD) {
        fd_trans_unregister(sev.sigev_signo);
    }
    return ret;
}

abi_long qc_sys_process_mrelease(QC_SYSCALL_ARGS)
{
    return get_errno(syscall(__NR_process_mrelease, (int)arg1,
                             (unsigned int)arg2));
}

#ifdef TARGET_I386
/*
 * Only O_CLOEXEC is valid; i386 (the only guest with the call) has the
 * host's O_CLOEXEC value, so the flags pass as they are.
 */
abi_long qc_sys_memfd_secret(QC_SYSCALL_ARGS)
{
    return get_errno(syscall(__NR_memfd_secret, (unsigned int)arg1));
}
#endif

/* The range is a guest range, which is the same host range (guest_base 0). */
abi_long qc_sys_set_mempolicy_home_node(QC_SYSCALL_ARGS)
{
    return get_errno(syscall(__NR_set_mempolicy_home_node,
                             (unsigned long)g2h_untagged(arg1),
                             (unsigned long)(abi_ulong)arg2,
                             (unsigned long)(abi_ulong)arg3,
                             (unsigned long)(abi_ulong)arg4));
}

/* AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH are generic values. */
abi_long qc_sys_fchmodat2(QC_SYSCALL_ARGS)
{
    char *p;
    abi_long ret = qc_lock_path(&p, arg2, false);

    if (ret) {
        return ret;
    }
    ret = get_errno(syscall(__NR_fchmodat2, (int)arg1, path(p),
                            (mode_t)arg3, (unsigned int)arg4));
    unlock_user(p, arg2, 0);
    return ret;
}

/*
 * As recvmmsg in syscall.c: the timeout is validated (EFAULT, EINVAL),
 * checked after each received datagram as the kernel does (recvmmsg(2)
 * BUGS) and what is left written back.
 */
abi_long qc_sys_recvmmsg_time64(QC_SYSCALL_ARGS)
{
    return do_recvmmsg_timeout(arg1, arg2, arg3, arg4, arg5, true);
}
