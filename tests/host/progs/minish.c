/*
 * minish: a tiny guest "shell" for tests/host/exec-foreign.sh. Each argument
 * is one command line: words split on spaces, " | " separating the commands
 * of a pipeline. Each command is forked and run with execvp() (so the
 * guest libc does the PATH search, as a real shell would); minish waits for
 * the pipeline and prints "[status N]" (or "[signal N]") for its last command.
 * A command word starting with '=' is run with execv() instead: no PATH
 * search and no /bin/sh retry on ENOEXEC, so the kernel's errno shows.
 * A word starting with '@' opens the file and runs it with
 * execveat(fd, "", ..., AT_EMPTY_PATH), the way fexecve() does.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define MAXW 32

static void run_pipeline(char *line)
{
    char *cmds[8];
    int n = 0, i, in = -1, st = 0;
    pid_t pids[8];
    char *s = line, *bar;

    while ((bar = strstr(s, " | ")) && n < 7) {
        *bar = 0;
        cmds[n++] = s;
        s = bar + 3;
    }
    cmds[n++] = s;
    fflush(stdout);
    for (i = 0; i < n; i++) {
        int fds[2] = { -1, -1 };
        if (i + 1 < n && pipe(fds) < 0) {
            perror("minish: pipe");
            exit(2);
        }
        pids[i] = fork();
        if (pids[i] == 0) {
            char *argv[MAXW];
            int argc = 0;
            char *w = strtok(cmds[i], " ");
            while (w && argc < MAXW - 1) {
                argv[argc++] = w;
                w = strtok(NULL, " ");
            }
            argv[argc] = NULL;
            if (in >= 0) {
                dup2(in, 0);
                close(in);
            }
            if (fds[1] >= 0) {
                dup2(fds[1], 1);
                close(fds[1]);
                close(fds[0]);
            }
            if (argv[0][0] == '=') {
                execv(++argv[0], argv);
            } else if (argv[0][0] == '@') {
                int fd = open(++argv[0], O_RDONLY);
                if (fd >= 0)
                    syscall(SYS_execveat, fd, "", argv, environ, AT_EMPTY_PATH);
            } else
                execvp(argv[0], argv);
            printf("minish: exec %s: %s\n", argv[0], strerror(errno));
            fflush(stdout);
            _exit(127);
        }
        if (in >= 0)
            close(in);
        if (fds[1] >= 0)
            close(fds[1]);
        in = fds[0];
    }
    for (i = 0; i < n; i++) {
        int s1;
        waitpid(pids[i], &s1, 0);
        if (i == n - 1)
            st = s1;
    }
    if (WIFEXITED(st))
        printf("[status %d]\n", WEXITSTATUS(st));
    else
        printf("[signal %d]\n", WTERMSIG(st));
    fflush(stdout);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        run_pipeline(strdup(argv[i]));
    return 0;
}
