/*
 * abi-termios2: TCGETS2/TCSETS2/TCSETSW2/TCSETSF2 on a pty, with the guest's own
 * struct termios2 and ioctl numbers (MIPS: NCCS 23 and its _IOC encoding),
 * a custom speed (BOTHER) in both directions, and agreement with the old
 * TCGETS/TCSETS view of the same terminal.
 */
#include "check.h"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <asm/termbits.h>

static int get2(int fd, struct termios2 *t)
{
    memset(t, 0x5a, sizeof(*t));
    return ioctl(fd, TCGETS2, t);
}

int main(void)
{
    struct termios2 t2, r2;
    struct termios t1;
    int m, s, p[2];

    m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0) {
        guest_skip("posix_openpt failed: no /dev/ptmx");
    }
    CHECK(grantpt(m) == 0 && unlockpt(m) == 0, "grantpt/unlockpt");
    s = open(ptsname(m), O_RDWR | O_NOCTTY);
    CHECK(s >= 0, "open the pty slave %s", ptsname(m));
    printf("note: TCGETS2=%#lx TCSETS2=%#lx sizeof(termios2)=%zu\n",
           (unsigned long)TCGETS2, (unsigned long)TCSETS2, sizeof(t2));

    CHECK(isatty(s) == 1, "isatty(pty slave)");
    CHECK_OK(get2(s, &t2), "TCGETS2 on the pty slave");
    CHECK_OK(ioctl(s, TCGETS, &t1), "TCGETS on the pty slave");
    CHECK(t2.c_iflag == t1.c_iflag && t2.c_oflag == t1.c_oflag &&
          t2.c_cflag == t1.c_cflag && t2.c_lflag == t1.c_lflag &&
          memcmp(t2.c_cc, t1.c_cc, NCCS) == 0,
          "TCGETS2 flags and c_cc agree with TCGETS (cflag %#x vs %#x)",
          t2.c_cflag, t1.c_cflag);
    CHECK((t2.c_cflag & CBAUD) == B38400 && t2.c_ospeed == 38400 &&
          t2.c_ispeed == 38400,
          "pty default speed 38400 (cbaud %#o ospeed %u ispeed %u)",
          t2.c_cflag & CBAUD, t2.c_ospeed, t2.c_ispeed);

    /* A custom speed: BOTHER, output 123456, input 4800 (CIBAUD). */
    t2.c_cflag &= ~(CBAUD | CIBAUD);
    t2.c_cflag |= BOTHER | (BOTHER << IBSHIFT);
    t2.c_ospeed = 123456;
    t2.c_ispeed = 4800;
    t2.c_lflag &= ~ECHO;
    t2.c_cc[VMIN] = 5;
    t2.c_cc[VTIME] = 7;
    CHECK_OK(ioctl(s, TCSETS2, &t2), "TCSETS2 BOTHER 123456/4800");
    CHECK_OK(get2(s, &r2), "TCGETS2 after TCSETS2");
    CHECK((r2.c_cflag & CBAUD) == BOTHER && r2.c_ospeed == 123456,
          "output speed round trip (cbaud %#o ospeed %u)", r2.c_cflag & CBAUD,
          r2.c_ospeed);
    CHECK(((r2.c_cflag & CIBAUD) >> IBSHIFT) == BOTHER && r2.c_ispeed == 4800,
          "input speed round trip (cibaud %#o ispeed %u)",
          (r2.c_cflag & CIBAUD) >> IBSHIFT, r2.c_ispeed);
    CHECK(!(r2.c_lflag & ECHO) && r2.c_cc[VMIN] == 5 && r2.c_cc[VTIME] == 7,
          "lflag and c_cc round trip (VMIN %d VTIME %d)", r2.c_cc[VMIN],
          r2.c_cc[VTIME]);
    CHECK_OK(ioctl(s, TCGETS, &t1), "TCGETS after TCSETS2");
    CHECK(!(t1.c_lflag & ECHO) && t1.c_cc[VMIN] == 5 &&
          (t1.c_cflag & CBAUD) == BOTHER,
          "the old TCGETS sees what TCSETS2 set");

    /* TCSETSW2 (drain first) and TCSETSF2 (flush input), standard speeds. */
    r2.c_cflag &= ~(CBAUD | CIBAUD);
    r2.c_cflag |= B115200;
    r2.c_ospeed = r2.c_ispeed = 115200;
    CHECK_OK(ioctl(s, TCSETSW2, &r2), "TCSETSW2 B115200");
    CHECK(get2(s, &t2) == 0 && (t2.c_cflag & CBAUD) == B115200 &&
          t2.c_ospeed == 115200,
          "TCSETSW2 took effect (cbaud %#o ospeed %u)", t2.c_cflag & CBAUD,
          t2.c_ospeed);
    CHECK(write(m, "abc", 3) == 3, "input pending on the slave");
    t2.c_cflag &= ~(CBAUD | CIBAUD);
    t2.c_cflag |= BOTHER;
    t2.c_ospeed = t2.c_ispeed = 250000;
    CHECK_OK(ioctl(s, TCSETSF2, &t2), "TCSETSF2 BOTHER 250000");
    CHECK(get2(s, &r2) == 0 && (r2.c_cflag & CBAUD) == BOTHER &&
          r2.c_ospeed == 250000,
          "TCSETSF2 took effect (ospeed %u)", r2.c_ospeed);
    {
        int avail = -1;
        CHECK(ioctl(s, FIONREAD, &avail) == 0 && avail == 0,
              "TCSETSF2 flushed pending input (%d bytes left)", avail);
    }

    /* The old TCSETS sets a standard speed that TCGETS2 reports. */
    CHECK_OK(ioctl(s, TCGETS, &t1), "TCGETS");
    t1.c_cflag &= ~(CBAUD | CIBAUD);
    t1.c_cflag |= B9600;
    CHECK_OK(ioctl(s, TCSETS, &t1), "TCSETS B9600");
    CHECK(get2(s, &r2) == 0 && (r2.c_cflag & CBAUD) == B9600 &&
          r2.c_ospeed == 9600,
          "TCGETS2 after TCSETS B9600 (ospeed %u)", r2.c_ospeed);

    /* Not a terminal, a bad pointer. */
    CHECK(pipe(p) == 0, "pipe");
    CHECK_ERRNO(ioctl(p[0], TCGETS2, &t2), ENOTTY, "TCGETS2 on a pipe");
    CHECK_ERRNO(ioctl(p[0], TCSETS2, &t2), ENOTTY, "TCSETS2 on a pipe");
    CHECK(isatty(p[0]) == 0, "isatty(pipe) is 0");
    CHECK_ERRNO(ioctl(s, TCGETS2, (void *)8), EFAULT, "TCGETS2 to a bad pointer");
    CHECK_ERRNO(ioctl(s, TCSETS2, (void *)8), EFAULT, "TCSETS2 from a bad pointer");
    return guest_done();
}
