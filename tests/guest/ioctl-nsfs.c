/* ioctl-nsfs: the nsfs ioctls on /proc/self/ns/* and the pidfd ioctls
 * (include/uapi/linux/nsfs.h, pidfd.h), answered as the kernel answers them;
 * QEMU 7.2 had none of them in its table (ENOTTY; LTP ioctl_ns01-06,
 * ioctl_pidfd02-06 on ARM and MIPS).
 */
#include "check.h"
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>

#define NSIO 0xb7
#define NS_GET_USERNS _IO(NSIO, 0x1)
#define NS_GET_NSTYPE _IO(NSIO, 0x3)
#define NS_GET_OWNER_UID _IO(NSIO, 0x4)
#define PIDFS_IOCTL_MAGIC 0xFF
#define PIDFD_GET_UTS_NAMESPACE _IO(PIDFS_IOCTL_MAGIC, 10)
/* struct pidfd_info of Linux 6.13 (PIDFD_INFO_SIZE_VER0 = 64) */
struct qc_pidfd_info {
    uint64_t mask, cgroupid;
    uint32_t pid, tgid, ppid, ruid, rgid, euid, egid, suid, sgid, fsuid, fsgid;
    int32_t exit_code;
};
#define PIDFD_GET_INFO _IOWR(PIDFS_IOCTL_MAGIC, 11, struct qc_pidfd_info)
#define PIDFD_INFO_PID 1
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434  /* the same on i386, ARM EABI; MIPS o32 4434 */
#endif

int main(void)
{
    int uts = open("/proc/self/ns/uts", O_RDONLY);
    int user = open("/proc/self/ns/user", O_RDONLY);
    CHECK(uts >= 0 && user >= 0, "open /proc/self/ns/uts and user");
    CHECK(ioctl(uts, NS_GET_NSTYPE) == CLONE_NEWUTS, "NS_GET_NSTYPE of uts is CLONE_NEWUTS");
    CHECK(ioctl(user, NS_GET_NSTYPE) == CLONE_NEWUSER, "NS_GET_NSTYPE of user is CLONE_NEWUSER");
    int owner = ioctl(uts, NS_GET_USERNS);
    CHECK(owner >= 0 && ioctl(owner, NS_GET_NSTYPE) == CLONE_NEWUSER,
          "NS_GET_USERNS gives a user namespace fd");
    uint32_t uid = 12345;
    CHECK(ioctl(user, NS_GET_OWNER_UID, &uid) == 0 && uid != 12345,
          "NS_GET_OWNER_UID writes a uid (%u)", uid);
    CHECK_ERRNO(ioctl(uts, NS_GET_OWNER_UID, &uid), EINVAL,
                "NS_GET_OWNER_UID of a non-user namespace: EINVAL");

    int pfd = syscall(SYS_pidfd_open, getpid(), 0);
    CHECK(pfd >= 0, "pidfd_open(self)");
    struct qc_pidfd_info info;
    memset(&info, 0, sizeof(info));
    info.mask = PIDFD_INFO_PID;
    errno = 0;
    int r = ioctl(pfd, PIDFD_GET_INFO, &info);
    if (r < 0 && errno == ENOTTY && qc_native()) {
        SKIP("PIDFD_GET_INFO: ENOTTY natively (a kernel before 6.13)");
    } else {
        CHECK(r == 0 && (info.mask & PIDFD_INFO_PID) && info.pid == (uint32_t)getpid() &&
              info.tgid == (uint32_t)getpid() && info.ppid == (uint32_t)getppid(),
              "PIDFD_GET_INFO: pid %u tgid %u ppid %u", info.pid, info.tgid, info.ppid);
        CHECK_ERRNO(ioctl(pfd, PIDFD_GET_INFO, NULL), EINVAL, "PIDFD_GET_INFO with NULL: EINVAL");
    }
    CHECK_ERRNO(ioctl(pfd, PIDFD_GET_UTS_NAMESPACE, 1), EINVAL,
                "PIDFD_GET_UTS_NAMESPACE with an argument: EINVAL");
    int puts_ = ioctl(pfd, PIDFD_GET_UTS_NAMESPACE, 0);
    CHECK(puts_ >= 0 && ioctl(puts_, NS_GET_NSTYPE) == CLONE_NEWUTS,
          "PIDFD_GET_UTS_NAMESPACE gives the uts namespace");
    return guest_done();
}
