/*
 * execveat: a descriptor (AT_EMPTY_PATH), a path relative to a directory
 * descriptor, AT_FDCWD and AT_SYMLINK_NOFOLLOW, with the kernel's errnos
 * (fs/exec.c do_open_execat, alloc_bprm). The program runs itself: with
 * "child" as its first argument it checks its arguments and exits 42.
 */
#include "check.h"
#include <fcntl.h>
#include <libgen.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

extern char **environ;

static long xat(int dirfd, const char *path, int flags, const char *tag)
{
    char *argv[] = { "execveat-child", "child", (char *)tag, NULL };

    return syscall(SYS_execveat, dirfd, path, argv, environ, flags);
}

/* execveat in a child; the exit status of the new program, or -1 - errno */
static int in_child(int dirfd, const char *path, int flags, const char *tag)
{
    pid_t pid = fork();
    int st;

    if (pid == 0) {
        xat(dirfd, path, flags, tag);
        _exit(100 + (errno & 0x1f));
    }
    if (pid < 0 || waitpid(pid, &st, 0) != pid)
        return -1000;
    if (!WIFEXITED(st))
        return -2000 - (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
    return WEXITSTATUS(st) >= 100 ? -(WEXITSTATUS(st) - 100) : WEXITSTATUS(st);
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "child") == 0)
        return strcmp(argv[0], "execveat-child") == 0 ? 42 : 41;

    char self[4096], dir[4096];
    snprintf(self, sizeof self, "%s", argv[0]);
    snprintf(dir, sizeof dir, "%s", argv[0]);
    const char *base = basename(self);
    const char *dname = dirname(dir);
    CHECK(argv[0][0] == '/', "started by an absolute path (%s)", argv[0]);

    int fd = open(argv[0], O_RDONLY);
    CHECK(fd >= 0, "open the program itself");
    int r = in_child(fd, "", AT_EMPTY_PATH, "fd");
    CHECK(r == 42, "AT_EMPTY_PATH runs the descriptor's program (got %d)", r);

    int dfd = open(dname, O_RDONLY | O_DIRECTORY);
    CHECK(dfd >= 0, "open its directory");
    r = in_child(dfd, base, 0, "dirfd");
    CHECK(r == 42, "a path relative to a directory descriptor (got %d)", r);
    int pfd = open(dname, O_PATH | O_DIRECTORY);
    r = in_child(pfd, base, 0, "opath");
    CHECK(r == 42, "relative to an O_PATH directory descriptor (got %d)", r);
    r = in_child(9999, argv[0], 0, "absolute");
    CHECK(r == 42, "an absolute path ignores the descriptor (got %d)", r);

    unlink("execveat-link");
    CHECK(symlink(argv[0], "execveat-link") == 0, "a symlink to it");
    CHECK_ERRNO(xat(AT_FDCWD, "execveat-link", AT_SYMLINK_NOFOLLOW, "nofollow"), ELOOP,
                "AT_SYMLINK_NOFOLLOW on a symlink: ELOOP");
    r = in_child(AT_FDCWD, "execveat-link", 0, "follow");
    CHECK(r == 42, "AT_FDCWD with a relative symlink, followed (got %d)", r);

    CHECK_ERRNO(xat(AT_FDCWD, "execveat-link", 0x1, "badflag"), EINVAL, "an unknown flag: EINVAL");
    CHECK_ERRNO(xat(fd, "", 0x1, "badflag"), ENOENT, "\"\" and an unknown flag: ENOENT first");
    CHECK_ERRNO(xat(fd, "", 0, "empty"), ENOENT, "\"\" without AT_EMPTY_PATH: ENOENT");
    CHECK_ERRNO(xat(9999, "execveat-link", 0, "badfd"), EBADF, "a bad descriptor: EBADF");
    CHECK_ERRNO(xat(fd, "execveat-link", 0, "notdir"), ENOTDIR, "a file descriptor with a relative path: ENOTDIR");
    CHECK_ERRNO(xat(AT_FDCWD, "", AT_EMPTY_PATH, "cwd"), EACCES, "AT_FDCWD with \"\": the directory, EACCES");
    CHECK_ERRNO(xat(dfd, "no-such-program", 0, "missing"), ENOENT, "a missing file: ENOENT");

    /* a failed execveat leaves nothing behind for a later execve */
    pid_t pid = fork();
    if (pid == 0) {
        char *av[] = { "execveat-child", "child", "plain", NULL };
        execve("execveat-link", av, environ);
        _exit(99);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42, "then a plain execve of a relative path (status %#x)", st);
    unlink("execveat-link");
    return guest_done();
}
