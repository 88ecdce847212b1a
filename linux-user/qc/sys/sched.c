/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/sched.c: scheduling calls of the calling thread (rseq_slice_yield).
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
 * Passed through: the call only concerns the calling thread's time-slice
 * extension, which a guest can never have been granted (it needs a
 * registered rseq area, which rseq refuses), so the host kernel's answer
 * for this host thread is the answer for a task without one (ENOSYS on
 * kernels before 7.0).
 */
abi_long qc_sys_rseq_slice_yield(QC_SYSCALL_ARGS)
{
    return get_errno(syscall(__NR_rseq_slice_yield));
}
