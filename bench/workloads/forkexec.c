/* forkexec: fork + exec + wait, N times: forkexec N PROG [ARGS...].
 * The harness passes the guest's static hello as PROG, preceded by the
 * emulator under test when run under one (PROG = qemu-<arch>, ARGS = hello):
 * the exec is what the kernel does for a foreign binary through binfmt_misc
 * (it runs the registered interpreter with the program's path), written out
 * so that the workload needs no binfmt_misc and runs the same under any
 * emulator. Natively PROG is the x86-64 hello. The children's output goes to
 * /dev/null; each must exit 0. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
int main(int argc, char **argv)
{
    if (argc < 3) return 2;
    long n = atol(argv[1]);
    long ok = 0;
    for (long i = 0; i < n; i++) {
        pid_t p = fork();
        if (p == 0) {
            int fd = open("/dev/null", O_WRONLY);
            if (fd >= 0) dup2(fd, 1);
            execv(argv[2], argv + 2);
            _exit(127);
        }
        int st;
        if (waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 0)
            ok++;
    }
    printf("forkexec %ld\n", ok);
    return 0;
}
