/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ioctl/compat-ioctl.c: the answer for ioctl commands upstream's table does not
 * know, and the optional compat_ioctl passthrough (docs/compat-ioctl.md).
 *
 * The host kernel already has a complete translator for 32-bit ioctls: its
 * compat_ioctl layer (fs/ioctl.c:compat_sys_ioctl() and each driver's
 * .compat_ioctl). On an x86-64 host with IA32 emulation, a 64-bit process
 * enters it with "int $0x80": the kernel then handles the call as an i386
 * compat syscall (arch/x86/entry/entry_64_compat.S, in_ia32_syscall()).
 * When guest addresses are host addresses (guest_base 0), the pointers inside
 * the guest's ioctl arguments are valid as they are, so the guest's
 * ioctl(fd, cmd, arg) can be issued unchanged.
 *
 * Modes (-compat-ioctl / QEMU_COMPAT_IOCTL):
 *   off      never; commands upstream's table does not know get ENOTTY
 *   unknown  only commands no translation table here knows
 *   all      every eligible command, before the translation table
 * Default: unknown for i386 guests where available, else off.
 * Which commands are eligible for ARM and MIPS guests is data:
 * compat-ioctl-table.h, checked against the cross compilers by
 * tests/host/compat-ioctl-layout.sh.
 */
#include "qemu/osdep.h"
#include "qemu.h"
#include "qemu/log.h"
#include "user-internals.h"
#include "qc-internal.h"
#include "ioctl/compat-ioctl-elig.h"
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

/* The guest's ABI, as far as the passthrough is concerned. */
#if defined(TARGET_I386) && !defined(TARGET_X86_64)
#define QC_GUEST_ABI QC_ABI_I386
#elif defined(TARGET_ARM) && !defined(TARGET_AARCH64) && !TARGET_BIG_ENDIAN
#define QC_GUEST_ABI QC_ABI_ARM
#elif defined(TARGET_ABI_MIPSO32) && !TARGET_BIG_ENDIAN
#define QC_GUEST_ABI QC_ABI_MIPSEL
#else
#define QC_GUEST_ABI QC_ABI_OTHER
#endif

#define QC_PROG "qemu-" TARGET_NAME

enum qc_ci_mode { QC_CI_OFF, QC_CI_UNKNOWN, QC_CI_ALL };

static enum qc_ci_mode qc_ci_requested;   /* what the option asked for */
static bool qc_ci_explicit;               /* the option was given */
static int qc_ci_resolved = -1;           /* the mode in force; -1: not yet */
static int qc_ci_available = -1;          /* probe result; -1: not probed */
static const char *qc_ci_reason;          /* why unavailable */

/* i386 syscall numbers (arch/x86/entry/syscalls/syscall_32.tbl) */
#define QC_I386_NR_getpid 20
#define QC_I386_NR_ioctl  54

#ifdef __x86_64__
/*
 * One i386 compat syscall from 64-bit code. The kernel's int $0x80 entry
 * saves and restores every register but r8-r11, which it zeroes
 * (entry_64_compat.S: "clear r8-r15" on 32-bit entry; r8-r11 are not
 * restored for a 64-bit caller), so those are clobbered.
 */
static long qc_int80(long nr, long a1, long a2, long a3)
{
    long ret;

    asm volatile("int $0x80"
                 : "=a"(ret)
                 : "0"(nr), "b"(a1), "c"(a2), "d"(a3)
                 : "memory", "cc", "r8", "r9", "r10", "r11");
    return (int)ret;   /* a compat syscall's result is 32 bits */
}

/*
 * Does int $0x80 work here? Where IA32 emulation is disabled (kernel built
 * without CONFIG_IA32_EMULATION or booted with ia32_emulation=0) the
 * instruction raises SIGSEGV; under a hypervisor or seccomp policy something
 * else may happen. Tried in a child process that makes only raw syscalls
 * (no fork handlers of QEMU or glibc run, no core dump), so nothing in the
 * emulator can be disturbed: available when the child's getpid through
 * int $0x80 equals its getpid through syscall. The child catches its own
 * SIGSEGV/SIGILL and exits with QC_CI_PROBE_FAULT: a signal nobody handles
 * would be logged by the host kernel ("traps: ... general protection
 * fault", arch/x86/kernel/traps.c) at every emulator start that probes.
 */
#define QC_CI_PROBE_FAULT 3

static void qc_ci_probe_fault(int sig)
{
    syscall(SYS_exit_group, QC_CI_PROBE_FAULT);
}

static bool qc_ci_probe_int80(const char **reason)
{
    long pid = syscall(SYS_fork);
    int status;

    if (pid == 0) {
        struct rlimit no_core = { 0, 0 };
        long native, compat;

        syscall(SYS_setrlimit, RLIMIT_CORE, &no_core);
        signal(SIGSEGV, qc_ci_probe_fault);
        signal(SIGILL, qc_ci_probe_fault);
        native = syscall(SYS_getpid);
        compat = qc_int80(QC_I386_NR_getpid, 0, 0, 0);
        syscall(SYS_exit_group, compat == native ? 0 : 1);
        for (;;) {
        }
    }
    if (pid < 0) {
        *reason = "cannot fork the probe process";
        return false;
    }
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            *reason = "cannot wait for the probe process";
            return false;
        }
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        return true;
    }
    if (WIFSIGNALED(status) ||
        (WIFEXITED(status) && WEXITSTATUS(status) == QC_CI_PROBE_FAULT)) {
        *reason = "host kernel has no IA32 emulation (int $0x80 faults)";
    } else {
        *reason = "int $0x80 getpid does not answer as getpid";
    }
    return false;
}
#endif

/* Is the passthrough possible at all here? Probes once. */
static bool qc_ci_available_here(void)
{
    if (qc_ci_available < 0) {
        if (QC_GUEST_ABI == QC_ABI_OTHER) {
            qc_ci_reason = "never for big-endian guests (only i386, ARM EABI and MIPS o32 little endian)";
            qc_ci_available = 0;
        } else {
#ifdef __x86_64__
            qc_ci_available = qc_ci_probe_int80(&qc_ci_reason);
#else
            qc_ci_reason = "the host is not x86-64 (no int $0x80 compat entry)";
            qc_ci_available = 0;
#endif
        }
    }
    return qc_ci_available;
}

static void qc_ci_unavailable(const char *why)
{
    fprintf(stderr, QC_PROG ": compat-ioctl passthrough unavailable: %s; "
            "using the translation table\n", why);
}

/*
 * -compat-ioctl / QEMU_COMPAT_IOCTL (main.c's argument table). An explicit
 * request is probed at once, so that "unavailable" is said at start-up.
 */
void qc_compat_ioctl_option(const char *arg)
{
    if (!strcmp(arg, "off")) {
        qc_ci_requested = QC_CI_OFF;
    } else if (!strcmp(arg, "unknown")) {
        qc_ci_requested = QC_CI_UNKNOWN;
    } else if (!strcmp(arg, "all")) {
        qc_ci_requested = QC_CI_ALL;
    } else {
        fprintf(stderr, QC_PROG ": -compat-ioctl: '%s' is not one of "
                "off, unknown, all\n", arg);
        exit(EXIT_FAILURE);
    }
    qc_ci_explicit = true;
    qc_ci_resolved = -1;
    if (qc_ci_requested != QC_CI_OFF && !qc_ci_available_here()) {
        qc_ci_unavailable(qc_ci_reason);
        qc_ci_requested = QC_CI_OFF;
    }
}

/*
 * The mode in force, decided at the first ioctl that needs it (guest_base is
 * known by then). The default probes only when a command reaches it.
 */
static enum qc_ci_mode qc_ci_mode(void)
{
    if (qc_ci_resolved >= 0) {
        return qc_ci_resolved;
    }
    if (qc_ci_explicit) {
        qc_ci_resolved = qc_ci_requested;
        if (qc_ci_resolved != QC_CI_OFF && guest_base != 0) {
            char why[96];

            snprintf(why, sizeof(why), "guest_base is 0x%lx, guest addresses "
                     "are not host addresses", (unsigned long)guest_base);
            qc_ci_unavailable(why);
            qc_ci_resolved = QC_CI_OFF;
        }
    } else {
        qc_ci_resolved = QC_GUEST_ABI == QC_ABI_I386 && guest_base == 0 &&
                         qc_ci_available_here() ? QC_CI_UNKNOWN : QC_CI_OFF;
    }
    return qc_ci_resolved;
}

/* Issue the guest's command through the compat layer, if eligible. */
static bool qc_ci_passthrough(int fd, uint32_t cmd, abi_ulong arg,
                              abi_long *ret)
{
#ifdef __x86_64__
    uint32_t x86;
    const char *name;
    long r;

    if (!qc_compat_ioctl_eligible(QC_GUEST_ABI, cmd, &x86, &name)) {
        return false;
    }
    if (qemu_loglevel_mask(LOG_STRACE)) {
        qemu_log(" [compat]");
    }
    r = qc_int80(QC_I386_NR_ioctl, fd, x86, arg);
    if (r < 0 && r >= -4095) {
        errno = -r;
        *ret = get_errno(-1);
    } else {
        *ret = r;
    }
    return true;
#else
    return false;
#endif
}

/* do_ioctl(), before its table: the 'all' mode. */
bool qc_ioctl_first(int fd, int cmd, abi_long arg, abi_long *ret)
{
    if (qc_ci_requested != QC_CI_ALL) {   /* only ever set explicitly */
        return false;
    }
    return qc_ci_mode() == QC_CI_ALL &&
           qc_ci_passthrough(fd, cmd, arg, ret);
}

/*
 * The name of the ioctl direction bits, decoded with the guest's encoding
 * (MIPS has its own; syscall_defs.h).
 */
static const char *qc_ioc_dir_name(unsigned dir)
{
    switch (dir) {
    case TARGET_IOC_NONE:
        return "none";
    case TARGET_IOC_READ:
        return "read";
    case TARGET_IOC_WRITE:
        return "write";
    case TARGET_IOC_READ | TARGET_IOC_WRITE:
        return "read|write";
    default:
        return "?";
    }
}

/*
 * do_ioctl() found no row for cmd: our own translations, then the
 * passthrough, then ENOTTY, which is what the kernel answers for a command
 * no driver knows (fs/ioctl.c: vfs_ioctl() returns -ENOIOCTLCMD, turned into
 * -ENOTTY; QEMU 7.2 said ENOSYS, which programs take for "no ioctl at all").
 */
abi_long qc_ioctl_unknown(int fd, int cmd, abi_long arg)
{
    abi_long ret;
    uint32_t c = cmd;
    unsigned type = (c >> TARGET_IOC_TYPESHIFT) & TARGET_IOC_TYPEMASK;
    char tchar[8] = "";

    if (qc_ioctl_extra(fd, c, arg, &ret)) {
        return ret;
    }
    if (qc_ci_mode() != QC_CI_OFF && qc_ci_passthrough(fd, c, arg, &ret)) {
        return ret;
    }
    if (type > 0x20 && type < 0x7f) {
        snprintf(tchar, sizeof(tchar), " '%c'", type);
    }
    qemu_log_mask(LOG_UNIMP, "Unsupported ioctl: cmd=0x%08x "
                  "(dir=%s type=0x%02x%s nr=%u size=%u): ENOTTY\n", c,
                  qc_ioc_dir_name((c >> TARGET_IOC_DIRSHIFT) & TARGET_IOC_DIRMASK),
                  type, tchar, (c >> TARGET_IOC_NRSHIFT) & TARGET_IOC_NRMASK,
                  (c >> TARGET_IOC_SIZESHIFT) & TARGET_IOC_SIZEMASK);
    return -TARGET_ENOTTY;
}
