/* rusage: run a command N times in a row; write the total wall time and the
 * largest peak RSS of the runs to a file.
 * Usage: rusage OUTFILE N CMD [ARGS...]
 * OUTFILE gets "WALL_SECONDS RSS_KIB CPU_SECONDS\n"; CPU is user+system time
 * of the runs and of the children they waited for (wait4 reports both), which
 * other processes on a busy machine disturb far less than wall time.
 * A small native helper: the measured child's ru_maxrss is not inflated by the
 * harness's own memory (a child forked from a big process inherits that
 * process's high-water mark until it execs), and the timing covers only the
 * command's own fork+exec+run+wait, not the Python harness spawning it (which
 * costs milliseconds and would pull every ratio of a short run towards 1).
 * The exit status is the first failing run's (128+signal for a signal). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
int main(int argc, char **argv)
{
    if (argc < 4) return 2;
    long n = atol(argv[2]), maxrss = 0;
    double cpu = 0;
    int rc = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < n; i++) {
        pid_t p = fork();
        if (p < 0) return 125;
        if (p == 0) {
            execvp(argv[3], argv + 3);
            _exit(127);
        }
        int st;
        struct rusage ru;
        if (wait4(p, &st, 0, &ru) != p) return 126;
        if (ru.ru_maxrss > maxrss) maxrss = ru.ru_maxrss;
        cpu += ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
               (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
        if (!rc) rc = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    FILE *f = fopen(argv[1], "w");
    if (!f) return 124;
    fprintf(f, "%.6f %ld %.6f\n", (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
            maxrss, cpu);
    fclose(f);
    return rc;
}
