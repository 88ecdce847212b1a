/* threads: 8 pthreads sharing a counter under a mutex, a condvar rendezvous,
 * thread-local storage and pthread_join return values. */
#include "check.h"
#include <pthread.h>

#define NT 8
#define ITERS 20000

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static long counter;
static int arrived, go;
static __thread int tls_id = -1;

static void *worker(void *arg)
{
    int id = (int)(long)arg;
    tls_id = id;
    pthread_mutex_lock(&mu);
    arrived++;
    pthread_cond_broadcast(&cv);
    while (!go)
        pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    for (int i = 0; i < ITERS; i++) {
        pthread_mutex_lock(&mu);
        counter++;
        pthread_mutex_unlock(&mu);
    }
    return (void *)(long)(tls_id * 10 + 1);
}

int main(void)
{
    pthread_t t[NT];
    tls_id = 99;
    for (long i = 0; i < NT; i++)
        CHECK(pthread_create(&t[i], NULL, worker, (void *)i) == 0, "pthread_create %ld", i);
    pthread_mutex_lock(&mu);
    while (arrived < NT)
        pthread_cond_wait(&cv, &mu);
    go = 1;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
    CHECK(arrived == NT, "all %d threads reached the condvar", NT);
    int joined_ok = 1;
    for (long i = 0; i < NT; i++) {
        void *ret;
        if (pthread_join(t[i], &ret) != 0 || (long)ret != i * 10 + 1)
            joined_ok = 0;
    }
    CHECK(joined_ok, "pthread_join returns each thread's TLS-derived value");
    CHECK(counter == (long)NT * ITERS, "mutex-protected counter is %ld (got %ld)", (long)NT * ITERS, counter);
    CHECK(tls_id == 99, "main thread's TLS untouched");
    return guest_done();
}
