/* proc-stat: /proc/self/stat and /proc/<pid>/stat of this process are the
 * kernel's line (fs/proc/array.c do_task_stat()) with the guest's name and
 * stack: a thread sleeping in the kernel shows state 'S' to another thread.
 * QEMU 7.2 wrote the constant 0 for the state (and every other field it did
 * not know), so a program waiting for a thread to sleep (LTP's
 * TST_PROCESS_STATE_WAIT: futex_wait03, clock_gettime01) waited forever.
 */
#include "check.h"
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <linux/futex.h>
#include <time.h>

static int word;
static char seen = '?';
static int nfields;

/* the state letter and the field count of a stat file */
static char state_of(const char *path, int *n)
{
    char buf[1024], *p;
    FILE *f = fopen(path, "r");

    if (!f || !fgets(buf, sizeof(buf), f)) {
        return '?';
    }
    fclose(f);
    p = strrchr(buf, ')');
    if (!p) {
        return '?';
    }
    *n = 2;
    for (char *q = p + 1; *q; q++) {
        *n += *q == ' ';
    }
    return p[2];
}

/* watches the main thread until it sleeps (2 s at most), then wakes it */
static void *watcher(void *arg)
{
    char path[64];
    snprintf(path, sizeof(path), "/proc/%d/stat", (int)(long)arg);
    for (int i = 0; i < 200 && seen != 'S'; i++) {
        struct timespec ts = { 0, 10 * 1000 * 1000 };
        nanosleep(&ts, NULL);
        seen = state_of(path, &nfields);
    }
    __atomic_store_n(&word, 1, __ATOMIC_SEQ_CST);
    syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    return NULL;
}

int main(void)
{
    int nf = 0;
    pthread_t t;
    struct timespec limit = { 3, 0 };

    CHECK(state_of("/proc/self/stat", &nf) == 'R', "the reading thread itself is 'R'");
    CHECK(nf >= 52, "52 fields, as Linux 5.x and later (%d)", nf);
    CHECK(pthread_create(&t, NULL, watcher, (void *)(long)getpid()) == 0, "pthread_create");
    while (!__atomic_load_n(&word, __ATOMIC_SEQ_CST)) {
        syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, &limit, NULL, 0);
    }
    pthread_join(t, NULL);
    CHECK(seen == 'S', "another thread sees the main thread sleeping in futex: 'S' (%c)", seen);
    CHECK(nfields >= 52, "/proc/<pid>/stat has 52 fields (%d)", nfields);
    return guest_done();
}
