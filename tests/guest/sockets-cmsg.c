/*
 * sockets-cmsg: control messages and socket options whose layout differs
 * between a 32-bit guest and the 64-bit host: SCM_RIGHTS, SCM_CREDENTIALS,
 * SO_TIMESTAMP/SO_TIMESTAMPNS old and _NEW, IP_PKTINFO, IPV6_PKTINFO, the
 * MSG_CTRUNC rule (set exactly when the guest's buffer is short), no more
 * data consumed than asked; SO_RCVTIMEO/SO_SNDTIMEO old and _NEW, SO_LINGER,
 * SO_PEERCRED, SO_ATTACH_FILTER, IP/IPV6 multicast options. Loopback only.
 */
#include "check.h"
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>

/* asm-generic/socket.h and arch/mips/include/uapi/asm/socket.h agree. */
#define QSO_TIMESTAMP_OLD 29
#define QSO_TIMESTAMPNS_OLD 35
#define QSO_TIMESTAMP_NEW 63
#define QSO_TIMESTAMPNS_NEW 64
#define QSO_RCVTIMEO_NEW 66
#define QSO_SNDTIMEO_NEW 67
#ifdef __mips__
#define QSO_RCVTIMEO_OLD 0x1006
#define QSO_SNDTIMEO_OLD 0x1005
#else
#define QSO_RCVTIMEO_OLD 20
#define QSO_SNDTIMEO_OLD 21
#endif

struct ts64 { int64_t sec, frac; };   /* __kernel_sock_timeval/timespec */
struct tv32 { int32_t sec, usec; };   /* old_timeval32 */

static struct cmsghdr *find(struct msghdr *m, int level, int type)
{
    struct cmsghdr *c;
    for (c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c)) {
        if (c->cmsg_level == level && c->cmsg_type == type) {
            return c;
        }
    }
    return NULL;
}

static void scm_rights(void)
{
    int sv[2], fds[2], got[2] = { -1, -1 };
    char cbuf[CMSG_SPACE(2 * sizeof(int))];
    char small[CMSG_SPACE(sizeof(int))];
    char data[8] = "x";
    struct iovec iov = { data, 1 };
    struct msghdr m = { 0 };
    struct cmsghdr *c;
    struct stat a, b;
    ssize_t r;

    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair");
    fds[0] = open("/proc/self/exe", O_RDONLY);
    fds[1] = open("/", O_RDONLY);

    /* Two fds, a buffer of exactly CMSG_SPACE(2 ints): no MSG_CTRUNC. */
    m.msg_iov = &iov; m.msg_iovlen = 1;
    m.msg_control = cbuf; m.msg_controllen = CMSG_SPACE(2 * sizeof(int));
    c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(2 * sizeof(int));
    memcpy(CMSG_DATA(c), fds, sizeof(fds));
    CHECK(sendmsg(sv[0], &m, 0) == 1, "sendmsg SCM_RIGHTS 2 fds");
    memset(cbuf, 0, sizeof(cbuf));
    m.msg_controllen = CMSG_SPACE(2 * sizeof(int));
    r = recvmsg(sv[1], &m, 0);
    c = find(&m, SOL_SOCKET, SCM_RIGHTS);
    CHECK(r == 1 && !(m.msg_flags & MSG_CTRUNC) && c &&
          c->cmsg_len == CMSG_LEN(2 * sizeof(int)),
          "recvmsg SCM_RIGHTS exact buffer: no MSG_CTRUNC (r=%zd flags %#x len %u)",
          r, m.msg_flags, c ? (unsigned)c->cmsg_len : 0);
    if (c) {
        memcpy(got, CMSG_DATA(c), sizeof(got));
        CHECK(fstat(got[0], &a) == 0 && fstat(fds[0], &b) == 0 &&
              a.st_ino == b.st_ino && fstat(got[1], &a) == 0 &&
              fstat(fds[1], &b) == 0 && a.st_ino == b.st_ino,
              "received fds are the sent files");
        close(got[0]); close(got[1]);
    }

    /* Room for one fd: one arrives, MSG_CTRUNC (scm_detach_fds()). */
    m.msg_control = cbuf; m.msg_controllen = CMSG_SPACE(2 * sizeof(int));
    c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(2 * sizeof(int));
    memcpy(CMSG_DATA(c), fds, sizeof(fds));
    CHECK(sendmsg(sv[0], &m, 0) == 1, "sendmsg again");
    m.msg_control = small; m.msg_controllen = sizeof(small);
    memset(small, 0, sizeof(small));
    r = recvmsg(sv[1], &m, 0);
    c = find(&m, SOL_SOCKET, SCM_RIGHTS);
    CHECK(r == 1 && (m.msg_flags & MSG_CTRUNC) && c &&
          c->cmsg_len == CMSG_LEN(sizeof(int)),
          "room for one fd: one fd and MSG_CTRUNC (flags %#x len %u)",
          m.msg_flags, c ? (unsigned)c->cmsg_len : 0);
    if (c) {
        memcpy(got, CMSG_DATA(c), sizeof(int));
        CHECK(fcntl(got[0], F_GETFD) >= 0, "the one fd is open");
        close(got[0]);
    }

    /* No control buffer at all: MSG_CTRUNC, nothing received. */
    m.msg_control = cbuf; m.msg_controllen = CMSG_SPACE(sizeof(int));
    c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), fds, sizeof(int));
    CHECK(sendmsg(sv[0], &m, 0) == 1, "sendmsg one fd");
    m.msg_control = NULL; m.msg_controllen = 0;
    r = recvmsg(sv[1], &m, 0);
    CHECK(r == 1 && (m.msg_flags & MSG_CTRUNC), "no control buffer: MSG_CTRUNC (%#x)",
          m.msg_flags);

    /* SO_PEERCRED and SCM_CREDENTIALS. */
    {
        struct ucred uc;
        socklen_t l = sizeof(uc);
        int on = 1;
        char cb[CMSG_SPACE(sizeof(struct ucred))];
        CHECK(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &uc, &l) == 0 &&
              l == sizeof(uc) && uc.pid == getpid() && uc.uid == getuid() &&
              uc.gid == getgid(), "SO_PEERCRED (pid %d uid %d len %u)",
              uc.pid, uc.uid, l);
        CHECK(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)) == 0,
              "SO_PASSCRED");
        CHECK(write(sv[0], "c", 1) == 1, "write");
        m.msg_control = cb; m.msg_controllen = sizeof(cb);
        r = recvmsg(sv[1], &m, 0);
        c = find(&m, SOL_SOCKET, SCM_CREDENTIALS);
        if (c) {
            memcpy(&uc, CMSG_DATA(c), sizeof(uc));
        }
        CHECK(r == 1 && c && c->cmsg_len == CMSG_LEN(sizeof(uc)) &&
              uc.pid == getpid() && uc.uid == getuid() && uc.gid == getgid() &&
              !(m.msg_flags & MSG_CTRUNC),
              "SCM_CREDENTIALS received (flags %#x)", m.msg_flags);
    }

    /* A stream recvmsg takes no more than the iovec asks for. */
    {
        char b3[3], rest[16];
        struct iovec io3 = { b3, 3 };
        struct msghdr m3 = { .msg_iov = &io3, .msg_iovlen = 1 };
        CHECK(write(sv[0], "0123456789", 10) == 10, "write 10 bytes");
        CHECK(recvmsg(sv[1], &m3, 0) == 3 && memcmp(b3, "012", 3) == 0,
              "recvmsg of 3 bytes takes 3");
        CHECK(read(sv[1], rest, sizeof(rest)) == 7 && memcmp(rest, "3456789", 7) == 0,
              "the other 7 are still there");
    }
    close(sv[0]); close(sv[1]); close(fds[0]); close(fds[1]);
}

/* One UDP datagram to ourselves on 127.0.0.1, received with recvmsg. */
static int udp_pair(int *rx, int *tx, struct sockaddr_in *a)
{
    socklen_t l = sizeof(*a);
    *rx = socket(AF_INET, SOCK_DGRAM, 0);
    *tx = socket(AF_INET, SOCK_DGRAM, 0);
    memset(a, 0, sizeof(*a));
    a->sin_family = AF_INET;
    a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(*rx, (struct sockaddr *)a, sizeof(*a)) < 0 ||
        getsockname(*rx, (struct sockaddr *)a, &l) < 0) {
        return -1;
    }
    return 0;
}

static void timestamps(void)
{
    static const struct { int opt; const char *name; int size; } k[] = {
        { QSO_TIMESTAMP_OLD, "SO_TIMESTAMP_OLD", 8 },
        { QSO_TIMESTAMPNS_OLD, "SO_TIMESTAMPNS_OLD", 8 },
        { QSO_TIMESTAMP_NEW, "SO_TIMESTAMP_NEW", 16 },
        { QSO_TIMESTAMPNS_NEW, "SO_TIMESTAMPNS_NEW", 16 },
    };
    for (unsigned i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
        int rx, tx, on = 1;
        struct sockaddr_in a;
        char cb[64], d[16];
        struct iovec iov = { d, sizeof(d) };
        struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
        struct cmsghdr *c;
        struct timespec now;
        int64_t sec = 0, frac = 0;
        ssize_t r;

        CHECK(udp_pair(&rx, &tx, &a) == 0, "%s: udp socket", k[i].name);
        CHECK(setsockopt(rx, SOL_SOCKET, k[i].opt, &on, sizeof(on)) == 0,
              "%s: setsockopt", k[i].name);
        sendto(tx, "t", 1, 0, (struct sockaddr *)&a, sizeof(a));
        /* Exactly the space for this one cmsg: no MSG_CTRUNC. */
        m.msg_control = cb; m.msg_controllen = CMSG_SPACE(k[i].size);
        r = recvmsg(rx, &m, 0);
        clock_gettime(CLOCK_REALTIME, &now);
        c = find(&m, SOL_SOCKET, k[i].opt);
        if (c && k[i].size == 8) {
            struct tv32 t; memcpy(&t, CMSG_DATA(c), 8); sec = t.sec; frac = t.usec;
        } else if (c) {
            struct ts64 t; memcpy(&t, CMSG_DATA(c), 16); sec = t.sec; frac = t.frac;
        }
        CHECK(r == 1 && c && c->cmsg_len == CMSG_LEN(k[i].size) &&
              !(m.msg_flags & MSG_CTRUNC),
              "%s: cmsg type %d len %u, no MSG_CTRUNC (flags %#x)", k[i].name,
              c ? c->cmsg_type : -1, c ? (unsigned)c->cmsg_len : 0, m.msg_flags);
        CHECK(sec >= now.tv_sec - 5 && sec <= now.tv_sec && frac >= 0 &&
              frac < 1000000000, "%s: time %lld.%lld near now %lld", k[i].name,
              (long long)sec, (long long)frac, (long long)now.tv_sec);
        /* One byte short of the header: MSG_CTRUNC, nothing delivered. */
        sendto(tx, "t", 1, 0, (struct sockaddr *)&a, sizeof(a));
        m.msg_controllen = sizeof(struct cmsghdr) - 1;
        r = recvmsg(rx, &m, 0);
        CHECK(r == 1 && (m.msg_flags & MSG_CTRUNC) && m.msg_controllen == 0,
              "%s: short buffer gives MSG_CTRUNC (flags %#x controllen %u)",
              k[i].name, m.msg_flags, (unsigned)m.msg_controllen);
        close(rx); close(tx);
    }
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

static void pktinfo(void)
{
    int rx, tx, on = 1;
    struct sockaddr_in a;
    char cb[CMSG_SPACE(sizeof(struct in_pktinfo))], d[4];
    struct iovec iov = { d, sizeof(d) };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
    struct cmsghdr *c;
    struct in_pktinfo pi;
    ssize_t r;

    CHECK(udp_pair(&rx, &tx, &a) == 0, "IP_PKTINFO: udp socket");
    CHECK(setsockopt(rx, IPPROTO_IP, IP_PKTINFO, &on, sizeof(on)) == 0,
          "setsockopt IP_PKTINFO");
    /* A datagram larger than the buffer: 4 bytes and MSG_TRUNC. */
    sendto(tx, "abcdefgh", 8, 0, (struct sockaddr *)&a, sizeof(a));
    m.msg_control = cb; m.msg_controllen = sizeof(cb);
    r = recvmsg(rx, &m, 0);
    c = find(&m, IPPROTO_IP, IP_PKTINFO);
    CHECK(r == 4 && (m.msg_flags & MSG_TRUNC) && memcmp(d, "abcd", 4) == 0,
          "UDP recvmsg into 4 bytes: 4 and MSG_TRUNC (r=%zd flags %#x)", r,
          m.msg_flags);
    if (c) {
        memcpy(&pi, CMSG_DATA(c), sizeof(pi));
    }
    CHECK(c && c->cmsg_len == CMSG_LEN(sizeof(pi)) &&
          pi.ipi_addr.s_addr == htonl(INADDR_LOOPBACK) &&
          pi.ipi_ifindex == (int)if_nametoindex("lo") &&
          !(m.msg_flags & MSG_CTRUNC),
          "IP_PKTINFO cmsg (ifindex %d addr %#x)", c ? pi.ipi_ifindex : -1,
          c ? ntohl(pi.ipi_addr.s_addr) : 0);
    close(rx); close(tx);

    /* IPv6 on ::1 */
    {
        struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
        socklen_t l = sizeof(a6);
        char cb6[CMSG_SPACE(sizeof(struct in6_pktinfo))];
        struct in6_pktinfo p6;
        int hops = -1;
        rx = socket(AF_INET6, SOCK_DGRAM, 0);
        tx = socket(AF_INET6, SOCK_DGRAM, 0);
        if (rx < 0 || bind(rx, (struct sockaddr *)&a6, sizeof(a6)) < 0) {
            int e = errno;
            CHECK(!host_has_ipv6_loopback(),
                  "an IPv6 UDP socket on ::1 fails (%s) only where the host has no ::1", strerror(e));
            SKIP("IPV6_PKTINFO, IPV6_MULTICAST_HOPS, IPV6_ADD/DROP_MEMBERSHIP: no ::1 here (%s)",
                 strerror(e));
            return;
        }
        getsockname(rx, (struct sockaddr *)&a6, &l);
        CHECK(setsockopt(rx, IPPROTO_IPV6, IPV6_RECVPKTINFO, &on, sizeof(on)) == 0,
              "setsockopt IPV6_RECVPKTINFO");
        sendto(tx, "six", 3, 0, (struct sockaddr *)&a6, sizeof(a6));
        m.msg_control = cb6; m.msg_controllen = sizeof(cb6); m.msg_flags = 0;
        r = recvmsg(rx, &m, 0);
        c = find(&m, IPPROTO_IPV6, IPV6_PKTINFO);
        if (c) {
            memcpy(&p6, CMSG_DATA(c), sizeof(p6));
        }
        CHECK(r == 3 && c && c->cmsg_len == CMSG_LEN(sizeof(p6)) &&
              IN6_IS_ADDR_LOOPBACK(&p6.ipi6_addr) &&
              p6.ipi6_ifindex == (int)if_nametoindex("lo") &&
              !(m.msg_flags & MSG_CTRUNC),
              "IPV6_PKTINFO cmsg (flags %#x)", m.msg_flags);
        hops = 7;
        CHECK(setsockopt(tx, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops, sizeof(hops)) == 0,
              "IPV6_MULTICAST_HOPS set");
        hops = -1; l = sizeof(hops);
        CHECK(getsockopt(tx, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops, &l) == 0 &&
              hops == 7, "IPV6_MULTICAST_HOPS get (%d)", hops);
        {
            struct ipv6_mreq mr6;
            inet_pton(AF_INET6, "ff02::1:3", &mr6.ipv6mr_multiaddr);
            mr6.ipv6mr_interface = 1;
            CHECK(setsockopt(rx, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, &mr6, sizeof(mr6)) == 0,
                  "IPV6_ADD_MEMBERSHIP on lo");
            CHECK(setsockopt(rx, IPPROTO_IPV6, IPV6_DROP_MEMBERSHIP, &mr6, sizeof(mr6)) == 0,
                  "IPV6_DROP_MEMBERSHIP");
        }
        close(rx); close(tx);
    }
}

static void sockopts(void)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct timeval tv = { 1, 500000 }, g;
    struct ts64 t64 = { 2, 500000 }, g64;
    struct linger lg = { 1, 5 }, gl;
    socklen_t l;

    CHECK(setsockopt(s, SOL_SOCKET, QSO_RCVTIMEO_OLD, &tv, sizeof(tv)) == 0,
          "SO_RCVTIMEO_OLD set");
    l = sizeof(g); memset(&g, 0, sizeof(g));
    CHECK(getsockopt(s, SOL_SOCKET, QSO_RCVTIMEO_OLD, &g, &l) == 0 &&
          l == sizeof(g) && g.tv_sec == 1 && g.tv_usec == 500000,
          "SO_RCVTIMEO_OLD get (%ld.%06ld len %u)", (long)g.tv_sec,
          (long)g.tv_usec, l);
    CHECK(setsockopt(s, SOL_SOCKET, QSO_SNDTIMEO_OLD, &tv, sizeof(tv)) == 0,
          "SO_SNDTIMEO_OLD set");
    l = sizeof(g); memset(&g, 0, sizeof(g));
    CHECK(getsockopt(s, SOL_SOCKET, QSO_SNDTIMEO_OLD, &g, &l) == 0 &&
          g.tv_sec == 1 && g.tv_usec == 500000, "SO_SNDTIMEO_OLD get");
    CHECK(setsockopt(s, SOL_SOCKET, QSO_RCVTIMEO_NEW, &t64, sizeof(t64)) == 0,
          "SO_RCVTIMEO_NEW set");
    l = sizeof(g64); memset(&g64, 0, sizeof(g64));
    CHECK(getsockopt(s, SOL_SOCKET, QSO_RCVTIMEO_NEW, &g64, &l) == 0 &&
          l == 16 && g64.sec == 2 && g64.frac == 500000,
          "SO_RCVTIMEO_NEW get (%lld.%06lld len %u)", (long long)g64.sec,
          (long long)g64.frac, l);
    l = sizeof(g); memset(&g, 0, sizeof(g));
    CHECK(getsockopt(s, SOL_SOCKET, QSO_RCVTIMEO_OLD, &g, &l) == 0 &&
          g.tv_sec == 2 && g.tv_usec == 500000, "SO_RCVTIMEO_OLD sees the _NEW value");
    CHECK(setsockopt(s, SOL_SOCKET, QSO_SNDTIMEO_NEW, &t64, sizeof(t64)) == 0,
          "SO_SNDTIMEO_NEW set");
    l = sizeof(g64); memset(&g64, 0, sizeof(g64));
    CHECK(getsockopt(s, SOL_SOCKET, QSO_SNDTIMEO_NEW, &g64, &l) == 0 &&
          g64.sec == 2 && g64.frac == 500000, "SO_SNDTIMEO_NEW get");
    /* The receive timeout really applies: 0.2 s, then EAGAIN. */
    {
        struct timeval shortt = { 0, 200000 };
        struct sockaddr_in a = { .sin_family = AF_INET,
                                 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
        struct timespec t0, t1;
        char c;
        setsockopt(s, SOL_SOCKET, QSO_RCVTIMEO_OLD, &shortt, sizeof(shortt));
        bind(s, (struct sockaddr *)&a, sizeof(a));
        clock_gettime(CLOCK_MONOTONIC, &t0);
        CHECK_ERRNO(recv(s, &c, 1, 0), EAGAIN, "recv times out with EAGAIN");
        clock_gettime(CLOCK_MONOTONIC, &t1);
        long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
        CHECK(ms >= 150 && ms < 3000, "after about 200 ms (%ld ms)", ms);
    }
    CHECK(setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)) == 0, "SO_LINGER set");
    l = sizeof(gl); memset(&gl, 0, sizeof(gl));
    CHECK(getsockopt(s, SOL_SOCKET, SO_LINGER, &gl, &l) == 0 && l == sizeof(gl) &&
          gl.l_onoff == 1 && gl.l_linger == 5, "SO_LINGER get (%d %d)",
          gl.l_onoff, gl.l_linger);

    /* Multicast options. */
    {
        unsigned char ttl = 9, loop = 0;
        int ittl = -1;
        struct ip_mreq mr;
        struct ip_mreqn mrn;
        struct in_addr ifa;
        CHECK(setsockopt(s, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, 1) == 0, "IP_MULTICAST_TTL set");
        l = sizeof(ittl);
        CHECK(getsockopt(s, IPPROTO_IP, IP_MULTICAST_TTL, &ittl, &l) == 0 && ittl == 9,
              "IP_MULTICAST_TTL get (%d)", ittl);
        CHECK(setsockopt(s, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, 1) == 0, "IP_MULTICAST_LOOP");
        mr.imr_multiaddr.s_addr = inet_addr("239.1.2.3");
        mr.imr_interface.s_addr = htonl(INADDR_LOOPBACK);
        CHECK(setsockopt(s, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr, sizeof(mr)) == 0,
              "IP_ADD_MEMBERSHIP ip_mreq");
        CHECK(setsockopt(s, IPPROTO_IP, IP_DROP_MEMBERSHIP, &mr, sizeof(mr)) == 0,
              "IP_DROP_MEMBERSHIP ip_mreq");
        memset(&mrn, 0, sizeof(mrn));
        mrn.imr_multiaddr.s_addr = inet_addr("239.1.2.4");
        mrn.imr_ifindex = 1;
        CHECK(setsockopt(s, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mrn, sizeof(mrn)) == 0,
              "IP_ADD_MEMBERSHIP ip_mreqn");
        ifa.s_addr = htonl(INADDR_LOOPBACK);
        CHECK(setsockopt(s, IPPROTO_IP, IP_MULTICAST_IF, &ifa, sizeof(ifa)) == 0,
              "IP_MULTICAST_IF");
        ifa.s_addr = 0; l = sizeof(ifa);
        CHECK(getsockopt(s, IPPROTO_IP, IP_MULTICAST_IF, &ifa, &l) == 0 &&
              ifa.s_addr == htonl(INADDR_LOOPBACK), "IP_MULTICAST_IF get");
    }
    close(s);

    /* SO_ATTACH_FILTER with a drop-everything program really drops. */
    {
        int rx, tx;
        struct sockaddr_in a;
        struct sock_filter drop[] = { { BPF_RET | BPF_K, 0, 0, 0 } };
        struct sock_fprog prog = { 1, drop };
        char c;
        CHECK(udp_pair(&rx, &tx, &a) == 0, "udp pair");
        CHECK(setsockopt(rx, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog)) == 0,
              "SO_ATTACH_FILTER");
        sendto(tx, "x", 1, 0, (struct sockaddr *)&a, sizeof(a));
        usleep(50000);
        CHECK_ERRNO(recv(rx, &c, 1, MSG_DONTWAIT), EAGAIN, "the filter dropped it");
        CHECK(setsockopt(rx, SOL_SOCKET, SO_DETACH_FILTER, &c, sizeof(int)) == 0,
              "SO_DETACH_FILTER");
        sendto(tx, "y", 1, 0, (struct sockaddr *)&a, sizeof(a));
        usleep(50000);
        CHECK(recv(rx, &c, 1, MSG_DONTWAIT) == 1 && c == 'y', "after detach it arrives");
        close(rx); close(tx);
    }
}

int main(void)
{
    scm_rights();
    timestamps();
    pktinfo();
    sockopts();
    return guest_done();
}
