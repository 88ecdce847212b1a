/*
 * ioctl-fs-probe.c: the file-system ioctls on two regular files in the
 * current directory, one result line each. tests/host/ioctl-fs.sh compiles
 * it natively (x86-64: the host kernel's own answers) and with each guest's
 * cross compiler, runs the guest builds under the emulator in the same
 * directory, and requires identical lines. Errnos are printed by name
 * (their numbers differ between ABIs); values printed are the ones that do
 * not depend on which file or process asks.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/fs.h>
#include <linux/loop.h>

static const char *ename(int e)
{
    switch (e) {
    case 0: return "OK";
#define E(x) case x: return #x;
    E(ENOTTY) E(ENOSYS) E(EOPNOTSUPP) E(EXDEV) E(EINVAL) E(EPERM) E(EACCES)
    E(EBADF) E(EFAULT) E(EISDIR) E(ETXTBSY) E(ENOSPC) E(EROFS) E(EAGAIN)
    E(ENXIO) E(ENOENT) E(EBUSY)
#undef E
    default: return "E?";
    }
}

#define R(name, expr, fmt, ...) do {                                        \
        errno = 0;                                                          \
        int r_ = (expr);                                                    \
        int e_ = r_ < 0 ? errno : 0;                                        \
        printf("%-20s ret=%d errno=%s", name, r_ < 0 ? -1 : r_, ename(e_)); \
        if (r_ >= 0) printf(" " fmt, __VA_ARGS__);                          \
        printf("\n");                                                       \
    } while (0)

int main(void)
{
    static char buf[16384];
    memset(buf, 'q', sizeof buf);
    unlink("probe-a");
    unlink("probe-b");
    int a = open("probe-a", O_CREAT | O_RDWR | O_TRUNC, 0644);
    int b = open("probe-b", O_CREAT | O_RDWR | O_TRUNC, 0644);
    if (a < 0 || b < 0 || write(a, buf, sizeof buf) != sizeof buf ||
        write(b, buf, sizeof buf) != sizeof buf || fsync(a) || fsync(b)) {
        perror("probe files");
        return 1;
    }
    lseek(a, 4096, SEEK_SET);

    int flags = -1;
    R("FS_IOC_GETFLAGS", ioctl(a, FS_IOC_GETFLAGS, &flags), "flags=0x%x", flags);
    R("FS_IOC_SETFLAGS", ioctl(a, FS_IOC_SETFLAGS, &flags), "%s", "");
    int bad = FS_IMMUTABLE_FL;   /* needs CAP_LINUX_IMMUTABLE */
    if (geteuid() != 0)
        R("FS_IOC_SETFLAGS immut", ioctl(a, FS_IOC_SETFLAGS, &bad), "%s", "");

    struct fsxattr fx;
    memset(&fx, 0xff, sizeof fx);
    R("FS_IOC_FSGETXATTR", ioctl(a, FS_IOC_FSGETXATTR, &fx),
      "xflags=0x%x extsize=%u projid=%u cowextsize=%u", fx.fsx_xflags, fx.fsx_extsize,
      fx.fsx_projid, fx.fsx_cowextsize);
    R("FS_IOC_FSSETXATTR", ioctl(a, FS_IOC_FSSETXATTR, &fx), "%s", "");
    /* set NOATIME through FSSETXATTR, see it through both getters, undo */
    fx.fsx_xflags |= FS_XFLAG_NOATIME;
    R("FSSETXATTR noatime", ioctl(a, FS_IOC_FSSETXATTR, &fx), "%s", "");
    memset(&fx, 0, sizeof fx);
    R("FSGETXATTR noatime", ioctl(a, FS_IOC_FSGETXATTR, &fx), "xflags=0x%x", fx.fsx_xflags);
    flags = 0;
    R("GETFLAGS noatime", ioctl(a, FS_IOC_GETFLAGS, &flags), "flags=0x%x", flags);
    flags &= ~FS_NOATIME_FL;
    R("SETFLAGS atime", ioctl(a, FS_IOC_SETFLAGS, &flags), "%s", "");
    memset(&fx, 0, sizeof fx);
    R("FSGETXATTR atime", ioctl(a, FS_IOC_FSGETXATTR, &fx), "xflags=0x%x", fx.fsx_xflags);
    R("FS_IOC_FSGETXATTR bad", ioctl(a, FS_IOC_FSGETXATTR, (void *)16), "%s", "");

    R("FICLONE", ioctl(b, FICLONE, a), "%s", "");
    struct file_clone_range cr = { .src_fd = a, .src_offset = 0, .src_length = 4096,
                                   .dest_offset = 8192 };
    R("FICLONERANGE", ioctl(b, FICLONERANGE, &cr), "%s", "");
    R("FICLONE badfd", ioctl(b, FICLONE, 999), "%s", "");

    struct {
        struct file_dedupe_range r;
        struct file_dedupe_range_info i[1];
    } d;
    memset(&d, 0, sizeof d);
    d.r.src_offset = 0;
    d.r.src_length = 4096;
    d.r.dest_count = 1;
    d.i[0].dest_fd = b;
    d.i[0].dest_offset = 4096;
    d.i[0].status = 12345;
    R("FIDEDUPERANGE", ioctl(a, FIDEDUPERANGE, &d),
      "status=%d bytes_deduped=%llu", d.i[0].status, (unsigned long long)d.i[0].bytes_deduped);
    d.r.reserved1 = 1;
    R("FIDEDUPERANGE rsvd", ioctl(a, FIDEDUPERANGE, &d), "%s", "");

    int v = -1;
    R("FS_IOC_GETVERSION", ioctl(a, FS_IOC_GETVERSION, &v), "%s", "");
    int n = -1;
    R("FIONREAD", ioctl(a, FIONREAD, &n), "n=%d", n);
    uint64_t sz = 1;
    R("BLKGETSIZE64", ioctl(a, BLKGETSIZE64, &sz), "size=%llu", (unsigned long long)sz);
    int ssz = 1;
    R("BLKSSZGET", ioctl(a, BLKSSZGET, &ssz), "ssz=%d", ssz);
    unlink("probe-a");
    unlink("probe-b");

    /* block ioctls on a loop device, read-only (nothing is bound or changed) */
    int l = open("/dev/loop0", O_RDONLY);
    if (l < 0) {
        printf("/dev/loop0 not openable: %s\n", ename(errno));
        return 0;
    }
    struct loop_info64 li64;
    memset(&li64, 0, sizeof li64);
    R("LOOP_GET_STATUS64", ioctl(l, LOOP_GET_STATUS64, &li64), "number=%u offset=%llu flags=0x%x",
      li64.lo_number, (unsigned long long)li64.lo_offset, li64.lo_flags);
    struct loop_info li;
    memset(&li, 0, sizeof li);
    R("LOOP_GET_STATUS", ioctl(l, LOOP_GET_STATUS, &li), "number=%d offset=%d",
      li.lo_number, li.lo_offset);
    R("LOOP_SET_STATUS64", ioctl(l, LOOP_SET_STATUS64, &li64), "%s", "");
    struct loop_config lc;
    memset(&lc, 0, sizeof lc);
    lc.fd = (unsigned)-1;   /* fails before anything is bound */
    R("LOOP_CONFIGURE badfd", ioctl(l, LOOP_CONFIGURE, &lc), "%s", "");
    sz = 1;
    R("BLKGETSIZE64 loop0", ioctl(l, BLKGETSIZE64, &sz), "size=%llu", (unsigned long long)sz);
    ssz = 1;
    R("BLKSSZGET loop0", ioctl(l, BLKSSZGET, &ssz), "ssz=%d", ssz);
    int ro = -1;
    R("BLKROGET loop0", ioctl(l, BLKROGET, &ro), "ro=%d", ro);
    close(l);
    return 0;
}
