/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/exec.c: execveat, as the execve of the path it names.
 *
 * QEMU 7.2 emulates execve by a host execve of the guest's path (or, for a
 * foreign guest program, of the emulator: exec/exec-foreign.c), so execveat
 * becomes an execve of a path that names the same file:
 *   - AT_EMPTY_PATH with "": the descriptor itself, /proc/self/fd/N (the
 *     kernel calls the program /dev/fd/N: fs/exec.c alloc_bprm());
 *   - a relative path with a directory descriptor: /proc/self/fd/N/path;
 *   - an absolute path, or AT_FDCWD: the path as given.
 * Checked before that, in the kernel's order (fs/exec.c do_execveat_common,
 * do_open_execat): "" without AT_EMPTY_PATH ENOENT, unknown flags EINVAL, a
 * bad descriptor EBADF, a
 * non-directory with a relative path ENOTDIR, AT_SYMLINK_NOFOLLOW and a
 * symbolic link ELOOP.
 *
 * A name made from a close-on-exec descriptor (fexecve() of an O_CLOEXEC
 * descriptor) is gone once the exec has closed the descriptor; the kernel
 * notes it (alloc_bprm(): BINPRM_FLAGS_PATH_INACCESSIBLE), runs an ELF
 * program all the same (it opened it before), and refuses with ENOENT,
 * in the caller, a "#!" script (binfmt_script) or a program binfmt_misc
 * would hand to an interpreter by name. qc_exec_path_gone() tells
 * exec/exec-foreign.c, which does the same for scripts and hands a foreign ELF
 * program to its emulator open (-execfd).
 *
 * Both are table handlers (qc_sys_execve, qc_sys_execveat): the argument
 * and environment arrays are read here, in the kernel's order and with its
 * limits, and the program then runs by a host execve of the path (or, for a
 * foreign program, of its emulator: exec/exec-foreign.c).
 */
#include "qemu/osdep.h"
#include <sys/resource.h>
#include <sys/syscall.h>
#include "qemu.h"
#include "user-internals.h"
#include "user/safe-syscall.h"
#include "qc-internal.h"
#include "dispatch/systable.h"

/* The path of this thread's exec names a close-on-exec descriptor. */
static __thread bool qc_xat_gone;

bool qc_exec_path_gone(void)
{
    return qc_xat_gone;
}

/*
 * The host path the exec runs for the guest path p: /proc/self/exe is the
 * guest program, not the emulator; execveat's (dirfd, p, flags) name a
 * path as above. NULL with *err set when the kernel refuses them.
 */
static const char *qc_exec_path(const char *p, bool at, int dirfd, int flags,
                                char *buf, size_t size, abi_long *err)
{
    const char *path = p;
    struct stat st;
    int fdflags;

    qc_xat_gone = false;
    if (!at) {
        return qc_self_exe_path(p, 0);      /* execve */
    }

    /* getname_flags() first, then do_open_execat()'s flag check */
    if (*p == '\0' && !(flags & AT_EMPTY_PATH)) {
        *err = -TARGET_ENOENT;
        return NULL;
    }
    if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)) {
        *err = -TARGET_EINVAL;
        return NULL;
    }
    if (*p != '/' && dirfd != AT_FDCWD) {
        fdflags = fcntl(dirfd, F_GETFD);
        if (fdflags < 0) {
            *err = -TARGET_EBADF;
            return NULL;
        }
        if (*p == '\0') {
            snprintf(buf, size, "/proc/self/fd/%d", dirfd);
        } else {
            if (fstat(dirfd, &st) == 0 && !S_ISDIR(st.st_mode)) {
                *err = -TARGET_ENOTDIR;
                return NULL;
            }
            if (snprintf(buf, size, "/proc/self/fd/%d/%s", dirfd, p) >= size) {
                *err = -TARGET_ENAMETOOLONG;
                return NULL;
            }
        }
        path = buf;
        qc_xat_gone = fdflags & FD_CLOEXEC;
    } else if (*p == '\0') {
        path = ".";                         /* the cwd: EACCES, as the kernel */
    }
    if ((flags & AT_SYMLINK_NOFOLLOW) &&
        fstatat(AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
        S_ISLNK(st.st_mode) && *p != '\0') {
        *err = -TARGET_ELOOP;
        return NULL;
    }
    return qc_self_exe_path(path, flags & AT_SYMLINK_NOFOLLOW);
}

/*
 * The most argv plus envp pointers execve takes, from fs/exec.c
 * bprm_stack_limits(): a quarter of RLIMIT_STACK, at most 3/4 of _STK_LIM
 * (8 MiB), at least ARG_MAX (32 pages), in 8-byte kernel pointers (also
 * for a compat task); as many or more is E2BIG, before any string is read.
 */
static int qc_exec_max_pointers(void)
{
    struct rlimit rl;
    uint64_t limit = (8 << 20) / 4 * 3;

    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
        limit = MIN(limit, (uint64_t)rl.rlim_cur / 4);
    }
    limit = MAX(limit, 32 * 4096);
    return limit / 8;
}

/* The pointers of a NULL-terminated guest array (argv or envp), counted up
 * to max: 0, or -TARGET_EFAULT for one that cannot be read. */
static abi_long qc_exec_count(abi_ulong vec, int max, int *n)
{
    abi_ulong s;

    for (*n = 0; vec && *n < max; (*n)++) {
        if (get_user_ual(s, vec + *n * sizeof(abi_ulong))) {
            return -TARGET_EFAULT;
        }
        if (!s) {
            break;
        }
    }
    return 0;
}

/* Its n strings locked into out[0..n) (out[n] NULL), their guest addresses
 * kept in gaddr[] for qc_exec_unlock(). */
static abi_long qc_exec_strings(abi_ulong vec, int n, char **out,
                                abi_ulong *gaddr)
{
    for (int i = 0; i < n; i++) {
        if (get_user_ual(gaddr[i], vec + i * sizeof(abi_ulong)) ||
            !gaddr[i] || !(out[i] = lock_user_string(gaddr[i]))) {
            return -TARGET_EFAULT;
        }
    }
    return 0;
}

static void qc_exec_unlock(char **v, const abi_ulong *gaddr, int n)
{
    for (int i = 0; i < n && v[i]; i++) {
        unlock_user(v[i], gaddr[i], 0);
    }
}

static abi_long qc_exec(CPUArchState *env, abi_ulong pathaddr, abi_ulong argv,
                        abi_ulong envp, bool at, int dirfd, int flags)
{
    int maxptrs = qc_exec_max_pointers();
    char xbuf[PATH_MAX + 32];
    char **hargv, **henvp, *p;
    abi_ulong *ga, *ge;
    const char *xp;
    int argc, envc;
    abi_long ret;

    if ((ret = qc_exec_count(argv, maxptrs, &argc)) ||
        (ret = qc_exec_count(envp, maxptrs, &envc))) {
        return ret;
    }
    if (MAX(argc, 1) + envc >= maxptrs) {
        return -TARGET_E2BIG;
    }
    /* scratch: do_syscall() frees it, also after a fault */
    hargv = qc_scratch_alloc((argc + 1) * sizeof(char *));
    henvp = qc_scratch_alloc((envc + 2) * sizeof(char *));
    ga = qc_scratch_alloc((argc + envc + 1) * sizeof(abi_ulong));
    if (!hargv || !henvp || !ga) {
        return -TARGET_ENOMEM;
    }
    memset(hargv, 0, (argc + 1) * sizeof(char *));
    memset(henvp, 0, (envc + 2) * sizeof(char *));
    ge = ga + argc;
    ret = qc_exec_strings(argv, argc, hargv, ga);
    if (!ret) {
        ret = qc_exec_strings(envp, envc, henvp, ge);
    }
    if (!ret && !(p = lock_user_string(pathaddr))) {
        ret = -TARGET_EFAULT;
    }
    if (!ret) {
        xp = qc_exec_path(p, at, dirfd, flags, xbuf, sizeof(xbuf), &ret);
        if (xp) {
            qc_robust_list_exec(env, xp);
            /*
             * The host execve goes through safe_syscall, as upstream's
             * does: a guest signal that arrives first interrupts it (and is
             * delivered) instead of being lost when the process leaves
             * QEMU's control.
             */
            /* the guest's seccomp filters go with it (sys/seccomp.c) */
            char *senv = qc_seccomp_exec_env();

            henvp[envc] = senv;
            if (!qc_exec_foreign(xp, hargv, henvp, &ret)) {
                ret = get_errno(safe_syscall(__NR_execve, xp, hargv, henvp));
            }
            henvp[envc] = NULL;
            if (senv) {         /* the exec failed: the memfd is ours again */
                close(atoi(strchr(senv, '=') + 1));
                g_free(senv);
            }
        }
        unlock_user(p, pathaddr, 0);
    }
    qc_exec_unlock(henvp, ge, envc);
    qc_exec_unlock(hargv, ga, argc);
    return ret;
}

abi_long qc_sys_execve(QC_SYSCALL_ARGS)
{
    return qc_exec(cpu_env, arg1, arg2, arg3, false, AT_FDCWD, 0);
}

/* (dirfd, path, argv, envp, flags) */
abi_long qc_sys_execveat(QC_SYSCALL_ARGS)
{
    return qc_exec(cpu_env, arg2, arg3, arg4, true, arg1, arg5);
}
