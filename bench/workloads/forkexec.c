/* forkexec: fork + exec + wait, N times. The exec'd program is a native host
 * binary (argv[1], e.g. /bin/true) so that the same workload runs under any
 * emulator without binfmt_misc: it measures the emulator's fork and execve. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
int main(int argc, char **argv)
{
    if (argc < 2) return 2;
    long n = argc > 2 ? atol(argv[2]) : 200;
    long ok = 0;
    for (long i = 0; i < n; i++) {
        pid_t p = fork();
        if (p == 0) {
            execl(argv[1], argv[1], (char *)NULL);
            _exit(127);
        }
        int st;
        if (waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 0)
            ok++;
    }
    printf("forkexec %ld\n", ok);
    return 0;
}
