/*
 * syscalls-new.c: syscalls from the Linux 7.2 tables that QEMU 7.2 lacks.
 *
 * qc_new_syscall() is reached from do_syscall1()'s default case through
 * qc_syscall_fallback(). Calls that need only argument passing are here;
 * the families with structs live in sys-clone3.c, sys-file.c, sys-mount.c,
 * sys-futex.c and sys-security.c. Cases that answer an errno by design say
 * why at the case (syscalls.spec carries the same reason).
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include "qemu.h"
#include "user-internals.h"
#include "signal-common.h"
#include "user/safe-syscall.h"
#include "qemu-compat.h"
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

/* rseq(2) and rseq_slice_yield: see the cases. */
static abi_long qc_sys_rseq_slice_yield(void)
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
static abi_long qc_sys_mq_notify(abi_long mqd, abi_ulong sevp)
{
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

bool qc_new_syscall(CPUArchState *cpu_env, int num,
                    abi_long arg1, abi_long arg2, abi_long arg3,
                    abi_long arg4, abi_long arg5, abi_long arg6,
                    abi_long arg7, abi_long arg8, abi_long *ret)
{
    switch (num) {
#ifdef TARGET_NR_mq_notify
    case TARGET_NR_mq_notify:
        *ret = qc_sys_mq_notify(arg1, arg2);
        return true;
#endif
    /* sys-legacy.c: pre-glibc-2.0 calls */
#ifdef TARGET_NR_oldolduname
    case TARGET_NR_oldolduname:
#endif
#ifdef TARGET_NR_unused59
    case TARGET_NR_unused59:            /* MIPS: sys_olduname */
#endif
#if defined(TARGET_NR_oldolduname) || defined(TARGET_NR_unused59)
        *ret = qc_sys_oldolduname(cpu_env, arg1);
        return true;
#endif
#ifdef TARGET_NR_olduname
    case TARGET_NR_olduname:
#endif
#ifdef TARGET_NR_unused109
    case TARGET_NR_unused109:           /* MIPS: sys_uname */
#endif
#if defined(TARGET_NR_olduname) || defined(TARGET_NR_unused109)
        *ret = qc_sys_olduname(cpu_env, arg1);
        return true;
#endif
#ifdef TARGET_NR_readdir
    case TARGET_NR_readdir:   /* ARM: OABI-only, served like QEMU's other OABI entries */
        *ret = qc_old_readdir(arg1, arg2);
        return true;
#endif
#ifdef TARGET_NR_sysmips
    case TARGET_NR_sysmips:
        *ret = qc_sys_sysmips(arg1, arg2, arg3);
        return true;
#endif
#ifdef TARGET_NR_ustat
    case TARGET_NR_ustat:
        *ret = qc_sys_ustat(arg1, arg2);
        return true;
#endif
#ifdef TARGET_NR_sysfs
    case TARGET_NR_sysfs:
        *ret = qc_sys_sysfs(arg1, arg2, arg3);
        return true;
#endif
#if defined(TARGET_NR_signal) && defined(TARGET_I386)
    case TARGET_NR_signal:
        *ret = qc_sys_signal(arg1, arg2);
        return true;
#endif
#ifdef TARGET_I386
    case TARGET_NR_oldstat:
        *ret = qc_sys_oldstat(true, arg1, arg2);
        return true;
    case TARGET_NR_oldlstat:
        *ret = qc_sys_oldstat(false, arg1, arg2);
        return true;
    case TARGET_NR_oldfstat:
        *ret = qc_sys_oldfstat(arg1, arg2);
        return true;
#endif
#ifdef TARGET_NR_quotactl
    case TARGET_NR_quotactl:            /* sys-quota.c */
        *ret = qc_sys_quotactl(arg1, arg2, arg3, arg4);
        return true;
#endif
#ifdef TARGET_NR_quotactl_fd
    case TARGET_NR_quotactl_fd:
        *ret = qc_sys_quotactl_fd(arg1, arg2, arg3, arg4);
        return true;
#endif
#ifdef TARGET_NR_clone3
    case TARGET_NR_clone3:
        *ret = qc_sys_clone3(cpu_env, arg1, arg2);
        return true;
#endif
#ifdef TARGET_NR_openat2
    case TARGET_NR_openat2:
        *ret = qc_sys_openat2(cpu_env, arg1, arg2, arg3, arg4);
        return true;
#endif
#ifdef TARGET_NR_pidfd_open
    case TARGET_NR_pidfd_open:
        *ret = qc_sys_pidfd_open(arg1, arg2);
        return true;
#endif
#ifdef TARGET_NR_process_madvise
    case TARGET_NR_process_madvise:
        *ret = qc_sys_process_madvise(arg1, arg2, arg3, arg4, arg5);
        return true;
#endif
#ifdef TARGET_NR_process_mrelease
    case TARGET_NR_process_mrelease:
        *ret = get_errno(syscall(__NR_process_mrelease, (int)arg1,
                                 (unsigned int)arg2));
        return true;
#endif
#ifdef TARGET_NR_epoll_pwait2
    case TARGET_NR_epoll_pwait2:
        *ret = qc_sys_epoll_pwait2(arg1, arg2, arg3, arg4, arg5, arg6);
        return true;
#endif
#ifdef TARGET_NR_mlock2
    case TARGET_NR_mlock2:
        *ret = qc_sys_mlock2(arg1, arg2, arg3);
        return true;
#endif
#ifdef TARGET_NR_remap_file_pages
    case TARGET_NR_remap_file_pages:
        *ret = qc_sys_remap_file_pages(arg1, arg2, arg3, arg4, arg5);
        return true;
#endif
#ifdef TARGET_NR_pkey_mprotect
    case TARGET_NR_pkey_mprotect:
        *ret = qc_sys_pkey_mprotect(arg1, arg2, arg3, arg4);
        return true;
#endif
#ifdef TARGET_NR_memfd_secret
    case TARGET_NR_memfd_secret:
        /* Only O_CLOEXEC is valid; i386 (the only guest with the call)
         * has the host's O_CLOEXEC value, so the flags pass as they are. */
        *ret = get_errno(syscall(__NR_memfd_secret, (unsigned int)arg1));
        return true;
#endif
#ifdef TARGET_NR_set_mempolicy_home_node
    case TARGET_NR_set_mempolicy_home_node:
        *ret = get_errno(syscall(__NR_set_mempolicy_home_node,
                                 (unsigned long)g2h_untagged(arg1),
                                 (unsigned long)(abi_ulong)arg2,
                                 (unsigned long)(abi_ulong)arg3,
                                 (unsigned long)(abi_ulong)arg4));
        return true;
#endif
#ifdef TARGET_NR_fchmodat2
    case TARGET_NR_fchmodat2: {
        char *p;
        abi_long err = qc_lock_path(&p, arg2, false);
        if (err) {
            *ret = err;
            return true;
        }
        /* AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH are generic values. */
        *ret = get_errno(syscall(__NR_fchmodat2, (int)arg1, path(p),
                                 (mode_t)arg3, (unsigned int)arg4));
        unlock_user(p, arg2, 0);
        return true;
    }
#endif
#ifdef TARGET_NR_cachestat
    case TARGET_NR_cachestat:
        *ret = qc_sys_cachestat(arg1, arg2, arg3, arg4);
        return true;
#endif
#ifdef TARGET_NR_setxattrat
    case TARGET_NR_setxattrat:
    case TARGET_NR_getxattrat:
    case TARGET_NR_listxattrat:
    case TARGET_NR_removexattrat:
        *ret = qc_sys_xattrat(num, arg1, arg2, arg3, arg4, arg5, arg6);
        return true;
#endif
#ifdef TARGET_NR_file_getattr
    case TARGET_NR_file_getattr:
    case TARGET_NR_file_setattr:
        *ret = qc_sys_file_attr(num == TARGET_NR_file_setattr,
                                arg1, arg2, arg3, arg4, arg5);
        return true;
#endif
#ifdef TARGET_NR_open_tree
    case TARGET_NR_open_tree:
    case TARGET_NR_move_mount:
    case TARGET_NR_fsopen:
    case TARGET_NR_fsconfig:
    case TARGET_NR_fsmount:
    case TARGET_NR_fspick:
    case TARGET_NR_mount_setattr:
#ifdef TARGET_NR_open_tree_attr
    case TARGET_NR_open_tree_attr:
#endif
        *ret = qc_sys_mount_api(num, arg1, arg2, arg3, arg4, arg5);
        return true;
#endif
#ifdef TARGET_NR_statmount
    case TARGET_NR_statmount:
        *ret = qc_sys_statmount(arg1, arg2, arg3, arg4);
        return true;
    case TARGET_NR_listmount:
        *ret = qc_sys_list_ids(false, arg1, arg2, arg3, arg4);
        return true;
#endif
#ifdef TARGET_NR_listns
    case TARGET_NR_listns:
        *ret = qc_sys_list_ids(true, arg1, arg2, arg3, arg4);
        return true;
#endif
#ifdef TARGET_NR_futex_waitv
    case TARGET_NR_futex_waitv:
        *ret = qc_sys_futex_waitv(arg1, arg2, arg3, arg4, arg5);
        return true;
#endif
#ifdef TARGET_NR_futex_wake
    case TARGET_NR_futex_wake:
        *ret = qc_sys_futex_wake(arg1, arg2, arg3, arg4);
        return true;
    case TARGET_NR_futex_wait:
        *ret = qc_sys_futex_wait(arg1, arg2, arg3, arg4, arg5, arg6);
        return true;
    case TARGET_NR_futex_requeue:
        *ret = qc_sys_futex_requeue(arg1, arg2, arg3, arg4);
        return true;
#endif
#ifdef TARGET_NR_landlock_create_ruleset
    case TARGET_NR_landlock_create_ruleset:
    case TARGET_NR_landlock_add_rule:
    case TARGET_NR_landlock_restrict_self:
        *ret = qc_sys_landlock(num, arg1, arg2, arg3, arg4);
        return true;
#endif
#ifdef TARGET_NR_lsm_get_self_attr
    case TARGET_NR_lsm_get_self_attr:
    case TARGET_NR_lsm_set_self_attr:
    case TARGET_NR_lsm_list_modules:
        *ret = qc_sys_lsm(num, arg1, arg2, arg3, arg4);
        return true;
#endif
#ifdef TARGET_NR_rseq_slice_yield
    case TARGET_NR_rseq_slice_yield:
        /*
         * Passed through: the call only concerns the calling thread's
         * time-slice extension, which a guest can never have been granted
         * (it needs a registered rseq area, which rseq above refuses), so
         * the host kernel's answer for this host thread is the answer for
         * a task without one (ENOSYS on kernels before 7.0).
         */
        *ret = qc_sys_rseq_slice_yield();
        return true;
#endif
#ifdef TARGET_NR_recvmmsg_time64
    case TARGET_NR_recvmmsg_time64:
        /*
         * As recvmmsg in syscall.c: the timeout is validated (EFAULT,
         * EINVAL), checked after each received datagram as the kernel
         * does (recvmmsg(2) BUGS) and what is left written back.
         */
        *ret = do_recvmmsg_timeout(arg1, arg2, arg3, arg4, arg5, true);
        return true;
#endif
    default:
        return false;
    }
}
