/*
 * sys-file: file syscalls Linux added after QEMU 7.2, through syscall(2)
 * (linux-user/qc/sys/file.c; recvmmsg_time64: sys/socket.c; mseal,
 * set_mempolicy_home_node, memfd_secret: sys/mm.c):
 * openat2, faccessat2, close_range, fchmodat2, cachestat, setxattrat/
 * getxattrat/listxattrat/removexattrat, file_getattr/file_setattr,
 * epoll_pwait2, recvmmsg_time64, process_madvise, mseal,
 * set_mempolicy_home_node, memfd_secret. Also run natively (sys-common.h).
 */
#include "sys-common.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <linux/fs.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/xattr.h>

struct open_how { uint64_t flags, mode, resolve; };
#define RESOLVE_NO_SYMLINKS 0x04
#define RESOLVE_BENEATH 0x08
struct xattr_args { uint64_t value; uint32_t size, flags; };
#define XATTR_CREATE_QC 1
/* include/uapi/linux/fs.h: fa_xflags is a __u64 (FILE_ATTR_SIZE_VER0 24) */
struct file_attr { uint64_t fa_xflags; uint32_t fa_extsize, fa_nextents, fa_projid, fa_cowextsize; };
_Static_assert(sizeof(struct file_attr) == 24, "FILE_ATTR_SIZE_VER0");
#define FS_XFLAG_NOATIME_QC 0x40
struct cachestat_range { uint64_t off, len; };
struct cachestat { uint64_t nr_cache, nr_dirty, nr_writeback, nr_evicted, nr_recently_evicted; };
struct ts64 { int64_t tv_sec, tv_nsec; };

static char dir[] = "/tmp/qc-sys-file-XXXXXX";

static void test_openat2(void)
{
    char p[80];
    snprintf(p, sizeof p, "%s/f", dir);
    struct open_how how = { O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600, 0 };
    int fd = syscall(QC_NR_openat2, AT_FDCWD, p, &how, sizeof how);
    CHECK(fd >= 0, "openat2 O_CREAT|O_EXCL|O_CLOEXEC");
    CHECK(fcntl(fd, F_GETFD) == FD_CLOEXEC, "openat2: O_CLOEXEC converted");
    int fl = fcntl(fd, F_GETFL);
    CHECK((fl & O_ACCMODE) == O_RDWR, "openat2: O_RDWR converted");
    struct stat st;
    CHECK(fstat(fd, &st) == 0 && (st.st_mode & 0777) == (0600 & ~umask(022)), "openat2: mode applied");
    CHECK(write(fd, "hello", 5) == 5, "write through openat2 fd");
    close(fd);
    CHECK_ERRNO(syscall(QC_NR_openat2, AT_FDCWD, p, &how, sizeof how), EEXIST, "openat2 O_EXCL on existing: EEXIST");
    /* O_NONBLOCK differs on MIPS: it must arrive as O_NONBLOCK. */
    struct open_how nb = { O_RDONLY | O_NONBLOCK, 0, 0 };
    fd = syscall(QC_NR_openat2, AT_FDCWD, p, &nb, sizeof nb);
    CHECK(fd >= 0 && (fcntl(fd, F_GETFL) & O_NONBLOCK), "openat2 O_NONBLOCK converted");
    close(fd);
    struct open_how r0 = { O_RDONLY, 0, 0 };
    CHECK_ERRNO(syscall(QC_NR_openat2, AT_FDCWD, p, &r0, 23), EINVAL, "openat2 size 23: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_openat2, AT_FDCWD, p, &r0, 8192), E2BIG, "openat2 size > page: E2BIG");
    struct { struct open_how h; uint64_t extra; } big = { { O_RDONLY, 0, 0 }, 1 };
    CHECK_ERRNO(syscall(QC_NR_openat2, AT_FDCWD, p, &big, sizeof big), E2BIG, "openat2 nonzero tail: E2BIG");
    big.extra = 0;
    fd = syscall(QC_NR_openat2, AT_FDCWD, p, &big, sizeof big);
    CHECK(fd >= 0, "openat2 zero tail accepted");
    close(fd);
    struct open_how m = { O_RDONLY, 0644, 0 };
    CHECK_ERRNO(syscall(QC_NR_openat2, AT_FDCWD, p, &m, sizeof m), EINVAL, "openat2 mode without O_CREAT: EINVAL");
    struct open_how uf = { O_RDONLY | (1ULL << 40), 0, 0 };
    CHECK_ERRNO(syscall(QC_NR_openat2, AT_FDCWD, p, &uf, sizeof uf), EINVAL, "openat2 flag bit 40: EINVAL");
    struct open_how ur = { O_RDONLY, 0, 1ULL << 20 };
    CHECK_ERRNO(syscall(QC_NR_openat2, AT_FDCWD, p, &ur, sizeof ur), EINVAL, "openat2 unknown resolve: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_openat2, AT_FDCWD, p, BADPTR, sizeof r0), EFAULT, "openat2 bad how: EFAULT");
    CHECK_ERRNO(syscall(QC_NR_openat2, AT_FDCWD, BADPTR, &r0, sizeof r0), EFAULT, "openat2 bad path: EFAULT");
    CHECK_ERRNO(syscall(QC_NR_openat2, 9999, "f", &r0, sizeof r0), EBADF, "openat2 bad dirfd: EBADF");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    struct open_how ben = { O_RDONLY, 0, RESOLVE_BENEATH };
    fd = syscall(QC_NR_openat2, dfd, "f", &ben, sizeof ben);
    CHECK(fd >= 0, "openat2 RESOLVE_BENEATH inside");
    close(fd);
    CHECK_ERRNO(syscall(QC_NR_openat2, dfd, "../", &ben, sizeof ben), EXDEV, "openat2 RESOLVE_BENEATH escape: EXDEV");
    char l[80];
    snprintf(l, sizeof l, "%s/l", dir);
    CHECK(symlink("f", l) == 0, "symlink");
    struct open_how ns = { O_RDONLY, 0, RESOLVE_NO_SYMLINKS };
    CHECK_ERRNO(syscall(QC_NR_openat2, dfd, "l", &ns, sizeof ns), ELOOP, "openat2 RESOLVE_NO_SYMLINKS: ELOOP");
    unlink(l);
    /* /proc/self/exe through openat2 is the guest program, as with open(). */
    struct open_how pr = { O_RDONLY, 0, 0 };
    fd = syscall(QC_NR_openat2, AT_FDCWD, "/proc/self/exe", &pr, sizeof pr);
    char hdr[4] = { 0 };
    CHECK(fd >= 0 && read(fd, hdr, 4) == 4 && memcmp(hdr, "\177ELF", 4) == 0, "openat2 /proc/self/exe");
    if (fd >= 0) {
        struct stat a, b;
        int fd2 = open("/proc/self/exe", O_RDONLY);
        CHECK(fstat(fd, &a) == 0 && fstat(fd2, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev,
              "openat2 /proc/self/exe is the same file as open()'s");
        close(fd2);
        close(fd);
    }
    close(dfd);
}

static void test_access_chmod(void)
{
    char p[80];
    snprintf(p, sizeof p, "%s/f", dir);
    CHECK(syscall(QC_NR_faccessat2, AT_FDCWD, p, R_OK, AT_EACCESS) == 0, "faccessat2 AT_EACCESS");
    CHECK(syscall(QC_NR_faccessat2, AT_FDCWD, p, R_OK, AT_SYMLINK_NOFOLLOW) == 0, "faccessat2 AT_SYMLINK_NOFOLLOW");
    CHECK_ERRNO(syscall(QC_NR_faccessat2, AT_FDCWD, p, R_OK, 0x1), EINVAL, "faccessat2 bad flags: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_faccessat2, AT_FDCWD, BADPTR, R_OK, 0), EFAULT, "faccessat2 bad path: EFAULT");
    CHECK_ERRNO(syscall(QC_NR_faccessat2, 9999, "f", R_OK, 0), EBADF, "faccessat2 bad dirfd: EBADF");

    CHECK(syscall(QC_NR_fchmodat2, AT_FDCWD, p, 0640, 0) == 0, "fchmodat2");
    struct stat st;
    CHECK(stat(p, &st) == 0 && (st.st_mode & 0777) == 0640, "fchmodat2 mode applied");
    int fd = open(p, O_RDONLY);
    CHECK(syscall(QC_NR_fchmodat2, fd, "", 0604, AT_EMPTY_PATH) == 0 && stat(p, &st) == 0 &&
          (st.st_mode & 0777) == 0604, "fchmodat2 AT_EMPTY_PATH");
    close(fd);
    char l[80];
    snprintf(l, sizeof l, "%s/l2", dir);
    symlink("f", l);
    PROBE("fchmodat2 symlink AT_SYMLINK_NOFOLLOW", syscall(QC_NR_fchmodat2, AT_FDCWD, l, 0600, AT_SYMLINK_NOFOLLOW));
    unlink(l);
    CHECK_ERRNO(syscall(QC_NR_fchmodat2, AT_FDCWD, p, 0600, 0x1), EINVAL, "fchmodat2 bad flags: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_fchmodat2, AT_FDCWD, BADPTR, 0600, 0), EFAULT, "fchmodat2 bad path: EFAULT");
    CHECK_ERRNO(syscall(QC_NR_fchmodat2, 9999, "f", 0600, 0), EBADF, "fchmodat2 bad dirfd: EBADF");
}

static void test_close_range(void)
{
    int a = open("/dev/null", O_RDONLY), b = open("/dev/null", O_RDONLY);
    int lo = a < b ? a : b, hi = a < b ? b : a;
    CHECK(syscall(QC_NR_close_range, lo, hi, 4 /* CLOSE_RANGE_CLOEXEC */) == 0 &&
          fcntl(a, F_GETFD) == FD_CLOEXEC && fcntl(b, F_GETFD) == FD_CLOEXEC,
          "close_range CLOSE_RANGE_CLOEXEC");
    CHECK(syscall(QC_NR_close_range, lo, hi, 0) == 0, "close_range");
    CHECK_ERRNO(fcntl(a, F_GETFD), EBADF, "close_range closed the fds");
    CHECK_ERRNO(syscall(QC_NR_close_range, 5, 4, 0), EINVAL, "close_range first > last: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_close_range, 3, 4, 0x80), EINVAL, "close_range bad flags: EINVAL");
}

static void test_cachestat(void)
{
    char p[80];
    snprintf(p, sizeof p, "%s/c", dir);
    int fd = open(p, O_RDWR | O_CREAT, 0600);
    static char buf[3 * 4096];
    memset(buf, 'x', sizeof buf);
    write(fd, buf, sizeof buf);
    struct cachestat_range r = { 0, 3 * 4096 };
    struct cachestat cs;
    memset(&cs, 0xff, sizeof cs);
    CHECK(syscall(QC_NR_cachestat, fd, &r, &cs, 0) == 0, "cachestat");
    CHECK(cs.nr_cache == 3 && cs.nr_dirty <= 3 && cs.nr_writeback <= 3 && cs.nr_evicted == 0,
          "cachestat counts 3 cached pages (got %llu/%llu)", (unsigned long long)cs.nr_cache,
          (unsigned long long)cs.nr_dirty);
    struct cachestat_range r1 = { 4096, 4096 };
    CHECK(syscall(QC_NR_cachestat, fd, &r1, &cs, 0) == 0 && cs.nr_cache == 1, "cachestat one-page range");
    CHECK_ERRNO(syscall(QC_NR_cachestat, fd, &r, &cs, 1), EINVAL, "cachestat bad flags: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_cachestat, fd, BADPTR, &cs, 0), EFAULT, "cachestat bad range: EFAULT");
    CHECK_ERRNO(syscall(QC_NR_cachestat, fd, &r, BADPTR, 0), EFAULT, "cachestat bad cstat: EFAULT");
    CHECK_ERRNO(syscall(QC_NR_cachestat, 9999, &r, &cs, 0), EBADF, "cachestat bad fd: EBADF");
    close(fd);
    unlink(p);
}

static void test_xattrat(void)
{
    char p[80];
    snprintf(p, sizeof p, "%s/f", dir);
    struct xattr_args a = { (uintptr_t)"value1", 6, 0 };
    errno = 0;
    long r = syscall(QC_NR_setxattrat, AT_FDCWD, p, 0, "user.qc", &a, sizeof a);
    int e = errno;
    if (r < 0 && e == ENOSYS) {
        SKIP_ENOSYS("setxattrat", 6, 13, "setxattrat/getxattrat/listxattrat/removexattrat: ENOSYS "
                    "(added in Linux 6.13): not run");
        return;
    }
    if (r < 0 && e == EOPNOTSUPP) {
        /* the filesystem's refusal, not the emulator's: setxattr(2), an
         * upstream path, must be refused the same way */
        CHECK_ERRNO(setxattr(p, "user.qc", "value1", 6, 0), EOPNOTSUPP,
                    "setxattr(2) is refused too (EOPNOTSUPP): the filesystem has no user.* xattrs");
        SKIP("setxattrat/getxattrat/listxattrat/removexattrat: the filesystem of %s has no user.* "
             "xattrs (EOPNOTSUPP): not run", dir);
        return;
    }
    CHECK(r == 0, "setxattrat");
    char v[32] = { 0 };
    struct xattr_args g = { (uintptr_t)v, sizeof v, 0 };
    CHECK(syscall(QC_NR_getxattrat, AT_FDCWD, p, 0, "user.qc", &g, sizeof g) == 6 &&
          memcmp(v, "value1", 6) == 0, "getxattrat reads the value");
    struct xattr_args g0 = { 0, 0, 0 };
    CHECK(syscall(QC_NR_getxattrat, AT_FDCWD, p, 0, "user.qc", &g0, sizeof g0) == 6, "getxattrat size query");
    struct xattr_args gs = { (uintptr_t)v, 2, 0 };
    CHECK_ERRNO(syscall(QC_NR_getxattrat, AT_FDCWD, p, 0, "user.qc", &gs, sizeof gs), ERANGE, "getxattrat small buffer: ERANGE");
    char list[128] = { 0 };
    long n = syscall(QC_NR_listxattrat, AT_FDCWD, p, 0, list, sizeof list);
    CHECK(n > 0 && memmem(list, n, "user.qc", 8) != NULL, "listxattrat lists user.qc");
    int fd = open(p, O_RDONLY);
    struct xattr_args c = { (uintptr_t)"v2", 2, XATTR_CREATE_QC };
    CHECK_ERRNO(syscall(QC_NR_setxattrat, fd, "", AT_EMPTY_PATH, "user.qc", &c, sizeof c), EEXIST,
                "setxattrat XATTR_CREATE on existing: EEXIST");
    struct { struct xattr_args a; uint64_t tail; } big = { { (uintptr_t)"v3", 2, 0 }, 0 };
    CHECK(syscall(QC_NR_setxattrat, fd, "", AT_EMPTY_PATH, "user.qc", &big, sizeof big) == 0, "setxattrat zero tail");
    big.tail = 5;
    CHECK_ERRNO(syscall(QC_NR_setxattrat, fd, "", AT_EMPTY_PATH, "user.qc", &big, sizeof big), E2BIG, "setxattrat nonzero tail: E2BIG");
    CHECK_ERRNO(syscall(QC_NR_setxattrat, AT_FDCWD, p, 0, "user.qc", &a, 8), EINVAL, "setxattrat size 8: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_setxattrat, AT_FDCWD, p, 0, "user.qc", BADPTR, sizeof a), EFAULT, "setxattrat bad args: EFAULT");
    struct xattr_args bv = { 16, 4, 0 };
    CHECK_ERRNO(syscall(QC_NR_setxattrat, AT_FDCWD, p, 0, "user.qc", &bv, sizeof bv), EFAULT, "setxattrat bad value: EFAULT");
    CHECK_ERRNO(syscall(QC_NR_getxattrat, AT_FDCWD, p, 0, BADPTR, &g, sizeof g), EFAULT, "getxattrat bad name: EFAULT");
    struct xattr_args gf = { (uintptr_t)v, sizeof v, 1 };
    CHECK_ERRNO(syscall(QC_NR_getxattrat, AT_FDCWD, p, 0, "user.qc", &gf, sizeof gf), EINVAL, "getxattrat flags: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_getxattrat, AT_FDCWD, p, 0x1, "user.qc", &g, sizeof g), EINVAL, "getxattrat bad at_flags: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_listxattrat, 9999, "x", 0, list, sizeof list), EBADF, "listxattrat bad dirfd: EBADF");
    CHECK(syscall(QC_NR_removexattrat, fd, "", AT_EMPTY_PATH, "user.qc") == 0, "removexattrat");
    CHECK_ERRNO(syscall(QC_NR_removexattrat, AT_FDCWD, p, 0, "user.qc"), ENODATA, "removexattrat again: ENODATA");
    CHECK_ERRNO(syscall(QC_NR_removexattrat, AT_FDCWD, BADPTR, 0, "user.qc"), EFAULT, "removexattrat bad path: EFAULT");
    close(fd);
}

static void test_file_attr(void)
{
    char p[80];
    snprintf(p, sizeof p, "%s/f", dir);
    struct file_attr fa;
    memset(&fa, 0xee, sizeof fa);
    errno = 0;
    long r = syscall(QC_NR_file_getattr, AT_FDCWD, p, &fa, sizeof fa, 0);
    int e = errno;
    PROBE_RES("file_getattr", r, e);
    if (r < 0 && e == ENOSYS) {
        SKIP_ENOSYS("file_getattr", 6, 17, "file_getattr/file_setattr: ENOSYS (added in Linux 6.17): not run");
        return;
    }
    if (r < 0 && (e == EOPNOTSUPP || e == ENOTTY)) {
        SKIP("file_getattr/file_setattr: the filesystem of %s has no file attributes (%s): not run",
             dir, strerrorname_np(e));
        return;
    }
    CHECK(r == 0, "file_getattr of a regular file");
    if (r == 0) {
        PROBE_VAL("file_getattr fields", "%llx %x %x %x %x", (unsigned long long)fa.fa_xflags,
                  fa.fa_extsize, fa.fa_nextents, fa.fa_projid, fa.fa_cowextsize);
        CHECK(fa.fa_projid != 0xeeeeeeee && fa.fa_nextents != 0xeeeeeeee &&
              fa.fa_cowextsize != 0xeeeeeeee, "file_getattr filled the struct");
        /* FS_IOC_FSGETXATTR (another path: the ioctl table) is the referee */
        struct fsxattr fx;
        int fd = open(p, O_RDONLY);
        memset(&fx, 0xdd, sizeof fx);
        CHECK(fd >= 0 && ioctl(fd, FS_IOC_FSGETXATTR, &fx) == 0 && fx.fsx_xflags == fa.fa_xflags &&
              fx.fsx_extsize == fa.fa_extsize && fx.fsx_projid == fa.fa_projid &&
              fx.fsx_cowextsize == fa.fa_cowextsize,
              "file_getattr agrees with FS_IOC_FSGETXATTR (xflags %#x projid %u)", fx.fsx_xflags, fx.fsx_projid);
        /* set FS_XFLAG_NOATIME, see it both ways, clear it */
        struct file_attr set = fa;
        set.fa_xflags |= FS_XFLAG_NOATIME_QC;
        CHECK(syscall(QC_NR_file_setattr, AT_FDCWD, p, &set, sizeof set, 0) == 0, "file_setattr FS_XFLAG_NOATIME");
        memset(&fx, 0, sizeof fx);
        CHECK(ioctl(fd, FS_IOC_FSGETXATTR, &fx) == 0 && (fx.fsx_xflags & FS_XFLAG_NOATIME_QC),
              "FS_IOC_FSGETXATTR sees NOATIME (xflags %#x)", fx.fsx_xflags);
        struct file_attr got;
        memset(&got, 0xee, sizeof got);
        CHECK(syscall(QC_NR_file_getattr, AT_FDCWD, p, &got, sizeof got, 0) == 0 &&
              got.fa_xflags == set.fa_xflags && got.fa_projid == fa.fa_projid &&
              got.fa_cowextsize == fa.fa_cowextsize,
              "file_getattr reads NOATIME back in the 64-bit fa_xflags (%#llx)", (unsigned long long)got.fa_xflags);
        CHECK(syscall(QC_NR_file_setattr, AT_FDCWD, p, &fa, sizeof fa, 0) == 0, "file_setattr the old values back");
        memset(&fx, 0, sizeof fx);
        CHECK(ioctl(fd, FS_IOC_FSGETXATTR, &fx) == 0 && !(fx.fsx_xflags & FS_XFLAG_NOATIME_QC),
              "NOATIME cleared");
        close(fd);
    }
    CHECK_ERRNO(syscall(QC_NR_file_getattr, AT_FDCWD, p, &fa, 19, 0), EINVAL,
                "file_getattr size 19 (< FILE_ATTR_SIZE_VER0): EINVAL");
    if (r == 0) {
        CHECK_ERRNO(syscall(QC_NR_file_getattr, AT_FDCWD, p, BADPTR, sizeof fa, 0), EFAULT, "file_getattr bad buffer: EFAULT");
        CHECK_ERRNO(syscall(QC_NR_file_getattr, AT_FDCWD, BADPTR, &fa, sizeof fa, 0), EFAULT, "file_getattr bad path: EFAULT");
        CHECK_ERRNO(syscall(QC_NR_file_setattr, AT_FDCWD, p, &fa, 8192, 0), E2BIG, "file_setattr size > page: E2BIG");
        CHECK_ERRNO(syscall(QC_NR_file_getattr, 9999, "f", &fa, sizeof fa, 0), EBADF, "file_getattr bad dirfd: EBADF");
    }
}

static void test_epoll_pwait2(void)
{
    int ep = epoll_create1(EPOLL_CLOEXEC);
    int pfd[2];
    pipe(pfd);
    struct epoll_event ev = { EPOLLIN, { .u64 = 0x1122334455667788ULL } };
    epoll_ctl(ep, EPOLL_CTL_ADD, pfd[0], &ev);
    struct epoll_event out[4];
    struct ts64 t0 = { 0, 0 };
    CHECK(syscall(QC_NR_epoll_pwait2, ep, out, 4, &t0, NULL, 0) == 0, "epoll_pwait2 zero timeout, nothing ready");
    struct ts64 t = { 0, 20 * 1000 * 1000 };
    CHECK(syscall(QC_NR_epoll_pwait2, ep, out, 4, &t, NULL, 0) == 0, "epoll_pwait2 20ms timeout expires");
    write(pfd[1], "x", 1);
    memset(out, 0, sizeof out);
    long n = syscall(QC_NR_epoll_pwait2, ep, out, 4, NULL, NULL, 0);
    CHECK(n == 1 && out[0].events == EPOLLIN && out[0].data.u64 == 0x1122334455667788ULL,
          "epoll_pwait2 reports the event and its data");
    sigset_t ss;
    sigemptyset(&ss);
    sigaddset(&ss, SIGUSR1);
#ifdef __mips__
    const int sigsz = 16;   /* MIPS has 128 signals */
#else
    const int sigsz = 8;
#endif
    CHECK(syscall(QC_NR_epoll_pwait2, ep, out, 4, &t, &ss, sigsz) == 1, "epoll_pwait2 with a sigmask");
    CHECK_ERRNO(syscall(QC_NR_epoll_pwait2, ep, out, 4, &t, &ss, 4), EINVAL, "epoll_pwait2 bad sigsetsize: EINVAL");
    struct ts64 bad = { 0, 1000000000 };
    CHECK_ERRNO(syscall(QC_NR_epoll_pwait2, ep, out, 4, &bad, NULL, 0), EINVAL, "epoll_pwait2 tv_nsec 1e9: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_epoll_pwait2, ep, out, 4, BADPTR, NULL, 0), EFAULT, "epoll_pwait2 bad timeout: EFAULT");
    CHECK_ERRNO(syscall(QC_NR_epoll_pwait2, ep, BADPTR, 4, &t, NULL, 0), EFAULT, "epoll_pwait2 bad events: EFAULT");
    CHECK_ERRNO(syscall(QC_NR_epoll_pwait2, ep, out, 0, &t, NULL, 0), EINVAL, "epoll_pwait2 maxevents 0: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_epoll_pwait2, 9999, out, 4, &t, NULL, 0), EBADF, "epoll_pwait2 bad epfd: EBADF");
    CHECK_ERRNO(syscall(QC_NR_epoll_pwait2, pfd[0], out, 4, &t, NULL, 0), EINVAL, "epoll_pwait2 non-epoll fd: EINVAL");
    close(pfd[0]); close(pfd[1]); close(ep);
}

static void test_recvmmsg_time64(void)
{
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0, "socketpair");
    send(sv[0], "one", 3, 0);
    send(sv[0], "two!", 4, 0);
    char b1[8], b2[8];
    struct iovec v1 = { b1, sizeof b1 }, v2 = { b2, sizeof b2 };
    struct mmsghdr m[2];
    memset(m, 0, sizeof m);
    m[0].msg_hdr.msg_iov = &v1; m[0].msg_hdr.msg_iovlen = 1;
    m[1].msg_hdr.msg_iov = &v2; m[1].msg_hdr.msg_iovlen = 1;
    struct ts64 t = { 1, 0 };
    long n = syscall(NR_recvmmsg_time64, sv[1], m, 2, MSG_DONTWAIT, &t);
    CHECK(n == 2 && m[0].msg_len == 3 && m[1].msg_len == 4 && memcmp(b2, "two!", 4) == 0,
          "recvmmsg_time64 receives two datagrams");
    struct ts64 bad = { -1, 0 };
    CHECK_ERRNO(syscall(NR_recvmmsg_time64, sv[1], m, 2, MSG_DONTWAIT, &bad), EINVAL, "recvmmsg_time64 negative timeout: EINVAL");
    CHECK_ERRNO(syscall(NR_recvmmsg_time64, sv[1], m, 2, MSG_DONTWAIT, BADPTR), EFAULT, "recvmmsg_time64 bad timeout: EFAULT");
    CHECK_ERRNO(syscall(NR_recvmmsg_time64, sv[1], m, 2, MSG_DONTWAIT, NULL), EAGAIN, "recvmmsg_time64 nothing queued: EAGAIN");
    CHECK_ERRNO(syscall(NR_recvmmsg_time64, 9999, m, 2, 0, &t), EBADF, "recvmmsg_time64 bad fd: EBADF");
    close(sv[0]); close(sv[1]);
}

static void test_memory(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    char *m = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(m != MAP_FAILED, "mmap");
    m[0] = 1;
    int self = syscall(QC_NR_pidfd_open, getpid(), 0);
    CHECK(self >= 0, "pidfd_open(self)");
    struct iovec iov = { m, 2 * pg };
    PROBE("process_madvise MADV_COLD", syscall(QC_NR_process_madvise, self, &iov, 1, 20 /* MADV_COLD */, 0));
    CHECK_ERRNO(syscall(QC_NR_process_madvise, self, &iov, 1, 20, 1), EINVAL, "process_madvise flags: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_process_madvise, self, BADPTR, 1, 20, 0), EFAULT, "process_madvise bad iovec: EFAULT");
    CHECK_ERRNO(syscall(QC_NR_process_madvise, 9999, &iov, 1, 20, 0), EBADF, "process_madvise bad pidfd: EBADF");
    CHECK_ERRNO(syscall(QC_NR_process_madvise, self, &iov, 2000, 20, 0), EINVAL, "process_madvise vlen > UIO_MAXIOV: EINVAL");
    close(self);

    PROBE("set_mempolicy_home_node", syscall(QC_NR_set_mempolicy_home_node, m, 4 * pg, 0, 0));
    CHECK_ERRNO(syscall(QC_NR_set_mempolicy_home_node, m + 1, pg, 0, 0), EINVAL, "set_mempolicy_home_node unaligned: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_set_mempolicy_home_node, m, pg, 0, 1), EINVAL, "set_mempolicy_home_node flags: EINVAL");

    /* mseal: seal the last page, then it cannot be unmapped or changed
     * (mm/mseal.c; the emulator keeps the seal in its address-space layer). */
    CHECK(syscall(QC_NR_mseal, m + 3 * pg, pg, 0) == 0, "mseal");
    CHECK_ERRNO(munmap(m + 3 * pg, pg), EPERM, "munmap of a sealed page: EPERM");
    CHECK_ERRNO(munmap(m + 2 * pg, 2 * pg), EPERM, "munmap over a sealed page: EPERM");
    CHECK(((volatile char *)m)[2 * pg] == 0, "... and nothing of the range was unmapped");
    CHECK_ERRNO(mprotect(m + 3 * pg, pg, PROT_READ), EPERM, "mprotect of a sealed page: EPERM");
    CHECK(mremap(m + 3 * pg, pg, 2 * pg, MREMAP_MAYMOVE) == MAP_FAILED && errno == EPERM,
          "mremap of a sealed page: EPERM");
    CHECK(mmap(m + 3 * pg, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED &&
          errno == EPERM, "a fixed mmap over a sealed page: EPERM");
    CHECK(madvise(m + 3 * pg, pg, MADV_DONTNEED) == 0,
          "MADV_DONTNEED on a sealed writable anonymous page is allowed");
    /* a read-only sealed anonymous page may not be discarded */
    CHECK(mprotect(m + 2 * pg, pg, PROT_READ) == 0 && syscall(QC_NR_mseal, m + 2 * pg, pg, 0) == 0,
          "mseal of a read-only page");
    CHECK_ERRNO(madvise(m + 2 * pg, pg, MADV_DONTNEED), EPERM,
                "MADV_DONTNEED on a sealed read-only anonymous page: EPERM");
    CHECK(mprotect(m, pg, PROT_READ) == 0, "mprotect of an unsealed page still works");
    CHECK_ERRNO(syscall(QC_NR_mseal, m, pg, 1), EINVAL, "mseal flags: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_mseal, m + 1, pg, 0), EINVAL, "mseal unaligned: EINVAL");
    char *hole = mmap(NULL, pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(hole, pg);
    CHECK_ERRNO(syscall(QC_NR_mseal, hole, pg, 0), ENOMEM, "mseal of an unmapped range: ENOMEM");
    munmap(m, 2 * pg);
    /* memfd_secret: only in the i386 and x86-64 tables. */
#if defined(__i386__) || defined(__x86_64__)
    errno = 0;
    int sfd = syscall(QC_NR_memfd_secret, 0);
    PROBE_RES("[x86] memfd_secret", sfd, errno);
    PROBE("[x86] memfd_secret bad flags", syscall(QC_NR_memfd_secret, 1));
    if (sfd >= 0) {
        CHECK(ftruncate(sfd, 4096) == 0, "ftruncate a secret memfd");
        char *sm = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, sfd, 0);
        CHECK(sm != MAP_FAILED, "mmap a secret memfd");
        if (sm != MAP_FAILED) {
            sm[0] = 42;
            CHECK(sm[0] == 42, "secret memory is usable");
        }
    }
    if (sfd >= 0)
        close(sfd);
#else
    CHECK_ERRNO(syscall(QC_NR(447)), ENOSYS, "447 (memfd_secret) is not in this arch's table: ENOSYS");
#endif
}

int main(void)
{
    umask(022);
    CHECK(mkdtemp(dir) != NULL, "mkdtemp");
    test_openat2();
    test_access_chmod();
    test_close_range();
    test_cachestat();
    test_xattrat();
    test_file_attr();
    test_epoll_pwait2();
    test_recvmmsg_time64();
    test_memory();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "%s/f", dir);
    unlink(cmd);
    CHECK(rmdir(dir) == 0, "cleanup");
    return guest_done();
}
