/*
 * fcntl-query: F_DUPFD_QUERY (Linux 6.10) and F_CREATED_QUERY (6.12) go to
 * the kernel (LTP fcntl40).
 * variants: static lfs
 */
#define _GNU_SOURCE
#include "check.h"
#include <fcntl.h>

#ifndef F_DUPFD_QUERY
# define F_DUPFD_QUERY 1027
#endif
#ifndef F_CREATED_QUERY
# define F_CREATED_QUERY 1028
#endif

int main(void)
{
    char name[] = "/tmp/qc-fcntl-query-XXXXXX";
    int fd, fd2, fd3;

    CHECK(mktemp(name)[0], "mktemp");
    fd = open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
    CHECK(fd >= 0, "open(O_CREAT) a new file");
    errno = 0;
    CHECK(fcntl(fd, F_CREATED_QUERY, 0) == 1, "F_CREATED_QUERY after creating");
    fd2 = open(name, O_RDWR | O_CREAT, 0600);
    CHECK(fd2 >= 0, "open(O_CREAT) it again");
    CHECK(fcntl(fd2, F_CREATED_QUERY, 0) == 0, "F_CREATED_QUERY of an existing one");
    fd3 = dup(fd);
    CHECK(fcntl(fd, F_DUPFD_QUERY, fd3) == 1, "F_DUPFD_QUERY of a dup");
    CHECK(fcntl(fd, F_DUPFD_QUERY, fd2) == 0, "F_DUPFD_QUERY of another open");
    CHECK_ERRNO(fcntl(-1, F_CREATED_QUERY, 0), EBADF, "F_CREATED_QUERY(-1)");
    unlink(name);
    return guest_done();
}
