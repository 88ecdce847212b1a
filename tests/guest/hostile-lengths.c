/* hostile-lengths: absurd guest-chosen lengths and counts get the kernel's
 * answer instead of crashing the emulator (found by tests/fuzz/syscall-fuzz:
 * QEMU sized stack buffers with alloca() from these values). Expected
 * answers are the kernel's (net/socket.c move_addr_to_kernel/__copy_msghdr,
 * ____sys_sendmsg's sock_kmalloc, kernel/sched/core.c and kernel/compat.c
 * sched_{get,set}affinity, fs/select.c do_sys_poll), and EFAULT for syscall
 * arguments in a page of a file truncated under its mapping (the kernel's
 * copy_from_user/copy_to_user fail; the emulator's own reads of it used to
 * take a host SIGBUS).
 */
#define _GNU_SOURCE
#include "check.h"
#include <poll.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <netinet/in.h>
#include <fcntl.h>
#include <time.h>

static char buf[4096];

/* Syscall arguments in the second page of a file mapping whose file was
 * truncated to one page: every access SIGBUSes, the kernel says EFAULT. */
static void truncated_mapping(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    int fd = open("hostile-trunc", O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0 && ftruncate(fd, 2 * pg) == 0, "a two-page file");
    char *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(m != MAP_FAILED, "mapped shared");
    if (fd < 0 || m == MAP_FAILED)
        return;
    strcpy(m + pg, "hostile-trunc");
    CHECK(ftruncate(fd, pg) == 0, "truncated to one page under the mapping");
    char *gone = m + pg;
    CHECK_ERRNO(open(gone, O_RDONLY), EFAULT, "open with a path in the truncated page: EFAULT");
    CHECK_ERRNO(rename(gone, "x"), EFAULT, "rename with a path in the truncated page: EFAULT");
    CHECK_ERRNO(write(fd, gone, 16), EFAULT, "write from the truncated page: EFAULT");
    int p[2];
    CHECK(pipe(p) == 0 && write(p[1], "abcd", 4) == 4, "a pipe with 4 bytes");
    CHECK_ERRNO(read(p[0], gone, 4), EFAULT, "read into the truncated page: EFAULT");
    /* the syscall, not the vDSO: guest code writing there gets SIGBUS */
    CHECK_ERRNO(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, gone), EFAULT,
                "clock_gettime syscall into the truncated page: EFAULT");
    CHECK(write(fd, "still", 5) == 5 && open("hostile-trunc", O_RDONLY) >= 0, "the emulator carries on");
    close(p[0]);
    close(p[1]);
    munmap(m, 2 * pg);
    close(fd);
    unlink("hostile-trunc");
}

int main(void)
{
    size_t bigsz = 64 << 20;
    char *big = mmap(NULL, bigsz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(big != MAP_FAILED, "mmap 64 MiB");
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    CHECK(s >= 0, "socket");

    /* move_addr_to_kernel: addrlen > sizeof(struct sockaddr_storage) */
    CHECK_ERRNO(bind(s, (void *)buf, 0x7ffffff0), EINVAL, "bind with addrlen 0x7ffffff0: EINVAL");
    CHECK_ERRNO(bind(s, (void *)big, bigsz), EINVAL, "bind with addrlen 64 MiB: EINVAL");
    CHECK_ERRNO(connect(s, (void *)big, 0x1000000), EINVAL, "connect with addrlen 16 MiB: EINVAL");
    CHECK_ERRNO(sendto(s, "x", 1, 0, (void *)big, 0x1000000), EINVAL, "sendto with addrlen 16 MiB: EINVAL");
    CHECK_ERRNO(bind(s, (void *)buf, 129), EINVAL, "bind with addrlen 129: EINVAL");

    /* move_addr_to_user: a larger buffer is fine, the true length comes back */
    struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    CHECK_OK(bind(s, (void *)&sin, sizeof sin), "bind to 127.0.0.1");
    socklen_t l = bigsz - 16;
    CHECK(getsockname(s, (void *)big, &l) == 0 && l == sizeof sin, "getsockname with a 64 MiB buffer: 0, length %u", (unsigned)l);
    l = 0x7fff0000;
    CHECK(getsockname(s, (void *)big, &l) == 0 && l == sizeof sin, "getsockname with length 0x7fff0000: the first bytes written");
    l = bigsz - 16;
    CHECK_ERRNO(recvfrom(s, buf, 1, 0, (void *)big, &l), EAGAIN, "recvfrom with a 64 MiB address buffer: EAGAIN");

    /* __copy_msghdr clamps msg_namelen; recvmsg's control buffer is the
     * user's own; sendmsg's is walked as a 32-bit task's (net/compat.c
     * cmsghdr_from_user_compat_to_kern): a bad first cmsg_len is EINVAL,
     * cmsgs too big for sock_kmalloc (net.core.optmem_max) ENOMEM. */
    struct iovec iov = { buf, 1 };
    struct msghdr m = { .msg_name = big, .msg_namelen = bigsz - 16, .msg_iov = &iov, .msg_iovlen = 1,
                        .msg_control = big, .msg_controllen = bigsz - 16 };
    CHECK_ERRNO(recvmsg(s, &m, 0), EAGAIN, "recvmsg with 64 MiB name and control buffers: EAGAIN");
    m.msg_namelen = sizeof sin;
    memcpy(big, &sin, sizeof sin);
    CHECK_ERRNO(sendmsg(s, &m, 0), EINVAL, "sendmsg with a 64 MiB control buffer, cmsg_len 2: EINVAL");
    struct cm32 { uint32_t len; int level, type; } *cm = (void *)(big + 4096);
    m.msg_control = cm;
    m.msg_controllen = bigsz - 8192;
    cm->len = bigsz - 8192; cm->level = SOL_SOCKET; cm->type = SCM_RIGHTS;
    CHECK_ERRNO(sendmsg(s, &m, 0), ENOMEM, "sendmsg with one 64 MiB cmsg: ENOMEM");
    cm->len = 12 + 4;
    m.msg_controllen = 4;
    CHECK_ERRNO(sendmsg(s, &m, 0), EINVAL, "sendmsg with a 4-byte control buffer (no header fits): EINVAL");
    m.msg_controllen = 16 + 2;   /* one cmsg, then 2 bytes that start another */
    memset((char *)cm + 16, 0, 8);
    CHECK_ERRNO(sendmsg(s, &m, 0), EINVAL, "sendmsg with 2 trailing bytes after a cmsg: EINVAL");
    cm->len = 17;
    m.msg_controllen = 16;
    CHECK_ERRNO(sendmsg(s, &m, 0), EINVAL, "sendmsg with cmsg_len past the buffer: EINVAL");
    m.msg_control = (void *)16;
    CHECK_ERRNO(sendmsg(s, &m, 0), EFAULT, "sendmsg with an unreadable control buffer: EFAULT");

    /* sched_getaffinity copies min(len, cpumask_size()); setaffinity reads as much */
    long r = syscall(SYS_sched_getaffinity, 0, bigsz, big);
    CHECK(r > 0 && r <= 8192 && r % 4 == 0, "sched_getaffinity with len 64 MiB: %ld bytes", r);
    CHECK_OK(syscall(SYS_sched_setaffinity, 0, bigsz, big), "sched_setaffinity with len 64 MiB");

    /* do_sys_poll: nfds above RLIMIT_NOFILE is EINVAL */
    CHECK_ERRNO(poll((void *)big, bigsz / sizeof(struct pollfd), 0), EINVAL, "poll with 8M fds: EINVAL");
    truncated_mapping();
    return guest_done();
}
