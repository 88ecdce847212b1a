/*
 * mmsg: sendmmsg/recvmmsg as the kernel answers them (LTP sendmmsg02,
 * recvmmsg01): a message with no iovec still reaches the kernel (EBADF for
 * a bad descriptor, not 1); recvmmsg's timeout is validated (EINVAL before
 * EBADF), checked after each datagram (a zero timeout returns after the
 * first one) and what is left of it written back.
 * variants: static
 * timeout: 10
 */
#define _GNU_SOURCE
#include "check.h"
#include <netinet/in.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>

struct ts32 { int32_t sec, nsec; };      /* old recvmmsg: struct old_timespec32 */

static long recvmmsg_old(int fd, struct mmsghdr *v, unsigned n, unsigned fl,
                         struct ts32 *t)
{
#ifdef SYS_recvmmsg
    return syscall(SYS_recvmmsg, fd, v, n, fl, t);
#else
    errno = ENOSYS;
    return -1;
#endif
}

int main(void)
{
    struct sockaddr_in sin = { .sin_family = AF_INET,
                               .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t sl = sizeof(sin);
    struct mmsghdr v[3];
    struct iovec iov[3];
    char data[3][16];
    struct ts32 t;
    int r, s, c;

    memset(v, 0, sizeof(v));
    CHECK_ERRNO(sendmmsg(-1, v, 1, 0), EBADF, "sendmmsg(-1, no iovec)");
    CHECK_ERRNO(recvmmsg(-1, v, 1, MSG_DONTWAIT, NULL), EBADF,
                "recvmmsg(-1, no iovec)");

    t = (struct ts32){ -1, 0 };
    CHECK_ERRNO(recvmmsg_old(-1, v, 1, 0, &t), EINVAL,
                "recvmmsg(timeout -1 s) is EINVAL before EBADF");
    t = (struct ts32){ 0, 1000000000 };
    CHECK_ERRNO(recvmmsg_old(-1, v, 1, 0, &t), EINVAL,
                "recvmmsg(timeout 1e9 ns) is EINVAL");
    t = (struct ts32){ 1, 0 };
    CHECK_ERRNO(recvmmsg_old(-1, v, 1, 0, &t), EBADF,
                "recvmmsg(-1, valid timeout) is EBADF");
    CHECK_ERRNO(recvmmsg_old(-1, v, 1, 0, (struct ts32 *)1), EFAULT,
                "recvmmsg(bad timeout pointer) is EFAULT");

    s = socket(AF_INET, SOCK_DGRAM, 0);
    c = socket(AF_INET, SOCK_DGRAM, 0);
    CHECK(s >= 0 && c >= 0, "sockets");
    CHECK(bind(s, (struct sockaddr *)&sin, sizeof(sin)) == 0, "bind");
    CHECK(getsockname(s, (struct sockaddr *)&sin, &sl) == 0, "getsockname");
    for (int i = 0; i < 3; i++) {
        CHECK(sendto(c, "abc", 3, 0, (struct sockaddr *)&sin, sl) == 3,
              "send %d", i);
    }
    for (int i = 0; i < 3; i++) {
        iov[i] = (struct iovec){ data[i], sizeof(data[i]) };
        v[i].msg_hdr.msg_iov = &iov[i];
        v[i].msg_hdr.msg_iovlen = 1;
    }
    t = (struct ts32){ 0, 0 };
    r = recvmmsg_old(s, v, 3, 0, &t);
    CHECK(r == 1, "recvmmsg(3 queued, timeout 0) returns after one: %d", r);
    t = (struct ts32){ 10, 0 };
    r = recvmmsg_old(s, v, 1, 0, &t);
    CHECK(r == 1, "recvmmsg(timeout 10 s) = %d", r);
    CHECK(t.sec < 10 && t.sec >= 9 && t.nsec >= 0 && t.nsec < 1000000000,
          "the time left is written back: %d.%09d", t.sec, t.nsec);
    /* a message with no iovec on a good socket: a 0-byte datagram */
    memset(v, 0, sizeof(v));
    v[0].msg_hdr.msg_name = &sin;
    v[0].msg_hdr.msg_namelen = sl;
    r = sendmmsg(c, v, 1, 0);
    CHECK(r == 1 && v[0].msg_len == 0, "sendmmsg(no iovec) sends an empty datagram: %d", r);
    return guest_done();
}
