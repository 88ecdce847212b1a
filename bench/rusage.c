/* rusage: run a command and write its peak RSS (KiB) to a file.
 * Usage: rusage OUTFILE CMD [ARGS...]
 * A small native helper so the measured child's ru_maxrss is not inflated by
 * the harness's own memory (a child forked from a big process inherits that
 * process's high-water mark until it execs). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
int main(int argc, char **argv)
{
    if (argc < 3) return 2;
    pid_t p = fork();
    if (p == 0) {
        execvp(argv[2], argv + 2);
        _exit(127);
    }
    int st;
    struct rusage ru;
    if (wait4(p, &st, 0, &ru) != p) return 126;
    FILE *f = fopen(argv[1], "w");
    if (f) { fprintf(f, "%ld\n", ru.ru_maxrss); fclose(f); }
    if (WIFEXITED(st)) return WEXITSTATUS(st);
    return 128 + WTERMSIG(st);
}
