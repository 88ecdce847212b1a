/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/cred.c: credential calls whose guest form differs from the host's.
 *
 * setfsuid/setfsgid (numbers 138/139 of i386 and ARM) are the 16-bit forms
 * there: kernel/uid16.c setfsuid16()/setfsgid16() take an old_uid_t/old_gid_t
 * (u16: arch/x86/include/uapi/asm/posix_types_32.h, arch/arm/include/uapi/
 * asm/posix_types.h), so only the argument's low 16 bits count, and
 * low2highuid()/low2highgid() (include/linux/highuid.h) turn 0xffff into the
 * "no change" id -1. The old fs id is returned as __sys_setfsuid() (kernel/
 * sys.c) gives it: whole, not through high2lowuid(). QEMU 7.2 forwarded the
 * argument unchanged, so 0xffff set the fs id 65535 (LTP setfsuid02_16,
 * setfsgid01_16). MIPS o32's setfsuid/setfsgid are the 32-bit sys_setfsuid/
 * sys_setfsgid (arch/mips/kernel/syscalls/syscall_o32.tbl): forwarded whole.
 * tests/guest/sys-uid16.c.
 */
#include "qemu/osdep.h"
#include <sys/fsuid.h>
#include "qemu.h"
#include "user-internals.h"
#include "qc-internal.h"
#include "dispatch/systable.h"

#ifdef USE_UID16
/* include/linux/highuid.h low2highuid() on an old_uid_t (u16) argument */
static uint32_t qc_low2high_id(abi_ulong id)
{
    uint16_t old = id;

    return old == (uint16_t)-1 ? (uint32_t)-1 : old;
}
#else
static uint32_t qc_low2high_id(abi_ulong id)
{
    return id;
}
#endif

abi_long qc_sys_setfsuid(QC_SYSCALL_ARGS)
{
    return get_errno(setfsuid(qc_low2high_id(arg1)));
}

abi_long qc_sys_setfsgid(QC_SYSCALL_ARGS)
{
    return get_errno(setfsgid(qc_low2high_id(arg1)));
}
