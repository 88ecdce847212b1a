/* hostile-faults: name_to_handle_at/open_by_handle_at with hostile handle
 * sizes and with handles in pages that fault inside the emulator (a file
 * mapping past the file's end: the emulator's own access SIGBUSes, the
 * kernel's copy_{from,to}_user fail with EFAULT), and two calls that touch
 * such a page while the emulator holds a lock (rt_sigaction, getdents64).
 * Expected answers are the kernel's (fs/fhandle.c: handle_bytes above
 * MAX_HANDLE_SZ (128) is EINVAL, for open_by_handle_at 0 too; nothing is
 * written to the handle on EINVAL; EOVERFLOW writes only the header).
 * The loop repeats the faulting calls: the emulator must not grow (run
 * with `ulimit -v` it used to abort in g_malloc).
 * Arguments: [iterations [mask]]  (default 20000, all; mask picks the loop's
 *       calls: 1 name_to_handle_at 16 MiB, 2 open_by_handle_at 16 MiB,
 *       4 name_to_handle_at 128, 8 open_by_handle_at 8, 16 msgrcv 2 GiB,
 *       32 sendto netlink 128 KiB, 64 getdents64; VmSize of the process
 *       (the emulator's, under one) is printed before and after the loop)
 */
#define _GNU_SOURCE
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#define HSZ 128                 /* MAX_HANDLE_SZ */
#define BIG (16u << 20)         /* a "handle" size as trinity picks them */
#define MAPLEN (32u << 20)

struct fh {                     /* struct file_handle */
    uint32_t handle_bytes;
    int32_t handle_type;
    unsigned char f_handle[];
};

#ifndef AT_HANDLE_MNT_ID_UNIQUE
#define AT_HANDLE_MNT_ID_UNIQUE 0x001
#endif

static long n2h(int dfd, const char *name, void *fh, void *mid, int flags)
{
    return syscall(SYS_name_to_handle_at, dfd, name, fh, mid, flags);
}

static long obh(int mfd, void *fh, int flags)
{
    return syscall(SYS_open_by_handle_at, mfd, fh, flags);
}

/* Run fn in a child; its exit status, or 1000 + signal, or -1 for a hang. */
static int in_child(void (*fn)(void *), void *arg, int secs)
{
    pid_t p = fork();
    int st;

    if (p == 0) {
        fn(arg);
        _exit(0);
    }
    for (int i = 0; i < secs * 20; i++) {
        if (waitpid(p, &st, WNOHANG) == p) {
            return WIFEXITED(st) ? WEXITSTATUS(st) : 1000 + WTERMSIG(st);
        }
        struct timespec ts = { 0, 50 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    kill(p, SIGKILL);
    waitpid(p, &st, 0);
    return -1;
}

/* children: exit 0 when the kernel's errno came back */
static void n2h_wrap(void *a)
{
    struct { struct fh h; unsigned char b[16]; } f = { { (uint32_t)(uintptr_t)a, 0 } };
    int mid;
    long r = n2h(AT_FDCWD, "fh-test.dat", &f, &mid, 0);
    _exit(r == -1 && errno == EINVAL ? 0 : 2);
}

static void obh_wrap(void *a)
{
    struct { struct fh h; unsigned char b[16]; } f = { { (uint32_t)(uintptr_t)a, 1 } };
    long r = obh(AT_FDCWD, &f, O_RDONLY);
    _exit(r == -1 && errno == EINVAL ? 0 : 2);
}

static char *gone;              /* a mapped page past the file's end */

/* rt_sigaction reading a faulting act; then an ordinary one must work */
static void sigaction_fault(void *a)
{
#ifdef __mips__
    const long setsz = 16;
#else
    const long setsz = 8;
#endif
    unsigned long act[8] = { 0 };
    (void)a;
    long r = syscall(SYS_rt_sigaction, SIGUSR1, gone, NULL, setsz);
    if (!(r == -1 && errno == EFAULT)) {
        _exit(3);
    }
    r = syscall(SYS_rt_sigaction, SIGUSR2, act, NULL, setsz);
    _exit(r == 0 ? 0 : 4);
}

/* getdents64 into a faulting buffer (ext4: hash positions); then again */
static void getdents_fault(void *a)
{
    char b[4096];
    (void)a;
    int d = open(".", O_RDONLY | O_DIRECTORY);
    long r = syscall(SYS_getdents64, d, gone, 65536);
    if (!(r == -1 && errno == EFAULT)) {
        _exit(3);
    }
    lseek(d, 0, SEEK_SET);
    r = syscall(SYS_getdents64, d, b, sizeof(b));
    _exit(r > 0 ? 0 : 4);
}

/* rt_sigprocmask writing the old mask to a faulting page */
static void sigprocmask_fault(void *a)
{
#ifdef __mips__
    const long setsz = 16;
#else
    const long setsz = 8;
#endif
    unsigned long set[4] = { 0 };
    (void)a;
    long r = syscall(SYS_rt_sigprocmask, SIG_BLOCK, set, gone, setsz);
    _exit(r == -1 && errno == EFAULT ? 0 : 3);
}

static long vmsize_kb(void)
{
    char p[64], l[256];
    long v = -1;
    snprintf(p, sizeof(p), "/proc/%d/status", (int)getpid());
    FILE *f = fopen(p, "r");
    if (!f) {
        return -1;
    }
    while (fgets(l, sizeof(l), f)) {
        if (!strncmp(l, "VmSize:", 7)) {
            v = atol(l + 7);
        }
    }
    fclose(f);
    return v;
}

static void status_line(const char *what)
{
    char p[64], l[256];
    snprintf(p, sizeof(p), "/proc/%d/status", (int)getpid());
    FILE *f = fopen(p, "r");
    if (!f) {
        return;
    }
    while (fgets(l, sizeof(l), f)) {
        if (!strncmp(l, "VmSize", 6) || !strncmp(l, "VmRSS", 5)) {
            printf("  %s %s", what, l);
        }
    }
    fclose(f);
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 20000;
    long mask = argc > 2 ? strtol(argv[2], NULL, 0) : 127;
    long pg = sysconf(_SC_PAGESIZE);
    int mid, r, fd, mfd;

    fd = open("fh-test.dat", O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0 && ftruncate(fd, pg) == 0, "a one-page file");
    mfd = open(".", O_RDONLY | O_DIRECTORY);
    char *m = mmap(NULL, MAPLEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(m != MAP_FAILED, "a 32 MiB shared mapping of it");
    if (fd < 0 || m == MAP_FAILED) {
        return guest_done();
    }
    gone = m + pg;
    /* a handle header in the last 8 bytes of the file's page: readable,
     * its f_handle[] is past the file's end */
    struct fh *edge = (struct fh *)(m + pg - 8);

    /* --- kernel answers, no faults --- */
    struct { struct fh h; unsigned char b[HSZ + 64]; } f;
    memset(&f, 0xaa, sizeof(f));
    f.h.handle_bytes = HSZ + 1;
    CHECK_ERRNO(n2h(AT_FDCWD, "fh-test.dat", &f, &mid, 0), EINVAL,
                "name_to_handle_at handle_bytes 129: EINVAL");
    CHECK(f.h.handle_bytes == HSZ + 1 && f.h.handle_type == (int32_t)0xaaaaaaaa
          && f.b[0] == 0xaa && f.b[HSZ] == 0xaa,
          "  ... and nothing written to the handle");
    struct fh small = { BIG, 0 };
    CHECK_ERRNO(n2h(AT_FDCWD, "fh-test.dat", &small, &mid, 0), EINVAL,
                "name_to_handle_at handle_bytes 16 MiB, 8-byte buffer: EINVAL");
    CHECK_ERRNO(n2h(AT_FDCWD, "fh-test.dat", NULL, &mid, 0), EFAULT,
                "name_to_handle_at handle NULL: EFAULT");
    CHECK_ERRNO(n2h(AT_FDCWD, "no-such-file", NULL, &mid, 0), ENOENT,
                "name_to_handle_at bad path before bad handle: ENOENT");
    r = in_child(n2h_wrap, (void *)(uintptr_t)0xfffffff8u, 10);
    CHECK(r == 0, "name_to_handle_at handle_bytes 0xfffffff8: EINVAL (child %d)", r);
    r = in_child(n2h_wrap, (void *)(uintptr_t)0xfffffffcu, 10);
    CHECK(r == 0, "name_to_handle_at handle_bytes 0xfffffffc: EINVAL (child %d)", r);

    memset(&f, 0xaa, sizeof(f));
    f.h.handle_bytes = 0;
    CHECK_ERRNO(n2h(AT_FDCWD, "fh-test.dat", &f, &mid, 0), EOVERFLOW,
                "name_to_handle_at handle_bytes 0: EOVERFLOW");
    uint32_t need = f.h.handle_bytes;
    CHECK(need > 0 && need <= HSZ && f.b[0] == 0xaa,
          "  ... the size needed (%u) comes back, f_handle untouched", need);
    memset(&f, 0xaa, sizeof(f));
    f.h.handle_bytes = HSZ;
    CHECK_OK(n2h(AT_FDCWD, "fh-test.dat", &f, &mid, 0), "name_to_handle_at 128");
    CHECK(f.h.handle_bytes == need && f.b[need] == 0xaa,
          "  ... handle_bytes %u, nothing written past it", f.h.handle_bytes);

    uint64_t mid64 = ~0ull;
    errno = 0;
    long rr = n2h(AT_FDCWD, "fh-test.dat", &f, &mid64, AT_HANDLE_MNT_ID_UNIQUE);
    if (rr == 0) {
        struct { struct fh h; unsigned char b[HSZ]; } g = { { HSZ, 0 } };
        int mid2 = -1;
        n2h(AT_FDCWD, "fh-test.dat", &g, &mid2, 0);
        CHECK(mid64 != ~0ull && (mid64 >> 32) != 0xffffffffu && mid64 != (uint64_t)mid2,
              "AT_HANDLE_MNT_ID_UNIQUE: a 64-bit unique mount id (%llx; plain id %d)",
              (unsigned long long)mid64, mid2);
    } else {
        CHECK(errno == EINVAL, "AT_HANDLE_MNT_ID_UNIQUE: unknown to this kernel (EINVAL)");
    }

    int hfd = obh(mfd, &f, O_RDONLY);
    if (geteuid() == 0) {
        CHECK(hfd >= 0, "open_by_handle_at with that handle");
    } else {
        CHECK(hfd == -1 && errno == EPERM, "open_by_handle_at unprivileged: EPERM");
    }
    if (hfd >= 0) {
        close(hfd);
    }
    struct { struct fh h; unsigned char b[HSZ + 64]; } o;
    memset(&o, 0, sizeof(o));
    o.h.handle_bytes = HSZ + 1;
    o.h.handle_type = f.h.handle_type;
    CHECK_ERRNO(obh(mfd, &o, O_RDONLY), EINVAL, "open_by_handle_at handle_bytes 129: EINVAL");
    o.h.handle_bytes = 0;
    CHECK_ERRNO(obh(mfd, &o, O_RDONLY), EINVAL, "open_by_handle_at handle_bytes 0: EINVAL");
    small.handle_bytes = BIG;
    small.handle_type = 1;
    CHECK_ERRNO(obh(mfd, &small, O_RDONLY), EINVAL,
                "open_by_handle_at handle_bytes 16 MiB, 8-byte buffer: EINVAL");
    CHECK_ERRNO(obh(mfd, NULL, O_RDONLY), EFAULT, "open_by_handle_at handle NULL: EFAULT");
    r = in_child(obh_wrap, (void *)(uintptr_t)0xfffffff8u, 10);
    CHECK(r == 0, "open_by_handle_at handle_bytes 0xfffffff8: EINVAL (child %d)", r);

    /* --- faults inside the emulator, once each --- */
    edge->handle_bytes = BIG;
    edge->handle_type = 0x5a5a;
    CHECK_ERRNO(n2h(AT_FDCWD, "fh-test.dat", edge, &mid, 0), EINVAL,
                "name_to_handle_at 16 MiB handle across the file's end: EINVAL");
    CHECK(edge->handle_bytes == BIG && edge->handle_type == 0x5a5a,
          "  ... and the header is not rewritten");
    edge->handle_bytes = HSZ;
    CHECK_ERRNO(n2h(AT_FDCWD, "fh-test.dat", edge, &mid, 0), EFAULT,
                "name_to_handle_at 128 across the file's end: EFAULT");
    edge->handle_bytes = BIG;
    edge->handle_type = 1;
    CHECK_ERRNO(obh(mfd, edge, O_RDONLY), EINVAL,
                "open_by_handle_at 16 MiB handle across the file's end: EINVAL");
    edge->handle_bytes = 8;
    CHECK_ERRNO(obh(mfd, edge, O_RDONLY), EFAULT,
                "open_by_handle_at 8-byte handle past the file's end: EFAULT");
    r = in_child(sigaction_fault, NULL, 10);
    CHECK(r == 0, "rt_sigaction from a faulting page: EFAULT, then rt_sigaction works (child %s %d)",
          r == -1 ? "hung" : r >= 1000 ? "killed by signal" : r == 0 ? "ok" : "wrong errno", r % 1000);
    r = in_child(sigprocmask_fault, NULL, 10);
    CHECK(r == 0, "rt_sigprocmask old mask to a faulting page: EFAULT (child %s %d)",
          r == -1 ? "hung" : r >= 1000 ? "killed by signal" : r == 0 ? "ok" : "wrong errno", r % 1000);
    r = in_child(getdents_fault, NULL, 10);
    int getdents_ok = r == 0;
    CHECK(r == 0, "getdents64 into a faulting page: EFAULT, then getdents64 works (child %s %d)",
          r == -1 ? "hung" : r >= 1000 ? "killed by signal" : r == 0 ? "ok" : "wrong errno", r % 1000);

    /* msgrcv: msgsz far above any message (2 GiB - 16) */
    struct { long mtype; char mtext[256]; } mb;
    int q = msgget(IPC_PRIVATE, 0600);
    CHECK(q >= 0, "a message queue");
    memset(&mb, 0, sizeof(mb));
    mb.mtype = 7;
    memset(mb.mtext, 'q', 100);
    CHECK_OK(msgsnd(q, &mb, 100, 0), "msgsnd 100 bytes");
    memset(&mb, 0, sizeof(mb));
    CHECK_ERRNO(msgrcv(q, &mb, 10, 0, IPC_NOWAIT), E2BIG, "msgrcv msgsz 10 < 100: E2BIG");
    CHECK(mb.mtype == 0, "  ... and mtype not written");
    CHECK(msgrcv(q, &mb, 10, 0, IPC_NOWAIT | MSG_NOERROR) == 10 && mb.mtype == 7,
          "msgrcv msgsz 10 MSG_NOERROR: 10 bytes, mtype 7");
    mb.mtype = 8;
    CHECK_OK(msgsnd(q, &mb, 100, 0), "msgsnd 100 bytes");
    CHECK(msgrcv(q, &mb, 0x7ffffff0, 0, IPC_NOWAIT) == 100 && mb.mtype == 8,
          "msgrcv msgsz 2 GiB - 16: the 100 bytes");
    CHECK_ERRNO(msgrcv(q, &mb, 0x7ffffff0, 0, IPC_NOWAIT), ENOMSG, "msgrcv empty: ENOMSG");
    /* the message text past the file's end (mtype in the last word of its page) */
    struct { long mtype; char mtext[4]; } *mb_edge = (void *)(m + pg - sizeof(long));
    int nl = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
    CHECK(nl >= 0, "a NETLINK_ROUTE socket (the emulator translates what is sent)");
    if (nl >= 0) {
        /* 20 messages in one sendmmsg: each gets its own translated copy */
        static struct { struct nlmsghdr h; char pad[16]; } nm[20];
        struct iovec iov[20];
        struct mmsghdr mm[20];
        memset(mm, 0, sizeof(mm));
        for (int i = 0; i < 20; i++) {
            nm[i].h.nlmsg_len = sizeof(struct nlmsghdr);
            nm[i].h.nlmsg_type = NLMSG_NOOP;
            iov[i].iov_base = &nm[i];
            iov[i].iov_len = sizeof(struct nlmsghdr);
            mm[i].msg_hdr.msg_iov = &iov[i];
            mm[i].msg_hdr.msg_iovlen = 1;
        }
        CHECK(sendmmsg(nl, mm, 20, 0) == 20, "sendmmsg of 20 netlink messages: 20");
    }

    /* --- the loop --- */
    long bad1 = 0, bad2 = 0, bad3 = 0, bad4 = 0, bad5 = 0, bad6 = 0, bad7 = 0;
    long vm0 = vmsize_kb();
    status_line("before loop:");
    for (long i = 0; i < n; i++) {
        edge->handle_bytes = BIG;
        edge->handle_type = 1;
        if ((mask & 1) && !(n2h(AT_FDCWD, "fh-test.dat", edge, &mid, 0) == -1 && errno == EINVAL)) {
            bad1++;
        }
        edge->handle_bytes = BIG;
        edge->handle_type = 1;
        if ((mask & 2) && !(obh(mfd, edge, O_RDONLY) == -1 && errno == EINVAL)) {
            bad2++;
        }
        edge->handle_bytes = HSZ;
        if ((mask & 4) && !(n2h(AT_FDCWD, "fh-test.dat", edge, &mid, 0) == -1 && errno == EFAULT)) {
            bad3++;
        }
        edge->handle_bytes = 8;
        if ((mask & 8) && !(obh(mfd, edge, O_RDONLY) == -1 && errno == EFAULT)) {
            bad4++;
        }
        /* a 2 GiB msgrcv buffer, the text faulting */
        mb.mtype = 9;
        if ((mask & 16) && q >= 0 && msgsnd(q, &mb, 100, 0) == 0 &&
            !(msgrcv(q, mb_edge, 0x7ffffff0, 0, IPC_NOWAIT) == -1 && errno == EFAULT)) {
            bad5++;
        }
        /* 128 KiB sent from across the file's end to a translated socket */
        if ((mask & 32) && nl >= 0 && !(sendto(nl, m + pg - 16, 128 << 10, 0, NULL, 0) == -1 &&
                         errno == EFAULT)) {
            bad6++;
        }
        if ((mask & 64) && getdents_ok) {
            int d = open(".", O_RDONLY | O_DIRECTORY);
            if (!(syscall(SYS_getdents64, d, gone, 65536) == -1 && errno == EFAULT)) {
                bad7++;
            }
            close(d);
        }
    }
    CHECK(bad1 == 0, "loop x%ld: name_to_handle_at 16 MiB across the end: EINVAL (%ld wrong)", n, bad1);
    CHECK(bad2 == 0, "loop x%ld: open_by_handle_at 16 MiB across the end: EINVAL (%ld wrong)", n, bad2);
    CHECK(bad3 == 0, "loop x%ld: name_to_handle_at 128 across the end: EFAULT (%ld wrong)", n, bad3);
    CHECK(bad4 == 0, "loop x%ld: open_by_handle_at 8 past the end: EFAULT (%ld wrong)", n, bad4);
    CHECK(bad5 == 0, "loop x%ld: msgrcv 2 GiB, text past the end: EFAULT (%ld wrong)", n, bad5);
    CHECK(bad6 == 0, "loop x%ld: sendto netlink 128 KiB across the end: EFAULT (%ld wrong)", n, bad6);
    if (getdents_ok) {
        CHECK(bad7 == 0, "loop x%ld: getdents64 into a faulting page: EFAULT (%ld wrong)", n, bad7);
    }
    long vm1 = vmsize_kb();
    status_line("after loop:");
    CHECK(vm0 > 0 && vm1 - vm0 < 64 * 1024,
          "no growth: VmSize %ld kB -> %ld kB over the loop", vm0, vm1);
    if (q >= 0) {
        msgctl(q, IPC_RMID, NULL);
    }
    unlink("fh-test.dat");
    printf("PID %d\n", (int)getpid());
    fflush(stdout);
    sleep(2);
    return guest_done();
}
