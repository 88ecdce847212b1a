/*
 * proc-cmdline: a guest program as another process sees it (ps, pgrep,
 * systemd): /proc/<pid>/cmdline is its argv, NUL-separated, and nothing
 * more (not the emulator's path and options, no trailing empty strings);
 * /proc/<pid>/comm is the name of the path that was executed (a symbolic
 * link's own name, not its target's, cut to 15 characters; a "#!" script's
 * name, not its interpreter's), for a thread it starts too.
 *
 * What the program writes over its argv strings (setproctitle(), as nginx
 * and postgres name their processes) is what cmdline shows then.
 *
 * The program runs itself, through a symbolic link with another name and as
 * the interpreter of a "#!" script. With "child" as argv[1] it checks its
 * own view (/proc/self/cmdline is its argv), starts a thread, writes
 * "<tid> <its comm>" to descriptor 11 and waits on descriptor 10: 't' makes
 * it write TITLE over its argv strings (and answer "titled"), the end of
 * input makes it exit; meanwhile the parent reads /proc/<child>/... from
 * outside.
 *
 * Where the kernel refuses prctl(PR_SET_MM_MAP) (no CONFIG_CHECKPOINT_RESTORE)
 * the emulator can only write the argv over its own, longer one: cmdline is
 * the argv followed by NUL bytes, a counted SKIP (tests/host/ps-cmdline.sh
 * knows whether the kernel allows it, and checks that form too).
 */
#include "check.h"
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <sys/param.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

extern char **environ;

#define LINK_NAME "qc-renamed-program-name"     /* comm: "qc-renamed-prog" */
#define SCRIPT_NAME "qc-script.sh"
#define FD_WAIT 10
#define FD_REPORT 11
#define TITLE "qc-title: busy"

/* Up to size bytes of a file; its length, or -1. */
static ssize_t read_file(const char *path, char *buf, size_t size)
{
    ssize_t n, got = 0;
    int fd = open(path, O_RDONLY);

    if (fd < 0)
        return -1;
    while ((size_t)got < size && (n = read(fd, buf + got, size - got)) > 0)
        got += n;
    close(fd);
    return got;
}

/* argv as the kernel lays it out: each string and its NUL. */
static size_t join_args(char *const *argv, char *buf, size_t size)
{
    size_t n = 0, l;

    for (; *argv; argv++) {
        l = strlen(*argv) + 1;
        if (n + l > size)
            break;
        memcpy(buf + n, *argv, l);
        n += l;
    }
    return n;
}

/* "a\0b" as "a\0b" for messages */
static const char *shown(const char *s, size_t n)
{
    static char out[2][1024];
    static int which;
    char *o = out[which ^= 1], *e = o + sizeof out[0] - 8;

    for (size_t i = 0; i < n && o < e; i++) {
        if (s[i] == '\0') {
            *o++ = '\\';
            *o++ = '0';
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return out[which];
}

static pthread_barrier_t started;
static pid_t thread_tid;

static void *thread_main(void *arg)
{
    (void)arg;
    thread_tid = syscall(SYS_gettid);
    pthread_barrier_wait(&started);
    for (;;)
        pause();
    return NULL;
}

static int child(int argc, char **argv)
{
    char want[4096], got[4096], comm[32];
    size_t wn = join_args(argv, want, sizeof want);
    ssize_t n = read_file("/proc/self/cmdline", got, sizeof got);
    pthread_t t;
    char c;

    CHECK(n == (ssize_t)wn && memcmp(got, want, wn) == 0,
          "child: its own /proc/self/cmdline is its argv (%s)",
          n < 0 ? "unreadable" : shown(got, n));
    n = read_file("/proc/self/comm", comm, sizeof comm - 1);
    comm[n > 0 ? n - 1 : 0] = '\0';         /* without the newline */
    pthread_barrier_init(&started, NULL, 2);
    if (pthread_create(&t, NULL, thread_main, NULL) != 0) {
        CHECK(0, "child: pthread_create");
        return guest_failures;
    }
    pthread_barrier_wait(&started);
    dprintf(FD_REPORT, "%d %s\n", (int)thread_tid, comm);
    while (read(FD_WAIT, &c, 1) > 0) {
        if (c == 't') {
            /* setproctitle(): the title over the argv strings, the rest
             * cleared */
            size_t area = argv[argc - 1] + strlen(argv[argc - 1]) + 1 -
                          argv[0];
            memset(argv[0], 0, area);
            memcpy(argv[0], TITLE, MIN(sizeof TITLE, area));
            argv[0][area - 1] = '\0';
            dprintf(FD_REPORT, "titled\n");
        }
    }
    fflush(stdout);
    _exit(guest_failures);
}

/* A line from the child (up to 30 s); "" at its end. */
static void read_line(int fd, char *buf, size_t size)
{
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    ssize_t n = 0;

    if (poll(&pfd, 1, 30000) == 1)
        n = read(fd, buf, size - 1);
    buf[n > 0 ? n - (buf[n - 1] == '\n') : 0] = '\0';
}

/* got is want and NUL bytes after it: the emulator's fallback */
static int padded(const char *got, ssize_t gn, const char *want, size_t wn)
{
    if (gn <= (ssize_t)wn || memcmp(got, want, wn) != 0)
        return 0;
    for (ssize_t i = wn; i < gn; i++)
        if (got[i] != '\0')
            return 0;
    return 1;
}

/*
 * Run path with argv (fds 10 and 11 being the pipes), and check what the
 * process shows: want_args (its argv after the kernel's "#!" handling) and
 * want_comm; with retitle, what it shows after a setproctitle().
 */
static void look_at(const char *what, const char *path, char *const argv[],
                    char *const want_args[], const char *want_comm,
                    int retitle)
{
    int to_child[2], from_child[2], st, tid = -1;
    char report[256], file[64], got[4096], want[4096];
    char comm_in[32] = "", comm_out[32];
    ssize_t n, gn;
    size_t wn;
    int nl, fallback;
    pid_t pid;

    /* close-on-exec: the child keeps only its descriptors 10 and 11 */
    if (pipe2(to_child, O_CLOEXEC) < 0 || pipe2(from_child, O_CLOEXEC) < 0) {
        CHECK(0, "%s: pipes", what);
        return;
    }
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        dup2(to_child[0], FD_WAIT);
        dup2(from_child[1], FD_REPORT);
        execve(path, argv, environ);
        printf("FAIL %s: execve %s: %s\n", what, path, strerror(errno));
        fflush(stdout);
        _exit(127);
    }
    close(to_child[0]);
    close(from_child[1]);
    read_line(from_child[0], report, sizeof report);
    CHECK(sscanf(report, "%d %31s", &tid, comm_in) == 2,
          "%s: the program runs and reports (%s)", what, report);

    snprintf(file, sizeof file, "/proc/%d/cmdline", (int)pid);
    gn = read_file(file, got, sizeof got);
    wn = join_args(want_args, want, sizeof want);
    fallback = padded(got, gn, want, wn);
    if (fallback)
        SKIP("%s: /proc/<pid>/cmdline is %s and %d NUL bytes: the kernel "
             "refused prctl(PR_SET_MM_MAP), the emulator's argument area "
             "holds the argv", what, shown(want, wn), (int)(gn - wn));
    else
        CHECK(gn == (ssize_t)wn && memcmp(got, want, wn) == 0,
              "%s: /proc/<pid>/cmdline is %s (got %s)", what,
              shown(want, wn), gn < 0 ? "unreadable" : shown(got, gn));

    snprintf(file, sizeof file, "/proc/%d/comm", (int)pid);
    n = read_file(file, comm_out, sizeof comm_out - 1);
    nl = n > 0 && comm_out[n - 1] == '\n';
    comm_out[n > 0 ? n - nl : 0] = '\0';
    CHECK(nl && strcmp(comm_out, want_comm) == 0,
          "%s: /proc/<pid>/comm is %s (got %s)", what, want_comm, comm_out);
    CHECK(strcmp(comm_in, want_comm) == 0,
          "%s: its own /proc/self/comm is %s (got %s)", what, want_comm,
          comm_in);
    if (tid > 0) {
        snprintf(file, sizeof file, "/proc/%d/task/%d/comm", (int)pid, tid);
        n = read_file(file, comm_out, sizeof comm_out - 1);
        nl = n > 0 && comm_out[n - 1] == '\n';
        comm_out[n > 0 ? n - nl : 0] = '\0';
        CHECK(strcmp(comm_out, want_comm) == 0,
              "%s: its new thread's comm is %s too (got %s)", what,
              want_comm, comm_out);
    }

    if (retitle && fallback) {
        SKIP("%s: what the program writes over its argv: the kernel refused "
             "prctl(PR_SET_MM_MAP)", what);
    } else if (retitle) {
        if (write(to_child[1], "t", 1) == 1)
            read_line(from_child[0], report, sizeof report);
        memset(want, 0, wn);
        memcpy(want, TITLE, MIN(sizeof TITLE, wn));
        want[wn - 1] = '\0';
        snprintf(file, sizeof file, "/proc/%d/cmdline", (int)pid);
        gn = read_file(file, got, sizeof got);
        CHECK(strcmp(report, "titled") == 0 && gn == (ssize_t)wn &&
              memcmp(got, want, wn) == 0,
              "%s: after a setproctitle() /proc/<pid>/cmdline is %s "
              "(got %s)", what, shown(want, wn),
              gn < 0 ? "unreadable" : shown(got, gn));
    }

    close(to_child[1]);
    close(from_child[0]);
    CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
          WEXITSTATUS(st) == 0,
          "%s: the program's own checks pass (status %#x)", what, st);
}

int main(int argc, char **argv)
{
    char dir[] = "/tmp/qc-cmdline.XXXXXX", self[PATH_MAX];
    char link_path[PATH_MAX + 64], script[PATH_MAX + 64];
    ssize_t n;
    int fd;

    if (argc > 1 && strcmp(argv[1], "child") == 0)
        return child(argc, argv);

    n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0 || !mkdtemp(dir))
        guest_skip("no /proc/self/exe or no temporary directory");
    self[n] = '\0';
    snprintf(link_path, sizeof link_path, "%s/" LINK_NAME, dir);
    CHECK(symlink(self, link_path) == 0, "symlink %s -> %s", link_path, self);

    /* an ELF program through a link: argv as given, the link's name */
    {
        char *args[] = { "custom-argv0", "child", "two words", "", "last",
                         NULL };
        look_at("program via a link", link_path, args, args,
                "qc-renamed-prog", 1);
    }
    /* a "#!" script whose interpreter is that link: the kernel's argv
     * [interpreter, its argument, script path, arguments], the script's
     * name */
    snprintf(script, sizeof script, "%s/" SCRIPT_NAME, dir);
    fd = open(script, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    CHECK(fd >= 0 && dprintf(fd, "#!%s child\n", link_path) > 0,
          "write %s", script);
    close(fd);
    {
        char *args[] = { "ignored-argv0", "s1", NULL };
        char *want[] = { link_path, "child", script, "s1", NULL };
        look_at("#! script", script, args, want, SCRIPT_NAME, 0);
    }

    unlink(script);
    unlink(link_path);
    rmdir(dir);
    return guest_done();
}
