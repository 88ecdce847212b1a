/*
 * errno-order: the kernel's own checks come before EFAULT for a bad guest
 * pointer it has not touched yet (LTP accept01, getcwd01, mknod06):
 * accept() on a socket that is not listening is EINVAL whatever the address
 * buffer; getcwd() with a too-small size is ERANGE whatever the buffer; a
 * path with no NUL in its first PATH_MAX bytes is ENAMETOOLONG even when
 * the bytes after them are unmapped.
 * variants: static
 */
#define _GNU_SOURCE
#include "check.h"
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>

int main(void)
{
    struct sockaddr_in sin = { .sin_family = AF_INET };
    socklen_t len = sizeof(sin);
    char buf[8];
    long pg = sysconf(_SC_PAGESIZE);
    int s;

    s = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(s >= 0, "socket");
    CHECK(bind(s, (struct sockaddr *)&sin, sizeof(sin)) == 0, "bind");
    CHECK_ERRNO(accept(s, (struct sockaddr *)3, &len), EINVAL,
                "accept(not listening, bad address) is EINVAL");
    CHECK_ERRNO(accept(s, (struct sockaddr *)&sin, (socklen_t *)3), EINVAL,
                "accept(not listening, bad addrlen pointer) is EINVAL");
    CHECK_ERRNO(accept(-1, (struct sockaddr *)3, &len), EBADF,
                "accept(-1, bad address) is EBADF");
    close(s);

    CHECK_ERRNO(syscall(SYS_getcwd, buf, 0), ERANGE, "getcwd(buf, 0)");
    CHECK_ERRNO(syscall(SYS_getcwd, buf, 1), ERANGE, "getcwd(buf, 1)");
    CHECK_ERRNO(syscall(SYS_getcwd, NULL, 1), ERANGE, "getcwd(NULL, 1)");
    CHECK_ERRNO(syscall(SYS_getcwd, (void *)-1, PATH_MAX), EFAULT,
                "getcwd(-1, PATH_MAX)");
    CHECK_ERRNO(syscall(SYS_getcwd, NULL, (size_t)-1), EFAULT,
                "getcwd(NULL, -1)");
    CHECK(syscall(SYS_getcwd, buf, sizeof(buf)) > 0 ||
          errno == ERANGE, "getcwd(buf, 8) still works or is ERANGE");

    /* PATH_MAX + 2 bytes of 'a' ending at an unmapped page */
    size_t n = PATH_MAX + 2, span = (n + pg - 1) / pg * pg;
    char *m = mmap(NULL, span + pg, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(m != MAP_FAILED, "mmap");
    munmap(m + span, pg);
    char *p = m + span - n;
    memset(p, 'a', n);
    CHECK_ERRNO(mknod(p, S_IFIFO | 0600, 0), ENAMETOOLONG,
                "mknod(PATH_MAX+2 bytes, no NUL) is ENAMETOOLONG");
    CHECK_ERRNO(mkdir(p, 0700), ENAMETOOLONG,
                "mkdir(PATH_MAX+2 bytes, no NUL) is ENAMETOOLONG");
    p = m + span - 100;
    CHECK_ERRNO(mknod(p, S_IFIFO | 0600, 0), EFAULT,
                "mknod(100 bytes, no NUL, then unmapped) is EFAULT");
    return guest_done();
}
