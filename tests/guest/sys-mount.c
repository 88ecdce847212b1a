/*
 * sys-mount: the mount API (linux-user/qc/sys/mount.c) and the security
 * syscalls (sys/security.c) Linux added after QEMU 7.2, through syscall(2):
 * fsopen, fsconfig, fsmount, fspick, open_tree, open_tree_attr,
 * mount_setattr, move_mount, statmount, listmount, listns, landlock_*,
 * lsm_*. Also run natively (sys-common.h).
 *
 * Nothing here changes the host's mount table: mounts are created detached
 * (fsmount, open_tree(OPEN_TREE_CLONE)) and dropped by closing their fd;
 * move_mount is only called with arguments it refuses. Landlock confines a
 * forked child only.
 *
 * Where fsopen answers EPERM (not privileged in this mount namespace), the
 * fsopen/fsconfig/fsmount/mount_setattr/fspick/move_mount cases run in a
 * forked child inside a new user and mount namespace (tmpfs mounts there);
 * where that is refused too, and where the kernel lacks a call (Landlock
 * off, no listns or open_tree_attr), the part not run is a counted SKIP.
 */
#include "sys-common.h"
#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/wait.h>

struct mount_attr { uint64_t attr_set, attr_clr, propagation, userns_fd; };
struct mnt_id_req { uint32_t size, spare; uint64_t mnt_id, param, mnt_ns_id; };
struct ns_id_req { uint32_t size, spare; uint64_t ns_id; uint32_t ns_type, spare2; uint64_t user_ns_id; };
struct statmount_hdr {
    uint32_t size, mnt_opts; uint64_t mask; uint32_t sb_dev_major, sb_dev_minor;
    uint64_t sb_magic; uint32_t sb_flags, fs_type; uint64_t mnt_id, mnt_parent_id;
    uint32_t mnt_id_old, mnt_parent_id_old; uint64_t mnt_attr, mnt_propagation,
    mnt_peer_group, mnt_master, propagate_from; uint32_t mnt_root, mnt_point;
    uint64_t mnt_ns_id; uint32_t fs_subtype, sb_source, opt_num, opt_array,
    opt_sec_num, opt_sec_array; uint64_t supported_mask;
    uint32_t uidmap_num, uidmap, gidmap_num, gidmap; uint64_t spare2[43];
};
_Static_assert(sizeof(struct statmount_hdr) == 512, "statmount header");
struct landlock_ruleset_attr { uint64_t handled_access_fs, handled_access_net, scoped; };
struct landlock_path_beneath_attr { uint64_t allowed_access; int32_t parent_fd; } __attribute__((packed));

#define FSOPEN_CLOEXEC 1
#define FSCONFIG_SET_FLAG 0
#define FSCONFIG_SET_STRING 1
#define FSCONFIG_SET_BINARY 2
#define FSCONFIG_CMD_CREATE 6
#define FSMOUNT_CLOEXEC 1
#define MOUNT_ATTR_RDONLY 0x1
#define MOUNT_ATTR_NOSUID 0x2
#define MOUNT_ATTR_NODEV 0x4
#define OPEN_TREE_CLONE 1
#define AT_RECURSIVE_QC 0x8000
#define STATMOUNT_SB_BASIC 0x1
#define STATMOUNT_MNT_BASIC 0x2
#define STATMOUNT_MNT_POINT 0x10
#define STATMOUNT_FS_TYPE 0x20
#define LSMT_ROOT 0xffffffffffffffffULL
#define TMPFS_MAGIC_QC 0x01021994

static char dir[] = "/tmp/qc-sys-mount-XXXXXX";

static void fsopen_cases(void)
{
    int fs = syscall(QC_NR_fsopen, "tmpfs", FSOPEN_CLOEXEC);
    CHECK(fs >= 0, "fsopen tmpfs");
    CHECK(fcntl(fs, F_GETFD) == FD_CLOEXEC, "fsopen FSOPEN_CLOEXEC");
    CHECK(syscall(QC_NR_fsconfig, fs, FSCONFIG_SET_STRING, "size", "1m", 0) == 0, "fsconfig SET_STRING size=1m");
    CHECK(syscall(QC_NR_fsconfig, fs, FSCONFIG_SET_STRING, "mode", "0710", 0) == 0, "fsconfig SET_STRING mode");
    CHECK_ERRNO(syscall(QC_NR_fsconfig, fs, FSCONFIG_SET_STRING, "nosuchopt", "1", 0), EINVAL, "fsconfig unknown key: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_fsconfig, fs, FSCONFIG_SET_STRING, BADPTR, "1", 0), EFAULT, "fsconfig bad key: EFAULT");
    CHECK_ERRNO(syscall(QC_NR_fsconfig, fs, FSCONFIG_SET_STRING, "size", BADPTR, 0), EFAULT, "fsconfig bad value: EFAULT");
    CHECK_ERRNO(syscall(QC_NR_fsconfig, fs, FSCONFIG_SET_FLAG, "size", "x", 0), EINVAL, "fsconfig SET_FLAG with a value: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_fsconfig, fs, FSCONFIG_SET_BINARY, "size", "x", 0), EINVAL, "fsconfig SET_BINARY aux 0: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_fsconfig, fs, 99, NULL, NULL, 0), EOPNOTSUPP, "fsconfig unknown command: EOPNOTSUPP");
    CHECK_ERRNO(syscall(QC_NR_fsconfig, 9999, FSCONFIG_CMD_CREATE, NULL, NULL, 0), EBADF, "fsconfig bad fd: EBADF");
    /* The 5th argument (aux) comes from the stack on MIPS o32. */
    CHECK_ERRNO(syscall(QC_NR_fsconfig, fs, FSCONFIG_CMD_CREATE, NULL, NULL, 1), EINVAL, "fsconfig CMD_CREATE aux 1: EINVAL");
    CHECK(syscall(QC_NR_fsconfig, fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) == 0, "fsconfig CMD_CREATE");
    int mfd = syscall(QC_NR_fsmount, fs, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV);
    CHECK(mfd >= 0, "fsmount (detached)");
    CHECK_ERRNO(syscall(QC_NR_fsmount, fs, 0x80, 0), EINVAL, "fsmount bad flags: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_fsmount, 9999, 0, 0), EBADF, "fsmount bad fd: EBADF");
    if (mfd >= 0) {
        int f = openat(mfd, "hello", O_CREAT | O_RDWR, 0600);
        CHECK(f >= 0 && write(f, "hi", 2) == 2, "create a file in the detached tmpfs");
        close(f);
        struct stat st;
        CHECK(fstatat(mfd, "hello", &st, 0) == 0 && st.st_size == 2, "stat it back");
        CHECK(fstat(mfd, &st) == 0 && (st.st_mode & 07777) == 0710, "fsconfig mode=0710 reached the fs");
        struct mount_attr ma = { MOUNT_ATTR_RDONLY, 0, 0, 0 };
        CHECK(syscall(QC_NR_mount_setattr, mfd, "", AT_EMPTY_PATH, &ma, sizeof ma) == 0, "mount_setattr RDONLY on the detached mount");
        CHECK_ERRNO(openat(mfd, "new", O_CREAT | O_RDWR, 0600), EROFS, "the mount is read-only now (EROFS)");
        CHECK_ERRNO(syscall(QC_NR_mount_setattr, mfd, "", AT_EMPTY_PATH, &ma, 16), EINVAL, "mount_setattr size 16: EINVAL");
        CHECK_ERRNO(syscall(QC_NR_mount_setattr, mfd, "", AT_EMPTY_PATH, &ma, 8192), E2BIG, "mount_setattr size > page: E2BIG");
        CHECK_ERRNO(syscall(QC_NR_mount_setattr, mfd, "", AT_EMPTY_PATH, BADPTR, sizeof ma), EFAULT, "mount_setattr bad attr: EFAULT");
        CHECK_ERRNO(syscall(QC_NR_mount_setattr, mfd, "", 0x1, &ma, sizeof ma), EINVAL, "mount_setattr bad flags: EINVAL");
        struct mount_attr bad = { 1ULL << 40, 0, 0, 0 };
        CHECK_ERRNO(syscall(QC_NR_mount_setattr, mfd, "", AT_EMPTY_PATH, &bad, sizeof bad), EINVAL, "mount_setattr unknown attr: EINVAL");
        int pick = syscall(QC_NR_fspick, mfd, "", 0x8 /* FSPICK_EMPTY_PATH */ | 0x1 /* CLOEXEC */);
        CHECK(pick >= 0, "fspick on the detached mount");
        if (pick >= 0) {
            PROBE("fsconfig reconfigure via fspick", syscall(QC_NR_fsconfig, pick, 7 /* CMD_RECONFIGURE */, NULL, NULL, 0));
            close(pick);
        }
        CHECK_ERRNO(syscall(QC_NR_fspick, mfd, "", 0x100), EINVAL, "fspick bad flags: EINVAL");
        CHECK_ERRNO(syscall(QC_NR_fspick, AT_FDCWD, BADPTR, 0), EFAULT, "fspick bad path: EFAULT");
        CHECK_ERRNO(syscall(QC_NR_move_mount, mfd, "", AT_FDCWD, dir, 0x1000000), EINVAL, "move_mount bad flags: EINVAL");
        CHECK_ERRNO(syscall(QC_NR_move_mount, mfd, "", AT_FDCWD, BADPTR, 0x4), EFAULT, "move_mount bad to_path: EFAULT");
        CHECK_ERRNO(syscall(QC_NR_move_mount, 9999, "", AT_FDCWD, dir, 0x4 /* F_EMPTY_PATH */), EBADF, "move_mount bad fd: EBADF");
        close(mfd);
    }
    close(fs);
    CHECK_ERRNO(syscall(QC_NR_fsopen, "nosuchfs-qc", 0), ENODEV, "fsopen unknown fs: ENODEV");
    CHECK_ERRNO(syscall(QC_NR_fsopen, BADPTR, 0), EFAULT, "fsopen bad name: EFAULT");
    CHECK_ERRNO(syscall(QC_NR_fsopen, "tmpfs", 2), EINVAL, "fsopen bad flags: EINVAL");
}

/* Become root of a new user namespace (uid and gid maps of one id) with a
 * mount namespace of its own: 0, or -1 with errno. */
static int enter_user_mount_ns(void)
{
    char map[64];
    uid_t uid = getuid();
    gid_t gid = getgid();
    int fd, n;

    if (unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0)
        return -1;
    fd = open("/proc/self/setgroups", O_WRONLY);
    if (fd >= 0) {
        write(fd, "deny", 4);
        close(fd);
    }
    n = snprintf(map, sizeof map, "0 %u 1", (unsigned)uid);
    fd = open("/proc/self/uid_map", O_WRONLY);
    if (fd < 0 || write(fd, map, n) != n)
        return -1;
    close(fd);
    n = snprintf(map, sizeof map, "0 %u 1", (unsigned)gid);
    fd = open("/proc/self/gid_map", O_WRONLY);
    if (fd < 0 || write(fd, map, n) != n)
        return -1;
    close(fd);
    return 0;
}

static void test_open_tree(void);

/* The mount API cases: here where fsopen works, else in a child as root of
 * a new user+mount namespace (open_tree's cases too: it needs the same
 * privilege). 1 when open_tree's cases ran there. */
static int test_fsopen(void)
{
    errno = 0;
    int fs = syscall(QC_NR_fsopen, "tmpfs", FSOPEN_CLOEXEC);
    int e = errno;
    PROBE_RES("fsopen tmpfs in this mount namespace", fs, e);
    if (fs >= 0) {
        close(fs);
        fsopen_cases();
        return 0;
    }
    CHECK(e == EPERM, "fsopen tmpfs: only EPERM (not privileged here) may refuse it");
    if (e != EPERM)
        return 0;
    /* unprivileged: the same cases as root of a new user+mount namespace,
     * in a child (unshare(CLONE_NEWUSER) wants a single-threaded caller) */
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        if (enter_user_mount_ns() < 0) {
            SKIP("fsopen/fsconfig/fsmount/mount_setattr/fspick/move_mount/open_tree: fsopen EPERM "
                 "here and no user+mount namespace to run them in (%s)", strerror(errno));
            _exit(77);
        }
        printf("INFO fsopen EPERM here: the mount API cases run as root of a new user+mount namespace\n");
        fsopen_cases();
        test_open_tree();
        _exit(guest_failures ? 1 : 0);
    }
    int st = 0;
    CHECK(c > 0 && waitpid(c, &st, 0) == c && WIFEXITED(st) &&
          (WEXITSTATUS(st) == 0 || WEXITSTATUS(st) == 77),
          "the mount API cases in a new user+mount namespace ran through (status %#x)", st);
    return 1;
}

static void test_open_tree(void)
{
    int t = syscall(QC_NR_open_tree, AT_FDCWD, dir, OPEN_TREE_CLONE | O_CLOEXEC);
    CHECK(t >= 0, "open_tree OPEN_TREE_CLONE of a temp dir");
    if (t >= 0) {
        CHECK(fcntl(t, F_GETFD) == FD_CLOEXEC, "open_tree OPEN_TREE_CLOEXEC");
        struct stat a, b;
        CHECK(fstat(t, &a) == 0 && stat(dir, &b) == 0 && a.st_ino == b.st_ino, "the clone shows the directory");
        close(t);
    }
    int p = syscall(QC_NR_open_tree, AT_FDCWD, dir, 0);
    CHECK(p >= 0, "open_tree without clone (O_PATH-like)");
    close(p);
    CHECK_ERRNO(syscall(QC_NR_open_tree, AT_FDCWD, dir, 0x4), EINVAL, "open_tree bad flags: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_open_tree, AT_FDCWD, BADPTR, 0), EFAULT, "open_tree bad path: EFAULT");
    CHECK_ERRNO(syscall(QC_NR_open_tree, 9999, "x", 0), EBADF, "open_tree bad dirfd: EBADF");

    struct mount_attr ma = { MOUNT_ATTR_RDONLY, 0, 0, 0 };
    errno = 0;
    int ta = syscall(QC_NR_open_tree_attr, AT_FDCWD, dir, OPEN_TREE_CLONE | O_CLOEXEC, &ma, sizeof ma);
    int tae = errno;
    PROBE_RES("open_tree_attr", ta, tae);
    if (ta < 0 && tae == ENOSYS)
        SKIP_ENOSYS("open_tree_attr", 6, 15, "open_tree_attr: ENOSYS (a kernel before Linux 6.15): its attr cases not run");
    else if (ta < 0 && tae == EPERM)
        SKIP("open_tree_attr: EPERM (not privileged here): its attr cases not run");
    else
        CHECK(ta >= 0, "open_tree_attr OPEN_TREE_CLONE with a RDONLY attr");
    if (ta >= 0) {
        CHECK_ERRNO(openat(ta, "x", O_CREAT | O_RDWR, 0600), EROFS, "open_tree_attr RDONLY applied (EROFS)");
        close(ta);
        CHECK_ERRNO(syscall(QC_NR_open_tree_attr, AT_FDCWD, dir, OPEN_TREE_CLONE, BADPTR, sizeof ma), EFAULT,
                    "open_tree_attr bad attr: EFAULT");
        CHECK_ERRNO(syscall(QC_NR_open_tree_attr, AT_FDCWD, dir, OPEN_TREE_CLONE, &ma, 8), EINVAL,
                    "open_tree_attr size 8: EINVAL");
    }
}

static void test_statmount(void)
{
    static uint64_t ids[256];
    struct mnt_id_req req = { 24, 0, LSMT_ROOT, 0, 0 };
    long n = syscall(QC_NR_listmount, &req, ids, 256, 0);
    CHECK(n > 0, "listmount from the root (%ld)", n);
    if (n <= 0)
        return;
    PROBE_VAL("listmount count", "%ld", n);
    static union { struct statmount_hdr h; char b[4096]; } sm;
    struct mnt_id_req sreq = { 24, 0, ids[0], STATMOUNT_SB_BASIC | STATMOUNT_MNT_BASIC | STATMOUNT_MNT_POINT | STATMOUNT_FS_TYPE, 0 };
    CHECK(syscall(QC_NR_statmount, &sreq, &sm, sizeof sm, 0) == 0, "statmount of the first listed mount");
    CHECK(sm.h.mnt_id == ids[0], "statmount mnt_id matches listmount's (64-bit id)");
    CHECK(sm.h.size > 512 && sm.h.size <= sizeof sm, "statmount size field");
    CHECK((sm.h.mask & STATMOUNT_MNT_POINT) && sm.h.mnt_point < sizeof sm.b - 512, "statmount mask has MNT_POINT");
    PROBE_VAL("statmount first mount", "%s %s magic=%llx", sm.b + 512 + sm.h.mnt_point,
              sm.b + 512 + sm.h.fs_type, (unsigned long long)sm.h.sb_magic);
    CHECK(sm.b[512 + sm.h.mnt_point] == '/', "mount point is a path");
    struct mnt_id_req r2 = { 24, 0, ids[0], 0, 0 };
    uint64_t two[2];
    long m = syscall(QC_NR_listmount, &r2, two, 2, 0);
    CHECK(m >= 0 && m <= 2, "listmount after a given id with room for 2");
    CHECK_ERRNO(syscall(QC_NR_statmount, &sreq, &sm, 8, 0), EOVERFLOW, "statmount buffer too small: EOVERFLOW");
    struct mnt_id_req small = { 8, 0, ids[0], 0, 0 };
    CHECK_ERRNO(syscall(QC_NR_statmount, &small, &sm, sizeof sm, 0), EINVAL, "statmount req size 8: EINVAL");
    struct mnt_id_req huge = { 8192, 0, ids[0], 0, 0 };
    CHECK_ERRNO(syscall(QC_NR_statmount, &huge, &sm, sizeof sm, 0), E2BIG, "statmount req size > page: E2BIG");
    CHECK_ERRNO(syscall(QC_NR_statmount, BADPTR, &sm, sizeof sm, 0), EFAULT, "statmount bad req: EFAULT");
    CHECK_ERRNO(syscall(QC_NR_statmount, &sreq, BADPTR, sizeof sm, 0), EFAULT, "statmount bad buffer: EFAULT");
    CHECK_ERRNO(syscall(QC_NR_statmount, &sreq, &sm, sizeof sm, 1), EINVAL, "statmount flags: EINVAL");
    struct mnt_id_req none = { 24, 0, 0x7fffffffffffULL, STATMOUNT_MNT_BASIC, 0 };
    CHECK_ERRNO(syscall(QC_NR_statmount, &none, &sm, sizeof sm, 0), ENOENT, "statmount unknown id: ENOENT");
    CHECK_ERRNO(syscall(QC_NR_listmount, &req, BADPTR, 4, 0), EFAULT, "listmount bad buffer: EFAULT");
    CHECK_ERRNO(syscall(QC_NR_listmount, &req, ids, 4, 0x80), EINVAL, "listmount flags: EINVAL");

    struct ns_id_req nreq = { 32, 0, 0, 0, 0, 0 };
    errno = 0;
    long nn = syscall(QC_NR_listns, &nreq, ids, 16, 0);
    int ne = errno;
    PROBE_RES("listns", nn, ne);
    if (nn < 0 && ne == ENOSYS) {
        SKIP_ENOSYS("listns", 6, 19, "listns: the kernel has none (ENOSYS; added in Linux 6.19): its cases not run");
    } else {
        CHECK(nn >= 0 && nn <= 16, "listns answers a count of at most 16 (%ld)", nn);
        CHECK_ERRNO(syscall(QC_NR_listns, BADPTR, ids, 16, 0), EFAULT, "listns bad request: EFAULT");
    }
}

/* 1: the kernel's LSM list (lsm_list_modules) has id, 0: it has not,
 * -1: no list (the call failed). */
static int lsm_listed(uint64_t id)
{
    static uint64_t ids[32];
    uint32_t size = sizeof ids;
    long n = syscall(QC_NR_lsm_list_modules, ids, &size, 0);

    if (n < 0)
        return -1;
    for (long i = 0; i < n; i++)
        if (ids[i] == id)
            return 1;
    return 0;
}
#define LSM_ID_LANDLOCK 110

static void test_landlock(void)
{
    errno = 0;
    long abi = syscall(QC_NR_landlock_create_ruleset, NULL, 0, 1 /* VERSION */);
    int e = errno;
    PROBE_VAL("landlock ABI version", "%ld/%s", abi, abi < 0 ? strerrorname_np(e) : "-");
    if (abi < 0) {
        /* the kernel's LSM list is the referee: Landlock not built
         * (ENOSYS) or not enabled (EOPNOTSUPP) is not in it; a kernel
         * before 6.8 has no list to ask */
        int listed = lsm_listed(LSM_ID_LANDLOCK);
        CHECK(listed == 0 || (listed == -1 && kernel_before(6, 8)),
              "landlock version query fails (%s) only where the kernel's LSM list lacks Landlock (%s)",
              strerrorname_np(e), listed == 1 ? "listed" : listed == 0 ? "not listed" : "no list");
        SKIP("landlock_*: the kernel refuses Landlock (%s: not built or not enabled): "
             "ruleset, rule and restrict cases not run", strerrorname_np(e));
        return;
    }
    CHECK(abi >= 1, "landlock ABI version %ld", abi);
    CHECK_ERRNO(syscall(QC_NR_landlock_create_ruleset, NULL, 0, 4), EINVAL,
                "landlock_create_ruleset bad flags: EINVAL");
    struct landlock_ruleset_attr ra = { 1ULL << 2 /* READ_FILE */ | 1ULL << 1 /* WRITE_FILE */, 0, 0 };
    int rs = syscall(QC_NR_landlock_create_ruleset, &ra, 8, 0);
    CHECK(rs >= 0, "landlock_create_ruleset (8-byte attr)");
    CHECK_ERRNO(syscall(QC_NR_landlock_create_ruleset, &ra, 4, 0), EINVAL, "landlock_create_ruleset size 4: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_landlock_create_ruleset, BADPTR, 8, 0), EFAULT, "landlock_create_ruleset bad attr: EFAULT");
    struct landlock_ruleset_attr zero = { 0, 0, 0 };
    CHECK_ERRNO(syscall(QC_NR_landlock_create_ruleset, &zero, 8, 0), ENOMSG, "landlock_create_ruleset empty: ENOMSG");
    int dfd = open(dir, O_PATH | O_DIRECTORY);
    struct landlock_path_beneath_attr pb = { 1ULL << 2, dfd };
    CHECK(syscall(QC_NR_landlock_add_rule, rs, 1, &pb, 0) == 0, "landlock_add_rule PATH_BENEATH (packed 12-byte attr)");
    CHECK_ERRNO(syscall(QC_NR_landlock_add_rule, rs, 1, &pb, 1), EINVAL, "landlock_add_rule flags: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_landlock_add_rule, rs, 99, &pb, 0), EINVAL, "landlock_add_rule unknown type: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_landlock_add_rule, rs, 1, BADPTR, 0), EFAULT, "landlock_add_rule bad attr: EFAULT");
    CHECK_ERRNO(syscall(QC_NR_landlock_add_rule, 9999, 1, &pb, 0), EBADF, "landlock_add_rule bad fd: EBADF");
    char inside[80];
    snprintf(inside, sizeof inside, "%s/in", dir);
    close(open(inside, O_CREAT | O_WRONLY, 0600));
    pid_t c = fork();
    if (c == 0) {
        if (syscall(SYS_prctl, 38 /* PR_SET_NO_NEW_PRIVS */, 1, 0, 0, 0) != 0)
            _exit(10);
        if (syscall(QC_NR_landlock_restrict_self, rs, 0) != 0)
            _exit(11);
        int f = open(inside, O_RDONLY);
        if (f < 0)
            _exit(12);
        close(f);
        if (open("/etc/hostname", O_RDONLY) >= 0 || errno != EACCES)
            _exit(13);
        if (open(inside, O_WRONLY) >= 0 || errno != EACCES)
            _exit(14);
        _exit(0);
    }
    int st = 0;
    waitpid(c, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0,
          "landlock_restrict_self confines a child to reading %s (exit %d)", dir, WEXITSTATUS(st));
    /* without CAP_SYS_ADMIN, restrict_self answers EPERM before it looks
     * at its arguments unless no_new_privs is set (this process ends soon
     * and executes nothing) */
    if (geteuid() != 0)
        CHECK(syscall(SYS_prctl, 38 /* PR_SET_NO_NEW_PRIVS */, 1, 0, 0, 0) == 0, "PR_SET_NO_NEW_PRIVS");
    CHECK_ERRNO(syscall(QC_NR_landlock_restrict_self, rs, 1 << 5), EINVAL, "landlock_restrict_self bad flags: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_landlock_restrict_self, 9999, 0), EBADF, "landlock_restrict_self bad fd: EBADF");
    unlink(inside);
    close(dfd);
    close(rs);
}

static void test_lsm(void)
{
    static uint64_t ids[32];
    uint32_t size = sizeof ids;
    errno = 0;
    long n = syscall(QC_NR_lsm_list_modules, ids, &size, 0);
    int e = errno;
    PROBE_RES("lsm_list_modules", n, e);
    if (n < 0 && e == ENOSYS)
        SKIP_ENOSYS("lsm_list_modules", 6, 8, "lsm_list_modules: the kernel has none (ENOSYS; added in Linux 6.8): its list cases not run");
    else
        CHECK(n > 0, "lsm_list_modules lists the LSMs (%ld)", n);
    if (n > 0) {
        CHECK(size == n * 8, "lsm_list_modules size is 8 per module");
        char line[256] = "";
        for (long i = 0; i < n; i++)
            snprintf(line + strlen(line), sizeof line - strlen(line), " %llu", (unsigned long long)ids[i]);
        PROBE_VAL("lsm ids", "%s", line);
        uint32_t tiny = 0;
        CHECK_ERRNO(syscall(QC_NR_lsm_list_modules, ids, &tiny, 0), E2BIG, "lsm_list_modules size 0: E2BIG");
        CHECK(tiny == n * 8, "lsm_list_modules reports the size needed");
    }
    CHECK_ERRNO(syscall(QC_NR_lsm_list_modules, ids, &size, 1), EINVAL, "lsm_list_modules flags: EINVAL");
    CHECK_ERRNO(syscall(QC_NR_lsm_list_modules, ids, BADPTR, 0), EFAULT, "lsm_list_modules bad size pointer: EFAULT");
    static uint64_t ctx[64];
    size = sizeof ctx;
    PROBE("lsm_get_self_attr CURRENT", syscall(QC_NR_lsm_get_self_attr, 100 /* LSM_ATTR_CURRENT */, ctx, &size, 0));
    CHECK_ERRNO(syscall(QC_NR_lsm_get_self_attr, 0 /* UNDEF */, ctx, &size, 0), EINVAL, "lsm_get_self_attr LSM_ATTR_UNDEF: EINVAL");
    PROBE("lsm_set_self_attr CURRENT", syscall(QC_NR_lsm_set_self_attr, 100, ctx, 32, 0));
    CHECK_ERRNO(syscall(QC_NR_lsm_set_self_attr, 100, ctx, 8192, 0), E2BIG, "lsm_set_self_attr size > page: E2BIG");
}

int main(void)
{
    CHECK(mkdtemp(dir) != NULL, "mkdtemp");
    if (!test_fsopen())
        test_open_tree();
    test_statmount();
    test_landlock();
    test_lsm();
    CHECK(rmdir(dir) == 0, "cleanup");
    return guest_done();
}
