/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * abi/dirent32.c: directory offsets a 32-bit guest can hold.
 *
 * A 64-bit host kernel hands out 64-bit directory positions: ext4 with
 * dir_index returns the 63-bit hash ((major >> 1) << 32 | minor, see
 * fs/ext4/dir.c hash2pos()) as d_off and accepts it back from lseek(). For a
 * compat (32-bit) task the kernel returns 31-bit positions instead
 * (is_32bit_api() in the same file), but the emulator's syscalls are 64-bit
 * ones. A 32-bit glibc then fails: its non-LFS readdir() reads with
 * getdents64 and returns EOVERFLOW when d_off does not fit in its 32-bit
 * off_t, and telldir() values are truncated.
 *
 * So every directory position the guest sees passes through a cookie map:
 *  - host positions below QC_DIR_COOKIE_BASE (tmpfs, btrfs, xfs indexes, 0
 *    for rewinddir) are shown unchanged;
 *  - the host's end-of-directory for 64-bit hashes (0x7fffffffffffffff,
 *    EXT4_HTREE_EOF_64BIT) becomes the 32-bit one (0x7fffffff), as a compat
 *    task sees;
 *  - any other position gets the next free cookie in
 *    [QC_DIR_COOKIE_BASE, 0x7fffffff), remembered per directory.
 * The map is keyed by the directory's (st_dev, st_ino), not by fd: host
 * positions are properties of the directory, so every open of it, every
 * dup of an fd and (the map being process memory) both sides of a fork read
 * the same cookies. lseek() and _llseek() translate a cookie back to the
 * host position on a directory and the resulting position forward again.
 */
#include "qemu/osdep.h"
#include "qemu/thread.h"
#include "qemu.h"
#include "user-internals.h"
#include "qemu-compat.h"
#include "dispatch/systable.h"
#include <sys/syscall.h>
#include "abi/dirent.h"

/* Positions below this are shown to the guest as they are. */
#define QC_DIR_COOKIE_BASE  0x40000000ULL
/* The 32-bit end of directory (EXT4_HTREE_EOF_32BIT in fs/ext4/ext4.h). */
#define QC_DIR_EOF_32       0x7fffffffULL
/* The 64-bit one (EXT4_HTREE_EOF_64BIT). */
#define QC_DIR_EOF_64       0x7fffffffffffffffULL

/*
 * struct target_dirent (syscall_defs.h) matches struct compat_linux_dirent in
 * fs/readdir.c: compat_ulong_t d_ino, d_off; unsigned short d_reclen; name;
 * the d_type byte is the record's last byte.
 */
QEMU_BUILD_BUG_ON(offsetof(struct target_dirent, d_off) != 4);
QEMU_BUILD_BUG_ON(offsetof(struct target_dirent, d_reclen) != 8);
QEMU_BUILD_BUG_ON(offsetof(struct target_dirent, d_name) != 10);
/*
 * struct target_dirent64 matches struct linux_dirent64 in
 * include/linux/dirent.h (the same on every ABI but for tail alignment).
 */
QEMU_BUILD_BUG_ON(offsetof(struct target_dirent64, d_off) != 8);
QEMU_BUILD_BUG_ON(offsetof(struct target_dirent64, d_reclen) != 16);
QEMU_BUILD_BUG_ON(offsetof(struct target_dirent64, d_type) != 18);
QEMU_BUILD_BUG_ON(offsetof(struct target_dirent64, d_name) != 19);

/* The host's record, as getdents64 fills it (include/linux/dirent.h). */
struct host_dirent64 {
    uint64_t d_ino;
    int64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

typedef struct QcDirMap {
    dev_t dev;
    ino_t ino;
    GHashTable *to_cookie;   /* host position -> cookie (both uint64 keys) */
    GArray *to_host;         /* cookie - QC_DIR_COOKIE_BASE -> host position */
} QcDirMap;

static QemuMutex qc_dir_lock;
static GHashTable *qc_dir_maps;  /* "dev:ino" key -> QcDirMap */

static void __attribute__((constructor)) qc_dir_init(void)
{
    qemu_mutex_init(&qc_dir_lock);
}

static guint qc_u64_hash(gconstpointer p)
{
    uint64_t v = *(const uint64_t *)p;
    return (guint)(v ^ (v >> 32));
}

static gboolean qc_u64_equal(gconstpointer a, gconstpointer b)
{
    return *(const uint64_t *)a == *(const uint64_t *)b;
}

static guint qc_devino_hash(gconstpointer p)
{
    const QcDirMap *m = p;
    return (guint)(m->ino ^ (m->ino >> 32) ^ m->dev);
}

static gboolean qc_devino_equal(gconstpointer a, gconstpointer b)
{
    const QcDirMap *x = a, *y = b;
    return x->dev == y->dev && x->ino == y->ino;
}

/* The map of the directory open as fd; NULL if fd is not a directory. */
static QcDirMap *qc_dir_map(int fd)
{
    struct stat st;
    QcDirMap key, *m;

    if (fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode)) {
        return NULL;
    }
    key.dev = st.st_dev;
    key.ino = st.st_ino;
    if (!qc_dir_maps) {
        qc_dir_maps = g_hash_table_new(qc_devino_hash, qc_devino_equal);
    }
    m = g_hash_table_lookup(qc_dir_maps, &key);
    if (!m) {
        m = g_new0(QcDirMap, 1);
        m->dev = key.dev;
        m->ino = key.ino;
        m->to_cookie = g_hash_table_new_full(qc_u64_hash, qc_u64_equal,
                                             g_free, NULL);
        m->to_host = g_array_new(false, false, sizeof(uint64_t));
        g_hash_table_insert(qc_dir_maps, m, m);
    }
    return m;
}

static bool qc_dir_pos_is_small(uint64_t pos)
{
    return pos < QC_DIR_COOKIE_BASE;
}

/* Host position -> guest cookie (the map lock held when m != NULL). */
static uint64_t qc_dir_cookie(QcDirMap *m, uint64_t pos)
{
    gpointer v;
    uint64_t *k;
    uint64_t cookie;

    if (qc_dir_pos_is_small(pos) || !m) {
        return pos;
    }
    if (pos == QC_DIR_EOF_64) {
        return QC_DIR_EOF_32;
    }
    v = g_hash_table_lookup(m->to_cookie, &pos);
    if (v) {
        return GPOINTER_TO_SIZE(v);
    }
    cookie = QC_DIR_COOKIE_BASE + m->to_host->len;
    if (cookie >= QC_DIR_EOF_32) {
        /* A billion distinct positions in one directory: give up honestly. */
        return pos;
    }
    g_array_append_val(m->to_host, pos);
    k = g_new(uint64_t, 1);
    *k = pos;
    g_hash_table_insert(m->to_cookie, k, GSIZE_TO_POINTER(cookie));
    return cookie;
}

/* Guest cookie -> host position; unknown cookies go to the host as they are. */
static uint64_t qc_dir_host_pos(QcDirMap *m, uint64_t cookie)
{
    if (qc_dir_pos_is_small(cookie) || !m) {
        return cookie;
    }
    if (cookie == QC_DIR_EOF_32) {
        return QC_DIR_EOF_64;
    }
    if (cookie - QC_DIR_COOKIE_BASE < m->to_host->len) {
        return g_array_index(m->to_host, uint64_t, cookie - QC_DIR_COOKIE_BASE);
    }
    return cookie;
}

/*
 * getdents (old struct, compat_linux_dirent) and getdents64 for the guest.
 * Both read the host's getdents64 records and convert them one by one; the
 * host record is never smaller than the guest's, so a guest buffer of count
 * bytes always holds what a host buffer of count bytes returned.
 */
static abi_long qc_getdents_common(int fd, abi_ulong guest_buf,
                                   abi_ulong count, bool is64)
{
    char *hbuf;
    char *tbuf;
    QcDirMap *m = NULL;
    bool looked = false;
    long hlen;
    off_t start = -1;
    abi_long toff = 0;
    int64_t last_pos;
    long hoff;

    /* The kernel's own limit: count is an int (fs/readdir.c). */
    if ((int)count < 0) {
        return -TARGET_EINVAL;
    }
    count = MIN(count, 1 << 20);
    /* freed by do_syscall(), also after a fault on the guest's buffer */
    hbuf = qc_scratch_alloc(count);
    if (!hbuf) {
        return -TARGET_ENOMEM;
    }
    if (!is64) {
        /* Where to return to if the first record cannot be given. */
        start = lseek(fd, 0, SEEK_CUR);
    }
    hlen = syscall(__NR_getdents64, fd, hbuf, count);
    if (hlen < 0) {
        return get_errno(-1);
    }
    if (hlen == 0) {
        return 0;
    }
    tbuf = lock_user(VERIFY_WRITE, guest_buf, count, 0);
    if (!tbuf) {
        return -TARGET_EFAULT;
    }
    last_pos = start;
    for (hoff = 0; hoff < hlen; ) {
        struct host_dirent64 *hde = (void *)(hbuf + hoff);
        size_t namelen = strlen(hde->d_name);
        abi_ulong treclen;
        uint64_t cookie;
        abi_long err = 0;

        if (is64) {
            treclen = QEMU_ALIGN_UP(offsetof(struct target_dirent64, d_name) +
                                    namelen + 1,
                                    __alignof(struct target_dirent64));
        } else {
            treclen = QEMU_ALIGN_UP(offsetof(struct target_dirent, d_name) +
                                    namelen + 2,
                                    __alignof(struct target_dirent));
            /*
             * compat_filldir(): a d_ino that does not fit the compat
             * unsigned long is EOVERFLOW (given if nothing was filled yet).
             */
            if ((abi_ulong)hde->d_ino != hde->d_ino) {
                err = -TARGET_EOVERFLOW;
            }
        }
        if (!err && toff + treclen > count) {
            err = -TARGET_EINVAL;
        }
        if (err) {
            if (toff == 0) {
                toff = err;
            }
            /* Put the position back at the first record not returned. */
            if (last_pos >= 0) {
                lseek(fd, last_pos, SEEK_SET);
            }
            break;
        }

        /*
         * The map lock only around the map: the records go to guest
         * memory, where a fault returns from the syscall (EFAULT,
         * host/host-fault.c) and would leave the lock held.
         */
        if (!qc_dir_pos_is_small(hde->d_off)) {
            qemu_mutex_lock(&qc_dir_lock);
            if (!looked) {
                m = qc_dir_map(fd);
                looked = true;
            }
            cookie = qc_dir_cookie(m, hde->d_off);
            qemu_mutex_unlock(&qc_dir_lock);
        } else {
            cookie = hde->d_off;
        }
        if (is64) {
            struct target_dirent64 *tde = (void *)(tbuf + toff);
            tde->d_ino = tswap64(hde->d_ino);
            tde->d_off = tswap64(cookie);
            tde->d_reclen = tswap16(treclen);
            tde->d_type = hde->d_type;
            memcpy(tde->d_name, hde->d_name, namelen + 1);
        } else {
            struct target_dirent *tde = (void *)(tbuf + toff);
            tde->d_ino = tswapal(hde->d_ino);
            tde->d_off = tswapal(cookie);
            tde->d_reclen = tswap16(treclen);
            memcpy(tde->d_name, hde->d_name, namelen + 1);
            /* The type is in the record's last byte (compat_filldir()). */
            tbuf[toff + treclen - 1] = hde->d_type;
        }
        last_pos = hde->d_off;
        toff += treclen;
        hoff += hde->d_reclen;
    }
    unlock_user(tbuf, guest_buf, toff > 0 ? toff : 0);
    return toff;
}

/*
 * readdir (i386, MIPS o32): one entry per call (fs/readdir.c
 * compat_old_readdir, compat_fillonedir): 1, or 0 at the end; d_offset is
 * the entry's own position (as a cookie), the name is NUL-terminated, and
 * the count argument is ignored, as the kernel ignores it. The host reads a
 * buffer of entries; the position is put back after the first.
 */
abi_long qc_sys_readdir(QC_SYSCALL_ARGS)
{
    int fd = arg1;
    abi_ulong guest_dirent = arg2;
    char hbuf[4096] __attribute__((aligned(8)));
    struct host_dirent64 *hde = (void *)hbuf;
    struct target_old_linux_dirent *tde;
    off_t start = lseek(fd, 0, SEEK_CUR);
    long hlen = syscall(__NR_getdents64, fd, hbuf, sizeof(hbuf));
    size_t namelen, tlen;
    uint64_t cookie;

    if (hlen <= 0) {
        return hlen < 0 ? get_errno(-1) : 0;
    }
    namelen = strlen(hde->d_name);
    tlen = offsetof(struct target_old_linux_dirent, d_name) + namelen + 1;
    if ((abi_ulong)hde->d_ino != hde->d_ino) {
        lseek(fd, start, SEEK_SET);
        return -TARGET_EOVERFLOW;
    }
    tde = lock_user(VERIFY_WRITE, guest_dirent, tlen, 0);
    if (!tde) {
        lseek(fd, start, SEEK_SET);
        return -TARGET_EFAULT;
    }
    qemu_mutex_lock(&qc_dir_lock);
    cookie = qc_dir_cookie(qc_dir_pos_is_small(start) ? NULL : qc_dir_map(fd),
                           start);
    qemu_mutex_unlock(&qc_dir_lock);
    __put_user((abi_ulong)hde->d_ino, &tde->d_ino);
    __put_user((abi_ulong)cookie, &tde->d_offset);
    __put_user((uint16_t)namelen, &tde->d_namlen);
    memcpy(tde->d_name, hde->d_name, namelen + 1);
    unlock_user(tde, guest_dirent, tlen);
    lseek(fd, hde->d_off, SEEK_SET);
    return 1;
}

abi_long qc_sys_getdents(QC_SYSCALL_ARGS)
{
    return qc_getdents_common(arg1, arg2, arg3, false);
}

abi_long qc_sys_getdents64(QC_SYSCALL_ARGS)
{
    return qc_getdents_common(arg1, arg2, arg3, true);
}

/*
 * lseek(2) with the host's calling convention (-1 and errno on failure),
 * for the guest's lseek and _llseek: on a directory a cookie is
 * translated to the host position and the resulting position back to a
 * cookie. Regular files are only looked at (fstat) when an offset or result
 * is in the cookie range, so ordinary seeks cost nothing extra.
 */
static int64_t qc_dir_lseek(int fd, int64_t offset, int whence)
{
    QcDirMap *m = NULL;
    bool locked = false;
    int64_t res;

    if (whence == SEEK_SET && !qc_dir_pos_is_small(offset)) {
        qemu_mutex_lock(&qc_dir_lock);
        locked = true;
        m = qc_dir_map(fd);
        offset = qc_dir_host_pos(m, offset);
    }
    res = lseek(fd, offset, whence);
    if (res >= 0 && !qc_dir_pos_is_small(res)) {
        if (!locked) {
            qemu_mutex_lock(&qc_dir_lock);
            locked = true;
            m = qc_dir_map(fd);
        }
        res = qc_dir_cookie(m, res);
    }
    if (locked) {
        int saved_errno = errno;
        qemu_mutex_unlock(&qc_dir_lock);
        errno = saved_errno;
    }
    return res;
}

/* lseek: the off_t offset is the guest's signed 32-bit long. */
abi_long qc_sys_lseek(QC_SYSCALL_ARGS)
{
    return get_errno(qc_dir_lseek(arg1, arg2, arg3));
}

/* _llseek (fs/read_write.c): the 64-bit offset in two words (high, low),
 * the result written to a loff_t in guest memory, 0 returned. */
abi_long qc_sys__llseek(QC_SYSCALL_ARGS)
{
    int64_t res = qc_dir_lseek(arg1, ((uint64_t)arg2 << 32) | (abi_ulong)arg3,
                               arg5);

    if (res == -1) {
        return get_errno(res);
    }
    return put_user_s64(res, arg4) ? -TARGET_EFAULT : 0;
}
