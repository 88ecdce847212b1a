/*
 * ioctl: the ioctl table path answers as the kernel does (issue 7).
 * - a command no driver knows: ENOTTY (QEMU 7.2 said ENOSYS);
 * - pty: TIOCGPTN, TIOCGPTPEER, TIOCSWINSZ/TIOCGWINSZ through the peer fd,
 *   FIONREAD;
 * - /dev/urandom: RNDGETENTCNT equals /proc/sys/kernel/random/entropy_avail;
 * - UDP on 127.0.0.1: SIOCGSTAMP_NEW / SIOCGSTAMPNS_NEW (64-bit time) and
 *   the old SIOCGSTAMP agree with the time the packet arrived;
 * - BLKGETSIZE64/BLKSSZGET on a regular file: ENOTTY.
 * The fs ioctls on a file are compared with the host kernel's own answers by
 * tests/host/ioctl-fs.sh.
 */
#include "check.h"
#include <fcntl.h>
#include <stdint.h>
#include <time.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/sysmacros.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <linux/fs.h>
#include <linux/random.h>
#include <linux/sockios.h>

#ifndef TIOCGPTPEER
#define TIOCGPTPEER _IO('T', 0x41)
#endif

static void unknown(void)
{
    int fd = open("/proc/self/exe", O_RDONLY);
    int v = 0;
    CHECK(fd >= 0, "open a regular file");
    CHECK_ERRNO(ioctl(fd, _IOR('Q', 0x7e, int), &v), ENOTTY, "unknown _IOR('Q',0x7e,int): ENOTTY");
    CHECK_ERRNO(ioctl(fd, _IO(0xfe, 0x01)), ENOTTY, "unknown _IO(0xfe,1): ENOTTY");
    CHECK_ERRNO(ioctl(fd, 0x7fff), ENOTTY, "unknown fixed number 0x7fff: ENOTTY");
    uint64_t sz = 0;
    CHECK_ERRNO(ioctl(fd, BLKGETSIZE64, &sz), ENOTTY, "BLKGETSIZE64 on a regular file: ENOTTY");
    int ssz = 0;
    CHECK_ERRNO(ioctl(fd, BLKSSZGET, &ssz), ENOTTY, "BLKSSZGET on a regular file: ENOTTY");
    close(fd);
}

static void pty(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0) {
        int e = errno;
        /* only a missing pty device (no /dev/ptmx, no devpts) excuses it */
        CHECK(e == ENOENT || e == ENODEV || e == ENXIO,
              "posix_openpt fails only for want of a pty device (%s)", strerror(e));
        SKIP("pty ioctls (TIOCGPTN, TIOCGPTPEER, TIOCSWINSZ/TIOCGWINSZ, FIONREAD, unknown on a master): "
             "no pseudo-terminal here: posix_openpt: %s", strerror(e));
        return;
    }
    CHECK(grantpt(m) == 0 && unlockpt(m) == 0, "grantpt/unlockpt");
    unsigned int n = 12345;
    CHECK(ioctl(m, TIOCGPTN, &n) == 0, "TIOCGPTN");
    char want[32];
    snprintf(want, sizeof want, "/dev/pts/%u", n);
    const char *name = ptsname(m);
    CHECK(name && strcmp(name, want) == 0, "TIOCGPTN %u matches ptsname %s", n, name ? name : "(null)");

    int s = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
    CHECK(s >= 0, "TIOCGPTPEER opens the peer");
    if (s < 0)
        return;
    struct stat ps, ns;
    CHECK(fstat(s, &ps) == 0 && stat(want, &ns) == 0 && S_ISCHR(ps.st_mode) &&
          ps.st_rdev == ns.st_rdev, "TIOCGPTPEER fd is %s", want);
    int fdflags = fcntl(s, F_GETFD);
    CHECK(fdflags >= 0 && (fdflags & FD_CLOEXEC), "TIOCGPTPEER O_CLOEXEC translated to FD_CLOEXEC");
    int fl = fcntl(s, F_GETFL);
    CHECK(fl >= 0 && (fl & O_ACCMODE) == O_RDWR, "TIOCGPTPEER peer is O_RDWR");

    struct winsize w = { .ws_row = 33, .ws_col = 77, .ws_xpixel = 640, .ws_ypixel = 480 }, r;
    memset(&r, 0, sizeof r);
    CHECK(ioctl(m, TIOCSWINSZ, &w) == 0, "TIOCSWINSZ on the master");
    CHECK(ioctl(s, TIOCGWINSZ, &r) == 0 && r.ws_row == 33 && r.ws_col == 77 &&
          r.ws_xpixel == 640 && r.ws_ypixel == 480,
          "TIOCGWINSZ on the peer: %ux%u %ux%u", r.ws_row, r.ws_col, r.ws_xpixel, r.ws_ypixel);

    CHECK(write(s, "hello\n", 6) == 6, "write on the peer");
    usleep(100000);
    int avail = -1;
    CHECK(ioctl(m, FIONREAD, &avail) == 0 && avail > 0, "FIONREAD on the master: %d", avail);
    char buf[64];
    ssize_t got = read(m, buf, sizeof buf);
    CHECK(got == avail, "read returns the FIONREAD count (%zd)", got);
    int bad = 0;
    CHECK_ERRNO(ioctl(m, _IOR('Q', 0x7e, int), &bad), ENOTTY, "unknown ioctl on a pty master: ENOTTY");
    close(s);
    close(m);
}

static void random_ioctl(void)
{
    int fd = open("/dev/urandom", O_RDONLY);
    if (fd < 0) {
        int e = errno;
        CHECK(e == ENOENT, "open /dev/urandom fails only where it is missing (%s)", strerror(e));
        SKIP("RNDGETENTCNT: no /dev/urandom here (%s)", strerror(e));
        return;
    }
    int cnt = -1;
    CHECK(ioctl(fd, RNDGETENTCNT, &cnt) == 0 && cnt >= 0, "RNDGETENTCNT: %d", cnt);
    FILE *f = fopen("/proc/sys/kernel/random/entropy_avail", "r");
    int avail = -2;
    if (f) {
        if (fscanf(f, "%d", &avail) != 1)
            avail = -2;
        fclose(f);
        CHECK(avail == cnt, "RNDGETENTCNT %d equals entropy_avail %d", cnt, avail);
    } else {
        SKIP("RNDGETENTCNT against /proc/sys/kernel/random/entropy_avail: cannot read it (%s)",
             strerror(errno));
    }
    close(fd);
}

static void stamps(void)
{
    int rx = socket(AF_INET, SOCK_DGRAM, 0), tx = socket(AF_INET, SOCK_DGRAM, 0);
    CHECK(rx >= 0 && tx >= 0, "UDP sockets");
    struct sockaddr_in a = { .sin_family = AF_INET };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t al = sizeof a;
    CHECK(bind(rx, (struct sockaddr *)&a, sizeof a) == 0 &&
          getsockname(rx, (struct sockaddr *)&a, &al) == 0, "bind 127.0.0.1:0");
    long long ts[2] = { -1, -1 };
    /* no packet yet: the kernel answers ENOENT (net/core/sock.c sock_gettstamp) */
    CHECK_ERRNO(ioctl(rx, SIOCGSTAMP_NEW, ts), ENOENT, "SIOCGSTAMP_NEW before any packet: ENOENT");

    struct timespec before, after;
    clock_gettime(CLOCK_REALTIME, &before);
    CHECK(sendto(tx, "12345", 5, 0, (struct sockaddr *)&a, sizeof a) == 5, "send a datagram");
    int avail = -1;
    usleep(50000);
    CHECK(ioctl(rx, FIONREAD, &avail) == 0 && avail == 5, "FIONREAD on the UDP socket: %d", avail);
    char buf[16];
    CHECK(recv(rx, buf, sizeof buf, 0) == 5, "receive it");
    /*
     * A packet that arrived unstamped is stamped with the time of this
     * ioctl (net/core/sock.c sock_gettstamp()), so the window ends after it.
     */
    CHECK(ioctl(rx, SIOCGSTAMP_NEW, ts) == 0, "SIOCGSTAMP_NEW");
    clock_gettime(CLOCK_REALTIME, &after);
    long long t_us = ts[0] * 1000000LL + ts[1];
    long long b_us = before.tv_sec * 1000000LL + before.tv_nsec / 1000;
    long long a_us = after.tv_sec * 1000000LL + after.tv_nsec / 1000 + 1;
    CHECK(ts[1] >= 0 && ts[1] < 1000000 && t_us >= b_us - 1 && t_us <= a_us,
          "SIOCGSTAMP_NEW %lld.%06lld within the send/receive window [%lld, %lld] us",
          ts[0], ts[1], b_us, a_us);
    long long ns[2] = { -1, -1 };
    CHECK(ioctl(rx, SIOCGSTAMPNS_NEW, ns) == 0 && ns[0] == ts[0] && ns[1] >= 0 &&
          ns[1] < 1000000000 && ns[1] / 1000 == ts[1],
          "SIOCGSTAMPNS_NEW %lld.%09lld is the same stamp", ns[0], ns[1]);
    struct timeval tv = { 0, 0 };
    CHECK(ioctl(rx, SIOCGSTAMP_OLD, &tv) == 0 && tv.tv_sec == (time_t)ts[0] && tv.tv_usec == ts[1],
          "SIOCGSTAMP (old, time_t) is the same stamp");
    close(rx);
    close(tx);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    unknown();
    pty();
    random_ioctl();
    stamps();
    return guest_done();
}
