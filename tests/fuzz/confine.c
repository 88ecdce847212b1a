/*
 * confine [-w MIB] [-u NSUID] [-i] [-d] [-r] UID ROOT CMD [ARG...]: run CMD chrooted
 * into ROOT in new user, mount, pid and network namespaces, as the
 * namespace's root mapped to the unprivileged host UID (the caller's own uid
 * where it is not root).
 * With -w, CMD starts in /work, a tmpfs of MIB MiB private to the namespace.
 * With -u, CMD runs as the namespace's uid and gid NSUID (mapped to UID; no
 * namespace root exists) with no capability at all, not even in the
 * namespace: the setup (mounts, chroot) uses the capabilities the new
 * namespace gives its creator, which execve() drops for a nonzero uid, and
 * no_new_privs is set (tests/fuzz/run-trinity: trinity refuses to run as
 * root and should not have CAP_SYS_ADMIN over its own namespaces either).
 * With -i, an IPC namespace too (System V IPC and POSIX message queues).
 * With -d, ROOT/dev is a small tmpfs holding bind mounts of the host's
 * null, zero, full and urandom devices, and nothing else (trinity maps
 * /dev/zero; the host's other devices stay out of reach).
 * With -r, CMD is not the namespace's init (pid 1) but its child: the
 * kernel discards signals a pid namespace's init has not set a handler for
 * (kill, raise, SIGPIPE, ...), which changes how CMD behaves; the init here
 * only reaps and passes CMD's exit status on.
 *
 * Why a user namespace: the syscall fuzzer makes random calls as "root". As
 * the host's real root (a chroot and mount/pid/net namespaces alone) it kept
 * every capability in the initial namespace: open_by_handle_at() can open
 * any file of the host's disk by a guessed handle, fchown()/fchmod() work on
 * any inode an inherited descriptor or /proc/1/fd reaches (that is how a
 * fuzz run changed the host's /dev/null twice). Mapped to an unused uid, the
 * namespace's root owns only the scratch tree (chown'ed to UID by the
 * harness) and has no capability over anything else on the host.
 *
 * Why a tmpfs: RLIMIT_FSIZE does not bound everything a random call can
 * grow. fallocate(FALLOC_FL_KEEP_SIZE) allocates blocks past the end of file
 * without the size check (ext4_fallocate only calls inode_newsize_ok() when
 * the size changes): two fuzz runs filled the build disk with one 73-75 GB
 * file that way. A size-limited tmpfs answers ENOSPC at its limit whatever
 * the call, and vanishes with the namespace.
 *
 * The uid/gid maps of a new user namespace can only be written by a process
 * outside it, so the parent writes them for the child (user_namespaces(7)).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static void die(const char *what)
{
    fprintf(stderr, "confine: %s: %s\n", what, strerror(errno));
    _exit(125);
}

static void write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY);

    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
        die(path);
    }
    close(fd);
}

/* the exit status of a waited-for child, as a shell reports it */
static int status_of(int st)
{
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int main(int argc, char **argv)
{
    int ready[2], mapped[2], st;
    char c = 0, path[64], map[64];
    pid_t pid;

    unsigned long work_mib = 0, nsuid = 0;
    int devs = 0, reaper = 0;
    int flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET;

    for (;;) {
        if (argc > 2 && strcmp(argv[1], "-w") == 0) {
            work_mib = strtoul(argv[2], NULL, 10);
        } else if (argc > 2 && strcmp(argv[1], "-u") == 0) {
            nsuid = strtoul(argv[2], NULL, 10);
        } else if (argc > 1 && (strcmp(argv[1], "-i") == 0 || strcmp(argv[1], "-d") == 0 ||
                                strcmp(argv[1], "-r") == 0)) {
            if (argv[1][1] == 'i') {
                flags |= CLONE_NEWIPC;
            } else if (argv[1][1] == 'd') {
                devs = 1;
            } else {
                reaper = 1;
            }
            argv += 1;
            argc -= 1;
            continue;
        } else {
            break;
        }
        argv += 2;
        argc -= 2;
    }
    if (argc < 4) {
        fprintf(stderr, "usage: confine [-w MIB] [-u NSUID] [-i] [-d] [-r] UID ROOT CMD [ARG...]\n");
        return 2;
    }
    unsigned long uid = getuid() == 0 ? strtoul(argv[1], NULL, 10) : getuid();
    unsigned long gid = getuid() == 0 ? uid : getgid();

    if (pipe(ready) || pipe(mapped)) {
        die("pipe");
    }
    pid = fork();
    if (pid < 0) {
        die("fork");
    }
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (unshare(flags)) {
            die("unshare");
        }
        if (write(ready[1], &c, 1) != 1 || read(mapped[0], &c, 1) != 1) {
            die("sync");
        }
        /*
         * The ids (0 and NSUID both) become the mapped ones. Leaving an
         * unmapped host root for NSUID keeps the namespace's capabilities
         * (PR_SET_KEEPCAPS says so explicitly) until execve() drops them.
         */
        if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) ||
            setresgid(nsuid, nsuid, nsuid) || setresuid(nsuid, nsuid, nsuid)) {
            die("setresuid");
        }
        if (nsuid != 0 && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
            die("PR_SET_NO_NEW_PRIVS");
        }
        pid_t init = fork();   /* the first process of the pid namespace */
        if (init < 0) {
            die("fork");
        }
        if (init == 0) {
            char proc[4096];

            prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) {
                die("mount --make-rprivate /");
            }
            snprintf(proc, sizeof(proc), "%s/proc", argv[2]);
            if (mount("proc", proc, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL)) {
                die("mount proc");
            }
            if (work_mib) {
                char opts[64];

                snprintf(proc, sizeof(proc), "%s/work", argv[2]);
                snprintf(opts, sizeof(opts), "size=%lum,mode=0755", work_mib);
                if (mount("tmpfs", proc, "tmpfs", MS_NOSUID | MS_NODEV, opts)) {
                    die("mount tmpfs on work");
                }
            }
            if (devs) {
                static const char *const dev[] = { "null", "zero", "full", "urandom" };
                char host[64];

                snprintf(proc, sizeof(proc), "%s/dev", argv[2]);
                if (mount("tmpfs", proc, "tmpfs", MS_NOSUID | MS_NOEXEC, "size=64k,mode=0755")) {
                    die("mount tmpfs on dev");
                }
                for (size_t i = 0; i < sizeof(dev) / sizeof(dev[0]); i++) {
                    int fd;

                    snprintf(proc, sizeof(proc), "%s/dev/%s", argv[2], dev[i]);
                    snprintf(host, sizeof(host), "/dev/%s", dev[i]);
                    fd = open(proc, O_WRONLY | O_CREAT | O_EXCL, 0666);
                    if (fd < 0 || close(fd)) {
                        die(proc);
                    }
                    if (mount(host, proc, NULL, MS_BIND, NULL)) {
                        die(host);
                    }
                }
            }
            if (chroot(argv[2]) || chdir(work_mib ? "/work" : "/")) {
                die("chroot");
            }
            if (reaper) {
                /*
                 * pid 1 stays this process: it reaps orphans and exits
                 * with CMD's status, and the namespace's other processes
                 * die with it.
                 */
                pid_t cmd = fork();

                if (cmd < 0) {
                    die("fork");
                }
                if (cmd > 0) {
                    pid_t w;

                    while ((w = wait(&st)) != cmd) {
                        if (w < 0 && errno != EINTR) {
                            die("wait");
                        }
                    }
                    if (WIFSIGNALED(st)) {
                        fprintf(stderr, "confine: %s killed by signal %d\n", argv[3],
                                WTERMSIG(st));
                    }
                    _exit(status_of(st));
                }
            }
            execv(argv[3], argv + 3);
            die(argv[3]);
        }
        if (waitpid(init, &st, 0) < 0) {
            die("waitpid");
        }
        _exit(status_of(st));
    }
    if (read(ready[0], &c, 1) != 1) {
        die("child did not unshare");
    }
    snprintf(map, sizeof(map), "%lu %lu 1\n", nsuid, uid);
    snprintf(path, sizeof(path), "/proc/%d/uid_map", (int)pid);
    write_file(path, map);
    snprintf(path, sizeof(path), "/proc/%d/setgroups", (int)pid);
    write_file(path, "deny\n");
    snprintf(map, sizeof(map), "%lu %lu 1\n", nsuid, gid);
    snprintf(path, sizeof(path), "/proc/%d/gid_map", (int)pid);
    write_file(path, map);
    if (write(mapped[1], &c, 1) != 1) {
        die("sync");
    }
    if (waitpid(pid, &st, 0) < 0) {
        die("waitpid");
    }
    return status_of(st);
}
