/* fork: fork + wait + exit status, signals as termination, pipes. */
#include "check.h"
#include <signal.h>
#include <sys/wait.h>

int main(void)
{
    int st = 0;
    pid_t p = fork();
    if (p == 0)
        _exit(42);
    CHECK(p > 0, "fork returns child pid");
    CHECK(waitpid(p, &st, 0) == p, "waitpid returns the child");
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42, "child exit status 42 (st=%#x)", st);

    p = fork();
    if (p == 0) {
        pause();
        _exit(0);
    }
    CHECK(kill(p, SIGKILL) == 0, "kill child");
    CHECK(waitpid(p, &st, 0) == p && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
          "child killed by SIGKILL (st=%#x)", st);

    int fds[2];
    CHECK(pipe(fds) == 0, "pipe");
    p = fork();
    if (p == 0) {
        close(fds[0]);
        char msg[32];
        int n = snprintf(msg, sizeof msg, "ppid=%d", (int)getppid());
        _exit(write(fds[1], msg, n) == n ? 0 : 1);
    }
    close(fds[1]);
    char buf[32] = {0}, want[32];
    snprintf(want, sizeof want, "ppid=%d", (int)getpid());
    ssize_t n = read(fds[0], buf, sizeof buf - 1);
    CHECK(n > 0 && strcmp(buf, want) == 0, "child's getppid is the parent (%s)", buf);
    CHECK(waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 0, "pipe child exit 0");
    CHECK_ERRNO(waitpid(-1, &st, WNOHANG), ECHILD, "no children left gives ECHILD");
    return guest_done();
}
