/*
 * syscalls-new.h: what qemu-compat's new-syscall files (syscalls-new.c,
 * sys-*.c) share among themselves. Nothing here is called from upstream
 * code (that surface is qemu-compat.h).
 */
#ifndef LINUX_USER_SYSCALLS_NEW_H
#define LINUX_USER_SYSCALLS_NEW_H

#include "exec/user/thunk.h"

/*
 * Host syscall numbers Linux added after the build host's headers
 * (bookworm: 6.1). From 424 on every architecture but alpha, ia64 and the
 * MIPS ABIs uses one shared numbering (include/uapi/asm-generic/unistd.h,
 * arch/x86/entry/syscalls/syscall_64.tbl), which is what the hosts we
 * support (x86-64, aarch64) use.
 */
#if !defined(__x86_64__) && !defined(__aarch64__)
#error "qemu-compat: host syscall numbers for syscalls past 450 unknown"
#endif
#ifndef __NR_memfd_secret
#define __NR_memfd_secret 447
#endif
#ifndef __NR_cachestat
#define __NR_cachestat 451
#endif
#ifndef __NR_fchmodat2
#define __NR_fchmodat2 452
#endif
#ifndef __NR_futex_wake
#define __NR_futex_wake 454
#endif
#ifndef __NR_futex_wait
#define __NR_futex_wait 455
#endif
#ifndef __NR_futex_requeue
#define __NR_futex_requeue 456
#endif
#ifndef __NR_statmount
#define __NR_statmount 457
#endif
#ifndef __NR_listmount
#define __NR_listmount 458
#endif
#ifndef __NR_lsm_get_self_attr
#define __NR_lsm_get_self_attr 459
#endif
#ifndef __NR_lsm_set_self_attr
#define __NR_lsm_set_self_attr 460
#endif
#ifndef __NR_lsm_list_modules
#define __NR_lsm_list_modules 461
#endif
#ifndef __NR_mseal
#define __NR_mseal 462
#endif
#ifndef __NR_setxattrat
#define __NR_setxattrat 463
#endif
#ifndef __NR_getxattrat
#define __NR_getxattrat 464
#endif
#ifndef __NR_listxattrat
#define __NR_listxattrat 465
#endif
#ifndef __NR_removexattrat
#define __NR_removexattrat 466
#endif
#ifndef __NR_open_tree_attr
#define __NR_open_tree_attr 467
#endif
#ifndef __NR_file_getattr
#define __NR_file_getattr 468
#endif
#ifndef __NR_file_setattr
#define __NR_file_setattr 469
#endif
#ifndef __NR_listns
#define __NR_listns 470
#endif
#ifndef __NR_rseq_slice_yield
#define __NR_rseq_slice_yield 471
#endif

/* Upstream syscall.c functions (made non-static by patches/0006). */
int do_fork(CPUArchState *env, unsigned int flags, abi_ulong newsp,
            abi_ulong parent_tidptr, target_ulong newtls,
            abi_ulong child_tidptr);
int do_openat(CPUArchState *cpu_env, int dirfd, const char *pathname,
              int flags, mode_t mode);
abi_long do_sendrecvmmsg(int fd, abi_ulong target_msgvec,
                         unsigned int vlen, unsigned int flags, int send);
abi_long do_recvmmsg_timeout(int fd, abi_ulong target_msgvec,
                             unsigned int vlen, unsigned int flags,
                             abi_ulong target_timeout, bool time64);
extern const bitmask_transtbl fcntl_flags_tbl[];

/*
 * Field layouts for byte-swapping the new UAPI structs on big-endian guests.
 * Those structs are made of __u32/__u64 with explicit padding, so their
 * offsets are the same for i386, ARM EABI, MIPS o32 and the 64-bit host;
 * only the byte order differs (MIPS big-endian). A layout is a string of
 * field sizes, '4' or '8'; bytes past the layout are left as they are.
 */
void qc_swap_fields(void *buf, size_t len, const char *layout);

/*
 * Copy an extensible struct (copy_struct_from_user() semantics,
 * include/linux/uaccess.h) of usize guest bytes at gaddr into the host
 * buffer dst of ksize bytes: shorter input is zero-extended, longer input
 * must be zero past ksize (else -TARGET_E2BIG). Swaps per layout.
 */
abi_long qc_copy_struct_from_guest(void *dst, size_t ksize, abi_ulong gaddr,
                                   size_t usize, const char *layout);

/*
 * Guest pointers that the host kernel reads or writes itself. A guest
 * range that is not accessible becomes QC_BAD_PTR, an address no process
 * can access, so the host kernel answers EFAULT at exactly the point of its
 * own argument checks where it would for the guest (a NULL guest pointer
 * stays NULL: several of these calls give NULL a meaning).
 */
#define QC_BAD_PTR ((void *)(uintptr_t)-4096)
/* A guest string: host pointer, NULL, or QC_BAD_PTR. */
char *qc_str_in(abi_ulong gaddr);
void qc_str_done(char *p, abi_ulong gaddr);
/* A host copy of a guest input struct of usize bytes, swapped per layout
 * (NULL, QC_BAD_PTR, or g_malloc'd; release with qc_buf_free()). */
void *qc_struct_in(abi_ulong gaddr, size_t usize, const char *layout);
/* A guest output buffer locked in place (NULL, QC_BAD_PTR or host). */
void *qc_buf_out(abi_ulong gaddr, size_t len);
void qc_buf_out_done(void *p, abi_ulong gaddr, size_t len);
void qc_buf_free(void *p);
static inline bool qc_ptr_ok(const void *p)
{
    return p && p != QC_BAD_PTR;
}

/* struct __kernel_timespec (64-bit time) from the guest: 0 or -errno. */
abi_long qc_get_timespec64(struct timespec *ts, abi_ulong gaddr);

/* Lock a guest string that may be NULL (for AT_EMPTY_PATH style calls). */
abi_long qc_lock_path(char **p, abi_ulong gaddr, bool null_ok);

/* Family handlers; each returns a value or a negative target errno. */
abi_long qc_sys_clone3(CPUArchState *env, abi_ulong uargs, abi_ulong size);
abi_long qc_sys_openat2(CPUArchState *env, abi_long dirfd, abi_ulong path,
                        abi_ulong how, abi_ulong size);
abi_long qc_sys_pidfd_open(abi_long pid, abi_ulong flags);
abi_long qc_sys_process_madvise(abi_long pidfd, abi_ulong vec, abi_ulong vlen,
                                abi_long advice, abi_ulong flags);
abi_long qc_sys_epoll_pwait2(abi_long epfd, abi_ulong events,
                             abi_long maxevents, abi_ulong timeout,
                             abi_ulong sigmask, abi_ulong sigsetsize);
abi_long qc_sys_quotactl(abi_ulong cmd, abi_ulong special, abi_long id,
                         abi_ulong addr);
abi_long qc_sys_quotactl_fd(abi_long fd, abi_ulong cmd, abi_long id,
                            abi_ulong addr);
abi_long qc_sys_cachestat(abi_long fd, abi_ulong range, abi_ulong cstat,
                          abi_ulong flags);
abi_long qc_sys_xattrat(int num, abi_long dfd, abi_ulong path,
                        abi_ulong at_flags, abi_ulong name_or_list,
                        abi_ulong uargs_or_size, abi_ulong size);
abi_long qc_sys_file_attr(bool set, abi_long dfd, abi_ulong path,
                          abi_ulong ufattr, abi_ulong usize,
                          abi_ulong at_flags);
abi_long qc_sys_mount_api(int num, abi_long a1, abi_long a2, abi_long a3,
                          abi_long a4, abi_long a5);
abi_long qc_sys_statmount(abi_ulong req, abi_ulong buf, abi_ulong bufsize,
                          abi_ulong flags);
abi_long qc_sys_list_ids(bool ns, abi_ulong req, abi_ulong ids,
                         abi_ulong nr, abi_ulong flags);
abi_long qc_sys_futex_wait(abi_ulong uaddr, abi_ulong val, abi_ulong mask,
                           abi_ulong flags, abi_ulong timeout,
                           abi_long clockid);
abi_long qc_sys_futex_wake(abi_ulong uaddr, abi_ulong mask, abi_long nr,
                           abi_ulong flags);
abi_long qc_sys_futex_waitv(abi_ulong waiters, abi_ulong nr, abi_ulong flags,
                            abi_ulong timeout, abi_long clockid);
abi_long qc_sys_futex_requeue(abi_ulong waiters, abi_ulong flags,
                              abi_long nr_wake, abi_long nr_requeue);
abi_long qc_sys_landlock(int num, abi_long a1, abi_long a2, abi_long a3,
                         abi_long a4);
abi_long qc_sys_lsm(int num, abi_long a1, abi_long a2, abi_long a3,
                    abi_long a4);

/* sys-mm.c */
abi_long qc_sys_mlock2(abi_ulong start, abi_ulong len, abi_ulong flags);
abi_long qc_sys_pkey_mprotect(abi_ulong start, abi_ulong len, abi_ulong prot,
                              abi_long pkey);
abi_long qc_sys_remap_file_pages(abi_ulong start, abi_ulong size,
                                 abi_ulong prot, abi_ulong pgoff,
                                 abi_ulong flags);

#endif
