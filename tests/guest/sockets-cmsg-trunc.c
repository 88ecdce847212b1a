/*
 * cmsg-trunc: recvmsg with a control buffer too short for a control
 * message, as a 32-bit task sees it on a 64-bit kernel (net/compat.c
 * put_cmsg_compat(), scm_detach_fds_compat()), and as a native task sees it
 * (net/core/scm.c put_cmsg(), scm_detach_fds(): the same rules with the
 * native header), so the expectations below are written with CMSG_LEN/
 * CMSG_SPACE and hold for both:
 *  - fewer bytes left than one cmsghdr (a first message with msg_controllen
 *    CMSG_LEN(0) - 1, a second one with two ints or CMSG_LEN(0) - 1 left):
 *    MSG_CTRUNC, nothing written there, msg_controllen counts only the
 *    messages before it, and SCM_RIGHTS fds are not installed;
 *  - SCM_RIGHTS with room for k < n fds: cmsg_len CMSG_LEN(k ints), the
 *    space used CMSG_SPACE(k ints) (not the odd bytes after it), MSG_CTRUNC,
 *    the other fds are not installed; with room for none (CMSG_LEN(0) bytes
 *    exactly) nothing is written at all.
 * Whether an fd was installed is seen through a pipe: copies of its write
 * end are sent, the sender's is closed, and the read end sees EOF only when
 * no copy is open anywhere in the process.
 * Loopback only (AF_UNIX stream, UDP on ::1 when it exists).
 */
#include "check.h"
#include <fcntl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <sys/socket.h>

#define FILL 0xa5

static int all_filled(const unsigned char *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (p[i] != FILL) {
            return 0;
        }
    }
    return 1;
}

/* Sends nfds copies of a fresh pipe's write end over sv[0] (and one byte);
 * returns the read end (non-blocking), the write end is closed here. */
static int send_pipe_fds(int sock, int nfds)
{
    int p[2], fds[4], i;
    char cb[CMSG_SPACE(sizeof(fds))];
    char byte = 'x';
    struct iovec iov = { &byte, 1 };
    struct msghdr m = { 0 };
    struct cmsghdr *c;

    if (pipe(p) != 0) {
        return -1;
    }
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    for (i = 0; i < nfds; i++) {
        fds[i] = p[1];
    }
    memset(cb, 0, sizeof(cb));
    m.msg_iov = &iov; m.msg_iovlen = 1;
    m.msg_control = cb; m.msg_controllen = CMSG_SPACE(nfds * sizeof(int));
    c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(nfds * sizeof(int));
    memcpy(CMSG_DATA(c), fds, nfds * sizeof(int));
    if (sendmsg(sock, &m, 0) != 1) {
        close(p[0]); close(p[1]);
        return -1;
    }
    close(p[1]);
    return p[0];
}

/* After the received fds were closed: EOF on the read end means no copy of
 * the write end is left open (none was installed unseen). */
static int no_copy_left(int rd)
{
    char b;
    ssize_t r = read(rd, &b, 1);
    close(rd);
    return r == 0;
}

struct result {
    ssize_t r;
    int flags;
    size_t controllen;
    int ncmsg;
    unsigned len[2];
    int level[2], type[2];
    int nfds;          /* fds in an SCM_RIGHTS cmsg (closed here) */
};

static void recv_into(int sock, unsigned char *cb, size_t cbsize, size_t clen,
                      struct result *res)
{
    char byte;
    struct iovec iov = { &byte, 1 };
    struct msghdr m = { 0 };
    struct cmsghdr *c;

    memset(res, 0, sizeof(*res));
    memset(cb, FILL, cbsize);
    m.msg_iov = &iov; m.msg_iovlen = 1;
    m.msg_control = cb; m.msg_controllen = clen;
    res->r = recvmsg(sock, &m, 0);
    res->flags = m.msg_flags;
    res->controllen = m.msg_controllen;
    if (res->r < 0) {
        return;
    }
    for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
        if (res->ncmsg < 2) {
            res->len[res->ncmsg] = c->cmsg_len;
            res->level[res->ncmsg] = c->cmsg_level;
            res->type[res->ncmsg] = c->cmsg_type;
        }
        res->ncmsg++;
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS &&
            c->cmsg_len >= CMSG_LEN(0)) {
            int i, n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int), fd;
            for (i = 0; i < n; i++) {
                memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
                if (fcntl(fd, F_GETFD) >= 0) {
                    res->nfds++;
                    close(fd);
                }
            }
        }
    }
}

static void scm_rights_short(void)
{
    int sv[2], rd, on = 1;
    unsigned char cb[256];
    struct result res;
    const size_t cred_space = CMSG_SPACE(sizeof(struct ucred));
    size_t clen;

    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair");

    /* 1. One fd, CMSG_LEN(0) - 1 bytes: MSG_CTRUNC, nothing written. */
    rd = send_pipe_fds(sv[0], 1);
    clen = CMSG_LEN(0) - 1;
    recv_into(sv[1], cb, sizeof(cb), clen, &res);
    CHECK(res.r == 1 && (res.flags & MSG_CTRUNC) && res.controllen == 0 &&
          all_filled(cb, sizeof(cb)),
          "SCM_RIGHTS, buffer of CMSG_LEN(0)-1 = %zu: MSG_CTRUNC, controllen 0, "
          "nothing written (r=%zd flags %#x controllen %zu)",
          clen, res.r, res.flags, res.controllen);
    CHECK(no_copy_left(rd), "SCM_RIGHTS, CMSG_LEN(0)-1: the fd is not installed");

    /* 2. Three fds, CMSG_LEN(0) bytes: room for no fd, nothing written. */
    rd = send_pipe_fds(sv[0], 3);
    clen = CMSG_LEN(0);
    recv_into(sv[1], cb, sizeof(cb), clen, &res);
    CHECK(res.r == 1 && (res.flags & MSG_CTRUNC) && res.controllen == 0 &&
          all_filled(cb, sizeof(cb)),
          "SCM_RIGHTS, buffer of CMSG_LEN(0) = %zu: MSG_CTRUNC, controllen 0, "
          "nothing written (flags %#x controllen %zu)",
          clen, res.flags, res.controllen);
    CHECK(no_copy_left(rd), "SCM_RIGHTS, CMSG_LEN(0): no fd installed");

    /* 3. Three fds, room for two and 3 odd bytes: cmsg_len CMSG_LEN(2 ints),
     *    controllen CMSG_SPACE(2 ints), MSG_CTRUNC, the third not installed. */
    rd = send_pipe_fds(sv[0], 3);
    clen = CMSG_LEN(2 * sizeof(int)) + 3;
    recv_into(sv[1], cb, sizeof(cb), clen, &res);
    CHECK(res.r == 1 && (res.flags & MSG_CTRUNC) && res.ncmsg == 1 &&
          res.len[0] == CMSG_LEN(2 * sizeof(int)) &&
          res.controllen == CMSG_SPACE(2 * sizeof(int)) && res.nfds == 2 &&
          all_filled(cb + CMSG_SPACE(2 * sizeof(int)),
                     sizeof(cb) - CMSG_SPACE(2 * sizeof(int))),
          "SCM_RIGHTS 3 fds into %zu bytes: 2 fds, cmsg_len %zu, controllen %zu "
          "(flags %#x ncmsg %d len %u controllen %zu fds %d)",
          clen, (size_t)CMSG_LEN(2 * sizeof(int)),
          (size_t)CMSG_SPACE(2 * sizeof(int)), res.flags, res.ncmsg,
          res.len[0], res.controllen, res.nfds);
    CHECK(no_copy_left(rd), "SCM_RIGHTS 3 fds, room for 2: the third is not installed");

    /* A second message after SCM_CREDENTIALS (SO_PASSCRED puts it first). */
    CHECK(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)) == 0,
          "SO_PASSCRED");

    /* 4. Room for the credentials and two fds of three. */
    rd = send_pipe_fds(sv[0], 3);
    clen = cred_space + CMSG_LEN(2 * sizeof(int));
    recv_into(sv[1], cb, sizeof(cb), clen, &res);
    CHECK(res.r == 1 && (res.flags & MSG_CTRUNC) && res.ncmsg == 2 &&
          res.type[0] == SCM_CREDENTIALS &&
          res.len[0] == CMSG_LEN(sizeof(struct ucred)) &&
          res.type[1] == SCM_RIGHTS && res.len[1] == CMSG_LEN(2 * sizeof(int)) &&
          res.controllen == clen && res.nfds == 2,
          "SCM_CREDENTIALS + SCM_RIGHTS with room for 2 of 3 fds: MSG_CTRUNC, "
          "controllen %zu (flags %#x ncmsg %d len %u/%u controllen %zu fds %d)",
          clen, res.flags, res.ncmsg, res.len[0], res.len[1], res.controllen,
          res.nfds);
    CHECK(no_copy_left(rd), "second message, room for 2 of 3: the third is not installed");

    /* 5-7. The second message gets two ints, CMSG_LEN(0) - 1 or CMSG_LEN(0)
     *      bytes: MSG_CTRUNC, only the credentials, no fd installed. */
    {
        const size_t left[3] = { 2 * sizeof(int), CMSG_LEN(0) - 1, CMSG_LEN(0) };
        const char *name[3] = { "two ints", "CMSG_LEN(0)-1", "CMSG_LEN(0)" };
        int i;
        for (i = 0; i < 3; i++) {
            rd = send_pipe_fds(sv[0], 1);
            clen = cred_space + left[i];
            recv_into(sv[1], cb, sizeof(cb), clen, &res);
            CHECK(res.r == 1 && (res.flags & MSG_CTRUNC) && res.ncmsg == 1 &&
                  res.type[0] == SCM_CREDENTIALS &&
                  res.len[0] == CMSG_LEN(sizeof(struct ucred)) &&
                  res.controllen == cred_space && res.nfds == 0 &&
                  all_filled(cb + cred_space, sizeof(cb) - cred_space),
                  "SCM_RIGHTS after SCM_CREDENTIALS with %s (%zu bytes) left: "
                  "MSG_CTRUNC, controllen %zu, nothing written after "
                  "(flags %#x ncmsg %d controllen %zu)",
                  name[i], left[i], cred_space, res.flags, res.ncmsg,
                  res.controllen);
            CHECK(no_copy_left(rd), "SCM_RIGHTS with %s left: the fd is not installed",
                  name[i]);
        }
    }

    /* 8. Credentials cut to two ints (pid, uid), then the fd: one cmsg of
     *    CMSG_LEN(2 ints), MSG_CTRUNC, no fd. */
    rd = send_pipe_fds(sv[0], 1);
    clen = CMSG_LEN(2 * sizeof(int));
    recv_into(sv[1], cb, sizeof(cb), clen, &res);
    {
        int32_t pu[2];
        memcpy(pu, cb + CMSG_LEN(0), sizeof(pu));
        CHECK(res.r == 1 && (res.flags & MSG_CTRUNC) && res.ncmsg == 1 &&
              res.type[0] == SCM_CREDENTIALS && res.len[0] == clen &&
              res.controllen == clen && pu[0] == getpid() &&
              pu[1] == (int32_t)getuid() && res.nfds == 0,
              "SCM_CREDENTIALS cut to two ints: cmsg_len %zu, MSG_CTRUNC "
              "(flags %#x ncmsg %d len %u controllen %zu)",
              clen, res.flags, res.ncmsg, res.len[0], res.controllen);
    }
    CHECK(no_copy_left(rd), "after cut credentials: the fd is not installed");

    /* 9. No buffer (NULL, msg_controllen 64): the kernel does not fail the
     *    call: MSG_CTRUNC, controllen 0, no fd installed. */
    rd = send_pipe_fds(sv[0], 1);
    {
        char byte;
        struct iovec iov = { &byte, 1 };
        struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
                            .msg_control = NULL, .msg_controllen = 64 };
        ssize_t r = recvmsg(sv[1], &m, 0);
        CHECK(r == 1 && (m.msg_flags & MSG_CTRUNC) && m.msg_controllen == 0,
              "NULL control buffer of 64 bytes: 1 byte, MSG_CTRUNC, controllen 0 "
              "(r=%zd errno %d flags %#x controllen %zu)", r, r < 0 ? errno : 0,
              m.msg_flags, (size_t)m.msg_controllen);
    }
    CHECK(no_copy_left(rd), "NULL control buffer: the fd is not installed");

    close(sv[0]); close(sv[1]);
}

/* Whether the host has ::1 on lo (/proc/net/if_inet6, the kernel's list):
 * then an IPv6 socket on ::1 must work, and only without it may the IPv6
 * cases be skipped. */
static int host_has_ipv6_loopback(void)
{
    char line[256];
    int found = 0;
    FILE *f = fopen("/proc/net/if_inet6", "r");

    if (!f)
        return 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "00000000000000000000000000000001 ", 33) == 0)
            found = 1;
    fclose(f);
    return found;
}

/* UDP on ::1: IPV6_HOPLIMIT (an int), then IPV6_TCLASS (an int). */
static void ipv6_short(void)
{
    struct sockaddr_in6 a6 = { .sin6_family = AF_INET6,
                               .sin6_addr = IN6ADDR_LOOPBACK_INIT };
    socklen_t l = sizeof(a6);
    unsigned char cb[128];
    struct result res;
    int rx, tx, on = 1, tclass = 0x28;
    size_t clen;
    int i;

    rx = socket(AF_INET6, SOCK_DGRAM, 0);
    tx = socket(AF_INET6, SOCK_DGRAM, 0);
    if (rx < 0 || tx < 0 || bind(rx, (struct sockaddr *)&a6, sizeof(a6)) < 0) {
        int e = errno;
        CHECK(!host_has_ipv6_loopback(),
              "an IPv6 UDP socket on ::1 fails (%s) only where the host has no ::1", strerror(e));
        SKIP("IPV6_HOPLIMIT/IPV6_TCLASS truncation: no ::1 here (%s)", strerror(e));
        return;
    }
    getsockname(rx, (struct sockaddr *)&a6, &l);
    CHECK(setsockopt(rx, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, &on, sizeof(on)) == 0,
          "IPV6_RECVHOPLIMIT");

    /* 1. CMSG_LEN(0) - 1 bytes for IPV6_HOPLIMIT: MSG_CTRUNC, nothing. */
    sendto(tx, "h", 1, 0, (struct sockaddr *)&a6, sizeof(a6));
    clen = CMSG_LEN(0) - 1;
    recv_into(rx, cb, sizeof(cb), clen, &res);
    CHECK(res.r == 1 && (res.flags & MSG_CTRUNC) && res.controllen == 0 &&
          all_filled(cb, sizeof(cb)),
          "IPV6_HOPLIMIT into CMSG_LEN(0)-1 = %zu bytes: MSG_CTRUNC, controllen 0 "
          "(flags %#x controllen %zu)", clen, res.flags, res.controllen);

    /* 2-3. IPV6_HOPLIMIT fits, IPV6_TCLASS gets two ints or CMSG_LEN(0)-1. */
    CHECK(setsockopt(rx, IPPROTO_IPV6, IPV6_RECVTCLASS, &on, sizeof(on)) == 0 &&
          setsockopt(tx, IPPROTO_IPV6, IPV6_TCLASS, &tclass, sizeof(tclass)) == 0,
          "IPV6_RECVTCLASS, IPV6_TCLASS");
    for (i = 0; i < 2; i++) {
        const size_t left = i == 0 ? 2 * sizeof(int) : CMSG_LEN(0) - 1;
        sendto(tx, "t", 1, 0, (struct sockaddr *)&a6, sizeof(a6));
        clen = CMSG_SPACE(sizeof(int)) + left;
        recv_into(rx, cb, sizeof(cb), clen, &res);
        CHECK(res.r == 1 && (res.flags & MSG_CTRUNC) && res.ncmsg == 1 &&
              res.type[0] == IPV6_HOPLIMIT && res.len[0] == CMSG_LEN(sizeof(int)) &&
              res.controllen == CMSG_SPACE(sizeof(int)) &&
              all_filled(cb + CMSG_SPACE(sizeof(int)),
                         sizeof(cb) - CMSG_SPACE(sizeof(int))),
              "IPV6_TCLASS after IPV6_HOPLIMIT with %zu bytes left: MSG_CTRUNC, "
              "controllen %zu (flags %#x ncmsg %d controllen %zu)",
              left, (size_t)CMSG_SPACE(sizeof(int)), res.flags, res.ncmsg,
              res.controllen);
    }
    close(rx); close(tx);
}

int main(void)
{
    scm_rights_short();
    ipv6_short();
    return guest_done();
}
