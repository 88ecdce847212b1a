/*
 * abi-dirent: directory positions of a 3,000-entry directory on the real
 * filesystem (ext4 with dir_index hands a 64-bit host 63-bit hash offsets).
 * A 32-bit process on a 64-bit kernel gets 31-bit positions (fs/ext4/dir.c
 * is_32bit_api()); readdir/telldir/seekdir/rewinddir/lseek must round-trip,
 * through getdents, getdents64, dup, a second open and fork. Non-LFS glibc
 * readdir fails with EOVERFLOW when d_off does not fit its 32-bit off_t.
 * variants: static lfs
 * timeout: 180
 */
#include "check.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define NFILES 3000
#define NENT (NFILES + 2)
#define EXT4_MAGIC 0xEF53
#define TMPFS_MAGIC 0x01021994

static char names[NENT][32];
static long pos[NENT];          /* telldir() after reading names[i] */
static int nent;
static char dir[64];

/* struct linux_dirent of fs/readdir.c, as a 32-bit process sees it. */
struct old_dirent {
    unsigned long d_ino;
    unsigned long d_off;
    unsigned short d_reclen;
    char d_name[];
};

struct dirent64_raw {
    uint64_t d_ino;
    int64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
} __attribute__((packed));

static int index_of(const char *name)
{
    for (int i = 0; i < nent; i++) {
        if (strcmp(names[i], name) == 0) {
            return i;
        }
    }
    return -1;
}

static void cleanup(void)
{
    char p[128];
    for (int i = 0; i < NFILES; i++) {
        snprintf(p, sizeof(p), "%s/file-%05d-with-a-longer-name", dir, i);
        unlink(p);
    }
    rmdir(dir);
}

/* After seekdir(pos[k]) the next entry must be names[k + 1]. */
static int seek_checks(DIR *d, int step, const char *what)
{
    int bad = 0;
    for (int k = 0; k + 1 < nent; k += step) {
        struct dirent *e;
        seekdir(d, pos[k]);
        e = readdir(d);
        if (!e || strcmp(e->d_name, names[k + 1]) != 0) {
            if (bad++ < 3) {
                printf("  %s: seekdir(%ld) [k=%d] gave %s, want %s\n", what,
                       pos[k], k, e ? e->d_name : "(null)", names[k + 1]);
            }
        }
    }
    return bad;
}

/* Raw getdents/getdents64 through the whole directory in small buffers. */
static void raw_walk(int is64)
{
    char buf[1024];
    const char *what = is64 ? "getdents64" : "getdents";
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    int count = 0, big = 0, seen_bad = 0;
    long r;
    long long mid_off = -1;
    int mid_index = -1;
    char next_name[32] = "";

    CHECK(fd >= 0, "%s: open dir", what);
    for (;;) {
        r = syscall(is64 ? SYS_getdents64 : SYS_getdents, fd, buf, sizeof(buf));
        if (r <= 0) {
            break;
        }
        for (long off = 0; off < r; ) {
            long long doff;
            const char *name;
            unsigned short reclen;
            if (is64) {
                struct dirent64_raw *e = (void *)(buf + off);
                doff = e->d_off;
                name = e->d_name;
                reclen = e->d_reclen;
            } else {
                struct old_dirent *e = (void *)(buf + off);
                doff = e->d_off;
                name = e->d_name;
                reclen = e->d_reclen;
                /* The type byte is the record's last byte: a regular file. */
                if (strncmp(name, "file-", 5) == 0 && buf[off + reclen - 1] != DT_REG) {
                    seen_bad++;
                }
            }
            if (doff < 0 || doff > 0x7fffffffLL) {
                big++;
            }
            if (count == nent / 2) {
                mid_off = doff;
                mid_index = index_of(name);
            }
            if (count == nent / 2 + 1) {
                snprintf(next_name, sizeof(next_name), "%s", name);
            }
            count++;
            off += reclen;
        }
    }
    CHECK(r == 0, "%s: reads to the end without error (r=%ld)", what, r);
    CHECK(count == nent, "%s: %d entries, want %d", what, count, nent);
    CHECK(big == 0, "%s: every d_off fits in 31 bits (%d do not)", what, big);
    CHECK(seen_bad == 0, "%s: d_type byte at the record's end", what);
    /* lseek to a d_off, then the next record is the one after it. */
    if (mid_index >= 0 && mid_index + 1 < nent) {
        off_t s = lseek(fd, (off_t)mid_off, SEEK_SET);
        CHECK(s == (off_t)mid_off, "%s: lseek to d_off %lld returns it (%lld)",
              what, mid_off, (long long)s);
        CHECK(lseek(fd, 0, SEEK_CUR) == (off_t)mid_off,
              "%s: SEEK_CUR reports the cookie", what);
        r = syscall(is64 ? SYS_getdents64 : SYS_getdents, fd, buf, sizeof(buf));
        CHECK(r > 0, "%s: read after lseek", what);
        if (r > 0) {
            const char *name = is64 ? ((struct dirent64_raw *)buf)->d_name
                                    : ((struct old_dirent *)buf)->d_name;
            CHECK(strcmp(name, next_name) == 0,
                  "%s: after lseek(d_off) comes the next record (%s, want %s)",
                  what, name, next_name);
        }
    }
    /* A too small buffer is EINVAL, as from the kernel. */
    lseek(fd, 0, SEEK_SET);
    CHECK_ERRNO(syscall(is64 ? SYS_getdents64 : SYS_getdents, fd, buf, 8),
                EINVAL, "%s: 8-byte buffer", what);
    close(fd);
}

int main(void)
{
    struct statfs sfs;
    struct dirent *e;
    DIR *d, *d2;
    char p[128];
    int bad, fd;
    pid_t child;
    int status;

    snprintf(dir, sizeof(dir), "dirent-cookies.%d", (int)getpid());
    if (mkdir(dir, 0755) < 0) {
        printf("FAIL mkdir %s: %s\n", dir, strerror(errno));
        return 1;
    }
    atexit(cleanup);
    CHECK(statfs(dir, &sfs) == 0, "statfs");
    if ((unsigned long)sfs.f_type == TMPFS_MAGIC) {
        guest_skip("the test directory is on tmpfs: small offsets, nothing to map");
    }
    printf("note: filesystem type 0x%lx%s\n", (unsigned long)sfs.f_type,
           (unsigned long)sfs.f_type == EXT4_MAGIC ? " (ext4)" : "");
    for (int i = 0; i < NFILES; i++) {
        snprintf(p, sizeof(p), "%s/file-%05d-with-a-longer-name", dir, i);
        fd = open(p, O_CREAT | O_WRONLY, 0644);
        if (fd < 0) {
            CHECK(fd >= 0, "create %s", p);
            return guest_done();
        }
        close(fd);
    }

    /* readdir through the whole directory, telldir after each entry. */
    d = opendir(dir);
    CHECK(d != NULL, "opendir");
    errno = 0;
    while (nent < NENT && (e = readdir(d)) != NULL) {
        snprintf(names[nent], sizeof(names[nent]), "%s", e->d_name);
        pos[nent] = telldir(d);
        nent++;
        errno = 0;
    }
    CHECK(errno == 0, "readdir reaches the end without error");
    CHECK(nent == NENT, "readdir returns all %d entries (got %d)", NENT, nent);
    if (nent != NENT) {
        return guest_done();
    }
    bad = 0;
    for (int i = 0; i < nent; i++) {
        if (pos[i] < 0) {
            bad++;
        }
    }
    CHECK(bad == 0, "every telldir() is a non-negative long (%d are not)", bad);
    CHECK(readdir(d) == NULL, "readdir at the end stays at the end");

    CHECK(seek_checks(d, 7, "same DIR") == 0, "seekdir/readdir round-trips");
    rewinddir(d);
    e = readdir(d);
    CHECK(e && strcmp(e->d_name, names[0]) == 0, "rewinddir restarts (%s)",
          e ? e->d_name : "(null)");

    /* lseek(2) on the directory fd agrees with telldir(). */
    seekdir(d, pos[1234]);
    CHECK(lseek(dirfd(d), 0, SEEK_CUR) == (off_t)pos[1234],
          "lseek(SEEK_CUR) after seekdir = telldir value");
    CHECK(lseek(dirfd(d), (off_t)pos[2000], SEEK_SET) == (off_t)pos[2000],
          "lseek(SEEK_SET, cookie) returns the cookie");

    /* A dup of the fd shares the open file description and the cookies. */
    fd = dup(dirfd(d));
    CHECK(lseek(fd, (off_t)pos[99], SEEK_SET) == (off_t)pos[99], "lseek on dup");
    d2 = fdopendir(fd);
    e = d2 ? readdir(d2) : NULL;
    CHECK(e && strcmp(e->d_name, names[100]) == 0,
          "dup'd fd positioned by cookie reads the next entry (%s)",
          e ? e->d_name : "(null)");
    if (d2) {
        closedir(d2);
    }

    /* A second open of the same directory understands the same cookies. */
    d2 = opendir(dir);
    CHECK(d2 && seek_checks(d2, 101, "second open") == 0,
          "cookies valid on another open of the directory");
    if (d2) {
        closedir(d2);
    }

    /* fork: the child continues from the parent's position and seeks. */
    seekdir(d, pos[1500]);
    fflush(stdout);
    child = fork();
    if (child == 0) {
        int fails = 0, n = 0;
        e = readdir(d);
        if (!e || strcmp(e->d_name, names[1501]) != 0) {
            fails++;
        }
        while ((e = readdir(d)) != NULL) {
            n++;
        }
        if (n != nent - 1502) {
            fails++;
        }
        fails += seek_checks(d, 211, "child") != 0;
        _exit(fails);
    }
    CHECK(child > 0 && waitpid(child, &status, 0) == child &&
          WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "fork: child reads on from the cookie and seeks (status %#x)", status);
    closedir(d);

    raw_walk(0);
    raw_walk(1);
    return guest_done();
}
