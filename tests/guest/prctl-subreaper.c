/* prctl-subreaper: PR_SET_CHILD_SUBREAPER / PR_GET_CHILD_SUBREAPER
 * (kernel/sys.c): an orphaned grandchild is reparented to the subreaper, and
 * the flag reads back through the int pointer. QEMU 7.2 answered EINVAL to
 * both (LTP prctl03). PR_GET_SPECULATION_CTRL is passed on as well.
 */
#include "check.h"
#include <errno.h>
#include <sys/prctl.h>
#include <sys/wait.h>

int main(void)
{
    int flag = -1, p[2];
    pid_t me = getpid(), child, gp = 0;

    CHECK(prctl(PR_GET_CHILD_SUBREAPER, &flag) == 0 && flag == 0,
          "PR_GET_CHILD_SUBREAPER is 0 at first (%d)", flag);
    CHECK_OK(prctl(PR_SET_CHILD_SUBREAPER, 1), "PR_SET_CHILD_SUBREAPER 1");
    CHECK(prctl(PR_GET_CHILD_SUBREAPER, &flag) == 0 && flag == 1,
          "PR_GET_CHILD_SUBREAPER reads 1 (%d)", flag);
    CHECK_ERRNO(prctl(PR_GET_CHILD_SUBREAPER, (void *)16), EFAULT,
                "PR_GET_CHILD_SUBREAPER to a bad pointer: EFAULT");
    CHECK(pipe(p) == 0, "pipe");
    child = fork();
    if (child == 0) {
        if (fork() == 0) {          /* the grandchild, orphaned at once */
            pid_t pp;
            usleep(200000);
            pp = getppid();
            write(p[1], &pp, sizeof(pp));
            _exit(0);
        }
        _exit(0);
    }
    waitpid(child, NULL, 0);
    CHECK(read(p[0], &gp, sizeof(gp)) == sizeof(gp) && gp == me,
          "the orphaned grandchild's parent is the subreaper (%d, want %d)", (int)gp, (int)me);
    CHECK(wait(NULL) > 0, "the subreaper reaps the grandchild");
    errno = 0;
    int sc = prctl(PR_GET_SPECULATION_CTRL, PR_SPEC_STORE_BYPASS, 0, 0, 0);
    CHECK(sc >= 0 || errno == ENODEV, "PR_GET_SPECULATION_CTRL answered (%d, errno %d)", sc, errno);
    return guest_done();
}
