/*
 * etxtbsy: executing a program that is open for writing fails with ETXTBSY
 * (fs/exec.c do_open_execat() -> exe_file_deny_write_access(); LTP execve04):
 * with the writer in another process or in this one, through execveat() on a
 * descriptor, and for a "#!" script whose interpreter, or which itself, is
 * open for writing (binfmt_script opens the interpreter with open_exec()).
 * Once the writer has closed it the same execs run. The program copies
 * itself to ./etxtbsy-prog; with "child" as its first argument it exits 42.
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

extern char **environ;

#define PROG "etxtbsy-prog"
#define SCRIPT "etxtbsy-script"

/* exec in a child: its exit status, or -errno of the failed exec */
static int run(const char *path, int dirfd)
{
    char *argv[] = { (char *)path, "child", NULL };
    int p[2], st, e = 0;
    pid_t pid;

    if (pipe2(p, O_CLOEXEC) < 0)
        return -1000;
    pid = fork();
    if (pid == 0) {
        if (dirfd >= 0)
            syscall(SYS_execveat, dirfd, "", argv, environ, AT_EMPTY_PATH);
        else
            execve(path, argv, environ);
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

/* another process holding path open for writing until *stop is closed */
static pid_t writer(const char *path, int *stop)
{
    int go[2], ready[2];
    char c = 0;
    pid_t pid;

    if (pipe(go) < 0 || pipe(ready) < 0)
        return -1;
    pid = fork();
    if (pid == 0) {
        int fd = open(path, O_WRONLY);
        close(go[1]);
        close(ready[0]);
        c = fd >= 0;
        if (write(ready[1], &c, 1) < 0)
            _exit(1);
        if (read(go[0], &c, 1) < 0)    /* EOF: the parent is done */
            _exit(1);
        _exit(0);
    }
    close(go[0]);
    close(ready[1]);
    if (read(ready[0], &c, 1) != 1 || !c)
        pid = -1;
    close(ready[0]);
    *stop = go[1];
    return pid;
}

static void unwrite(pid_t pid, int stop)
{
    close(stop);
    waitpid(pid, NULL, 0);
}

static int copy_self(const char *self, const char *to)
{
    char buf[65536];
    ssize_t n;
    int in = open(self, O_RDONLY), out;

    unlink(to);
    out = open(to, O_WRONLY | O_CREAT | O_EXCL, 0755);
    if (in < 0 || out < 0)
        return -1;
    while ((n = read(in, buf, sizeof buf)) > 0) {
        if (write(out, buf, n) != n)
            return -1;
    }
    close(in);
    return close(out);      /* no writer is left */
}

int main(int argc, char **argv)
{
    char prog[4096], line[4200];
    int stop = -1, fd, w, r;
    pid_t wp;

    if (argc >= 2 && strcmp(argv[1], "child") == 0)
        return 42;
    if (argc >= 2 && strcmp(argv[1], "wait") == 0) {
        char c = 'r';       /* running: tell the parent, wait for its EOF */
        if (write(1, &c, 1) != 1)
            return 40;
        return read(0, &c, 1) == 0 ? 42 : 41;
    }

    CHECK(copy_self(argv[0], PROG) == 0, "a copy of the program, closed");
    CHECK(realpath(PROG, prog) != NULL, "its absolute path");
    r = run(PROG, -1);
    if (r == -ENOEXEC)
        guest_skip("this emulator does not run a foreign program it executes");
    CHECK(r == 42, "execve of the copy runs it (got %d)", r);

    /* LTP execve04: another process has it open for writing */
    wp = writer(PROG, &stop);
    CHECK(wp > 0, "another process opens it for writing");
    r = run(PROG, -1);
    CHECK(r == -ETXTBSY, "execve while another process writes it: ETXTBSY (got %d)", r);
    fd = open(PROG, O_RDONLY);
    r = run(PROG, fd);
    CHECK(r == -ETXTBSY, "execveat of a descriptor of it: ETXTBSY (got %d)", r);
    close(fd);
    unwrite(wp, stop);
    r = run(PROG, -1);
    CHECK(r == 42, "runs once the writer has closed it (got %d)", r);

    /* a writer in this very process */
    w = open(PROG, O_WRONLY);
    CHECK(w >= 0, "open it for writing here");
    r = run(PROG, -1);
    CHECK(r == -ETXTBSY, "execve while this process writes it: ETXTBSY (got %d)", r);

    /* "#!" script: its interpreter open for writing, then the script itself */
    unlink(SCRIPT);
    fd = open(SCRIPT, O_WRONLY | O_CREAT | O_EXCL, 0755);
    snprintf(line, sizeof line, "#!%s child\n", prog);
    CHECK(fd >= 0 && write(fd, line, strlen(line)) == (ssize_t)strlen(line) &&
          close(fd) == 0, "a script whose interpreter is the copy");
    r = run(SCRIPT, -1);
    CHECK(r == -ETXTBSY, "a script whose interpreter is open for writing: ETXTBSY (got %d)", r);
    close(w);
    r = run(SCRIPT, -1);
    CHECK(r == 42, "the script runs once the interpreter is closed (got %d)", r);
    w = open(SCRIPT, O_WRONLY);
    r = run(SCRIPT, -1);
    CHECK(r == -ETXTBSY, "a script open for writing itself: ETXTBSY (got %d)", r);
    close(w);

    /*
     * While it runs, the kernel refuses to open the program for writing
     * (mm->exe_file keeps write access denied). Not through binfmt_misc,
     * where the emulator is the exe_file (fs/exec.c exec_binprm() allows
     * writing the program once the interpreter is chosen), nor here.
     */
    if (qc_native()) {
        int in[2], out[2];
        char c = 0;
        pid_t pid;

        CHECK(pipe(in) == 0 && pipe(out) == 0, "two pipes");
        pid = fork();
        if (pid == 0) {
            char *av[] = { PROG, "wait", NULL };
            dup2(in[0], 0);
            dup2(out[1], 1);
            close(in[1]);
            close(out[0]);
            execve(PROG, av, environ);
            _exit(99);
        }
        close(in[0]);
        close(out[1]);
        CHECK(read(out[0], &c, 1) == 1 && c == 'r', "it runs");
        close(out[0]);
        errno = 0;
        w = open(PROG, O_WRONLY);
        CHECK(w < 0 && errno == ETXTBSY, "open for writing while it runs: ETXTBSY");
        if (w >= 0)
            close(w);
        close(in[1]);
        waitpid(pid, NULL, 0);
    } else {
        SKIP("ETXTBSY for the running program: under an emulator the exe_file is the emulator "
             "(the kernel lets the guest program be written), checked natively only");
    }

    unlink(SCRIPT);
    unlink(PROG);
    return guest_done();
}
