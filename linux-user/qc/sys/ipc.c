/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/ipc.c: POSIX message queue notification (mq_notify).
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include "qemu.h"
#include "user-internals.h"
#include "signal-common.h"
#include "user/safe-syscall.h"
#include "qemu-compat.h"
#include "guest-access.h"
#include "fd-trans.h"
#include "qemu/path.h"

/*
 * mq_notify (ipc/mqueue.c do_mq_notify, compat_sys_mq_notify): the guest's
 * struct sigevent in the host's layout. SIGEV_SIGNAL: the host number of the
 * guest's signal and its value (delivered back as si_value, SI_MESGQ);
 * SIGEV_THREAD: sigev_signo is a netlink socket and sival_ptr the guest's
 * 32-byte cookie, which the kernel reads (a host pointer: g2h). That socket
 * carries the kernel's cookie messages, not routing messages, so QEMU's
 * NETLINK_ROUTE translation of what glibc reads from it is dropped.
 */
abi_long qc_sys_mq_notify(QC_SYSCALL_ARGS)
{
    abi_long mqd = arg1;
    abi_ulong sevp = arg2;
    struct target_sigevent *t;
    struct sigevent sev;
    abi_ulong value;

    if (!sevp) {
        return get_errno(syscall(__NR_mq_notify, mqd, NULL));
    }
    if (!(t = lock_user(VERIFY_READ, sevp, sizeof(*t), 1))) {
        return -TARGET_EFAULT;
    }
    memset(&sev, 0, sizeof(sev));
    sev.sigev_notify = tswap32(t->sigev_notify);
    sev.sigev_signo = tswap32(t->sigev_signo);
    value = tswapal(t->sigev_value.sival_ptr);
    unlock_user(t, sevp, 0);
    switch (sev.sigev_notify) {
    case SIGEV_SIGNAL:
        sev.sigev_signo = target_to_host_signal(sev.sigev_signo);
        sev.sigev_value.sival_ptr = (void *)(uintptr_t)value;
        break;
    case SIGEV_THREAD:
        sev.sigev_value.sival_ptr = g2h_untagged(value);
        break;
    }
    abi_long ret = get_errno(syscall(__NR_mq_notify, mqd, &sev));
    if (ret == 0 && sev.sigev_notify == SIGEV_THREAD) {
        fd_trans_unregister(sev.sigev_signo);
    }
    return ret;
}
