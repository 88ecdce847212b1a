/*
 * sys-fanotify: fanotify_init and fanotify_mark as the kernel answers them, and
 * the event records read from the fd in the guest's byte order: a mark on a
 * file, an open and a close-after-write of it, the records' version, mask,
 * pid and the event fd naming the file. The 64-bit mask reaches the kernel
 * whole (a bit of its upper half is EINVAL), the event fds get the guest's
 * O_* flags. Needs CAP_SYS_ADMIN (a counted SKIP without it, as the kernel
 * answers EPERM).
 * variants: static
 * timeout: 10
 */
#define _GNU_SOURCE
#include "check.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/fanotify.h>
#include <sys/stat.h>
#include <sys/syscall.h>

int main(void)
{
    char path[] = "/tmp/qc-fan-XXXXXX";
    int tfd = mkstemp(path);
    struct stat st;

    CHECK(tfd >= 0, "scratch file");
    close(tfd);
    CHECK_ERRNO(fanotify_init(0x80000000u, O_RDONLY), EINVAL, "fanotify_init with an unknown flag: EINVAL");
    int fd = fanotify_init(FAN_CLASS_NOTIF | FAN_CLOEXEC, O_RDONLY | O_NONBLOCK);
    if (fd < 0 && errno == EPERM) {
        unlink(path);
        SKIP("fanotify_init and its marks and events: EPERM without CAP_SYS_ADMIN, as the kernel answers");
        return guest_done();
    }
    CHECK(fd >= 0, "fanotify_init");
    CHECK(fcntl(fd, F_GETFD) == FD_CLOEXEC, "FAN_CLOEXEC gave a close-on-exec fd");

    CHECK_ERRNO(syscall(SYS_fanotify_mark, fd, FAN_MARK_ADD, (uint64_t)1 << 40, AT_FDCWD, path),
                EINVAL, "a mask bit in the upper half reaches the kernel: EINVAL");
    CHECK_ERRNO(fanotify_mark(fd, FAN_MARK_ADD, FAN_OPEN, AT_FDCWD, (char *)8), EFAULT,
                "a bad path: EFAULT");
    CHECK(fanotify_mark(fd, FAN_MARK_ADD, FAN_OPEN | FAN_CLOSE_WRITE, AT_FDCWD, path) == 0,
          "fanotify_mark a file");

    int w = open(path, O_WRONLY);
    CHECK(w >= 0 && write(w, "x", 1) == 1, "open and write the file");
    close(w);

    char buf[4096] __attribute__((aligned(8)));
    ssize_t n = read(fd, buf, sizeof(buf));
    CHECK(n >= (ssize_t)sizeof(struct fanotify_event_metadata), "read events (%zd bytes)", n);
    uint64_t seen = 0;
    int events = 0;
    for (struct fanotify_event_metadata *m = (void *)buf; n > 0 && FAN_EVENT_OK(m, n); m = FAN_EVENT_NEXT(m, n)) {
        events++;
        CHECK(m->vers == FANOTIFY_METADATA_VERSION, "event %d: version %d", events, m->vers);
        CHECK(m->metadata_len == sizeof(*m), "event %d: metadata_len %u", events, m->metadata_len);
        CHECK(m->pid == getpid(), "event %d: our pid", events);
        seen |= m->mask;
        if (m->fd >= 0) {
            CHECK(fstat(m->fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size <= 1,
                  "event %d: its fd is the file", events);
            CHECK((fcntl(m->fd, F_GETFL) & O_NONBLOCK) != 0, "event %d: its fd has the guest's O_NONBLOCK", events);
            close(m->fd);
        }
    }
    CHECK(seen == (FAN_OPEN | FAN_CLOSE_WRITE), "the masks are FAN_OPEN and FAN_CLOSE_WRITE (0x%llx)",
          (unsigned long long)seen);
    CHECK(fanotify_mark(fd, FAN_MARK_REMOVE, FAN_OPEN | FAN_CLOSE_WRITE, AT_FDCWD, path) == 0,
          "fanotify_mark remove");
    close(fd);
    unlink(path);
    return guest_done();
}
