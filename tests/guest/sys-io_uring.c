/*
 * sys-io_uring: a ring set up and mapped by a 32-bit task with the raw
 * syscalls (as liburing does): NOP, WRITE, READ and READV with a 32-bit
 * iovec array complete with the kernel's results and data; an op whose
 * data the emulator does not translate (SENDMSG's struct msghdr) completes
 * with EINVAL, never with wrong data; the SQEs the guest wrote are as it
 * wrote them afterwards; REGISTER_BUFFERS and READ_FIXED. Natively
 * (x86-64) SENDMSG works and SQPOLL is allowed: those checks are the
 * emulator's documented answers (qc_native()).
 * variants: static
 * timeout: 20
 */
#define _GNU_SOURCE
#include "check.h"
#include <fcntl.h>
#include <linux/io_uring.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#ifndef SYS_io_uring_setup
#define SYS_io_uring_setup 425
#define SYS_io_uring_enter 426
#define SYS_io_uring_register 427
#endif
#if defined(__mips__)
#define NR(n) (4000 + (n))
#else
#define NR(n) (n)
#endif

struct ring {
    int fd;
    struct io_uring_params p;
    uint8_t *sq, *cq;
    struct io_uring_sqe *sqes;
};

static int ring_init(struct ring *r, unsigned entries)
{
    memset(&r->p, 0, sizeof(r->p));
    r->fd = syscall(NR(425), entries, &r->p);
    if (r->fd < 0) {
        return -1;
    }
    size_t sqsz = r->p.sq_off.array + r->p.sq_entries * 4;
    size_t cqsz = r->p.cq_off.cqes + r->p.cq_entries * sizeof(struct io_uring_cqe);
    r->sq = mmap(NULL, sqsz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_SQ_RING);
    r->cq = mmap(NULL, cqsz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_CQ_RING);
    r->sqes = mmap(NULL, r->p.sq_entries * sizeof(struct io_uring_sqe), PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_POPULATE, r->fd, IORING_OFF_SQES);
    return r->sq == MAP_FAILED || r->cq == MAP_FAILED || r->sqes == MAP_FAILED ? -1 : 0;
}

static struct io_uring_sqe *sqe_get(struct ring *r)
{
    uint32_t *tail = (uint32_t *)(r->sq + r->p.sq_off.tail);
    uint32_t mask = *(uint32_t *)(r->sq + r->p.sq_off.ring_mask);
    uint32_t *array = (uint32_t *)(r->sq + r->p.sq_off.array);
    uint32_t t = *tail, i = t & mask;

    array[i] = i;
    memset(&r->sqes[i], 0, sizeof(r->sqes[i]));
    __atomic_store_n(tail, t + 1, __ATOMIC_RELEASE);
    return &r->sqes[i];
}

/* the CQEs: res by user_data (up to 8), how many came */
static int reap(struct ring *r, int64_t *res)
{
    uint32_t *head = (uint32_t *)(r->cq + r->p.cq_off.head);
    uint32_t tail = __atomic_load_n((uint32_t *)(r->cq + r->p.cq_off.tail), __ATOMIC_ACQUIRE);
    uint32_t mask = *(uint32_t *)(r->cq + r->p.cq_off.ring_mask);
    struct io_uring_cqe *cqes = (void *)(r->cq + r->p.cq_off.cqes);
    int n = 0;

    for (uint32_t h = *head; h != tail; h++, n++) {
        struct io_uring_cqe *c = &cqes[h & mask];
        if (c->user_data < 8) {
            res[c->user_data] = c->res;
        }
    }
    __atomic_store_n(head, tail, __ATOMIC_RELEASE);
    return n;
}

int main(void)
{
    struct ring r;
    char path[] = "/tmp/qc-uring-XXXXXX";
    int fd = mkstemp(path);
    char out[32], in[32], a[8], b[8], fixed[16];
    struct iovec iov[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
    int64_t res[8];

    unlink(path);
    for (int i = 0; i < 32; i++) {
        out[i] = 'a' + i % 26;
    }
    errno = 0;
    int ok = ring_init(&r, 8) == 0;
    int e = errno;
#if defined(__MIPSEB__)
    /* big-endian guests: ENOSYS by design (syscalls.spec io_uring_setup) */
    CHECK(!ok && e == ENOSYS, "big-endian MIPS: io_uring_setup ENOSYS (documented)");
    SKIP("io_uring ops (NOP, WRITE, READ, READV, SENDMSG, REGISTER_BUFFERS, READ_FIXED, SQPOLL): "
         "io_uring is ENOSYS by design for big-endian MIPS guests (syscalls.spec io_uring_setup)");
    return guest_done();
#endif
    if (!ok && e == EPERM) {
        /* only the kernel.io_uring_disabled sysctl (1: io_uring_group
         * only, 2: nobody) excuses it */
        int dis = -1;
        FILE *f = fopen("/proc/sys/kernel/io_uring_disabled", "r");
        if (f) {
            if (fscanf(f, "%d", &dis) != 1)
                dis = -1;
            fclose(f);
        }
        CHECK(dis >= 1, "io_uring_setup EPERM only where kernel.io_uring_disabled is set (%d)", dis);
        SKIP("io_uring ops: io_uring_setup EPERM (kernel.io_uring_disabled = %d)", dis);
        return guest_done();
    }
    CHECK(ok, "io_uring_setup and the three mmaps (%s)", ok ? "mapped" : strerror(e));
    if (!ok)
        return guest_done();

    struct io_uring_sqe *s = sqe_get(&r);
    s->opcode = IORING_OP_NOP;
    s->user_data = 0;
    s = sqe_get(&r);
    s->opcode = IORING_OP_WRITE;
    s->fd = fd;
    s->addr = (uintptr_t)out;
    s->len = sizeof(out);
    s->user_data = 1;
    memset(res, 0x55, sizeof(res));
    CHECK(syscall(NR(426), r.fd, 2, 2, IORING_ENTER_GETEVENTS, NULL, 0) == 2, "enter: NOP and WRITE submitted");
    CHECK(reap(&r, res) == 2 && res[0] == 0 && res[1] == 32, "NOP 0, WRITE 32 bytes");

    memset(in, 0, sizeof(in));
    s = sqe_get(&r);
    s->opcode = IORING_OP_READ;
    s->fd = fd;
    s->addr = (uintptr_t)in;
    s->len = sizeof(in);
    s->user_data = 2;
    s = sqe_get(&r);
    s->opcode = IORING_OP_READV;
    s->fd = fd;
    s->addr = (uintptr_t)iov;
    s->len = 2;
    s->off = 4;
    s->user_data = 3;
    struct io_uring_sqe *readv_sqe = s;
    struct msghdr mh = { 0 };
    s = sqe_get(&r);
    s->opcode = IORING_OP_SENDMSG;
    s->fd = -1;
    s->addr = (uintptr_t)&mh;
    s->user_data = 4;
    CHECK(syscall(NR(426), r.fd, 3, 3, IORING_ENTER_GETEVENTS, NULL, 0) == 3, "enter: READ, READV, SENDMSG");
    CHECK(reap(&r, res) == 3, "three completions");
    CHECK(res[2] == 32 && !memcmp(in, out, 32), "READ read the data back");
    CHECK(res[3] == 16 && !memcmp(a, out + 4, 8) && !memcmp(b, out + 12, 8),
          "READV filled both 32-bit iovecs from offset 4 (%lld)", (long long)res[3]);
    CHECK(readv_sqe->addr == (uintptr_t)iov && readv_sqe->opcode == IORING_OP_READV,
          "the READV SQE is as the guest wrote it");
    if (qc_native())
        CHECK(res[4] == -EBADF, "native SENDMSG on fd -1: EBADF");
    else
        CHECK(res[4] == -EINVAL, "SENDMSG (struct msghdr not translated): EINVAL, not wrong data (%lld)",
              (long long)res[4]);

    struct iovec reg = { fixed, sizeof(fixed) };
    CHECK(syscall(NR(427), r.fd, IORING_REGISTER_BUFFERS, &reg, 1) == 0, "REGISTER_BUFFERS");
    s = sqe_get(&r);
    s->opcode = IORING_OP_READ_FIXED;
    s->fd = fd;
    s->addr = (uintptr_t)fixed;
    s->len = sizeof(fixed);
    s->buf_index = 0;
    s->user_data = 5;
    CHECK(syscall(NR(426), r.fd, 1, 1, IORING_ENTER_GETEVENTS, NULL, 0) == 1 && reap(&r, res) == 1 &&
          res[5] == 16 && !memcmp(fixed, out, 16), "READ_FIXED into the registered buffer");

    if (!qc_native()) {
        struct io_uring_params p = { .flags = IORING_SETUP_SQPOLL };
        CHECK_ERRNO(syscall(NR(425), 4, &p), EINVAL, "SQPOLL: EINVAL (documented)");
    } else {
        SKIP("SQPOLL EINVAL: the emulator's by-design answer, not the kernel's (QC_NATIVE)");
    }
    close(r.fd);
    close(fd);
    return guest_done();
}
