/*
 * fexecve: glibc's fexecve() is execveat(fd, "", AT_EMPTY_PATH). The kernel
 * opens the program before the exec closes close-on-exec descriptors, so an
 * ELF program runs from an O_CLOEXEC (and O_PATH) descriptor too, and a
 * relative path under an O_CLOEXEC directory descriptor; the new program
 * sees the descriptor closed and /proc/self/exe naming the file. A "#!"
 * script from an O_CLOEXEC descriptor is refused with ENOENT in the caller
 * (fs/binfmt_script.c: its interpreter could not open /dev/fd/N); without
 * O_CLOEXEC it runs. The program runs itself: with "child" as its first
 * argument it checks what it sees and exits 42.
 */
#include "check.h"
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

extern char **environ;

#define SCRIPT "fexecve-script"

/* the descriptors 3..63 open and not close-on-exec: what a new program keeps */
static unsigned long long kept_fds(void)
{
    unsigned long long m = 0;
    int fd, f;

    for (fd = 3; fd < 64; fd++) {
        f = fcntl(fd, F_GETFD);
        if (f >= 0 && !(f & FD_CLOEXEC))
            m |= 1ULL << fd;
    }
    return m;
}

/*
 * The child: argv = [name, "child", expected /proc/self/exe, the descriptor
 * the exec used (gone: it was close-on-exec) or -1, kept_fds() before].
 */
static int child(int argc, char **argv)
{
    char exe[PATH_MAX];
    ssize_t n;
    int fd;

    if (argc < 5)
        return 40;
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (strcmp(argv[2], "-") != 0) {    /* "-": a memfd, not checked */
        if (n < 0)
            return 41;
        exe[n] = '\0';
        if (strcmp(exe, argv[2]) != 0)
            return 43;
    }
    fd = atoi(argv[3]);
    if (fd >= 0 && fcntl(fd, F_GETFD) >= 0)
        return 44;                      /* close-on-exec: closed */
    /* exactly the caller's other descriptors: nothing left behind */
    if (kept_fds() != strtoull(argv[4], NULL, 0))
        return 45;
    return 42;
}

/* execveat in a child: its exit status, or -errno of the failed exec */
static int run(int dirfd, const char *path, int flags, const char *exe,
               int gone)
{
    char gonebuf[16], keptbuf[32];
    char *argv[] = { "fexecve-child", "child", (char *)exe, gonebuf, keptbuf,
                     NULL };
    int p[2], st, e = 0;
    pid_t pid;

    snprintf(gonebuf, sizeof gonebuf, "%d", gone);
    snprintf(keptbuf, sizeof keptbuf, "%#llx", kept_fds());
    if (pipe2(p, O_CLOEXEC) < 0)
        return -1000;
    pid = fork();
    if (pid == 0) {
        if (*path)
            syscall(SYS_execveat, dirfd, path, argv, environ, flags);
        else
            fexecve(dirfd, argv, environ);
        e = errno;
        if (write(p[1], &e, sizeof e) < 0)
            _exit(98);
        _exit(99);
    }
    close(p[1]);
    if (read(p[0], &e, sizeof e) != sizeof e)
        e = 0;
    close(p[0]);
    if (pid < 0 || waitpid(pid, &st, 0) != pid)
        return -1001;
    if (e)
        return -e;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -2000 - WTERMSIG(st);
}

int main(int argc, char **argv)
{
    char self[PATH_MAX], dir[PATH_MAX], line[PATH_MAX + 16];
    int fd, r;

    if (argc >= 2 && strcmp(argv[1], "child") == 0)
        return child(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "script") == 0)
        return 42;                      /* run as a script's interpreter */

    CHECK(realpath(argv[0], self) != NULL, "the program's path");
    snprintf(dir, sizeof dir, "%s", self);
    char *dname = dirname(dir);
    const char *base = self + strlen(dname) + 1;

    fd = open(self, O_RDONLY);
    r = run(fd, "", 0, self, -1);
    if (r == -ENOEXEC)
        guest_skip("this emulator does not run a foreign program it executes");
    CHECK(r == 42, "fexecve of an O_RDONLY descriptor (got %d)", r);
    close(fd);

    fd = open(self, O_RDONLY | O_CLOEXEC);
    r = run(fd, "", 0, self, fd);
    CHECK(r == 42, "fexecve of an O_RDONLY|O_CLOEXEC descriptor (got %d)", r);
    close(fd);

    fd = open(self, O_PATH | O_CLOEXEC);
    r = run(fd, "", 0, self, fd);
    CHECK(r == 42, "fexecve of an O_PATH|O_CLOEXEC descriptor (got %d)", r);
    close(fd);

    fd = open(dname, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    r = run(fd, base, 0, self, fd);
    CHECK(r == 42, "execveat of a name under an O_CLOEXEC directory descriptor (got %d)", r);
    close(fd);

    /* the usual fexecve(): a program written to a close-on-exec memfd */
    fd = memfd_create("fexecve", MFD_CLOEXEC);
    int in = open(self, O_RDONLY);
    char buf[65536];
    ssize_t n;
    while (in >= 0 && fd >= 0 && (n = read(in, buf, sizeof buf)) > 0) {
        if (write(fd, buf, n) != n)
            break;
    }
    close(in);
    CHECK(fd >= 0, "a close-on-exec memfd with a copy of the program");
    r = run(fd, "", 0, "-", fd);
    CHECK(r == 42, "fexecve of the memfd (got %d)", r);
    close(fd);

    /* a script whose interpreter is this program */
    unlink(SCRIPT);
    fd = open(SCRIPT, O_WRONLY | O_CREAT | O_EXCL, 0755);
    snprintf(line, sizeof line, "#!%s script\n", self);
    CHECK(fd >= 0 && write(fd, line, strlen(line)) == (ssize_t)strlen(line) &&
          close(fd) == 0, "a script run by this program");
    fd = open(SCRIPT, O_RDONLY | O_CLOEXEC);
    r = run(fd, "", 0, self, fd);
    CHECK(r == -ENOENT, "fexecve of an O_CLOEXEC script: ENOENT in the caller (got %d)", r);
    close(fd);
    fd = open(SCRIPT, O_RDONLY);
    r = run(fd, "", 0, self, -1);
    CHECK(r == 42, "fexecve of a script without O_CLOEXEC runs it (got %d)", r);
    close(fd);
    unlink(SCRIPT);
    return guest_done();
}
