/* futexpp: futex ping-pong between two threads, N round trips. */
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static atomic_int turn;
static long rounds;

static void fwait(atomic_int *f, int v) { syscall(SYS_futex, f, FUTEX_WAIT_PRIVATE, v, NULL, NULL, 0); }
static void fwake(atomic_int *f) { syscall(SYS_futex, f, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0); }

static void *pong(void *arg)
{
    (void)arg;
    for (long i = 0; i < rounds; i++) {
        while (atomic_load(&turn) != 1)
            fwait(&turn, 0);
        atomic_store(&turn, 0);
        fwake(&turn);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    rounds = argc > 1 ? atol(argv[1]) : 200000;
    pthread_t t;
    pthread_create(&t, NULL, pong, NULL);
    for (long i = 0; i < rounds; i++) {
        atomic_store(&turn, 1);
        fwake(&turn);
        while (atomic_load(&turn) != 0)
            fwait(&turn, 1);
    }
    pthread_join(t, NULL);
    printf("futexpp %ld\n", rounds);
    return 0;
}
