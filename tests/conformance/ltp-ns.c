// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ltp-ns: run a command as root of fresh user, mount, pid, ipc and net
 * namespaces whose root is an unprivileged host uid (built and used by
 * tests/conformance/run for every LTP test).
 *
 * Usage: ltp-ns CMD [ARGS...]
 *
 * Started by host root, the namespace maps uids and gids 0-65535 onto host
 * 100000-165535 (as a container engine would; no /etc/subuid or newuidmap
 * needed), so tests that switch to "nobody" or other users can; started by a
 * user, only that user is mapped (to 0). In the namespace: /proc is the pid
 * namespace's own, /dev/shm a tmpfs of its own (LTP names shm files after
 * the pid, and pids repeat across pid namespaces), lo is up, and CAP_SYS_RESOURCE is dropped: the kernel
 * checks that capability against the initial namespace only, so the namespace
 * root cannot use it, and LTP's library warns on every test when it holds it
 * but cannot lower its oom_score_adj.
 *
 * The command is pid 1: everything it leaves behind dies with it. Exit status:
 * the command's, 128+n when it was killed by signal n, 125 when the namespaces
 * could not be made (the reason on stderr). SIGTERM/SIGINT/SIGHUP to ltp-ns
 * kill the whole namespace.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/capability.h>

#define HOST_BASE 100000
#define RANGE 65536

static pid_t child = -1;

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("ltp-ns: ", stderr);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, ": %s\n", strerror(errno));
    va_end(ap);
    _exit(125);
}

static void write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
        die("writing '%s' to %s", text, path);
    }
    close(fd);
}

static void forward(int sig)
{
    (void)sig;
    if (child > 0) {
        kill(child, SIGKILL);
    }
}

static void drop_cap(int cap)
{
    struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct data[2];

    if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 ||
        syscall(SYS_capget, &hdr, data) < 0) {
        die("dropping capability %d", cap);
    }
    data[cap / 32].effective &= ~(1u << (cap % 32));
    data[cap / 32].permitted &= ~(1u << (cap % 32));
    data[cap / 32].inheritable &= ~(1u << (cap % 32));
    if (syscall(SYS_capset, &hdr, data) < 0) {
        die("dropping capability %d", cap);
    }
}

static void lo_up(void)
{
    struct ifreq ifr = { .ifr_name = "lo" };
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

    if (s < 0 || ioctl(s, SIOCGIFFLAGS, &ifr) < 0) {
        die("reading lo's flags");
    }
    ifr.ifr_flags |= IFF_UP;
    if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0) {
        die("bringing up lo");
    }
    close(s);
}

int main(int argc, char **argv)
{
    int go[2], status;
    char map[64], path[64];
    uid_t uid = getuid();
    gid_t gid = getgid();

    if (argc < 2) {
        fprintf(stderr, "usage: ltp-ns CMD [ARGS...]\n");
        return 2;
    }
    if (pipe2(go, O_CLOEXEC) < 0) {
        die("pipe");
    }
    child = syscall(SYS_clone, CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID |
                    CLONE_NEWIPC | CLONE_NEWNET | SIGCHLD, NULL, NULL, NULL, NULL);
    if (child < 0) {
        die("clone with new user, mount, pid, ipc and net namespaces");
    }
    if (child == 0) {
        char c;
        close(go[1]);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (read(go[0], &c, 1) != 1) {
            _exit(125);   /* the parent reported why */
        }
        if (setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0) {
            die("becoming the namespace's root");
        }
        if (uid == 0 && setgroups(0, NULL) < 0) {
            die("setgroups");
        }
        if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
            mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0) {
            die("mounting the pid namespace's /proc");
        }
        /* POSIX shared memory of its own: LTP names its shm files after the
         * pid, and pids repeat across pid namespaces */
        if (mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV,
                  "mode=1777,size=256m") < 0 && errno != ENOENT) {
            die("mounting a private /dev/shm");
        }
        lo_up();
        drop_cap(CAP_SYS_RESOURCE);
        execvp(argv[1], argv + 1);
        die("executing %s", argv[1]);
    }
    close(go[0]);
    signal(SIGTERM, forward);
    signal(SIGINT, forward);
    signal(SIGHUP, forward);
    if (uid == 0) {
        snprintf(map, sizeof(map), "0 %d %d\n", HOST_BASE, RANGE);
        snprintf(path, sizeof(path), "/proc/%d/uid_map", child);
        write_file(path, map);
        snprintf(path, sizeof(path), "/proc/%d/gid_map", child);
        write_file(path, map);
    } else {
        snprintf(path, sizeof(path), "/proc/%d/setgroups", child);
        write_file(path, "deny");
        snprintf(map, sizeof(map), "0 %d 1\n", uid);
        snprintf(path, sizeof(path), "/proc/%d/uid_map", child);
        write_file(path, map);
        snprintf(map, sizeof(map), "0 %d 1\n", gid);
        snprintf(path, sizeof(path), "/proc/%d/gid_map", child);
        write_file(path, map);
    }
    if (write(go[1], "g", 1) != 1) {
        die("starting the namespace");
    }
    while (waitpid(child, &status, 0) < 0) {
        if (errno != EINTR) {
            die("waitpid");
        }
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return WEXITSTATUS(status);
}
