/* vm-threads: 200 guest threads, and none of the emulator's own memory
 * (host thread stacks, glib, TCG) appears among the guest's mappings.
 * With arguments MAPS-OUT FIFO (tests/host/vm-host-maps.sh) it copies its
 * /proc/self/maps to MAPS-OUT, prints READY and waits on FIFO while all
 * threads are alive, so the harness can read the emulator's host maps.
 * timeout: 120
 */
#include "check.h"
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>

#define NTHREADS 200

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int started, release;
static uintptr_t stack_addr[NTHREADS];

static void *worker(void *arg)
{
    int local;
    stack_addr[(intptr_t)arg] = (uintptr_t)&local;
    pthread_mutex_lock(&mu);
    started++;
    pthread_cond_broadcast(&cv);
    while (!release)
        pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    return (void *)((intptr_t)arg + 1);   /* pthread_join sees it */
}

/* Whether addr lies in a line of /proc/self/maps. */
static int in_maps(uintptr_t addr)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    unsigned long a, b;
    int found = 0;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "%lx-%lx", &a, &b) == 2 && a <= addr && addr < b)
            found = 1;
    if (f)
        fclose(f);
    return found;
}

int main(int argc, char **argv)
{
    pthread_t t[NTHREADS];
    pthread_attr_t attr;
    int created = 0, ok = 1;

    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    for (intptr_t i = 0; i < NTHREADS; i++)
        if (pthread_create(&t[i], &attr, worker, (void *)i) == 0)
            created++;
    CHECK(created == NTHREADS, "created %d threads", created);
    pthread_mutex_lock(&mu);
    while (started < created)
        pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    for (int i = 0; i < created; i++)
        if (!in_maps(stack_addr[i]))
            ok = 0;
    CHECK(ok, "every thread's stack is a mapping in /proc/self/maps");

    if (argc == 3) {
        char buf[4096];
        int in = open("/proc/self/maps", O_RDONLY), out = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ssize_t n;
        CHECK(in >= 0 && out >= 0, "copy /proc/self/maps to %s", argv[1]);
        while ((n = read(in, buf, sizeof buf)) > 0)
            write(out, buf, n);
        close(in);
        close(out);
        printf("READY\n");
        fflush(stdout);
        int fd = open(argv[2], O_RDONLY);     /* blocks until the harness is done */
        CHECK(fd >= 0 && read(fd, buf, 1) >= 0, "released by the harness");
        close(fd);
    }
    pthread_mutex_lock(&mu);
    release = 1;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
    int joined = 0;
    for (int i = 0; i < created; i++) {
        void *ret = NULL;
        if (pthread_join(t[i], &ret) == 0 && ret == (void *)((intptr_t)i + 1))
            joined++;
    }
    CHECK(joined == created, "joined all %d threads, each with its own return value (%d)", created, joined);
    return guest_done();
}
