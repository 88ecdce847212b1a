/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys/x86.c: arch_prctl (384) for i386 guests, as an x86-64 kernel answers a
 * 32-bit task (arch/x86/kernel/process_64.c compat_sys_arch_prctl() ->
 * process.c do_arch_prctl_common(); QEMU 7.2 implemented arch_prctl for
 * x86-64 guests only and answered ENOSYS, LTP arch_prctl01):
 * - ARCH_GET_CPUID: 1 while CPUID is allowed (get_cpuid_mode(): no
 *   TIF_NOCPUID), else 0;
 * - ARCH_SET_CPUID: ENODEV without the CPU's CPUID faulting
 *   (X86_FEATURE_CPUID_FAULT: the host kernel's own answer, asked by
 *   enabling CPUID for the emulator's thread, which changes nothing), else
 *   0 and CPUID allowed or made to fault (SIGSEGV SI_KERNEL). The fault is
 *   the translator's: helper_cpuid() raises #GP while env->cpuid_faulting
 *   (patches/); new threads copy the CPU state, fork() keeps it, execve()
 *   starts a new emulator with CPUID allowed (arch_setup_new_exec());
 * - the ARCH_*_XCOMP_* options (fpu_xstate_prctl(): AMX permissions) are
 *   not emulated: EINVAL (the emulated CPU has no dynamic xstate);
 * - every other code, the 64-bit ones (ARCH_SET_FS ...) among them: EINVAL
 *   (do_arch_prctl_common() for an ia32 syscall).
 * tests/guest/x86-cpuid-fault.c.
 */
#include "qemu/osdep.h"
#include "qemu.h"
#include "user-internals.h"
#include "qc-internal.h"
#include "dispatch/systable.h"

#ifdef TARGET_I386
#include <sys/syscall.h>

/* arch/x86/include/uapi/asm/prctl.h */
#define QC_ARCH_GET_CPUID 0x1011
#define QC_ARCH_SET_CPUID 0x1012

/* Does the host kernel offer CPUID faulting? (set_cpuid_mode(1) is
 * -ENODEV without X86_FEATURE_CPUID_FAULT and a no-op with it.) */
static bool qc_host_has_cpuid_fault(void)
{
    static int known;           /* 0 unknown, 1 yes, 2 no */

    if (!known) {
#if defined(__x86_64__) || defined(__i386__)
        known = syscall(SYS_arch_prctl, QC_ARCH_SET_CPUID, 1L) == 0 ? 1 : 2;
#else
        known = 2;
#endif
    }
    return known == 1;
}

abi_long qc_sys_arch_prctl(QC_SYSCALL_ARGS)
{
    CPUX86State *env = cpu_env;

    switch ((int)arg1) {
    case QC_ARCH_GET_CPUID:
        return !env->cpuid_faulting;
    case QC_ARCH_SET_CPUID:
        if (!qc_host_has_cpuid_fault()) {
            return -TARGET_ENODEV;
        }
        env->cpuid_faulting = !arg2;
        return 0;
    default:
        return -TARGET_EINVAL;
    }
}
#endif
