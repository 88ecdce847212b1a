/* mm-io-more: mlock2, pkey_mprotect, preadv2 and pwritev2 (QEMU 7.2 answered
 * ENOSYS to all four), called through syscall(2) and checked against the
 * kernel's rules (mm/mlock.c, mm/mprotect.c, fs/read_write.c). */
#include "check.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#ifndef MLOCK_ONFAULT
#define MLOCK_ONFAULT 1
#endif
#ifndef RWF_HIPRI
#define RWF_HIPRI 1
#endif

static long prw2(long nr, int fd, struct iovec *iov, int cnt, long long off, int flags)
{
    return syscall(nr, fd, iov, cnt, (unsigned long)(off & 0xffffffff),
                   (unsigned long)((unsigned long long)off >> 32), flags);
}

int main(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    char *p = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED, "mmap");

    CHECK_OK(syscall(SYS_mlock2, p, pg, 0), "mlock2 flags 0");
    CHECK_OK(syscall(SYS_mlock2, p + pg, pg, MLOCK_ONFAULT), "mlock2 MLOCK_ONFAULT");
    CHECK_ERRNO(syscall(SYS_mlock2, p, pg, 0x10), EINVAL, "mlock2 unknown flag: EINVAL");
    CHECK_OK(munlock(p, 2 * pg), "munlock");

    CHECK_OK(syscall(SYS_pkey_mprotect, p, pg, PROT_READ, -1), "pkey_mprotect key -1 = mprotect");
    CHECK_OK(syscall(SYS_pkey_mprotect, p, pg, PROT_READ | PROT_WRITE, 0), "pkey_mprotect key 0");
    CHECK_ERRNO(syscall(SYS_pkey_mprotect, p, pg, PROT_READ, 5), EINVAL, "pkey_mprotect unallocated key: EINVAL");
    CHECK_ERRNO(syscall(SYS_pkey_mprotect, p + 1, pg, PROT_READ, -1), EINVAL, "pkey_mprotect unaligned: EINVAL");
    /* the guest CPUs have no protection keys: no key to allocate */
    CHECK_ERRNO(syscall(SYS_pkey_alloc, 1, 0), EINVAL, "pkey_alloc with flags: EINVAL");
    CHECK_ERRNO(syscall(SYS_pkey_alloc, 0, 4), EINVAL, "pkey_alloc with unknown rights: EINVAL");
    CHECK_ERRNO(syscall(SYS_pkey_alloc, 0, 1), ENOSPC, "pkey_alloc: ENOSPC, no keys");
    CHECK_ERRNO(syscall(SYS_pkey_free, 1), EINVAL, "pkey_free of a key never allocated: EINVAL");
    p[0] = 'w';
    CHECK(p[0] == 'w', "page writable again after pkey_mprotect(key 0, RW)");

    char path[] = "/tmp/qc-rw2-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0, "temp file");
    unlink(path);
    struct iovec w[2] = { { "hello ", 6 }, { "world", 5 } };
    CHECK(prw2(SYS_pwritev2, fd, w, 2, 100, 0) == 11, "pwritev2 at offset 100");
    CHECK(lseek(fd, 0, SEEK_CUR) == 0, "pwritev2 with an offset leaves the position");
    char a[6] = {0}, b[6] = {0};
    struct iovec r[2] = { { a, 5 }, { b, 5 } };
    CHECK(prw2(SYS_preadv2, fd, r, 2, 101, 0) == 10 && !strcmp(a, "ello ") && !strcmp(b, "world"),
          "preadv2 at offset 101 reads back (%s|%s)", a, b);
    CHECK(lseek(fd, 100, SEEK_SET) == 100, "lseek 100");
    memset(a, 0, sizeof a);
    struct iovec r1 = { a, 5 };
    CHECK(prw2(SYS_preadv2, fd, &r1, 1, -1, 0) == 5 && !strcmp(a, "hello"), "preadv2 offset -1 reads at the file position");
    CHECK(lseek(fd, 0, SEEK_CUR) == 105, "and advances it to 105");
    CHECK_ERRNO(prw2(SYS_preadv2, fd, &r1, 1, 0, 0x40000000), EOPNOTSUPP, "preadv2 unknown RWF flag: EOPNOTSUPP");
    CHECK_ERRNO(prw2(SYS_preadv2, 999, &r1, 1, 0, 0), EBADF, "preadv2 bad fd: EBADF");
    struct iovec bad = { (void *)16, 4 };
    CHECK_ERRNO(prw2(SYS_pwritev2, fd, &bad, 1, 0, 0), EFAULT, "pwritev2 from a bad buffer: EFAULT");
    CHECK_ERRNO(prw2(SYS_preadv2, fd, &r1, -1, 0, 0), EINVAL, "preadv2 negative count: EINVAL");
    close(fd);
    return guest_done();
}
