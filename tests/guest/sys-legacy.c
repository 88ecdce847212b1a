/*
 * sys-legacy: the pre-glibc-2.0 calls of the 32-bit tables, each checked
 * against the current call that gives the same facts, as a 64-bit kernel
 * answers a 32-bit task (kernel/sys.c olduname/uname, fs/statfs.c ustat,
 * fs/filesystems.c sysfs, kernel/signal.c signal, fs/stat.c cp_old_stat).
 * fs/readdir.c old_readdir). i386: all of them; ARM: ustat, sysfs; MIPS
 * o32: ustat, sysfs, readdir, sysmips and the olduname/uname aliases
 * unused59/unused109.
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <dirent.h>

#define BADPTR ((void *)16)
#ifndef MIN
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#endif

#if defined(__NR_oldolduname)
#define NR_OLDOLDUNAME __NR_oldolduname
#define NR_OLDUNAME __NR_olduname
#elif defined(__NR_unused59)
#define NR_OLDOLDUNAME __NR_unused59
#define NR_OLDUNAME __NR_unused109
#endif

static void test_uname(void)
{
#ifdef NR_OLDUNAME
    struct utsname u;
    struct { char f[5][65]; } o;
    struct { char f[5][9]; } oo;
    const char *cur[5];

    CHECK(uname(&u) == 0, "uname");
    cur[0] = u.sysname; cur[1] = u.nodename; cur[2] = u.release; cur[3] = u.version; cur[4] = u.machine;
    memset(&o, 'x', sizeof o);
    CHECK(syscall(NR_OLDUNAME, &o) == 0, "old uname");
    int same = 1;
    for (int i = 0; i < 5; i++)
        same &= strcmp(o.f[i], cur[i]) == 0;
    CHECK(same, "old uname: the five fields of uname (machine %s)", o.f[4]);
    memset(&oo, 'x', sizeof oo);
    CHECK(syscall(NR_OLDOLDUNAME, &oo) == 0, "oldold uname");
    same = 1;
    for (int i = 0; i < 5; i++)
        same &= strncmp(oo.f[i], cur[i], 8) == 0 && oo.f[i][8] == 0 && strlen(oo.f[i]) == MIN(strlen(cur[i]), 8);
    CHECK(same, "oldold uname: 8 characters of each field and a NUL (%s, %s)", oo.f[0], oo.f[2]);
    CHECK_ERRNO(syscall(NR_OLDUNAME, NULL), EFAULT, "old uname NULL: EFAULT");
    CHECK_ERRNO(syscall(NR_OLDOLDUNAME, BADPTR), EFAULT, "oldold uname bad pointer: EFAULT");
#else
    /* ARM EABI: no olduname/oldolduname in the table; i386's numbers
     * (59, 109) are no entry there */
    CHECK_ERRNO(syscall(109, NULL), ENOSYS, "109 (olduname on i386) is no ARM EABI entry: ENOSYS");
    CHECK_ERRNO(syscall(59, NULL), ENOSYS, "59 (oldolduname on i386) is no ARM EABI entry: ENOSYS");
#endif
}

static void test_ustat(void)
{
    struct { int32_t f_tfree; uint32_t f_tinode; char f_fname[6], f_fpack[6]; } u;
    struct stat st;
    struct statfs sf;

    CHECK(stat(".", &st) == 0 && statfs(".", &sf) == 0, "stat and statfs of .");
    unsigned int maj = major(st.st_dev), min = minor(st.st_dev);
    unsigned int dev = (min & 0xff) | (maj << 8) | ((min & ~0xffu) << 12);
    long r = syscall(SYS_ustat, dev, &u);
    if (r < 0 && errno == EINVAL) {
        /* a device without a super block of its own (overlay, btrfs
         * subvolume): the kernel's answer too */
        SKIP("ustat against statfs: this directory's device %u:%u has no super block of its own "
             "(overlay, btrfs subvolume): EINVAL, as the kernel answers", maj, min);
    } else {
        CHECK(r == 0, "ustat of this directory's device %u:%u", maj, min);
        long long bf = (int32_t)sf.f_bfree, ff = (uint32_t)sf.f_ffree;
        CHECK(llabs(u.f_tfree - bf) <= bf / 100 + 1000, "f_tfree is statfs's f_bfree (%d, %lld)", u.f_tfree, bf);
        CHECK(llabs((long long)u.f_tinode - ff) <= ff / 100 + 1000, "f_tinode is statfs's f_ffree (%u, %lld)", u.f_tinode, ff);
        CHECK_ERRNO(syscall(SYS_ustat, dev, BADPTR), EFAULT, "ustat with a bad buffer: EFAULT");
    }
    CHECK_ERRNO(syscall(SYS_ustat, (0xfffu << 8) | 0xff, &u), EINVAL, "ustat of a device with no file system: EINVAL");
}

static void test_sysfs(void)
{
    char name[256];
    long n = syscall(SYS_sysfs, 3);

    if (n < 0 && errno == ENOSYS) {
        CHECK_ERRNO(syscall(SYS_sysfs, 1, "proc"), ENOSYS, "sysfs: ENOSYS throughout");
        SKIP("sysfs options 1-3: ENOSYS (a kernel without CONFIG_SYSFS_SYSCALL)");
        return;
    }
    CHECK(n > 0, "sysfs 3: %ld file system types", n);
    CHECK(syscall(SYS_sysfs, 2, 0, name) == 0 && name[0], "sysfs 2: index 0 is %s", name);
    CHECK(syscall(SYS_sysfs, 1, name) == 0, "sysfs 1: %s is index 0", name);
    CHECK_ERRNO(syscall(SYS_sysfs, 1, "no-such-fs"), EINVAL, "sysfs 1 of an unknown name: EINVAL");
    CHECK_ERRNO(syscall(SYS_sysfs, 2, n, name), EINVAL, "sysfs 2 past the last index: EINVAL");
    CHECK_ERRNO(syscall(SYS_sysfs, 2, 0, BADPTR), EFAULT, "sysfs 2 with a bad buffer: EFAULT");
    CHECK_ERRNO(syscall(SYS_sysfs, 1, BADPTR), EFAULT, "sysfs 1 with a bad name: EFAULT");
    CHECK_ERRNO(syscall(SYS_sysfs, 4), EINVAL, "sysfs 4: EINVAL");
}

#ifdef __i386__
static volatile int hits, blocked_inside;

static void on_usr1(int sig)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    blocked_inside = sigismember(&cur, SIGUSR1);
    hits++;
    (void)sig;
}

static void test_signal(void)
{
    long old = syscall(__NR_signal, SIGUSR1, on_usr1);
    CHECK(old == (long)SIG_DFL, "signal installs a handler; the old one was SIG_DFL (%ld)", old);
    old = syscall(__NR_signal, SIGUSR1, on_usr1);
    CHECK(old == (long)on_usr1, "signal again returns the handler just set");
    raise(SIGUSR1);
    CHECK(hits == 1, "the handler ran");
    CHECK(!blocked_inside, "SA_NOMASK: the signal is not blocked in its handler");
    struct sigaction sa;
    CHECK(sigaction(SIGUSR1, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL, "SA_ONESHOT: back to SIG_DFL after one delivery");
    CHECK_ERRNO(syscall(__NR_signal, SIGKILL, on_usr1), EINVAL, "signal(SIGKILL): EINVAL");
    CHECK_ERRNO(syscall(__NR_signal, 0, on_usr1), EINVAL, "signal(0): EINVAL");
    CHECK_ERRNO(syscall(__NR_signal, 65, on_usr1), EINVAL, "signal(65): EINVAL");
}

/* struct __old_kernel_stat, arch/x86/include/uapi/asm/stat.h */
struct old_stat {
    uint16_t dev, ino, mode, nlink, uid, gid, rdev;
    uint32_t size, atime, mtime, ctime;
};

static uint16_t low16(unsigned id)
{
    return id > 0xffff ? 65534 : id;
}

static int same_as(const struct old_stat *o, const struct stat64 *s)
{
    return o->dev == (uint16_t)((major(s->st_dev) << 8) | minor(s->st_dev)) &&
           o->ino == s->st_ino && o->mode == (uint16_t)s->st_mode && o->nlink == s->st_nlink &&
           o->uid == low16(s->st_uid) && o->gid == low16(s->st_gid) &&
           o->rdev == (uint16_t)((major(s->st_rdev) << 8) | minor(s->st_rdev)) &&
           o->size == (uint32_t)s->st_size && o->mtime == (uint32_t)s->st_mtime;
}

static void test_oldstat(void)
{
    static const char *cands[] = { "/", "/dev/null", "/dev", "/proc", "/sys" };
    const char *small = NULL;
    struct stat64 s;
    struct old_stat o;

    for (unsigned i = 0; i < sizeof cands / sizeof cands[0] && !small; i++)
        if (stat64(cands[i], &s) == 0 && s.st_ino <= 0xffff && s.st_nlink <= 0xffff)
            small = cands[i];
    if (small) {
        CHECK(syscall(__NR_oldstat, small, &o) == 0 && stat64(small, &s) == 0, "oldstat %s", small);
        CHECK(same_as(&o, &s), "oldstat %s: the fields of stat64 (ino %u, dev %#x, mode %#o)", small, o.ino, o.dev, o.mode);
        int fd = open(small, O_RDONLY);
        CHECK(syscall(__NR_oldfstat, fd, &o) == 0 && fstat64(fd, &s) == 0 && same_as(&o, &s), "oldfstat of %s", small);
        CHECK_ERRNO(syscall(__NR_oldstat, small, BADPTR), EFAULT, "oldstat with a bad buffer: EFAULT");
        close(fd);
    } else {
        SKIP("oldstat/oldfstat of a file: none of / /dev/null /dev /proc /sys has a 16-bit inode number");
    }
    if (lstat64("/dev/stdin", &s) == 0 && s.st_ino <= 0xffff && S_ISLNK(s.st_mode)) {
        CHECK(syscall(__NR_oldlstat, "/dev/stdin", &o) == 0 && S_ISLNK(o.mode) && same_as(&o, &s),
              "oldlstat /dev/stdin: the symlink itself");
    } else {
        SKIP("oldlstat of a symlink: /dev/stdin is no symlink with a 16-bit inode number here");
    }
    int fd = open("legacy-big-ino", O_CREAT | O_RDWR, 0644);
    CHECK(fd >= 0 && fstat64(fd, &s) == 0, "a file here");
    if (s.st_ino > 0xffff) {
        CHECK_ERRNO(syscall(__NR_oldstat, "legacy-big-ino", &o), EOVERFLOW, "oldstat of inode %llu: EOVERFLOW",
                    (unsigned long long)s.st_ino);
        CHECK_ERRNO(syscall(__NR_oldfstat, fd, &o), EOVERFLOW, "oldfstat of it: EOVERFLOW");
    } else {
        SKIP("oldstat EOVERFLOW: the file made here has a 16-bit inode number (%llu)",
             (unsigned long long)s.st_ino);
    }
    close(fd);
    unlink("legacy-big-ino");
    CHECK_ERRNO(syscall(__NR_oldstat, BADPTR, &o), EFAULT, "oldstat with a bad path: EFAULT");
    CHECK_ERRNO(syscall(__NR_oldstat, "no-such-file", &o), ENOENT, "oldstat of a missing file: ENOENT");
    CHECK_ERRNO(syscall(__NR_oldfstat, 9999, &o), EBADF, "oldfstat of a bad fd: EBADF");
}
#endif

#if defined(__i386__) || defined(__mips__)
/* struct old_linux_dirent (compat_old_linux_dirent), fs/readdir.c */
struct old_dirent {
    uint32_t d_ino, d_offset;
    uint16_t d_namlen;
    char d_name[256];
};

static void test_readdir(void)
{
    struct old_dirent e;
    char seen[8] = { 0 };
    int n = 0, bad = 0;

    mkdir("legacy-dir", 0755);
    for (int i = 0; i < 5; i++) {
        char p[32];
        snprintf(p, sizeof p, "legacy-dir/f%d", i);
        close(open(p, O_CREAT | O_WRONLY, 0644));
    }
    int fd = open("legacy-dir", O_RDONLY | O_DIRECTORY);
    CHECK(fd >= 0, "a directory of five files");
    CHECK_ERRNO(syscall(__NR_readdir, fd, BADPTR, 1), EFAULT, "readdir into a bad buffer: EFAULT");
    long r;
    int posbad = 0;
    for (;;) {
        /* an entry's d_offset is its own position, where the directory
         * stood before the call (past the first, whose position the file
         * system chooses: a hash on ext4) */
        uint32_t before = lseek(fd, 0, SEEK_CUR);
        if ((r = syscall(__NR_readdir, fd, &e, 1)) != 1 || n >= 20)
            break;
        posbad |= n > 0 && e.d_offset != before;
        n++;
        bad |= e.d_namlen != strlen(e.d_name);
        if (e.d_name[0] == 'f' && e.d_name[1] >= '0' && e.d_name[1] < '5' && !e.d_name[2])
            seen[e.d_name[1] - '0']++;
    }
    CHECK(!posbad, "d_offset is the entry's own position");
    CHECK(r == 0 && n == 7, "one entry a call, then 0: %d entries (. .. and five files)", n);
    CHECK(!bad && seen[0] == 1 && seen[1] == 1 && seen[2] == 1 && seen[3] == 1 && seen[4] == 1,
          "each file once, d_namlen its length (the EFAULT call lost none)");
    CHECK(syscall(__NR_readdir, fd, &e, 1) == 0, "still 0 at the end");
    lseek(fd, 0, SEEK_SET);
    CHECK(syscall(__NR_readdir, fd, &e, 0) == 1, "after rewinding, count 0: an entry (count is ignored)");
    close(fd);
    int ffd = open("legacy-dir/f0", O_RDONLY);
    CHECK_ERRNO(syscall(__NR_readdir, ffd, &e, 1), ENOTDIR, "readdir of a file: ENOTDIR");
    CHECK_ERRNO(syscall(__NR_readdir, 9999, &e, 1), EBADF, "readdir of a bad fd: EBADF");
    close(ffd);
    for (int i = 0; i < 5; i++) {
        char p[32];
        snprintf(p, sizeof p, "legacy-dir/f%d", i);
        unlink(p);
    }
    rmdir("legacy-dir");
}
#endif

#ifdef __mips__
#include <sys/mman.h>
/* sysmips (arch/mips/kernel/syscall.c; asm/sysmips.h numbers) */
static void test_sysmips(void)
{
    static int w __attribute__((aligned(4))) = 5;
    long old = syscall(__NR_sysmips, 2001, &w, 9);
    CHECK(old == 5 && w == 9, "MIPS_ATOMIC_SET swaps the word and returns the old one (%ld, %d)", old, w);
    CHECK_ERRNO(syscall(__NR_sysmips, 2001, (char *)&w + 1, 1), EINVAL, "MIPS_ATOMIC_SET misaligned: EINVAL");
    CHECK_ERRNO(syscall(__NR_sysmips, 2001, 0x80000000ul, 1), EINVAL, "MIPS_ATOMIC_SET past TASK_SIZE: EINVAL");
    int *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK_ERRNO(syscall(__NR_sysmips, 2001, ro, 1), EFAULT, "MIPS_ATOMIC_SET on a read-only page: EFAULT");
    munmap(ro, 4096);
    CHECK(syscall(__NR_sysmips, 7, 0, 0) == 0 && syscall(__NR_sysmips, 7, 1, 0) == 0, "MIPS_FIXADE 0 and 1");
    CHECK_ERRNO(syscall(__NR_sysmips, 7, 4, 0), EINVAL, "MIPS_FIXADE 4: EINVAL");
    CHECK(syscall(__NR_sysmips, 3, 0, 0) == 0, "FLUSH_CACHE");
    CHECK_ERRNO(syscall(__NR_sysmips, 12345, 0, 0), EINVAL, "an unknown command: EINVAL");
}
#endif

int main(void)
{
    test_uname();
    test_ustat();
    test_sysfs();
#if defined(__i386__) || defined(__mips__)
    test_readdir();
#endif
#ifdef __mips__
    test_sysmips();
#endif
#ifdef __i386__
    test_signal();
    test_oldstat();
#endif
    return guest_done();
}
