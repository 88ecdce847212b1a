/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ioctl/ioctls-extra.c: ioctl commands QEMU 7.2's table (ioctls.h) lacks,
 * translated here for every guest. Reached from qc_ioctl_unknown() when
 * upstream's table has no row for the command.
 *
 * Not here, on purpose:
 * - seccomp user-notification ioctls (SECCOMP_IOCTL_NOTIF_*): their fd comes
 *   from seccomp(SECCOMP_FILTER_FLAG_NEW_LISTENER), which sys/seccomp.c
 *   refuses (EINVAL; syscalls.spec row seccomp), so no guest holds one.
 * - TCGETS2 and friends: upstream QEMU 10 ("linux-user: Add termios2
 *   support"), which passes tests/guest/abi-termios2.c on every arch.
 * - userfaultfd's UFFDIO_* commands: the userfaultfd syscall answers ENOSYS
 *   by design (syscalls.spec says why), so no guest holds such an fd.
 */
#include "qemu/osdep.h"
#include "qemu.h"
#include "user-internals.h"
#include "qc-internal.h"
#include "abi/fs.h"
#include <sys/ioctl.h>
#include <linux/fs.h>
#include <elf.h>

/* the guest's numbers of the file-system ioctls translated here */
#define TARGET_FS_IOC_FSGETXATTR QC_FS_IOC_FSGETXATTR(TARGET_IOR)
#define TARGET_FS_IOC_FSSETXATTR QC_FS_IOC_FSSETXATTR(TARGET_IOW)
#define TARGET_FIDEDUPERANGE     QC_FIDEDUPERANGE(TARGET_IOWR)

static abi_long do_fsxattr(int fd, bool set, abi_ulong arg)
{
    struct target_fsxattr *t;
    struct fsxattr h;
    abi_long ret;

    if (!lock_user_struct(set ? VERIFY_READ : VERIFY_WRITE, t, arg, set)) {
        return -TARGET_EFAULT;
    }
    memset(&h, 0, sizeof(h));
    if (set) {
        __get_user(h.fsx_xflags, &t->fsx_xflags);
        __get_user(h.fsx_extsize, &t->fsx_extsize);
        __get_user(h.fsx_nextents, &t->fsx_nextents);
        __get_user(h.fsx_projid, &t->fsx_projid);
        __get_user(h.fsx_cowextsize, &t->fsx_cowextsize);
        memcpy(h.fsx_pad, t->fsx_pad, sizeof(h.fsx_pad));
    }
    ret = get_errno(ioctl(fd, set ? FS_IOC_FSSETXATTR : FS_IOC_FSGETXATTR,
                          &h));
    if (!set && !is_error(ret)) {
        __put_user(h.fsx_xflags, &t->fsx_xflags);
        __put_user(h.fsx_extsize, &t->fsx_extsize);
        __put_user(h.fsx_nextents, &t->fsx_nextents);
        __put_user(h.fsx_projid, &t->fsx_projid);
        __put_user(h.fsx_cowextsize, &t->fsx_cowextsize);
        memcpy(t->fsx_pad, h.fsx_pad, sizeof(h.fsx_pad));
    }
    unlock_user_struct(t, arg, !set && !is_error(ret));
    return ret;
}

/*
 * FIDEDUPERANGE: a header and dest_count info records, read and written
 * (fs/remap_range.c: vfs_dedupe_file_range() fills bytes_deduped, status).
 */
static abi_long do_fideduperange(int fd, abi_ulong arg)
{
    struct target_file_dedupe_range *t;
    struct target_file_dedupe_range_info *ti;
    struct file_dedupe_range *h;
    abi_ulong tsize;
    uint16_t count;
    abi_long ret;
    int i;

    if (get_user_u16(count, arg + offsetof(struct target_file_dedupe_range,
                                           dest_count))) {
        return -TARGET_EFAULT;
    }
    tsize = sizeof(*t) + count * sizeof(*ti);
    t = lock_user(VERIFY_WRITE, arg, tsize, 1);
    if (!t) {
        return -TARGET_EFAULT;
    }
    ti = (void *)(t + 1);
    h = g_malloc0(sizeof(*h) + count * sizeof(h->info[0]));
    __get_user(h->src_offset, &t->src_offset);
    __get_user(h->src_length, &t->src_length);
    h->dest_count = count;
    __get_user(h->reserved1, &t->reserved1);
    __get_user(h->reserved2, &t->reserved2);
    for (i = 0; i < count; i++) {
        __get_user(h->info[i].dest_fd, &ti[i].dest_fd);
        __get_user(h->info[i].dest_offset, &ti[i].dest_offset);
        __get_user(h->info[i].reserved, &ti[i].reserved);
    }
    ret = get_errno(ioctl(fd, FIDEDUPERANGE, h));
    if (!is_error(ret)) {
        for (i = 0; i < count; i++) {
            __put_user(h->info[i].bytes_deduped, &ti[i].bytes_deduped);
            __put_user(h->info[i].status, &ti[i].status);
        }
    }
    unlock_user(t, arg, is_error(ret) ? 0 : tsize);
    g_free(h);
    return ret;
}

/*
 * nsfs ioctls (include/uapi/linux/nsfs.h): no argument, or a pid passed and
 * returned by value; NS_GET_OWNER_UID writes a uid_t (u32) and
 * NS_GET_MNTNS_ID a u64. pidfd ioctls (include/uapi/linux/pidfd.h):
 * PIDFD_GET_*_NAMESPACE take no argument and return an fd. Numbers as the
 * guest encodes them (MIPS has its own _IOC direction bits).
 */
#define QC_NSIO 0xb7
#define QC_PIDFS_IOCTL_MAGIC 0xFF
/* each number once, for the guest's encoding (TARGET_IO*) and the host's */
#define QC_NS_GET_OWNER_UID(IO) IO(QC_NSIO, 0x4)
#define QC_NS_GET_MNTNS_ID(IOR) IOR(QC_NSIO, 0x5, uint64_t)

/* struct pidfd_info (Linux 6.13): u64 mask, cgroupid, then u32 fields */
#define QC_PIDFD_GET_INFO_NR 11

/* two u64, the rest u32: swapped in place (no-ops on LE guests) */
static void swap_pidfd_info(uint8_t *buf, uint32_t size)
{
    uint32_t i;

    for (i = 0; i < 16; i += 8) {
        uint64_t w;
        memcpy(&w, buf + i, 8); w = tswap64(w); memcpy(buf + i, &w, 8);
    }
    for (i = 16; i + 4 <= size; i += 4) {
        uint32_t w;
        memcpy(&w, buf + i, 4); w = tswap32(w); memcpy(buf + i, &w, 4);
    }
}

static abi_long do_pidfd_get_info(int fd, uint32_t cmd, abi_ulong arg)
{
    uint32_t size = (cmd >> TARGET_IOC_SIZESHIFT) & TARGET_IOC_SIZEMASK;
    uint8_t buf[256];
    abi_long ret;

    if (!arg || size < 64 || size > sizeof(buf)) {
        return -TARGET_EINVAL;      /* pidfd_info(): NULL, then usize */
    }
    if (copy_from_user(buf, arg, size)) {
        return -TARGET_EFAULT;
    }
    swap_pidfd_info(buf, size);
    ret = get_errno(ioctl(fd, _IOC(_IOC_READ | _IOC_WRITE, QC_PIDFS_IOCTL_MAGIC,
                                   QC_PIDFD_GET_INFO_NR, size), buf));
    if (is_error(ret)) {
        return ret;
    }
    swap_pidfd_info(buf, size);
    return copy_to_user(arg, buf, size) ? -TARGET_EFAULT : ret;
}

/*
 * PROCMAP_QUERY on the guest's /proc/self/maps (fs/proc/task_mmu.c
 * do_procmap_query(), Linux 6.11; compat_ptr_ioctl for a 32-bit task).
 * struct procmap_query of include/uapi/linux/fs.h: only __u64 and __u32
 * members, naturally aligned, so one layout on every ABI. The answer comes
 * from the guest's maps lines (vm/vm-reserve.c), not from the host's, which
 * would show the emulator's own mappings; it is given where the host's
 * /proc/self/maps has the ioctl, as the guest would see on this kernel.
 */
#define TARGET_PROCMAP_QUERY QC_PROCMAP_QUERY(TARGET_IOWR)
#define QC_PROCMAP_QUERY_VALID_FLAGS 0x3f
#define QC_BUILD_ID_SIZE_MAX 20         /* include/linux/buildid.h */

static void swap_procmap_query(struct target_procmap_query *q)
{
    uint64_t *w = &q->size;
    int i;

    for (i = 0; i < 9; i++) {            /* size .. inode */
        w[i] = tswap64(w[i]);
    }
    q->dev_major = tswap32(q->dev_major);
    q->dev_minor = tswap32(q->dev_minor);
    q->vma_name_size = tswap32(q->vma_name_size);
    q->build_id_size = tswap32(q->build_id_size);
    q->vma_name_addr = tswap64(q->vma_name_addr);
    q->build_id_addr = tswap64(q->build_id_addr);
}

/* do_openat() put the guest's maps in a memfd named QC_PROC_MAPS_MEMFD. */
static bool fd_is_guest_maps(int fd)
{
    static const char want[] = "/memfd:" QC_PROC_MAPS_MEMFD " (deleted)";
    char path[40], link[sizeof(want)];
    ssize_t n;

    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    n = readlink(path, link, sizeof(link));
    return n == sizeof(want) - 1 && !memcmp(link, want, n);
}

static bool host_has_procmap_query(void)
{
    static int has = -1;

    if (has < 0) {
        struct target_procmap_query q = { .size = sizeof(q) };  /* addr 0 */
        int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);

        has = fd >= 0 &&
              (ioctl(fd, QC_PROCMAP_QUERY(_IOWR), &q) == 0 ||
               errno != ENOTTY);
        if (fd >= 0) {
            close(fd);
        }
    }
    return has;
}

static bool pread_full(int fd, void *buf, size_t len, uint64_t off)
{
    return pread(fd, buf, len, off) == (ssize_t)len;
}

/*
 * lib/buildid.c build_id_parse(): the NT_GNU_BUILD_ID note of the mapped
 * file's ELF header (read from the file, offset 0, whatever part of it the
 * mapping holds), an ET_EXEC or ET_DYN of either class, at most 256 program
 * headers. The file is the host's path when it still has the mapping's
 * inode; otherwise, as for a file that is no ELF, no build ID (size 0).
 */
static bool read_build_id(const QcMapsQuery *m, unsigned char *id,
                          uint32_t *size)
{
    unsigned char e[sizeof(Elf64_Ehdr)];
    bool is64, swap;
    uint64_t phoff;
    unsigned phnum, phentsize, i;
    struct stat st;
    bool ok = false;
    int fd;

#define QC_E16(v) (swap ? bswap16(v) : (v))
#define QC_E32(v) (swap ? bswap32(v) : (v))
#define QC_E64(v) (swap ? bswap64(v) : (v))
    if (!m->path) {
        return false;
    }
    fd = open(m->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    if (fstat(fd, &st) || st.st_ino != m->inode ||
        major(st.st_dev) != m->dev_major || minor(st.st_dev) != m->dev_minor ||
        !pread_full(fd, e, EI_NIDENT, 0) || memcmp(e, ELFMAG, SELFMAG) ||
        (e[EI_CLASS] != ELFCLASS32 && e[EI_CLASS] != ELFCLASS64)) {
        goto out;
    }
    is64 = e[EI_CLASS] == ELFCLASS64;
    swap = (e[EI_DATA] == ELFDATA2MSB) != HOST_BIG_ENDIAN;
    if (!pread_full(fd, e, is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr), 0)) {
        goto out;
    }
    if (is64) {
        Elf64_Ehdr *h = (Elf64_Ehdr *)e;
        if (QC_E16(h->e_type) != ET_EXEC && QC_E16(h->e_type) != ET_DYN) {
            goto out;
        }
        phoff = QC_E64(h->e_phoff);
        phnum = QC_E16(h->e_phnum);
    } else {
        Elf32_Ehdr *h = (Elf32_Ehdr *)e;
        if (QC_E16(h->e_type) != ET_EXEC && QC_E16(h->e_type) != ET_DYN) {
            goto out;
        }
        phoff = QC_E32(h->e_phoff);
        phnum = QC_E16(h->e_phnum);
    }
    phentsize = is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
    phnum = MIN(phnum, 256);                 /* MAX_PHDR_CNT */
    for (i = 0; i < phnum && !ok; i++) {
        uint64_t off, filesz, pos;
        uint32_t type;

        if (is64) {
            Elf64_Phdr p;
            if (!pread_full(fd, &p, sizeof(p), phoff + i * phentsize)) {
                break;
            }
            type = QC_E32(p.p_type);
            off = QC_E64(p.p_offset);
            filesz = QC_E64(p.p_filesz);
        } else {
            Elf32_Phdr p;
            if (!pread_full(fd, &p, sizeof(p), phoff + i * phentsize)) {
                break;
            }
            type = QC_E32(p.p_type);
            off = QC_E32(p.p_offset);
            filesz = QC_E32(p.p_filesz);
        }
        if (type != PT_NOTE) {
            continue;
        }
        /* parse_build_id(): 4-aligned notes within the segment */
        for (pos = 0; pos + sizeof(Elf32_Nhdr) < filesz; ) {
            Elf32_Nhdr n;
            char name[4];
            uint32_t namesz, descsz;

            if (!pread_full(fd, &n, sizeof(n), off + pos)) {
                break;
            }
            namesz = QC_E32(n.n_namesz);
            descsz = QC_E32(n.n_descsz);
            if (QC_E32(n.n_type) == NT_GNU_BUILD_ID && namesz == 4 &&
                descsz > 0 && descsz <= QC_BUILD_ID_SIZE_MAX &&
                pread_full(fd, name, 4, off + pos + sizeof(n)) &&
                !memcmp(name, "GNU", 4) &&
                pread_full(fd, id, descsz, off + pos + sizeof(n) + 4)) {
                *size = descsz;
                ok = true;
                break;
            }
            pos += sizeof(n) + ROUND_UP((uint64_t)namesz, 4) +
                   ROUND_UP((uint64_t)descsz, 4);
        }
    }
out:
    close(fd);
    return ok;
#undef QC_E16
#undef QC_E32
#undef QC_E64
}

static abi_long do_procmap_query(abi_ulong arg)
{
    struct target_procmap_query q;
    unsigned char build_id[QC_BUILD_ID_SIZE_MAX];
    uint32_t build_id_sz = 0;
    QcMapsQuery m = { 0 };
    size_t name_sz = 0;
    uint64_t usize;
    abi_long ret;

    /* copy_struct_from_user() of at least query_flags and query_addr */
    if (get_user_u64(usize, arg)) {
        return -TARGET_EFAULT;
    }
    if (usize > TARGET_PAGE_SIZE) {
        return -TARGET_E2BIG;
    }
    if (usize < offsetof(struct target_procmap_query, vma_start)) {
        return -TARGET_EINVAL;
    }
    if (usize > sizeof(q)) {
        size_t rest = usize - sizeof(q), i;
        unsigned char *p = lock_user(VERIFY_READ, arg + sizeof(q), rest, 1);

        if (!p) {
            return -TARGET_EFAULT;
        }
        for (i = 0; i < rest && !p[i]; i++) {
        }
        unlock_user(p, arg + sizeof(q), 0);
        if (i < rest) {
            return -TARGET_E2BIG;
        }
    }
    memset(&q, 0, sizeof(q));
    if (copy_from_user(&q, arg, MIN(usize, sizeof(q)))) {
        return -TARGET_EFAULT;
    }
    swap_procmap_query(&q);

    if (q.query_flags & ~(uint64_t)QC_PROCMAP_QUERY_VALID_FLAGS) {
        return -TARGET_EINVAL;
    }
    if (!!q.vma_name_size != !!q.vma_name_addr ||
        !!q.build_id_size != !!q.build_id_addr) {
        return -TARGET_EINVAL;
    }
    ret = qc_vm_maps_query(q.query_addr, q.query_flags, &m);
    if (ret) {
        return ret;
    }
    q.vma_start = m.start;
    q.vma_end = m.end;
    q.vma_flags = m.vma_flags;
    q.vma_page_size = TARGET_PAGE_SIZE;
    q.vma_offset = m.offset;
    q.inode = m.inode;
    q.dev_major = m.dev_major;
    q.dev_minor = m.dev_minor;
    if (q.build_id_size) {
        if (!read_build_id(&m, build_id, &build_id_sz)) {
            q.build_id_size = 0;
        } else if (q.build_id_size < build_id_sz) {
            ret = -TARGET_ENAMETOOLONG;
            goto out;
        } else {
            q.build_id_size = build_id_sz;
        }
    }
    if (q.vma_name_size) {
        if (m.name) {
            name_sz = strlen(m.name) + 1;
            if (name_sz > MIN(q.vma_name_size, PATH_MAX)) {
                ret = -TARGET_ENAMETOOLONG;
                goto out;
            }
        }
        q.vma_name_size = name_sz;
    }
    /* u64_to_user_ptr(): an address above the guest's 4 GiB is EFAULT */
    ret = -TARGET_EFAULT;
    if (q.vma_name_size &&
        (q.vma_name_addr > (abi_ulong)-1 ||
         copy_to_user(q.vma_name_addr, m.name, name_sz))) {
        goto out;
    }
    if (q.build_id_size &&
        (q.build_id_addr > (abi_ulong)-1 ||
         copy_to_user(q.build_id_addr, build_id, build_id_sz))) {
        goto out;
    }
    swap_procmap_query(&q);
    ret = copy_to_user(arg, &q, MIN(usize, sizeof(q))) ? -TARGET_EFAULT : 0;
out:
    g_free(m.name);
    g_free(m.path);
    return ret;
}

static bool qc_ioctl_ns_pidfd(int fd, uint32_t cmd, abi_long arg, abi_long *ret)
{
    unsigned type = (cmd >> TARGET_IOC_TYPESHIFT) & TARGET_IOC_TYPEMASK;
    unsigned nr = (cmd >> TARGET_IOC_NRSHIFT) & TARGET_IOC_NRMASK;

    if (type == QC_NSIO) {
        if (cmd == QC_NS_GET_OWNER_UID(TARGET_IO)) {
            uint32_t uid;
            *ret = get_errno(ioctl(fd, QC_NS_GET_OWNER_UID(_IO), &uid));
            if (!is_error(*ret) && put_user_u32(uid, arg)) {
                *ret = -TARGET_EFAULT;
            }
            return true;
        }
        if (cmd == QC_NS_GET_MNTNS_ID(TARGET_IOR)) {
            uint64_t id;
            *ret = get_errno(ioctl(fd, QC_NS_GET_MNTNS_ID(_IOR), &id));
            if (!is_error(*ret) && put_user_u64(id, arg)) {
                *ret = -TARGET_EFAULT;
            }
            return true;
        }
        /* NS_GET_USERNS, _PARENT, _NSTYPE: no argument */
        if (cmd == TARGET_IO(QC_NSIO, nr) && nr >= 1 && nr <= 3) {
            *ret = get_errno(ioctl(fd, _IO(QC_NSIO, nr), (unsigned long)(abi_ulong)arg));
            return true;
        }
        /* NS_GET_{PID,TGID}_{FROM,IN}_PIDNS: _IOR(NSIO, 6..9, int), the pid
         * passed and returned by value */
        if (cmd == TARGET_IOR(QC_NSIO, nr, int) && nr >= 6 && nr <= 9) {
            *ret = get_errno(ioctl(fd, _IOR(QC_NSIO, nr, int), (unsigned long)(abi_ulong)arg));
            return true;
        }
        return false;
    }
    if (type == QC_PIDFS_IOCTL_MAGIC) {
        /* PIDFD_GET_{CGROUP,IPC,MNT,NET,PID,PID_FOR_CHILDREN,TIME,
         * TIME_FOR_CHILDREN,USER,UTS}_NAMESPACE: _IO(0xFF, 1..10) */
        if (cmd == TARGET_IO(QC_PIDFS_IOCTL_MAGIC, nr) && nr >= 1 && nr <= 10) {
            /* the argument passed on: the kernel wants 0 (pidfd_ioctl()) */
            *ret = get_errno(ioctl(fd, _IO(QC_PIDFS_IOCTL_MAGIC, nr), (unsigned long)(abi_ulong)arg));
            return true;
        }
        if (nr == QC_PIDFD_GET_INFO_NR &&
            ((cmd >> TARGET_IOC_DIRSHIFT) & TARGET_IOC_DIRMASK) ==
                (TARGET_IOC_READ | TARGET_IOC_WRITE)) {
            *ret = do_pidfd_get_info(fd, cmd, arg);
            return true;
        }
    }
    return false;
}

bool qc_ioctl_extra(int fd, uint32_t cmd, abi_long arg, abi_long *ret)
{
    if (qc_ioctl_ns_pidfd(fd, cmd, arg, ret)) {
        return true;
    }
    switch (cmd) {
    case TARGET_PROCMAP_QUERY:
        /* another file's 'f' 17 is ENOTTY, as before */
        if (!qc_vm_maps_query_active() || !fd_is_guest_maps(fd) ||
            !host_has_procmap_query()) {
            return false;
        }
        *ret = do_procmap_query(arg);
        return true;
    case TARGET_FS_IOC_FSGETXATTR:
        *ret = do_fsxattr(fd, false, arg);
        return true;
    case TARGET_FS_IOC_FSSETXATTR:
        *ret = do_fsxattr(fd, true, arg);
        return true;
    case TARGET_FIDEDUPERANGE:
        *ret = do_fideduperange(fd, arg);
        return true;
    }
    return false;
}
