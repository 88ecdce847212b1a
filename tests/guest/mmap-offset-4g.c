/* mmap2's page offset reaches past 4 GiB: a file mapped at 5 GiB (and at
 * 4 GiB + 12 KiB) shows the bytes written there, not those 4 GiB below
 * (a 32-bit byte offset wraps to them); a page offset with its top bit set
 * (8 TiB + 4 KiB) is unsigned. The file is sparse: a few pages. */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include "check.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define GIB (1ULL << 30)

static int put(int fd, unsigned long long off, const char *s)
{
    return pwrite(fd, s, strlen(s) + 1, (off_t)off) == (ssize_t)strlen(s) + 1;
}

static void check_map(int fd, unsigned long long off, const char *want,
                      const char *what)
{
    errno = 0;
    char *p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, (off_t)off);
    CHECK(p != MAP_FAILED, "%s: mmap at offset 0x%llx", what, off);
    if (p != MAP_FAILED) {
        CHECK(memcmp(p, want, strlen(want) + 1) == 0,
              "%s: the mapping shows \"%s\" (got \"%.15s\")", what, want, p);
        munmap(p, 4096);
    }
}

int main(void)
{
    char path[] = "/tmp/qc-mmap-4g-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0, "mkstemp");
    if (fd < 0) {
        return guest_done();
    }
    unlink(path);
    if (ftruncate(fd, (off_t)(6 * GIB)) != 0) {
        guest_skip("the file system cannot hold a sparse 6 GiB file");
    }
    CHECK(put(fd, 1 * GIB, "one GiB") && put(fd, 5 * GIB, "five GiB") &&
          put(fd, 4 * GIB + 12288, "four GiB+12K") &&
          put(fd, 12288, "twelve K"), "pwrite the markers");

    check_map(fd, 5 * GIB, "five GiB", "5 GiB");
    check_map(fd, 4 * GIB + 12288, "four GiB+12K", "4 GiB + 12 KiB");
    check_map(fd, 1 * GIB, "one GiB", "1 GiB");

    /* pgoff 0x80000001: sys_mmap_pgoff's pgoff is an unsigned long */
    if (ftruncate(fd, (off_t)(8192 * GIB + 8192)) == 0 &&
        put(fd, 8192 * GIB + 4096, "eight TiB+4K") && put(fd, 4096, "four K")) {
        check_map(fd, 8192 * GIB + 4096, "eight TiB+4K", "8 TiB + 4 KiB");
    } else {
        SKIP("mmap at 8 TiB + 4 KiB (pgoff 0x80000001): the file system cannot hold the sparse file (%s)",
             strerror(errno));
    }

#if defined(SYS_mmap2)
    /* the raw call: a page offset of 5 GiB / 4096 (MAP_PRIVATE, fixed place) */
    {
        char *want = mmap(NULL, 8192, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        CHECK(want != MAP_FAILED, "reserve two pages");
        long r = syscall(SYS_mmap2, want + 4096, 4096, PROT_READ,
                         MAP_PRIVATE | MAP_FIXED, fd, (long)((5 * GIB) >> 12));
        CHECK(r == (long)(uintptr_t)(want + 4096) &&
              strcmp(want + 4096, "five GiB") == 0,
              "mmap2 pgoff 0x140000 MAP_FIXED shows the 5 GiB bytes");
    }
#endif
    close(fd);
    return guest_done();
}
