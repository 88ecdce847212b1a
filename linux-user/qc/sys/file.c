/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/file.c: file and process syscalls Linux added after QEMU 7.2:
 * openat2, pidfd_open, process_madvise, epoll_pwait2, cachestat,
 * setxattrat/getxattrat/listxattrat/removexattrat, file_getattr/setattr.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include <sys/epoll.h>
#include "qemu.h"
#include "user-internals.h"
#include "signal-common.h"
#include "fd-trans.h"
#include "qemu/path.h"
#include "user/safe-syscall.h"
#include "guest-access.h"
#include "abi/fs.h"

#define QC_OPEN_HOW_SIZE_VER0 sizeof(struct target_open_how)

abi_long qc_sys_openat2(QC_SYSCALL_ARGS)
{
    CPUArchState *env = cpu_env;
    abi_long dirfd = arg1;
    abi_ulong pathaddr = arg2, howaddr = arg3, usize = arg4;
    struct target_open_how how;
    struct { uint64_t flags, mode, resolve; } host_how;
    unsigned int known = 0;
    abi_long ret;
    char *p;

    /* fs/open.c:SYSCALL_DEFINE4(openat2) */
    if (usize < QC_OPEN_HOW_SIZE_VER0) {
        return -TARGET_EINVAL;
    }
    if (usize > TARGET_PAGE_SIZE) {
        return -TARGET_E2BIG;
    }
    ret = qc_copy_struct_from_guest(&how, sizeof(how), howaddr, usize,
                                    QC_OPEN_HOW_LAYOUT);
    if (ret) {
        return ret;
    }
    /* build_open_flags(): unknown flag bits are EINVAL, not ignored as
     * target_to_host_bitmask() would. */
    for (size_t i = 0; i < fcntl_flags_tbl_len; i++) {
        known |= fcntl_flags_tbl[i].target_mask;
    }
    if ((how.flags >> 32) || (how.flags & ~(uint64_t)known)) {
        return -TARGET_EINVAL;
    }
    host_how.flags = qc_fcntl_flags_to_host(how.flags);
    host_how.mode = how.mode;
    host_how.resolve = how.resolve;

    p = lock_user_string(pathaddr);
    if (!p) {
        return -TARGET_EFAULT;
    }
    if (how.resolve == 0 && strncmp(p, "/proc/", 6) == 0 &&
        (how.mode & ~(uint64_t)07777) == 0 &&
        ((host_how.flags & (O_CREAT | O_TMPFILE)) || how.mode == 0)) {
        /* Keep do_guest_openat()'s emulation of /proc/self/{maps,auxv,exe,...}. */
        ret = get_errno(do_guest_openat(env, dirfd, p, host_how.flags,
                                        how.mode, true));
    } else {
        ret = get_errno(syscall(__NR_openat2, (int)dirfd, path(p), &host_how,
                                sizeof(host_how)));
    }
    unlock_user(p, pathaddr, 0);
    if (ret >= 0) {
        fd_trans_unregister(ret);
    }
    return ret;
}

/*
 * pidfd_open(2): the flags are PIDFD_NONBLOCK (= O_NONBLOCK) and, since
 * Linux 6.9, PIDFD_THREAD (= O_EXCL); both differ on MIPS.
 */
abi_long qc_sys_pidfd_open(QC_SYSCALL_ARGS)
{
    abi_long pid = arg1;
    abi_ulong flags = arg2;
    unsigned int hflags = 0;

    if (flags & ~(abi_ulong)(TARGET_O_NONBLOCK | TARGET_O_EXCL)) {
        return -TARGET_EINVAL;
    }
    if (flags & TARGET_O_NONBLOCK) {
        hflags |= O_NONBLOCK;
    }
    if (flags & TARGET_O_EXCL) {
        hflags |= O_EXCL;
    }
    return get_errno(syscall(__NR_pidfd_open, (pid_t)pid, hflags));
}

/*
 * process_madvise(2): the iovec names address ranges of the target process;
 * they are translated as ranges of our own guest (the only process whose
 * layout we know), which is what a guest advising itself (pidfd of its own
 * pid, the common use) needs. MADV_* values are the same on every arch.
 */
abi_long qc_sys_process_madvise(QC_SYSCALL_ARGS)
{
    abi_long pidfd = arg1;
    abi_ulong vec = arg2, vlen = arg3;
    abi_long advice = arg4;
    abi_ulong flags = arg5;
    struct target_iovec *tv;
    struct iovec *hv = NULL;
    abi_long ret;

    if (flags != 0) {
        return -TARGET_EINVAL;
    }
    if (vlen > IOV_MAX) {
        return -TARGET_EINVAL;
    }
    if (vlen) {
        tv = lock_user(VERIFY_READ, vec, vlen * sizeof(*tv), 1);
        if (!tv) {
            return -TARGET_EFAULT;
        }
        hv = g_new0(struct iovec, vlen);
        for (abi_ulong i = 0; i < vlen; i++) {
            abi_ulong base = tswapal(tv[i].iov_base);
            abi_long len = tswapal(tv[i].iov_len);
            if (len < 0) {
                unlock_user(tv, vec, 0);
                g_free(hv);
                return -TARGET_EINVAL;
            }
            hv[i].iov_base = g2h_untagged(base);
            hv[i].iov_len = len;
        }
        unlock_user(tv, vec, 0);
    }
    ret = get_errno(syscall(__NR_process_madvise, (int)pidfd,
                            vlen ? hv : (void *)QC_BAD_PTR, (size_t)vlen,
                            (int)advice, 0U));
    g_free(hv);
    return ret;
}

/*
 * epoll_pwait2(2): epoll_pwait with a struct __kernel_timespec timeout.
 * Checks in fs/eventpoll.c's order: timeout, then maxevents and the event
 * buffer, then the signal mask, then (in the host) the epoll fd.
 */
abi_long qc_sys_epoll_pwait2(QC_SYSCALL_ARGS)
{
    abi_long epfd = arg1;
    abi_ulong events = arg2;
    abi_long maxevents = arg3;
    abi_ulong timeout = arg4, sigmask = arg5, sigsetsize = arg6;
    struct target_epoll_event *target_ep;
    struct epoll_event *ep;
    struct timespec ts, *tsp = NULL;
    sigset_t *set = NULL;
    abi_long ret;

    if (timeout) {
        ret = target_to_host_timespec64(&ts, timeout);
        if (ret) {
            return ret;
        }
        if (ts.tv_sec < 0 || (unsigned long)ts.tv_nsec >= 1000000000UL) {
            return -TARGET_EINVAL;
        }
        tsp = &ts;
    }
    if (maxevents <= 0 || maxevents > TARGET_EP_MAX_EVENTS) {
        return -TARGET_EINVAL;
    }
    target_ep = lock_user(VERIFY_WRITE, events,
                          maxevents * sizeof(struct target_epoll_event), 1);
    if (!target_ep) {
        return -TARGET_EFAULT;
    }
    ep = g_try_new(struct epoll_event, maxevents);
    if (!ep) {
        unlock_user(target_ep, events, 0);
        return -TARGET_ENOMEM;
    }
    if (sigmask) {
        ret = process_sigsuspend_mask(&set, sigmask, sigsetsize);
        if (ret != 0) {
            goto out;
        }
    }
    ret = get_errno(safe_syscall(__NR_epoll_pwait2, (int)epfd, ep,
                                 (int)maxevents, tsp, set,
                                 set ? (size_t)(_NSIG / 8) : (size_t)0));
    if (set) {
        finish_sigsuspend_mask(ret);
    }
out:
    if (!is_error(ret)) {
        for (int i = 0; i < ret; i++) {
            target_ep[i].events = tswap32(ep[i].events);
            target_ep[i].data.u64 = tswap64(ep[i].data.u64);
        }
        unlock_user(target_ep, events,
                    ret * sizeof(struct target_epoll_event));
    } else {
        unlock_user(target_ep, events, 0);
    }
    g_free(ep);
    return ret;
}

/*
 * cachestat(2): struct cachestat_range (two __u64) in, struct cachestat
 * (five __u64) out; include/uapi/linux/mman.h. Same layout on every ABI.
 */
abi_long qc_sys_cachestat(QC_SYSCALL_ARGS)
{
    abi_long fd = arg1;
    abi_ulong range = arg2, cstat = arg3, flags = arg4;
    uint64_t out[5];
    void *in, *outp = out;
    abi_long ret;

    in = qc_struct_in(range, 16, "88");
    if (cstat && !access_ok(thread_cpu, VERIFY_WRITE, cstat, sizeof(out))) {
        outp = QC_BAD_PTR;
    } else if (!cstat) {
        outp = NULL;
    }
    ret = get_errno(syscall(__NR_cachestat, (unsigned int)fd, in, outp,
                            (unsigned int)flags));
    qc_buf_free(in);
    if (ret == 0 && outp == out) {
        qc_swap_fields(out, sizeof(out), "88888");
        if (copy_to_user(cstat, out, sizeof(out))) {
            return -TARGET_EFAULT;
        }
    }
    return ret;
}

/*
 * struct xattr_args: matches include/uapi/linux/xattr.h
 * { __aligned_u64 value; __u32 size; __u32 flags; } (16 bytes everywhere).
 * value is a guest pointer; we hand the host a copy with a host pointer.
 */
#define QC_XATTR_ARGS_SIZE_VER0 16
#define QC_XATTR_SIZE_MAX 65536

/*
 * setxattrat/getxattrat: (dfd, path, at_flags, name, struct xattr_args *,
 * size): the struct's value pointer is a guest address, replaced by the
 * host's before the call.
 */
static abi_long qc_xattr_args_call(bool set, QC_SYSCALL_ARGS)
{
    char *p = qc_str_in(arg2);
    char *name = qc_str_in(arg4);
    struct { uint64_t value; uint32_t size, flags; } args = { 0 };
    uint8_t *uargs = NULL;
    void *val = NULL;
    abi_ulong gval = 0;
    size_t vlen = 0;
    abi_long ret;

    if (arg6 >= QC_XATTR_ARGS_SIZE_VER0 && arg6 <= TARGET_PAGE_SIZE) {
        uargs = qc_struct_in(arg5, arg6, "844");
        if (qc_ptr_ok(uargs)) {
            memcpy(&args, uargs, sizeof(args));
            gval = args.value;
            vlen = MIN(args.size, QC_XATTR_SIZE_MAX);
            if (args.value >> 32) {
                val = QC_BAD_PTR;
            } else if (set) {
                val = gval ? lock_user(VERIFY_READ, gval, vlen, 1) : NULL;
                if (gval && !val) {
                    val = QC_BAD_PTR;
                }
            } else {
                val = qc_buf_out(gval, vlen);
            }
            args.value = (uintptr_t)val;
            memcpy(uargs, &args, sizeof(args));
        }
    } else {
        /* The kernel rejects the size before reading the struct. */
        uargs = QC_BAD_PTR;
    }
    ret = get_errno(syscall(set ? __NR_setxattrat : __NR_getxattrat,
                            (int)arg1, p, (unsigned int)arg3, name, uargs,
                            (size_t)(abi_ulong)arg6));
    if (qc_ptr_ok(val)) {
        if (set) {
            unlock_user(val, gval, 0);
        } else {
            qc_buf_out_done(val, gval, ret > 0 ? ret : 0);
        }
    }
    qc_buf_free(uargs);
    qc_str_done(name, arg4);
    qc_str_done(p, arg2);
    return ret;
}

abi_long qc_sys_setxattrat(QC_SYSCALL_ARGS)
{
    return qc_xattr_args_call(true, QC_SYSCALL_FWD);
}

abi_long qc_sys_getxattrat(QC_SYSCALL_ARGS)
{
    return qc_xattr_args_call(false, QC_SYSCALL_FWD);
}

/* (dfd, path, at_flags, char *list, size) */
abi_long qc_sys_listxattrat(QC_SYSCALL_ARGS)
{
    char *p = qc_str_in(arg2);
    void *list = qc_buf_out(arg4, MIN((abi_ulong)arg5, QC_XATTR_SIZE_MAX));
    abi_long ret = get_errno(syscall(__NR_listxattrat, (int)arg1, p,
                                     (unsigned int)arg3, list,
                                     (size_t)(abi_ulong)arg5));

    qc_buf_out_done(list, arg4, ret > 0 ? ret : 0);
    qc_str_done(p, arg2);
    return ret;
}

/* (dfd, path, at_flags, name) */
abi_long qc_sys_removexattrat(QC_SYSCALL_ARGS)
{
    char *p = qc_str_in(arg2);
    char *name = qc_str_in(arg4);
    abi_long ret = get_errno(syscall(__NR_removexattrat, (int)arg1, p,
                                     (unsigned int)arg3, name));

    qc_str_done(name, arg4);
    qc_str_done(p, arg2);
    return ret;
}

/*
 * file_getattr/file_setattr: struct file_attr (abi/fs.h) has the same
 * layout on every ABI, so only a foreign-endian guest needs its fields
 * swapped.
 */
/* (dfd, path, struct file_attr *, size, at_flags) */
abi_long qc_sys_file_setattr(QC_SYSCALL_ARGS)
{
    abi_ulong usize = arg4;
    char *p = qc_str_in(arg2);
    void *buf = usize <= TARGET_PAGE_SIZE
                ? qc_struct_in(arg3, usize, QC_FILE_ATTR_LAYOUT) : QC_BAD_PTR;
    abi_long ret = get_errno(syscall(__NR_file_setattr, (int)arg1, p, buf,
                                     (size_t)usize, (unsigned int)arg5));

    qc_buf_free(buf);
    qc_str_done(p, arg2);
    return ret;
}

abi_long qc_sys_file_getattr(QC_SYSCALL_ARGS)
{
    abi_ulong usize = arg4;
    char *p = qc_str_in(arg2);
    void *buf = usize <= TARGET_PAGE_SIZE ? qc_buf_out(arg3, usize)
                                          : QC_BAD_PTR;
    abi_long ret = get_errno(syscall(__NR_file_getattr, (int)arg1, p, buf,
                                     (size_t)usize, (unsigned int)arg5));

    if (ret == 0 && qc_ptr_ok(buf)) {
        qc_swap_fields(buf, usize, QC_FILE_ATTR_LAYOUT);
    }
    qc_buf_out_done(buf, arg3, ret == 0 ? usize : 0);
    qc_str_done(p, arg2);
    return ret;
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
