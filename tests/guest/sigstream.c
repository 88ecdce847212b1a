/* sigstream: signals and EINTR lose nothing.
 * A writer thread streams 16 MiB of a known sequence through a pipe to the
 * reader (main thread) while a third thread queues 10,000 real-time signals
 * at both of them (rt signals queue, so every one must be handled exactly
 * once). With SA_RESTART, read/write never fail with EINTR (the kernel
 * restarts them); without it they may fail with EINTR only when nothing was
 * transferred. Every byte must arrive, in order, in both runs.
 * timeout: 240
 */
#include "check.h"
#include <pthread.h>
#include <signal.h>
#include <stdint.h>

#define TOTAL (16u << 20)
#define NSIG_SEND 10000

static volatile int handled;
static int fds[2];
static pthread_t reader_t, writer_t;
static volatile int writer_done;
static int restart;
static long eintr_w, eintr_r, bad_errno;

static void on_sig(int sig) { (void)sig; __sync_fetch_and_add(&handled, 1); }

static uint8_t byte_at(uint32_t i) { return (uint8_t)(i * 2654435761u >> 13); }

static void *writer(void *arg)
{
    (void)arg;
    static uint8_t buf[4096 + 17];
    uint32_t off = 0;
    while (off < TOTAL) {
        uint32_t n = sizeof buf;
        if (n > TOTAL - off) n = TOTAL - off;
        for (uint32_t k = 0; k < n; k++) buf[k] = byte_at(off + k);
        uint32_t done = 0;
        while (done < n) {
            ssize_t w = write(fds[1], buf + done, n - done);
            if (w < 0) {
                if (errno == EINTR) { eintr_w++; continue; }
                bad_errno++;
                return NULL;
            }
            done += w;
        }
        off += n;
    }
    close(fds[1]);
    writer_done = 1;
    return NULL;
}

static void *signaller(void *arg)
{
    (void)arg;
    union sigval v = { 0 };
    for (int i = 0; i < NSIG_SEND; i++) {
        pthread_t t = (i & 1) ? writer_t : reader_t;
        if (writer_done) t = reader_t;
        int e;
        while ((e = pthread_sigqueue(t, SIGRTMIN, v)) != 0) {
            if (e != EAGAIN) { printf("  sigqueue #%d failed: %s\n", i, strerror(e)); bad_errno++; return NULL; }
            sched_yield();
        }
        if ((i & 63) == 0) usleep(50);
    }
    return NULL;
}

static void run(int with_restart)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = on_sig;
    sa.sa_flags = with_restart ? SA_RESTART : 0;
    sigaction(SIGRTMIN, &sa, NULL);
    restart = with_restart;
    handled = 0; eintr_w = eintr_r = bad_errno = 0; writer_done = 0;
    CHECK(pipe(fds) == 0, "pipe");
    reader_t = pthread_self();
    pthread_create(&writer_t, NULL, writer, NULL);
    pthread_t s;
    pthread_create(&s, NULL, signaller, NULL);
    static uint8_t buf[8192 + 5];
    uint32_t off = 0, mismatches = 0;
    for (;;) {
        ssize_t r = read(fds[0], buf, sizeof buf);
        if (r < 0) {
            if (errno == EINTR) { eintr_r++; continue; }
            bad_errno++;
            break;
        }
        if (r == 0) break;
        for (ssize_t k = 0; k < r; k++)
            if (buf[k] != byte_at(off + k)) mismatches++;
        off += r;
    }
    pthread_join(s, NULL);
    pthread_join(writer_t, NULL);
    close(fds[0]);
    /* Let queued signals still in flight be delivered. */
    for (int i = 0; i < 1000 && handled < NSIG_SEND; i++) usleep(1000);
    const char *m = with_restart ? "SA_RESTART" : "no SA_RESTART";
    CHECK(off == TOTAL, "%s: all %u bytes arrived (got %u)", m, TOTAL, off);
    CHECK(mismatches == 0, "%s: bytes arrived in order (%u mismatches)", m, mismatches);
    CHECK(bad_errno == 0, "%s: no unexpected errors", m);
    CHECK(handled == NSIG_SEND, "%s: each of %d queued signals handled once (got %d)", m, NSIG_SEND, handled);
    if (with_restart)
        CHECK(eintr_r == 0 && eintr_w == 0, "SA_RESTART: no EINTR (read %ld, write %ld)", eintr_r, eintr_w);
    else
        printf("  no SA_RESTART: EINTR seen by read %ld, write %ld times\n", eintr_r, eintr_w);
}

int main(void)
{
    run(1);
    /* After thousands of handlers ran in it and its peer threads exited,
     * the main thread's pthread_self() must still be its own descriptor. */
    CHECK(pthread_kill(pthread_self(), 0) == 0, "main thread still knows itself after signals");
    run(0);
    return guest_done();
}
