/*
 * sys-aio: Linux AIO (fs/aio.c) as a 32-bit task sees it: io_setup gives a
 * context, io_submit takes an array of 32-bit iocb pointers (PWRITE,
 * PREAD, PREADV with a 32-bit iovec array), io_getevents returns the
 * iocbs' data and results, io_pgetevents and io_cancel answer in the
 * kernel's order, io_destroy ends the context. The context's page must not
 * look like a kernel AIO ring to a user-space reader (libaio's check of
 * AIO_RING_MAGIC), which would otherwise read events the kernel never
 * puts there.
 * variants: static
 * timeout: 20
 */
#define _GNU_SOURCE
#include "check.h"
#include <fcntl.h>
#include <linux/aio_abi.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>

#define AIO_RING_MAGIC 0xa10a10a1   /* fs/aio.c struct aio_ring */

struct ts32 { int32_t sec, nsec; };
struct aio_sigset32 { uint32_t sigmask, sigsetsize; };

static long io_setup_(unsigned n, aio_context_t *c) { return syscall(SYS_io_setup, n, c); }
static long io_destroy_(aio_context_t c) { return syscall(SYS_io_destroy, c); }
static long io_submit_(aio_context_t c, long n, struct iocb **v) { return syscall(SYS_io_submit, c, n, v); }
static long io_getevents_(aio_context_t c, long mn, long n, struct io_event *e, struct ts32 *t)
{
    return syscall(SYS_io_getevents, c, mn, n, e, t);
}

static void prep(struct iocb *cb, int fd, int op, void *buf, size_t n, long long off, uint64_t data)
{
    memset(cb, 0, sizeof(*cb));
    cb->aio_fildes = fd;
    cb->aio_lio_opcode = op;
    cb->aio_buf = (uintptr_t)buf;
    cb->aio_nbytes = n;
    cb->aio_offset = off;
    cb->aio_data = data;
}

int main(void)
{
    char path[] = "/tmp/qc-aio-XXXXXX";
    int fd = mkstemp(path);
    aio_context_t ctx = 0, bad = 0;
    struct iocb w, r, rv, *list[3];
    struct io_event ev[4];
    struct ts32 t = { 5, 0 };
    char out[64], in[64], a[16], b[16];
    struct iovec iov[2] = { { a, sizeof(a) }, { b, sizeof(b) } };

    unlink(path);
    CHECK(fd >= 0, "scratch file");
    for (int i = 0; i < 64; i++) {
        out[i] = 'A' + i % 26;
    }

    CHECK_ERRNO(io_setup_(0, &ctx), EINVAL, "io_setup of 0 events: EINVAL");
    ctx = 1;
    CHECK_ERRNO(io_setup_(8, &ctx), EINVAL, "io_setup with *ctxp not 0: EINVAL");
    ctx = 0;
    CHECK_ERRNO(io_setup_(8, (aio_context_t *)8), EFAULT, "io_setup with a bad ctxp: EFAULT");
    CHECK(io_setup_(8, &ctx) == 0 && ctx != 0, "io_setup: a context");
    CHECK(ctx != 0 && *(volatile uint32_t *)(uintptr_t)ctx != AIO_RING_MAGIC,
          "the context's page does not carry AIO_RING_MAGIC (readers ask the kernel)");

    prep(&w, fd, IOCB_CMD_PWRITE, out, sizeof(out), 0, 0x1122334455667788ULL);
    list[0] = &w;
    CHECK(io_submit_(ctx, 1, list) == 1, "io_submit PWRITE");
    memset(ev, 0, sizeof(ev));
    CHECK(io_getevents_(ctx, 1, 4, ev, &t) == 1, "io_getevents: one event");
    CHECK(ev[0].data == 0x1122334455667788ULL, "the event carries aio_data");
    CHECK(ev[0].obj == (uintptr_t)&w, "the event names the iocb");
    CHECK(ev[0].res == sizeof(out), "the write wrote %d bytes", (int)sizeof(out));

    memset(in, 0, sizeof(in));
    memset(a, 0, sizeof(a));
    memset(b, 0, sizeof(b));
    prep(&r, fd, IOCB_CMD_PREAD, in, sizeof(in), 0, 1);
    prep(&rv, fd, IOCB_CMD_PREADV, iov, 2, 10, 2);
    list[0] = &r;
    list[1] = &rv;
    CHECK(io_submit_(ctx, 2, list) == 2, "io_submit PREAD and PREADV");
    long n = 0;
    for (int tries = 0; n < 2 && tries < 4; tries++) {
        long got = io_getevents_(ctx, 1, 4 - n, ev + n, &t);
        if (got <= 0) {
            break;
        }
        n += got;
    }
    CHECK(n == 2, "both events came (%ld)", n);
    for (int i = 0; i < n; i++) {
        if (ev[i].data == 1) {
            CHECK(ev[i].res == 64 && !memcmp(in, out, 64), "PREAD read the data");
        } else {
            CHECK(ev[i].data == 2 && ev[i].obj == (uintptr_t)&rv && ev[i].res == 32,
                  "PREADV read 32 bytes");
            CHECK(!memcmp(a, out + 10, 16) && !memcmp(b, out + 26, 16),
                  "PREADV filled both iovecs from offset 10");
        }
    }

    /* io_submit: a bad iocb pointer after a good one counts the good one */
    prep(&r, fd, IOCB_CMD_PREAD, in, 8, 0, 3);
    list[0] = &r;
    list[1] = (struct iocb *)8;
    CHECK(io_submit_(ctx, 2, list) == 1, "io_submit: the iocbs before a bad pointer are submitted");
    CHECK(io_getevents_(ctx, 1, 1, ev, &t) == 1 && ev[0].data == 3, "... and complete");
    CHECK_ERRNO(io_submit_(ctx, 1, (struct iocb **)8), EFAULT, "io_submit of an unreadable array: EFAULT");
    CHECK_ERRNO(io_submit_(ctx, -1, list), EINVAL, "io_submit of a negative count: EINVAL");
    CHECK_ERRNO(io_submit_(bad, 1, list), EINVAL, "io_submit on no context: EINVAL");
    struct iovec *badiov = (struct iovec *)8;
    prep(&rv, fd, IOCB_CMD_PREADV, badiov, 1, 0, 4);
    list[0] = &rv;
    CHECK_ERRNO(io_submit_(ctx, 1, list), EFAULT, "PREADV with an unreadable iovec array: EFAULT");

    /* io_getevents: arguments in the kernel's order; a timeout that expires */
    CHECK_ERRNO(io_getevents_(ctx, 2, 1, ev, &t), EINVAL, "io_getevents min_nr > nr: EINVAL");
    CHECK_ERRNO(io_getevents_(ctx, 1, 1, ev, (struct ts32 *)8), EFAULT, "io_getevents bad timeout: EFAULT");
    struct ts32 zero = { 0, 0 };
    CHECK(io_getevents_(ctx, 1, 1, ev, &zero) == 0, "io_getevents with a zero timeout and nothing done: 0");

    /* io_pgetevents with a signal mask (struct __aio_sigset of 32-bit words) */
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    /* the kernel's sigset: _NSIG / 8 bytes (MIPS has 128 signals) */
#ifdef __mips__
    struct aio_sigset32 ss = { (uint32_t)(uintptr_t)&mask, 16 };
#else
    struct aio_sigset32 ss = { (uint32_t)(uintptr_t)&mask, 8 };
#endif
    CHECK(syscall(SYS_io_pgetevents, ctx, 1, 1, ev, &zero, &ss) == 0,
          "io_pgetevents with a mask and a zero timeout: 0");
    ss.sigsetsize = 4;
    CHECK_ERRNO(syscall(SYS_io_pgetevents, ctx, 1, 1, ev, &zero, &ss), EINVAL,
                "io_pgetevents with a wrong sigset size: EINVAL");

    /* io_cancel: the iocb's key is read first (EFAULT), then the context */
    CHECK_ERRNO(syscall(SYS_io_cancel, ctx, NULL, ev), EFAULT, "io_cancel of a NULL iocb: EFAULT");
    CHECK_ERRNO(syscall(SYS_io_cancel, bad, &r, ev), EINVAL, "io_cancel on no context: EINVAL");

    CHECK(io_destroy_(ctx) == 0, "io_destroy");
    CHECK_ERRNO(io_destroy_(ctx), EINVAL, "io_destroy twice: EINVAL");
    CHECK_ERRNO(io_getevents_(ctx, 0, 1, ev, &zero), EINVAL, "io_getevents after io_destroy: EINVAL");
    close(fd);
    return guest_done();
}
