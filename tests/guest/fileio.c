/* fileio: a file I/O round trip through the emulator's syscall layer. */
#include "check.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>

int main(void)
{
    char dir[] = "/tmp/qc-fileio-XXXXXX";
    CHECK(mkdtemp(dir) != NULL, "mkdtemp");
    char path[64], path2[64];
    snprintf(path, sizeof path, "%s/a", dir);
    snprintf(path2, sizeof path2, "%s/b", dir);

    int fd = open(path, O_CREAT | O_EXCL | O_RDWR, 0640);
    CHECK(fd >= 0, "open O_CREAT|O_EXCL");
    static char buf[70000], back[70000];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (char)(i * 7 + 3);
    CHECK(write(fd, buf, sizeof buf) == (ssize_t)sizeof buf, "write 70000 bytes");
    CHECK(lseek(fd, 0, SEEK_CUR) == 70000, "lseek SEEK_CUR after write");
    CHECK(lseek(fd, 0, SEEK_SET) == 0, "lseek SEEK_SET");
    CHECK(read(fd, back, sizeof back) == (ssize_t)sizeof back && memcmp(buf, back, sizeof buf) == 0,
          "read back identical bytes");
    CHECK(read(fd, back, 1) == 0, "read at EOF returns 0");
    CHECK(pwrite(fd, "XYZ", 3, 100) == 3, "pwrite at 100");
    char three[4] = {0};
    CHECK(pread(fd, three, 3, 100) == 3 && memcmp(three, "XYZ", 3) == 0, "pread sees pwrite");
    struct iovec iov[2] = { { "ab", 2 }, { "cde", 3 } };
    CHECK(pwritev(fd, iov, 2, 10) == 5, "pwritev 2 iovecs");
    char five[6] = {0};
    CHECK(pread(fd, five, 5, 10) == 5 && strcmp(five, "abcde") == 0, "pread sees pwritev");

    struct stat st;
    CHECK(fstat(fd, &st) == 0 && st.st_size == 70000 && S_ISREG(st.st_mode), "fstat size and type");
    CHECK((st.st_mode & 0777) == (0640 & ~umask(022)), "fstat mode 0640 (got %o)", st.st_mode & 0777);
    CHECK(ftruncate(fd, 12345) == 0 && fstat(fd, &st) == 0 && st.st_size == 12345, "ftruncate");
    CHECK(close(fd) == 0, "close");
    CHECK_ERRNO(close(fd), EBADF, "close twice gives EBADF");
    CHECK_ERRNO(read(9999, back, 1), EBADF, "read on bad fd gives EBADF");

    CHECK(rename(path, path2) == 0, "rename");
    CHECK_ERRNO(stat(path, &st), ENOENT, "old name is gone (ENOENT)");
    CHECK(stat(path2, &st) == 0 && st.st_size == 12345, "stat new name");
    CHECK_ERRNO(open(path2, O_CREAT | O_EXCL | O_RDWR, 0600), EEXIST, "O_EXCL on existing gives EEXIST");
    CHECK_ERRNO(open("/nonexistent/qc", O_RDONLY), ENOENT, "open missing gives ENOENT");
    CHECK_ERRNO(write(1, (void *)16, 4), EFAULT, "write from a bad pointer gives EFAULT");
    CHECK(unlink(path2) == 0, "unlink");
    CHECK(rmdir(dir) == 0, "rmdir");
    return guest_done();
}
