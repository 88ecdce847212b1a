/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * guest-access.h: what our handlers (qc/sys/, qc/abi/, ...) share among
 * themselves: guest-access.c's helpers and upstream functions patches/
 * export. Nothing here is called from upstream code (that surface is
 * qemu-compat.h).
 */
#ifndef QC_GUEST_ACCESS_H
#define QC_GUEST_ACCESS_H

#include "user/thunk.h"
#include "qemu-compat.h"
#include "dispatch/systable.h"

/* syscall.c's O_* translation table and its length (exported by patches/:
 * QEMU 10's tables have no sentinel row) */
extern const bitmask_transtbl fcntl_flags_tbl[];
extern const size_t fcntl_flags_tbl_len;
#define qc_fcntl_flags_to_host(flags) \
    target_to_host_bitmask_len((flags), fcntl_flags_tbl, fcntl_flags_tbl_len)

/*
 * Host syscall numbers Linux added after the build host's headers
 * (bookworm: 6.1), generated from the kernel's generic table
 * (linux-user/qc/syscalls/scripts_syscall.tbl) by scripts/gen-syscalls.
 */
#include "syscalls/qc-host-nr.h"


/*
 * Field layouts for byte-swapping the new UAPI structs on big-endian guests.
 * Those structs are made of __u32/__u64 with explicit padding, so their
 * offsets are the same for i386, ARM EABI, MIPS o32 and the 64-bit host;
 * only the byte order differs (MIPS big-endian). A layout is a string of
 * field sizes, '2', '4' or '8'; bytes past the layout are left as they are.
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


/* Lock a guest string that may be NULL (for AT_EMPTY_PATH style calls). */
abi_long qc_lock_path(char **p, abi_ulong gaddr, bool null_ok);

/* The handlers themselves (qc_sys_<name>) are declared in the generated
 * syscalls/qc-syscall-handlers.h (systable.h includes it). */

/*
 * A guest iovec array (cnt struct target_iovec at gvec) as host iovecs in a
 * scratch buffer (qc_scratch_alloc), as the kernel imports a compat iovec
 * (lib/iov_iter.c): more than UIO_MAXIOV entries or a negative 32-bit
 * length is EINVAL, an unreadable array EFAULT. local: the bases are this
 * guest's addresses; else another process's own. *total: the lengths' sum.
 */
struct iovec;
abi_long qc_iovec_in(abi_ulong gvec, abi_ulong cnt, bool local,
                     struct iovec **out, uint64_t *total);

#endif
