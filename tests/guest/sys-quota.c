/*
 * sys-quota: quotactl(2) and quotactl_fd(2) (linux-user/qc/sys/quota.c).
 *
 * 1. The quota structs as this arch's compiler lays them out, against the
 *    kernel's: if_dqblk and fs_quota_stat are 68 bytes on i386 (the
 *    kernel's compat_if_dqblk / compat_fs_quota_stat, fs/quota/compat.h),
 *    72 and 80 on ARM EABI, MIPS o32 and x86-64; the rest are the same
 *    everywhere. Build-time assertions (they test the compiler, not the
 *    emulator: the page-end cases below rely on them); sys/quota.c asserts
 *    the same sizes.
 * 2. Every sub-command against a filesystem without quota, a block device,
 *    not a block device, no path, bad pointers, a bad type and a bad fd:
 *    PROBE lines that tests/host/sys-native.sh compares with the same
 *    program run natively (the kernel's answers and their order depend on
 *    its configuration: CONFIG_QUOTA, CONFIG_QUOTACTL, and on root).
 * 3. Where the filesystem of the current directory has quota on (and we
 *    are root), a round trip of limits through Q_SETQUOTA, Q_GETQUOTA,
 *    Q_GETNEXTQUOTA, Q_XGETQUOTA and Q_GETINFO: the emulator's conversion
 *    of each struct both ways. Elsewhere that part is a counted SKIP with
 *    the kernel's answer. tests/host/sys-quota-ext4.sh runs this program
 *    on a loop-mounted ext4 image with quota (in a private mount namespace;
 *    QC_QUOTA_REQUIRED=1 makes quota off a failure there); it SKIPs with
 *    the kernel's reason where the kernel cannot switch quota on (CONFIG_QUOTA
 *    without a quota format: CONFIG_QFMT_V2 unset, as on this project's
 *    machines).
 */
#include "sys-common.h"
#include <dirent.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <linux/quota.h>
#include <linux/dqblk_xfs.h>

#ifndef SYS_quotactl
#define SYS_quotactl __NR_quotactl
#endif

static long qctl(unsigned cmd, const char *special, unsigned id, void *addr)
{
    return syscall(SYS_quotactl, cmd, special, id, addr);
}

static long qfd(int fd, unsigned cmd, unsigned id, void *addr)
{
    return syscall(QC_NR_quotactl_fd, fd, cmd, id, addr);
}

#if defined(__i386__)
#define QC_DQBLK 68
#define QC_XSTAT 68
#define QC_XSTAT_INCORE 48
#else
#define QC_DQBLK 72
#define QC_XSTAT 80
#define QC_XSTAT_INCORE 56
#endif
_Static_assert(sizeof(struct if_dqblk) == QC_DQBLK, "if_dqblk size");
_Static_assert(offsetof(struct if_dqblk, dqb_valid) == 64, "if_dqblk.dqb_valid");
_Static_assert(sizeof(struct if_nextdqblk) == 72, "if_nextdqblk size");
_Static_assert(offsetof(struct if_nextdqblk, dqb_id) == 68, "if_nextdqblk.dqb_id");
_Static_assert(sizeof(struct if_dqinfo) == 24, "if_dqinfo size");
_Static_assert(sizeof(struct fs_disk_quota) == 112, "fs_disk_quota size");
_Static_assert(offsetof(struct fs_disk_quota, d_rtb_hardlimit) == 72, "fs_disk_quota.d_rtb_hardlimit");
_Static_assert(sizeof(struct fs_quota_stat) == QC_XSTAT, "fs_quota_stat size");
_Static_assert(offsetof(struct fs_quota_stat, qs_incoredqs) == QC_XSTAT_INCORE, "fs_quota_stat.qs_incoredqs");
_Static_assert(sizeof(struct fs_quota_statv) == 160, "fs_quota_statv size");

/* The block device the root filesystem is mounted from (/dev/vda, ...):
 * quotactl's "special" argument. NULL where /dev does not have it. */
static const char *root_device(void)
{
    static char path[300];
    struct stat root, st;
    struct dirent *d;
    DIR *dir = opendir("/dev");

    if (!dir || stat("/", &root)) {
        return NULL;
    }
    while ((d = readdir(dir))) {
        snprintf(path, sizeof(path), "/dev/%s", d->d_name);
        if (stat(path, &st) == 0 && S_ISBLK(st.st_mode) && st.st_rdev == root.st_dev) {
            closedir(dir);
            return path;
        }
    }
    closedir(dir);
    return NULL;
}

/* Every sub-command, by fd (quotactl_fd) or by block device (quotactl). */
static void probe_all(const char *what, int fd, const char *dev)
{
    static const struct { const char *name; unsigned cmd; } cmds[] = {
        { "Q_SYNC", Q_SYNC }, { "Q_GETFMT", Q_GETFMT },
        { "Q_GETINFO", Q_GETINFO }, { "Q_SETINFO", Q_SETINFO },
        { "Q_GETQUOTA", Q_GETQUOTA }, { "Q_SETQUOTA", Q_SETQUOTA },
        { "Q_GETNEXTQUOTA", Q_GETNEXTQUOTA },
        { "Q_XGETQSTAT", Q_XGETQSTAT }, { "Q_XGETQSTATV", Q_XGETQSTATV },
        { "Q_XGETQUOTA", Q_XGETQUOTA }, { "Q_XGETNEXTQUOTA", Q_XGETNEXTQUOTA },
        { "Q_XSETQLIM", Q_XSETQLIM }, { "Q_XQUOTAON", Q_XQUOTAON },
        { "Q_XQUOTAOFF", Q_XQUOTAOFF }, { "Q_XQUOTARM", Q_XQUOTARM },
        { "Q_XQUOTASYNC", Q_XQUOTASYNC }, { "unknown 0x800077", 0x800077 },
    };
    char name[160];
    union {
        struct if_dqblk dq;
        struct fs_disk_quota xdq;
        struct fs_quota_statv xv;
        unsigned char raw[256];
    } buf;

    for (unsigned i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
        for (int bad = 0; bad < 2; bad++) {
            /* a harmless input: flags 0, limits 0 with nothing valid;
             * Q_XQUOTAOFF/Q_XQUOTARM with flags 0 change nothing either */
            memset(&buf, 0, sizeof(buf));
            buf.xv.qs_version = FS_QSTATV_VERSION1;
            void *addr = bad ? BADPTR : (void *)&buf;
            unsigned cmd = QCMD(cmds[i].cmd, USRQUOTA);
            snprintf(name, sizeof(name), "%s %s%s", what, cmds[i].name,
                     bad ? " bad addr" : "");
            /* Never switch a real filesystem's quota: the X on/off calls
             * only with a bad flags pointer (read before anything is
             * done); Q_QUOTAON and Q_QUOTAOFF (no argument to fault on:
             * quota_enable() would switch ext4's hidden quota on) not at
             * all. The set calls carry nothing valid (dqb_valid 0,
             * d_fieldmask 0), for an id no file belongs to. */
            if (!bad && (cmds[i].cmd == Q_XQUOTAON || cmds[i].cmd == Q_XQUOTAOFF ||
                         cmds[i].cmd == Q_XQUOTARM))
                continue;
            if (fd >= 0)
                PROBE(name, qfd(fd, cmd, 54321, addr));
            else
                PROBE(name, qctl(cmd, dev, 54321, addr));
        }
    }
    /*
     * The input structs at the very end of a page, followed by an unmapped
     * one: exactly this ABI's size ("tight": read whole, the call goes on)
     * and one byte less ("short": EFAULT). The emulator must read as many
     * bytes as a 32-bit task's kernel: 68 for i386's if_dqblk, not 72.
     */
    static const struct { const char *name; unsigned cmd; size_t size; } ins[] = {
        { "Q_SETQUOTA", Q_SETQUOTA, sizeof(struct if_dqblk) },
        { "Q_SETINFO", Q_SETINFO, sizeof(struct if_dqinfo) },
        { "Q_XSETQLIM", Q_XSETQLIM, sizeof(struct fs_disk_quota) },
        { "Q_XGETQSTATV", Q_XGETQSTATV, 1 },   /* the version byte alone */
    };
    long pg = sysconf(_SC_PAGESIZE);
    unsigned char *page = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(page != MAP_FAILED && munmap(page + pg, pg) == 0,
          "a page followed by an unmapped one");
    if (page == MAP_FAILED)
        return;
    for (unsigned i = 0; i < sizeof(ins) / sizeof(ins[0]); i++) {
        /* (the version byte one short would be the unmapped page itself) */
        for (int shortby = 0; shortby < (ins[i].size > 1 ? 2 : 1); shortby++) {
            unsigned char *at = page + pg - ins[i].size + shortby;
            unsigned cmd = QCMD(ins[i].cmd, USRQUOTA);
            memset(page, 0, pg);
            if (ins[i].cmd == Q_XGETQSTATV)
                *at = FS_QSTATV_VERSION1;
            snprintf(name, sizeof(name), "%s %s at a page end, %s", what,
                     ins[i].name, shortby ? "one byte short" : "tight");
            if (fd >= 0)
                PROBE(name, qfd(fd, cmd, 54321, at));
            else
                PROBE(name, qctl(cmd, dev, 54321, at));
        }
    }
    munmap(page, pg);
}

static void test_errors(void)
{
    unsigned get = QCMD(Q_GETQUOTA, USRQUOTA);
    struct if_dqblk dq;
    const char *dev = root_device();

    PROBE("quotactl Q_SYNC of every filesystem (special NULL)",
          qctl(QCMD(Q_SYNC, USRQUOTA), NULL, 0, NULL));
    PROBE("quotactl Q_GETQUOTA special NULL", qctl(get, NULL, 0, &dq));
    PROBE("quotactl Q_GETQUOTA type 3", qctl(QCMD(Q_GETQUOTA, 3), "/dev/null", 0, &dq));
    PROBE("quotactl Q_GETQUOTA /dev/null", qctl(get, "/dev/null", 0, &dq));
    PROBE("quotactl Q_GETQUOTA no such path", qctl(get, "qc-no-such-device", 0, &dq));
    PROBE("quotactl Q_GETQUOTA special bad pointer", qctl(get, BADPTR, 0, &dq));
    PROBE("quotactl Q_QUOTAON bad path, /dev/null",
          qctl(QCMD(Q_QUOTAON, USRQUOTA), "/dev/null", QFMT_VFS_V1, BADPTR));
    PROBE("quotactl Q_QUOTAON no such path, /dev/null",
          qctl(QCMD(Q_QUOTAON, USRQUOTA), "/dev/null", QFMT_VFS_V1, "qc-none"));
    PROBE("quotactl_fd bad fd", qfd(-1, get, 0, &dq));
    PROBE("quotactl_fd type 3", qfd(0, QCMD(Q_GETQUOTA, 3), 0, &dq));

    int fd = open(".", O_RDONLY | O_DIRECTORY);
    CHECK(fd >= 0, "open the current directory");
    if (fd >= 0) {
        probe_all("quotactl_fd .", fd, NULL);
    }
    /* the root filesystem's block device: /dev/vda or the like, where
     * /dev has it (not in most containers) */
    PROBE_VAL("root block device found", "%s", dev ? "yes" : "no");
    if (dev) {
        probe_all("quotactl rootdev", -1, dev);
    }
    if (fd >= 0)
        close(fd);
}

/* Limits through every way of reading them back, where quota is on. */
static void test_round_trip(void)
{
    int fd = open(".", O_RDONLY | O_DIRECTORY);
    struct if_dqblk dq, got;
    struct if_nextdqblk next;
    struct fs_disk_quota xdq;
    struct if_dqinfo info;
    const unsigned id = 54321;

    const char *required = getenv("QC_QUOTA_REQUIRED");
    long r = -1;
    int e = 0;

    memset(&dq, 0, sizeof(dq));
    if (fd >= 0 && geteuid() == 0) {
        errno = 0;
        r = qfd(fd, QCMD(Q_GETQUOTA, USRQUOTA), id, &dq);
        e = errno;
    }
    if (r != 0) {
        char why[200];
        if (fd < 0)
            snprintf(why, sizeof why, "cannot open the current directory");
        else if (geteuid() != 0)
            snprintf(why, sizeof why, "not root (Q_SETQUOTA needs CAP_SYS_ADMIN)");
        else
            snprintf(why, sizeof why, "Q_GETQUOTA on the current directory's filesystem: %s (%s)",
                     strerrorname_np(e), e == ESRCH ? "quota is off there" :
                     e == ENOSYS ? "the filesystem has no quota support" : "refused");
        if (required && *required == '1')
            CHECK(0, "quota round trip required (QC_QUOTA_REQUIRED=1): %s", why);
        else
            SKIP("quota limits round trip (Q_SETQUOTA/GETQUOTA/GETNEXTQUOTA/XGETQUOTA/GETINFO): %s; "
                 "tests/host/sys-quota-ext4.sh runs it on an ext4 image with quota", why);
        if (fd >= 0)
            close(fd);
        return;
    }
    memset(&dq, 0, sizeof(dq));
    dq.dqb_bhardlimit = 0x100000001ull;  /* a value that needs both halves */
    dq.dqb_bsoftlimit = 4096;
    dq.dqb_ihardlimit = 77;
    dq.dqb_isoftlimit = 55;
    dq.dqb_valid = QIF_LIMITS;
    CHECK_OK(qfd(fd, QCMD(Q_SETQUOTA, USRQUOTA), id, &dq), "Q_SETQUOTA limits for id %u", id);
    memset(&got, 0xa5, sizeof(got));
    CHECK_OK(qfd(fd, QCMD(Q_GETQUOTA, USRQUOTA), id, &got), "Q_GETQUOTA back");
    CHECK(got.dqb_bhardlimit == dq.dqb_bhardlimit && got.dqb_bsoftlimit == 4096 &&
          got.dqb_ihardlimit == 77 && got.dqb_isoftlimit == 55 &&
          (got.dqb_valid & QIF_LIMITS) == QIF_LIMITS,
          "Q_GETQUOTA: the limits set, in this ABI's layout");
    memset(&next, 0, sizeof(next));
    CHECK_OK(qfd(fd, QCMD(Q_GETNEXTQUOTA, USRQUOTA), id, &next), "Q_GETNEXTQUOTA from id %u", id);
    CHECK(next.dqb_id == id && next.dqb_ihardlimit == 77, "Q_GETNEXTQUOTA: id and limits");
    memset(&xdq, 0, sizeof(xdq));
    CHECK_OK(qfd(fd, QCMD(Q_XGETQUOTA, USRQUOTA), id, &xdq), "Q_XGETQUOTA");
    CHECK(xdq.d_id == id && xdq.d_ino_hardlimit == 77 && xdq.d_ino_softlimit == 55,
          "Q_XGETQUOTA: id and inode limits");
    CHECK_OK(qfd(fd, QCMD(Q_GETINFO, USRQUOTA), 0, &info), "Q_GETINFO");
    dq.dqb_bhardlimit = dq.dqb_bsoftlimit = dq.dqb_ihardlimit = dq.dqb_isoftlimit = 0;
    CHECK_OK(qfd(fd, QCMD(Q_SETQUOTA, USRQUOTA), id, &dq), "Q_SETQUOTA: limits removed");
    close(fd);
}

int main(void)
{
    test_errors();
    test_round_trip();
    return guest_done();
}
