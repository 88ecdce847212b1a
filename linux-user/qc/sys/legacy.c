/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/legacy.c: the pre-glibc-2.0 calls still in the 32-bit tables, as a
 * 64-bit kernel answers a 32-bit task (QEMU 7.2 answered ENOSYS):
 * olduname/oldolduname (MIPS unused109/unused59), ustat, sysfs, signal and
 * the old stat calls. Their structs are the uapi ones, named here with the
 * header they come from; tests/guest/legacy.c checks every field against
 * the current calls, natively on an IA32 kernel too (tests/device).
 */
#include "qemu/osdep.h"
#include "qemu/path.h"
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include "qemu.h"
#include "user-internals.h"
#include "signal-common.h"
#include "uname.h"
#include "qc-internal.h"
#include "dispatch/systable.h"
#include "abi/legacy.h"

/* the host's struct ustat (glibc no longer ships sys/ustat.h) */
struct host_ustat {
    int f_tfree;
    unsigned long f_tinode;
    char f_fname[6];
    char f_fpack[6];
};

/*
 * olduname (oldold_utsname, 8 characters a field) and the old uname
 * (old_utsname): kernel/sys.c, with the machine and release a guest of this
 * emulator sees in uname (cpu_to_uname_machine, -r).
 */
#if defined(TARGET_I386) || defined(TARGET_MIPS)
static void qc_utsname_fields(CPUArchState *env, struct utsname *u)
{
    uname(u);
    g_strlcpy(u->machine, cpu_to_uname_machine(env), sizeof(u->machine));
    if (qemu_uname_release && *qemu_uname_release) {
        g_strlcpy(u->release, qemu_uname_release, sizeof(u->release));
    }
}

/* The five fields (sysname, nodename, release, version, machine) of n
 * bytes each, every string cut to n - 1 characters and NUL-padded. */
static abi_long qc_put_utsname(CPUArchState *env, abi_ulong addr, size_t n)
{
    struct utsname u;
    const char *f[5];
    char *t;
    int i;

    qc_utsname_fields(env, &u);
    f[0] = u.sysname;
    f[1] = u.nodename;
    f[2] = u.release;
    f[3] = u.version;
    f[4] = u.machine;
    if (!addr || !(t = lock_user(VERIFY_WRITE, addr, 5 * n, 0))) {
        return -TARGET_EFAULT;
    }
    memset(t, 0, 5 * n);
    for (i = 0; i < 5; i++) {
        g_strlcpy(t + i * n, f[i], n);
    }
    unlock_user(t, addr, 5 * n);
    return 0;
}
#endif

/* __OLD_UTS_LEN (8) characters and a NUL */
#define QC_OLDOLD_UTS_FIELD sizeof(((struct target_oldold_utsname *)0)->sysname)
#define QC_OLD_UTS_FIELD sizeof(((struct target_old_utsname *)0)->sysname)

#ifdef TARGET_I386
abi_long qc_sys_oldolduname(QC_SYSCALL_ARGS)
{
    return qc_put_utsname(cpu_env, arg1, QC_OLDOLD_UTS_FIELD);
}

abi_long qc_sys_olduname(QC_SYSCALL_ARGS)
{
    return qc_put_utsname(cpu_env, arg1, QC_OLD_UTS_FIELD);
}
#endif

#ifdef TARGET_MIPS
/* o32 keeps the same entry points under the names unused59 and unused109 */
abi_long qc_sys_unused59(QC_SYSCALL_ARGS)
{
    return qc_put_utsname(cpu_env, arg1, QC_OLDOLD_UTS_FIELD);
}

abi_long qc_sys_unused109(QC_SYSCALL_ARGS)
{
    return qc_put_utsname(cpu_env, arg1, QC_OLD_UTS_FIELD);
}
#endif

/*
 * ustat: the host's, narrowed as compat_sys_ustat() narrows it (fs/statfs.c:
 * f_tfree and f_tinode truncated, no EOVERFLOW). The device number is the
 * same new_encode_dev() word for every ABI.
 */
abi_long qc_sys_ustat(QC_SYSCALL_ARGS)
{
    abi_ulong dev = arg1, addr = arg2;
    struct host_ustat h;
    struct target_ustat *t;
    long r = syscall(SYS_ustat, (unsigned int)dev, &h);

    if (r < 0) {
        return get_errno(r);
    }
    if (!(t = lock_user(VERIFY_WRITE, addr, sizeof(*t), 0))) {
        return -TARGET_EFAULT;
    }
    memset(t, 0, sizeof(*t));
    __put_user(h.f_tfree, &t->f_tfree);
    __put_user((uint32_t)h.f_tinode, &t->f_tinode);
    memcpy(t->f_fname, h.f_fname, sizeof(t->f_fname));
    memcpy(t->f_fpack, h.f_fpack, sizeof(t->f_fpack));
    unlock_user(t, addr, sizeof(*t));
    return 0;
}

/*
 * sysfs (fs/filesystems.c): 1 name -> index, 2 index -> name, 3 count; the
 * host's answer, EINVAL for anything else. Where the host kernel has no
 * sysfs syscall (CONFIG_SYSFS_SYSCALL=n) the guest gets its ENOSYS, as it
 * would from that kernel.
 */
abi_long qc_sys_sysfs(QC_SYSCALL_ARGS)
{
    abi_long option = arg1;
    char name[256];
    abi_long ret;
    void *p;

    switch (option) {
    case 1:
        if (!(p = lock_user_string(arg2))) {
            return -TARGET_EFAULT;
        }
        ret = get_errno(syscall(SYS_sysfs, 1, p));
        unlock_user(p, arg2, 0);
        return ret;
    case 2:
        ret = get_errno(syscall(SYS_sysfs, 2, (unsigned int)arg2, name));
        if (ret < 0) {
            return ret;
        }
        name[sizeof(name) - 1] = '\0';
        if (!(p = lock_user(VERIFY_WRITE, arg3, strlen(name) + 1, 0))) {
            return -TARGET_EFAULT;
        }
        memcpy(p, name, strlen(name) + 1);
        unlock_user(p, arg3, strlen(name) + 1);
        return ret;
    case 3:
        return get_errno(syscall(SYS_sysfs, 3));
    default:
        return -TARGET_EINVAL;
    }
}

/*
 * signal (i386): sigaction with SA_ONESHOT | SA_NOMASK and an empty mask;
 * the old handler is the result (kernel/signal.c sys_signal).
 */
#ifdef TARGET_I386
abi_long qc_sys_signal(QC_SYSCALL_ARGS)
{
    abi_long sig = arg1;
    abi_ulong handler = arg2;
    struct target_sigaction act, oact;
    abi_long ret;

    memset(&act, 0, sizeof(act));
    act._sa_handler = tswapal(handler);
    act.sa_flags = tswapal(TARGET_SA_RESETHAND | TARGET_SA_NODEFER);
    ret = do_sigaction(sig, &act, &oact, 0);
    return ret ? ret : (abi_long)tswapal(oact._sa_handler);
}
/* include/linux/highuid.h: an id above 65535 is the overflow id */
static uint16_t qc_low16_id(uint32_t id)
{
    return id & ~0xffffu ? 65534 : id;
}

/*
 * oldstat, oldlstat, oldfstat: fs/stat.c cp_old_stat() of a 64-bit kernel:
 * EOVERFLOW for an inode number or link count that does not fit 16 bits,
 * devices in the old 8:8 encoding, high ids as the overflow id, the size
 * and times truncated to 32 bits (no MAX_NON_LFS check on a 64-bit kernel).
 */
static abi_long qc_put_old_stat(const struct stat *st, abi_ulong addr)
{
    struct target_old_kernel_stat *t;

    if (st->st_ino > 0xffff || st->st_nlink > 0xffff) {
        return -TARGET_EOVERFLOW;
    }
    if (!(t = lock_user(VERIFY_WRITE, addr, sizeof(*t), 0))) {
        return -TARGET_EFAULT;
    }
    memset(t, 0, sizeof(*t));
    __put_user((major(st->st_dev) << 8) | minor(st->st_dev), &t->dev);
    __put_user(st->st_ino, &t->ino);
    __put_user(st->st_mode, &t->mode);
    __put_user(st->st_nlink, &t->nlink);
    __put_user(qc_low16_id(st->st_uid), &t->uid);
    __put_user(qc_low16_id(st->st_gid), &t->gid);
    __put_user((major(st->st_rdev) << 8) | minor(st->st_rdev), &t->rdev);
    __put_user((uint32_t)st->st_size, &t->size);
    __put_user((uint32_t)st->st_atime, &t->atime);
    __put_user((uint32_t)st->st_mtime, &t->mtime);
    __put_user((uint32_t)st->st_ctime, &t->ctime);
    unlock_user(t, addr, sizeof(*t));
    return 0;
}

static abi_long qc_old_stat_path(bool follow, abi_ulong pathaddr,
                                 abi_ulong addr)
{
    struct stat st;
    abi_long ret;
    char *p = lock_user_string(pathaddr);

    if (!p) {
        return -TARGET_EFAULT;
    }
    ret = get_errno(fstatat(AT_FDCWD, path(qc_self_exe_path(p, 0)), &st,
                            follow ? 0 : AT_SYMLINK_NOFOLLOW));
    unlock_user(p, pathaddr, 0);
    return ret ? ret : qc_put_old_stat(&st, addr);
}

abi_long qc_sys_oldstat(QC_SYSCALL_ARGS)
{
    return qc_old_stat_path(true, arg1, arg2);
}

abi_long qc_sys_oldlstat(QC_SYSCALL_ARGS)
{
    return qc_old_stat_path(false, arg1, arg2);
}

abi_long qc_sys_oldfstat(QC_SYSCALL_ARGS)
{
    struct stat st;
    abi_long ret = get_errno(fstat(arg1, &st));

    return ret ? ret : qc_put_old_stat(&st, arg2);
}
#endif

#ifdef TARGET_MIPS
/* arch/mips/include/asm/sysmips.h */
#define QC_MIPS_FLUSH_CACHE     3
#define QC_MIPS_FIXADE          7
#define QC_MIPS_ATOMIC_SET      2001

/*
 * sysmips (arch/mips/kernel/syscall.c): MIPS_ATOMIC_SET swaps a word
 * atomically and returns the old one (EINVAL for a misaligned address or
 * one past TASK_SIZE, EFAULT for one not writable); MIPS_FIXADE takes flags
 * 0-3 and turns the emulation of unaligned accesses off (bit 0 clear) or on
 * for the calling thread (cpu/mips-unaligned.c); FLUSH_CACHE does nothing
 * visible; anything
 * else is EINVAL. (An old word between -1133 and -1 would read as an error
 * to the guest's libc, as QEMU's o32 return convention has it.)
 */
abi_long qc_sys_sysmips(QC_SYSCALL_ARGS)
{
    abi_long cmd = arg1;
    abi_ulong addr = arg2, val = arg3;
    uint32_t *p, old;

    switch (cmd) {
    case QC_MIPS_ATOMIC_SET:
        if ((addr & 3) || !guest_addr_valid_untagged(addr)) {
            return -TARGET_EINVAL;
        }
        p = lock_user(VERIFY_WRITE, addr, 4, 0);
        if (!p) {
            return -TARGET_EFAULT;
        }
        old = tswap32(qatomic_xchg(p, tswap32(val)));
        unlock_user(p, addr, 4);
        return old;
    case QC_MIPS_FIXADE:
        return qc_mips_fixade(cpu_env, addr);
    case QC_MIPS_FLUSH_CACHE:
        return 0;
    default:
        return -TARGET_EINVAL;
    }
}
#endif
