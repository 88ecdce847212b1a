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
 * syscall.c's execve case calls qc_execveat_begin() for execveat and then
 * qc_exec_path() for both calls (at: true for execveat; a begin whose call
 * failed before its path was resolved is overwritten by the next one).
 */
#include "qemu/osdep.h"
#include "qemu.h"
#include "user-internals.h"
#include "qc-internal.h"

/* This thread's execveat in progress: its descriptor and flags. */
static __thread int qc_xat_dirfd = AT_FDCWD;
static __thread int qc_xat_flags;
/* The path of this thread's exec names a close-on-exec descriptor. */
static __thread bool qc_xat_gone;

bool qc_exec_path_gone(void)
{
    return qc_xat_gone;
}

abi_long qc_execveat_begin(abi_long dirfd, abi_long flags)
{
    qc_xat_dirfd = dirfd;
    qc_xat_flags = flags;
    return 0;
}

const char *qc_exec_path(const char *p, bool at, char *buf, size_t size,
                         abi_long *err)
{
    int dirfd = qc_xat_dirfd, flags = qc_xat_flags;
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
